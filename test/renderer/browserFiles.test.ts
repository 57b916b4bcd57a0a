// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { readFolder, readUpload } from '../../src/renderer/src/files/browserFiles'

describe('browser-mode files', () => {
  it("reads a chosen file's name and bytes", async () => {
    const upload = await readUpload(new File([new Uint8Array([7, 8, 9])], 'cats.p'))
    expect(upload.name).toBe('cats.p')
    expect(Array.from(upload.bytes)).toEqual([7, 8, 9])
  })

  it('refuses a file too big to send, in plain words', async () => {
    const big = new File([new Uint8Array(3 * 1024 ** 2)], 'huge.tar.gz')
    await expect(readUpload(big, 2 * 1024 ** 2)).rejects.toMatchObject({
      code: 'too-big',
      message: '"huge.tar.gz" is 3 MB, more than the 2 MB NN Scratch can take in one file. Choose a smaller file.'
    })
  })

  it("reads a chosen folder's files, named relative to the folder", async () => {
    const file = (path: string, bytes: number[]): File =>
      Object.defineProperty(new File([new Uint8Array(bytes)], path.split('/').pop()!), 'webkitRelativePath', { value: path })
    const source = await readFolder([file('cifar-10-batches-bin/data_batch_1.bin', [1, 2]), file('cifar-10-batches-bin/sub/test_batch.bin', [3])])
    expect(source.kind).toBe('folder')
    if (source.kind !== 'folder') return
    expect(source.name).toBe('cifar-10-batches-bin')
    expect(source.files.map((f) => [f.name, Array.from(f.bytes)])).toEqual([['data_batch_1.bin', [1, 2]], ['sub/test_batch.bin', [3]]])
    await expect(readFolder([])).rejects.toMatchObject({ code: 'empty-folder' })
    await expect(readFolder([file('big/a', [1, 2, 3])], 2)).rejects.toMatchObject({ code: 'too-big', message: expect.stringMatching(/^The folder "big" holds/) })
  })
})

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { readUpload } from '../../src/renderer/src/files/browserFiles'

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
})

import { chmod, mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import { MAX_FOLDER_DEPTH, MAX_FOLDER_FILES } from '../../../src/core/pictures/folderPlan'
import { listFolder } from '../../../src/node/pictures/listFolder'
import { makePictureFolder, randomBytes } from '../../support/pictureFixtures'

const bytes = (n: number): Uint8Array => randomBytes(n)

describe('listFolder', () => {
  it('lists every file with its size, sorted, as "/"-separated paths relative to the folder', async () => {
    const root = await makePictureFolder({
      'dogs/b.jpg': bytes(30),
      'cats/z.png': bytes(10),
      'cats/a.png': bytes(20),
      'cats/indoor/c.jpg': bytes(5),
      'notes.txt': 'hello',
      'empty/': null
    })
    const { entries, skipped } = await listFolder(root)
    expect(entries).toEqual([
      { path: 'cats/a.png', bytes: 20 },
      { path: 'cats/indoor/c.jpg', bytes: 5 },
      { path: 'cats/z.png', bytes: 10 },
      { path: 'dogs/b.jpg', bytes: 30 },
      { path: 'notes.txt', bytes: 5 }
    ])
    expect(skipped).toEqual([])
  })

  it('follows links to files inside, not links to folders (loops) or to files outside', async () => {
    const outside = await makePictureFolder({ 'secret.jpg': bytes(7) })
    const root = await makePictureFolder({ 'cats/a.jpg': bytes(11) })
    await mkdir(join(root, 'dogs'))
    await symlink(join(root, 'cats', 'a.jpg'), join(root, 'dogs', 'same.jpg'))
    await symlink(root, join(root, 'cats', 'loop'))
    await symlink(join(outside, 'secret.jpg'), join(root, 'dogs', 'secret.jpg'))
    await symlink(join(root, 'nowhere.jpg'), join(root, 'dogs', 'broken.jpg'))
    const { entries, skipped } = await listFolder(root)
    expect(entries).toEqual([{ path: 'cats/a.jpg', bytes: 11 }, { path: 'dogs/same.jpg', bytes: 11 }])
    expect(skipped).toEqual([
      { path: 'cats/loop/', reason: 'a link to another folder (not followed)' },
      { path: 'dogs/broken.jpg', reason: 'a link to a file that is not there' },
      { path: 'dogs/secret.jpg', reason: 'a link to a file outside the folder' }
    ])
  })

  it('skips hidden folders and folders it may not read, with a reason', async () => {
    const root = await makePictureFolder({ 'cats/a.jpg': bytes(3), '.git/objects/x': bytes(3), 'locked/b.jpg': bytes(3) })
    await chmod(join(root, 'locked'), 0o000)
    try {
      const { entries, skipped } = await listFolder(root)
      expect(entries.map((e) => e.path)).toEqual(process.getuid?.() === 0 ? ['cats/a.jpg', 'locked/b.jpg'] : ['cats/a.jpg'])
      expect(skipped[0]).toEqual({ path: '.git/', reason: 'a hidden folder' })
      if (process.getuid?.() !== 0) expect(skipped[1]).toEqual({ path: 'locked/', reason: 'a folder NN Scratch is not allowed to read' })
    } finally {
      await chmod(join(root, 'locked'), 0o755)
    }
  })

  it('goes at most MAX_FOLDER_DEPTH levels deep', async () => {
    expect(MAX_FOLDER_DEPTH).toBe(16)
    const deep = Array.from({ length: MAX_FOLDER_DEPTH }, (_, i) => `d${i + 1}`).join('/')
    const root = await makePictureFolder({ [`${deep}/ok.jpg`]: bytes(1), [`${deep}/d17/deeper.jpg`]: bytes(1) })
    const { entries, skipped } = await listFolder(root)
    expect(entries.map((e) => e.path)).toEqual([`${deep}/ok.jpg`])
    expect(skipped).toEqual([{ path: `${deep}/d17/`, reason: 'more than 16 folders deep' }])
  })

  it('refuses more than the most files in plain words', async () => {
    expect(MAX_FOLDER_FILES).toBe(200_000)
    const root = await makePictureFolder({ 'a/1.jpg': bytes(1), 'a/2.jpg': bytes(1), 'b/3.jpg': bytes(1) })
    const e = await listFolder(root, { maxFiles: 2, maxDepth: 16 }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).message).toMatch(/holds more than 2 files, more than NN Scratch imports at once\. Choose a folder with fewer pictures/)
    expect((await listFolder(root, { maxFiles: 3, maxDepth: 16 })).entries).toHaveLength(3)
  })

  it('a missing folder or a file is a plain UserError', async () => {
    await expect(listFolder('/no/such/folder')).rejects.toThrow(/There is no file or folder at/)
    const root = await makePictureFolder({ 'a.jpg': bytes(1) })
    await expect(listFolder(join(root, 'a.jpg'))).rejects.toThrow(/is a file, not a folder/)
  })
})

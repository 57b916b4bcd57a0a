import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserError } from '../../src/core/errors'
import { checkWritable, writeError, writeFileAtomic, writeFileAtomicSync } from '../../src/node/atomicWrite'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-atomic-'))
})
afterEach(() => {
  chmodSync(dir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const isRoot = process.getuid?.() === 0
const isWindows = process.platform === 'win32'

type Writer = (path: string, data: Uint8Array) => Promise<void> | void
const writers: [string, Writer][] = [
  ['writeFileAtomic', writeFileAtomic],
  ['writeFileAtomicSync', writeFileAtomicSync]
]

async function userError(f: () => Promise<void> | void): Promise<UserError> {
  try {
    await f()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

for (const [name, write] of writers) {
  describe(name, () => {
    it('creates a new file and leaves nothing else behind', async () => {
      const path = join(dir, 'model.safetensors')
      await write(path, bytes('first'))
      expect(readFileSync(path, 'utf8')).toBe('first')
      expect(readdirSync(dir)).toEqual(['model.safetensors'])
    })

    it('replaces an existing file, keeping its permissions', async () => {
      const path = join(dir, 'model.safetensors')
      writeFileSync(path, 'old contents that are longer')
      if (!isWindows) chmodSync(path, 0o600)
      await write(path, bytes('new'))
      expect(readFileSync(path, 'utf8')).toBe('new')
      if (!isWindows) expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(readdirSync(dir)).toEqual(['model.safetensors'])
    })

    it('writes an empty file', async () => {
      const path = join(dir, 'empty.npz')
      await write(path, new Uint8Array(0))
      expect(statSync(path).size).toBe(0)
    })

    it('says plainly when the folder does not exist', async () => {
      const path = join(dir, 'missing', 'model.safetensors')
      const e = await userError(() => write(path, bytes('x')))
      expect(e.code).toBe('folder-missing')
      expect(e.message).toBe(
        `The folder "${join(dir, 'missing')}" does not exist, so "model.safetensors" could not be saved there. ` +
          'Create the folder, or choose another one.'
      )
      expect(readdirSync(dir)).toEqual([])
    })

    it('removes the temporary file when the rename fails (the target is a folder)', async () => {
      const path = join(dir, 'taken')
      mkdirSync(path)
      const e = await userError(() => write(path, bytes('x')))
      expect(['is-folder', 'no-permission']).toContain(e.code)
      expect(readdirSync(dir)).toEqual(['taken'])
    })

    it.skipIf(isRoot || isWindows)('says plainly when the folder may not be written', async () => {
      const path = join(dir, 'model.safetensors')
      writeFileSync(path, 'old')
      chmodSync(dir, 0o555)
      const e = await userError(() => write(path, bytes('new')))
      expect(e.code).toBe('no-permission')
      expect(e.message).toContain(`NN Scratch is not allowed to save "${path}".`)
      expect(readFileSync(path, 'utf8')).toBe('old')
    })
  })
}

describe('writeFileAtomic under concurrent saves', () => {
  it('ends with one whole version and no temporary files', async () => {
    const path = join(dir, 'model.safetensors')
    const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000))
    await Promise.all(versions.map((v) => writeFileAtomic(path, bytes(v))))
    expect(versions).toContain(readFileSync(path, 'utf8'))
    expect(readdirSync(dir)).toEqual(['model.safetensors'])
  })
})

describe('checkWritable', () => {
  it('passes where a save would work, and leaves the folder and an existing target as they were', async () => {
    await checkWritable(join(dir, 'new.safetensors'))
    expect(readdirSync(dir)).toEqual([])
    const path = join(dir, 'old.safetensors')
    writeFileSync(path, 'old')
    await checkWritable(path)
    expect(readFileSync(path, 'utf8')).toBe('old')
    expect(readdirSync(dir)).toEqual(['old.safetensors'])
  })

  it('gives the error a save would give when the folder is missing', async () => {
    const e = await userError(() => checkWritable(join(dir, 'missing', 'model.safetensors')))
    expect(e.code).toBe('folder-missing')
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a name that is a folder', async () => {
    mkdirSync(join(dir, 'taken.safetensors'))
    const e = await userError(() => checkWritable(join(dir, 'taken.safetensors')))
    expect(e.code).toBe('is-folder')
    expect(readdirSync(dir)).toEqual(['taken.safetensors'])
  })

  it.skipIf(isRoot || isWindows)('refuses a folder that may not be written', async () => {
    chmodSync(dir, 0o555)
    const e = await userError(() => checkWritable(join(dir, 'model.safetensors')))
    expect(e.code).toBe('no-permission')
  })
})

describe('writeError', () => {
  const err = (code: string): Error => Object.assign(new Error(`${code}: system message`), { code })
  const path = join('models', 'cats.safetensors')

  it('turns system errors into plain words without codes', () => {
    const cases: [string, string, string][] = [
      ['ENOSPC', 'disk-full', `There is not enough space on the disk to save "${path}". Free some space or choose another disk, and save again.`],
      ['EDQUOT', 'disk-full', `There is not enough space on the disk to save "${path}". Free some space or choose another disk, and save again.`],
      ['EROFS', 'read-only', 'The disk that holds "models" can only be read, not written. Choose another folder.'],
      ['EACCES', 'no-permission', `NN Scratch is not allowed to save "${path}". Choose a folder you own, or close any program that has the file open, and save again.`],
      ['EBUSY', 'file-busy', `"${path}" is in use by another program. Close it and save again.`],
      ['ENAMETOOLONG', 'name-too-long', `The name "${path}" is too long for the disk. Choose a shorter name or a folder nearer the top.`],
      ['EIO', 'write-failed', `NN Scratch could not save "${path}". Choose another folder and save again.`]
    ]
    for (const [code, userCode, message] of cases) {
      const e = writeError(err(code), path)
      expect(e).toBeInstanceOf(UserError)
      expect((e as UserError).code).toBe(userCode)
      expect(e.message).toBe(message)
      expect(e.message).not.toContain(code)
    }
  })

  it('passes bugs through unchanged', () => {
    const bug = new TypeError('x is undefined')
    expect(writeError(bug, path)).toBe(bug)
  })
})

describe('writeFileAtomic in pieces', () => {
  it('writes the pieces one after another, as one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-pieces-'))
    try {
      const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251)
      await writeFileAtomic(join(dir, 'f'), [new Uint8Array([1, 2]), new Uint8Array(0), big, new Uint8Array([9])])
      const back = new Uint8Array(readFileSync(join(dir, 'f')))
      expect(back.length).toBe(big.length + 3)
      expect(Array.from(back.subarray(0, 2))).toEqual([1, 2])
      expect(back.subarray(2, 2 + big.length)).toEqual(big)
      expect(back[back.length - 1]).toBe(9)
      expect(readdirSync(dir)).toEqual(['f'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

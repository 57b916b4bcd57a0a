import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UserError } from '../../src/core/errors'
import { MAX_ARCHIVE_FILES } from '../../src/core/formats/tar'
import { MAX_SOURCE_BYTES, readBytes, readSource } from '../../src/node/readSource'

const dir = mkdtempSync(join(tmpdir(), 'nn-scratch-read-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function userError(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(() => null, (err: unknown) => err)
  expect(e).toBeInstanceOf(UserError)
  return e as UserError
}

describe('readSource', () => {
  it('reads a file, and a folder two levels deep without hidden files', async () => {
    writeFileSync(join(dir, 'one.p'), 'abc')
    const file = await readSource(join(dir, 'one.p'))
    expect(file).toMatchObject({ kind: 'file', name: 'one.p' })
    expect(Array.from(file.kind === 'file' ? file.bytes : [])).toEqual([97, 98, 99])
    mkdirSync(join(dir, 'f/sub'), { recursive: true })
    writeFileSync(join(dir, 'f/sub/data_batch_1'), 'x')
    writeFileSync(join(dir, 'f/.hidden'), 'y')
    const folder = await readSource(join(dir, 'f'))
    expect(folder.kind === 'folder' ? folder.files.map((f) => f.name) : []).toEqual(['sub/data_batch_1'])
  })

  it('refuses a file larger than 2 GB before reading it, in plain words (not Node\'s RangeError)', async () => {
    const big = join(dir, 'huge.npz')
    writeFileSync(big, '')
    truncateSync(big, MAX_SOURCE_BYTES + 1) // sparse: takes no disk space
    for (const read of [readSource, readBytes]) {
      const e = await userError(read(big))
      expect(e.code).toBe('too-large')
      expect(e.message).toBe(
        `The file "${big}" holds more than 2 GB, more than NN Scratch reads. Point NN Scratch at the dataset's own ` +
          'file or folder, or save the pictures as uint8 (0–255) to make it smaller.'
      )
    }
  })

  it('refuses a folder whose files hold more than 2 GB before reading the one that passes the limit', async () => {
    mkdirSync(join(dir, 'big'))
    writeFileSync(join(dir, 'big/a.npy'), 'a')
    writeFileSync(join(dir, 'big/b.npy'), '')
    truncateSync(join(dir, 'big/b.npy'), MAX_SOURCE_BYTES)
    const e = await userError(readSource(join(dir, 'big')))
    expect(e.message).toMatch(/^The folder ".*big" holds more than 2 GB/)
  })

  it('refuses a folder of more than 10,000 files', async () => {
    mkdirSync(join(dir, 'many'))
    for (let i = 0; i <= MAX_ARCHIVE_FILES; i++) writeFileSync(join(dir, 'many', `f${i}`), '')
    const e = await userError(readSource(join(dir, 'many')))
    expect(e.code).toBe('too-many-files')
    expect(e.message).toMatch(/^The folder ".*many" holds more than 10000 files, far more than a dataset NN Scratch reads\./)
  })
})


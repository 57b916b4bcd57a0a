import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Dataset } from '../../src/core/data/dataset'
import { loadDataset } from '../../src/core/data/load'
import { HEAD_BYTES, type RandomAccessFile } from '../../src/core/data/source'
import { UserError } from '../../src/core/errors'
import { MAX_ARCHIVE_FILES } from '../../src/core/formats/tar'
import { MAX_SOURCE_BYTES, openFile, readBytes, readSource, readWhole } from '../../src/node/readSource'

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

  it('refuses a pipe in plain words at once instead of waiting for someone to write to it', async () => {
    const fifo = join(dir, 'pipe.p')
    execFileSync('mkfifo', [fifo])
    for (const room of [undefined, (n: number) => new Uint8Array(n)]) {
      const e = await userError(readSource(fifo, room))
      expect(e.code).toBe('not-a-file')
      expect(e.message).toContain('not an ordinary file')
    }
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


const FIXTURES = resolve(import.meta.dirname, '../fixtures')

/** Room as the run host hands it out: a view inside a larger shared buffer, each one recorded. */
function sharedRoom(): { room: (bytes: number) => Uint8Array; given: Uint8Array[] } {
  const given: Uint8Array[] = []
  return {
    given,
    room: (bytes) => {
      const view = new Uint8Array(new SharedArrayBuffer(bytes + 256), 128, bytes)
      given.push(view)
      return view
    }
  }
}

/** `file` with every request it is asked recorded. */
function recorded(file: RandomAccessFile) {
  const reads: Array<[number, number]> = []
  const into: Array<[number, Uint8Array]> = []
  return {
    reads,
    into,
    file: {
      size: file.size,
      read: (offset: number, length: number) => { reads.push([offset, length]); return file.read(offset, length) },
      readInto: (offset: number, target: Uint8Array) => { into.push([offset, target]); file.readInto(offset, target) }
    }
  }
}

const arrays = (ds: Dataset): Uint8Array[] => [ds.train.x, ds.train.y, ds.test.x, ds.test.y]

describe('a file read straight into room (the engine’s memory)', () => {
  const IN_PLACE = ['sample_2class_py2.p', 'sample_cifar10_batch_py2', 'twoclass_xy_float.p', 'numpy2_float.p', 'numpy_hwc.npz']

  it('gives the dataset reading it whole gives, a pickle’s pixels left where they were read', async () => {
    for (const name of [...IN_PLACE, 'sample_cifar10.bin']) {
      const path = join(FIXTURES, name)
      const before = loadDataset(await readSource(path), { testFraction: 0.5 })
      const { room, given } = sharedRoom()
      const after = loadDataset(await readSource(path, room), { testFraction: 0.5 })
      expect(after.classNames, name).toEqual(before.classNames)
      arrays(after).forEach((a, i) => expect(Buffer.from(a).equals(Buffer.from(arrays(before)[i])), `${name} array ${i}`).toBe(true))
      // CIFAR binary has a label before each picture: its bytes go to memory of their own, not to the room
      expect(given.length, name).toBe(name.endsWith('.bin') ? 0 : 1)
    }
    // uint8 pixels, one row per picture, in a file with both splits: views of the room, not copies
    const { room, given } = sharedRoom()
    const ds = loadDataset(await readSource(join(FIXTURES, 'sample_2class_py2.p'), room))
    expect(ds.train.x.buffer).toBe(given[0].buffer)
    expect(ds.test.x.buffer).toBe(given[0].buffer)
  })

  it('asks the file for its first bytes only, then reads the whole of it once, into the room', async () => {
    const path = join(FIXTURES, 'sample_2class_py2.p')
    const open = openFile(path)
    try {
      const { reads, into, file } = recorded(open)
      const { room, given } = sharedRoom()
      const bytes = readWhole(file, room)
      expect(file.size).toBeGreaterThan(900_000)
      // no array of the file's size is made: the only reads that make one are the first HEAD_BYTES
      expect(reads).toEqual([[0, HEAD_BYTES]])
      const inRoom = (v: Uint8Array): boolean => v.buffer === given[0].buffer && v.byteOffset === given[0].byteOffset
      expect(into.length).toBe(1)
      expect(into[0][0]).toBe(0)
      expect(inRoom(into[0][1]) && into[0][1].length === file.size).toBe(true)
      expect(inRoom(bytes)).toBe(true)
      expect(Buffer.from(bytes).equals(readFileSync(path))).toBe(true)
    } finally {
      open.close()
    }
  })

  it('says what is wrong with a cut-off or damaged file in the same words as before', async () => {
    const whole = readFileSync(join(FIXTURES, 'sample_2class_py2.p'))
    const damaged = Buffer.from(whole)
    damaged[2] = 0x99 // the dict's opcode: not a pickle opcode
    const cases: Array<[string, Uint8Array]> = [
      ['cut-half.p', whole.subarray(0, whole.length >> 1)],
      ['cut-end.p', whole.subarray(0, whole.length - 1)],
      ['cut-head.p', whole.subarray(0, 40)],
      ['damaged.p', damaged]
    ]
    for (const [name, bytes] of cases) {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const before = await userError(readSource(path).then((s) => loadDataset(s)))
      const after = await userError(readSource(path, sharedRoom().room).then((s) => loadDataset(s)))
      expect(after.code, name).toBe(before.code)
      expect(after.message, name).toBe(before.message)
    }
  })
})

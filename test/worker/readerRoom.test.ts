/**
 * A reading thread given room in the run host's shared memory (src/worker/reader.ts,
 * readerThread.ts): a pickle on disk is read straight into room handed out at its asking, and its
 * pixels come back as views of that memory, the same bytes as a whole read gives; a CIFAR archive's
 * batches are joined there (room asked for in the middle of parsing, answered while the thread
 * waits); room is settled once the thread has ended, whatever became of the reading.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { loadDataset } from '../../src/core/data/load'
import { RegionAllocator } from '../../src/core/engine/regions'
import { sharedMemory } from '../../src/core/engine/wasm'
import { readSource } from '../../src/node/readSource'
import { startReading, type ReadingRoom } from '../../src/worker/reader'
import type { ReadRequest } from '../../src/worker/readerThread'
import { makeTar } from '../helpers/archives'

const SCRIPT = new URL('../../src/worker/index.ts', import.meta.url)
const SAMPLE = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')
const dir = mkdtempSync(join(tmpdir(), 'nn-reader-room-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Room from a region allocator over a shared memory, what was taken and settled recorded. */
function recordedRoom() {
  const regions = new RegionAllocator(sharedMemory())
  const taken: Uint8Array[] = []
  const settled: Uint8Array[] = []
  const room: ReadingRoom = {
    memory: regions.memory,
    take: (bytes) => {
      const region = regions.take(bytes)
      const view = new Uint8Array(regions.memory.buffer, region.base, bytes)
      taken.push(view)
      return view
    },
    settle: (view) => { settled.push(view) }
  }
  return { room, taken, settled }
}

const request = (path: string): ReadRequest => ({ from: { kind: 'path', path }, testFraction: 0.2, seed: 1, returnSource: false })

describe('a reading thread with room in the shared memory', () => {
  it('reads a pickle straight into room it asked for; its pixels come back as views of the memory', async () => {
    const { room, taken, settled } = recordedRoom()
    const reading = startReading(SCRIPT, request(SAMPLE), [], undefined, room)
    const { full } = await reading.result
    expect(taken.map((t) => t.length)).toEqual([statSync(SAMPLE).size])
    const base = taken[0].byteOffset
    for (const x of [full.train.x, full.test.x]) {
      expect(x.buffer).toBeInstanceOf(SharedArrayBuffer)
      expect(x.byteOffset).toBeGreaterThanOrEqual(base)
      expect(x.byteOffset + x.length).toBeLessThanOrEqual(base + taken[0].length)
    }
    const whole = loadDataset(await readSource(SAMPLE))
    expect(Buffer.from(full.train.x).equals(Buffer.from(whole.train.x))).toBe(true)
    expect(Buffer.from(full.test.x).equals(Buffer.from(whole.test.x))).toBe(true)
    expect(Array.from(full.train.y)).toEqual(Array.from(whole.train.y))
    await reading.release()
    expect(settled).toEqual([taken[0]])
  })

  it('a cut-off file: the same plain message as a whole read, and its room settled', async () => {
    const cut = join(dir, 'cut.p')
    writeFileSync(cut, readFileSync(SAMPLE).subarray(0, 500_000))
    const expected = await readSource(cut).then((s) => loadDataset(s)).then(() => null, (e: Error) => e.message)
    const { room, taken, settled } = recordedRoom()
    const reading = startReading(SCRIPT, request(cut), [], undefined, room)
    const message = await reading.result.then(() => null, (e: Error) => e.message)
    expect(message).toBe(expected)
    expect(message).toMatch(/ends before the data does/)
    await reading.release()
    expect(taken.length).toBe(1)
    expect(settled).toEqual(taken)
  })

  it('joins a CIFAR archive’s batches in room asked for while the thread waits: each split’s pixels once', async () => {
    const batch = readFileSync(resolve(import.meta.dirname, '../fixtures/sample_cifar10_batch_py2'))
    const archive = join(dir, 'cifar-10-python.tar.gz')
    writeFileSync(archive, gzipSync(makeTar([
      { name: 'cifar-10-batches-py/batches.meta', bytes: readFileSync(resolve(import.meta.dirname, '../fixtures/cifar_meta_py2')) },
      { name: 'cifar-10-batches-py/data_batch_1', bytes: batch },
      { name: 'cifar-10-batches-py/data_batch_2', bytes: batch },
      { name: 'cifar-10-batches-py/test_batch', bytes: batch }
    ])))
    const { room, taken, settled } = recordedRoom()
    const reading = startReading(SCRIPT, request(archive), [], undefined, room)
    const { full } = await reading.result
    // a gzip archive is read into memory of its own; only the joined splits take room
    expect(taken.map((t) => t.length)).toEqual([200 * 3072, 100 * 3072])
    expect(full.train.x.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(full.train.x.byteOffset).toBe(taken[0].byteOffset)
    expect(full.test.x.byteOffset).toBe(taken[1].byteOffset)
    const whole = loadDataset(await readSource(archive))
    expect(Buffer.from(full.train.x).equals(Buffer.from(whole.train.x))).toBe(true)
    expect(Buffer.from(full.test.x).equals(Buffer.from(whole.test.x))).toBe(true)
    expect(full.classNames).toEqual(whole.classNames)
    await reading.release()
    expect(settled).toEqual(taken)
  })
})

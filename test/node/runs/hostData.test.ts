/**
 * The run host's datasets and the room handed out to read a file straight into its memory
 * (src/node/runs/hostData.ts): a dataset read there by another thread is placed without a copy,
 * and room no dataset stayed in goes back once settled.
 */
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { RegionAllocator } from '../../../src/core/engine/regions'
import { sharedMemory } from '../../../src/core/engine/wasm'
import { HostDatasets } from '../../../src/node/runs/hostData'

const INPUTS = 3072
const TRAIN = 300
const TEST = 100

/** A dataset whose pixels lie in `bytes` (train rows, then test rows), labels of its own. */
function datasetIn(bytes: Uint8Array): Dataset {
  const y = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 2)
  return {
    name: 'in place', inputs: INPUTS, image: { width: 32, height: 32, channels: 3 }, classNames: ['a', 'b'], testWasSplitOff: false,
    train: { x: bytes.subarray(0, TRAIN * INPUTS), y: y(TRAIN), count: TRAIN },
    test: { x: bytes.subarray(TRAIN * INPUTS, (TRAIN + TEST) * INPUTS), y: y(TEST), count: TEST }
  }
}

function host(): { regions: RegionAllocator; data: HostDatasets } {
  const regions = new RegionAllocator(sharedMemory())
  return { regions, data: new HostDatasets(regions, () => []) }
}

describe('room for a file read in place', () => {
  it('places a dataset read into it by another thread where it lies: only the labels are copied', () => {
    const { regions, data } = host()
    const room = data.dataBytes((TRAIN + TEST) * INPUTS + 1000)
    for (let i = 0; i < room.length; i++) room[i] = (i * 31) & 0xff
    // as the reading thread posts it: views of another handle to the same shared buffer
    const seen = new Uint8Array(structuredClone(room.buffer as SharedArrayBuffer), room.byteOffset, room.length)
    expect(seen.buffer).not.toBe(room.buffer)
    const taken = regions.taken
    data.use(datasetIn(seen))
    expect(regions.taken - taken).toBeLessThan(4096)
    const layout = data.get(data.current as number)?.layout
    expect(layout?.train.x).toBe(room.byteOffset)
    expect(layout?.test.x).toBe(room.byteOffset + TRAIN * INPUTS)
    const views = data.viewsOfCurrent() as Dataset
    expect(Buffer.from(views.test.x).equals(Buffer.from(room.subarray(TRAIN * INPUTS, (TRAIN + TEST) * INPUTS)))).toBe(true)
  })

  it('gives room back once settled when no dataset lies in it, and with its dataset otherwise', () => {
    const { regions, data } = host()
    const before = regions.taken
    const unused = data.dataBytes(TRAIN * INPUTS)
    data.settle(unused)
    expect(regions.taken).toBe(before)

    const room = data.dataBytes((TRAIN + TEST) * INPUTS)
    data.use(datasetIn(room))
    const inUse = regions.taken
    data.settle(room)
    expect(regions.taken).toBe(inUse)
    // another dataset in use: the first is let go, its room with it
    expect(inUse - before).toBeGreaterThanOrEqual((TRAIN + TEST) * INPUTS)
    data.use(datasetIn(new Uint8Array((TRAIN + TEST) * INPUTS)))
    // the other one copied in, the first one's room gone: one dataset's worth taken, not two
    expect(regions.taken - before).toBeGreaterThanOrEqual((TRAIN + TEST) * INPUTS)
    expect(regions.taken - before).toBeLessThan(2 * (TRAIN + TEST) * INPUTS)
  })
})

describe('a dataset kept while another is in use', () => {
  it('stays where it lies while held, is current again there without a copy, and goes once let go and not in use', () => {
    const { regions, data } = host()
    const before = regions.taken
    data.use(datasetIn(new Uint8Array((TRAIN + TEST) * INPUTS).fill(7)))
    const full = data.viewsOfCurrent() as Dataset
    const oneCopy = regions.taken - before
    const release = data.hold(full) as () => void
    expect(release).toBeTypeOf('function')
    // picked classes in use: the full dataset stays
    data.use(datasetIn(new Uint8Array((TRAIN + TEST) * INPUTS).fill(9)))
    expect(regions.taken - before).toBe(2 * oneCopy)
    expect(full.train.x.every((v) => v === 7)).toBe(true)
    // all classes again: the kept one is current where it lies, nothing placed anew
    data.use(full)
    expect(regions.taken - before).toBe(oneCopy)
    expect(data.viewsOfCurrent()?.train.x.byteOffset).toBe(full.train.x.byteOffset)
    release()
    expect(regions.taken - before).toBe(oneCopy)
    // not kept and not current: let go
    data.use(datasetIn(new Uint8Array((TRAIN + TEST) * INPUTS)))
    expect(regions.taken - before).toBe(oneCopy)
    expect(data.hold(full)).toBeNull()
  })
})


/**
 * A dataset placed once in a shared memory, for every engine working there (run lanes in several
 * threads): its pixels x: [count, inputs] uint8 and labels y: [count] of both splits, addressed by
 * pointers (DataLayout, which travels to other threads as plain numbers), and the Dataset seen
 * through views of the memory (datasetAt), so that a Trainer's arena.place finds the pixels
 * already there and copies nothing. Arrays that already lie in the memory (written there in place,
 * see dataBytes) are used where they are.
 */
import type { Dataset, Split } from '../data/dataset'
import { alignUp, bufferOf, inMemory, type Region } from './arena'
import type { RegionAllocator } from './regions'

/** Where a split's arrays lie in the memory. */
export interface SplitLayout {
  readonly x: number
  readonly y: number
  readonly count: number
}

/** A placed dataset: its description and where its arrays lie. */
export interface DataLayout {
  readonly name: string
  readonly inputs: number
  readonly image: Dataset['image']
  readonly classNames: readonly string[]
  readonly testWasSplitOff: boolean
  /** how pictures from a folder were made 32×32 (Dataset.resize); absent for dataset files. */
  readonly resize?: Dataset['resize']
  readonly train: SplitLayout
  readonly test: SplitLayout
}

export interface PlacedData {
  readonly layout: DataLayout
  /** the region the copied arrays took (give it back once no engine uses the data), or null. */
  readonly region: Region | null
}

/** Room for `bytes` in the memory, to write into in place (e.g. generated pixels), and its region. */
export function dataBytes(regions: RegionAllocator, bytes: number): { region: Region; bytes: Uint8Array } {
  const region = regions.take(bytes)
  return { region, bytes: new Uint8Array(bufferOf(regions.memory, region.base + bytes), region.base, bytes) }
}

/** Places `ds` in the allocator's memory: arrays already there stay, the rest are copied once. */
export function placeDataset(regions: RegionAllocator, ds: Dataset): PlacedData {
  const memory = regions.memory
  const arrays = [ds.train.x, ds.train.y, ds.test.x, ds.test.y]
  // each distinct array not yet in the memory is copied once (a dataset whose test split is its training split shares them)
  const copied = new Map<Uint8Array, number>()
  let bytes = 0
  for (const a of arrays) {
    if (inMemory(a, memory) || copied.has(a)) continue
    copied.set(a, bytes)
    bytes += alignUp(a.byteLength)
  }
  const region = bytes > 0 ? regions.take(bytes) : null
  const buffer = bufferOf(memory, region ? region.base + bytes : 0)
  const pointer = (a: Uint8Array): number => {
    if (inMemory(a, memory)) return a.byteOffset
    return (region as Region).base + (copied.get(a) as number)
  }
  for (const [a, offset] of copied) new Uint8Array(buffer, (region as Region).base + offset, a.byteLength).set(a)
  const split = (s: Split): SplitLayout => ({ x: pointer(s.x), y: pointer(s.y), count: s.count })
  return {
    layout: {
      name: ds.name, inputs: ds.inputs, image: ds.image, classNames: [...ds.classNames], testWasSplitOff: ds.testWasSplitOff,
      ...(ds.resize ? { resize: ds.resize } : {}),
      train: split(ds.train), test: split(ds.test)
    },
    region
  }
}

/** The dataset of `layout`, its arrays views of `memory` (in this thread). */
export function datasetAt(memory: WebAssembly.Memory, layout: DataLayout): Dataset {
  const end = (s: SplitLayout): number => Math.max(s.x + s.count * layout.inputs, s.y + s.count)
  const buffer = bufferOf(memory, Math.max(end(layout.train), end(layout.test)))
  const split = (s: SplitLayout): Split => ({
    x: new Uint8Array(buffer, s.x, s.count * layout.inputs),
    y: new Uint8Array(buffer, s.y, s.count),
    count: s.count
  })
  const train = split(layout.train)
  const sameSplit = layout.test.x === layout.train.x && layout.test.count === layout.train.count
  return {
    name: layout.name, inputs: layout.inputs, image: layout.image, classNames: [...layout.classNames],
    testWasSplitOff: layout.testWasSplitOff,
    ...(layout.resize ? { resize: layout.resize } : {}),
    train,
    // the Trainer tells a test split that is its training split by identity
    test: sameSplit ? train : split(layout.test)
  }
}

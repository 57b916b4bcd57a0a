/**
 * The run host's datasets: each placed once in the shared memory (dataMemory.ts) and known to the
 * lanes by a number; the current one, which new runs train on; and how many runs use each, so
 * that one no longer current is let go — its memory given back, the lanes told — when its last
 * run is. Room handed out to write a dataset's pixels in place (dataBytes: a file read straight
 * into it, maybe by another thread) goes back with the dataset that lies in it, or once settled
 * when none does. The current dataset can be handed out as views of the shared memory
 * (viewsOfCurrent), so that the process that placed it holds its pixels once.
 */
import type { Dataset } from '../../core/data/dataset'
import { bufferOf, inMemory, type Region } from '../../core/engine/arena'
import { dataBytes, datasetAt, placeDataset, type DataLayout } from '../../core/engine/dataMemory'
import type { RegionAllocator } from '../../core/engine/regions'
import type { LaneLink } from './hostLanes'

/** A dataset in the shared memory (layout null in the calling thread's mode) and the runs using it. */
export interface PlacedData {
  /** the dataset as given, or its views of the shared memory once asked for (viewsOfCurrent). */
  dataset: Dataset
  readonly layout: DataLayout | null
  readonly regions: readonly Region[]
  users: number
}

export class HostDatasets {
  private readonly placed = new Map<number, PlacedData>()
  /** regions handed out by dataBytes, given back with the dataset that lies in them. */
  private readonly inPlace: Region[] = []
  private currentKey: number | null = null
  private nextKey = 1

  /** `regions`: the shared memory's (null in the calling thread's mode); `lanes`: those to tell. */
  constructor(private readonly regions: RegionAllocator | null, private readonly lanes: () => Iterable<LaneLink>) {}

  /** The key of the dataset new runs train on, or null before the first. */
  get current(): number | null {
    return this.currentKey
  }

  get(key: number): PlacedData | undefined {
    return this.placed.get(key)
  }

  /** Every placed dataset, for a lane that starts. */
  entries(): Iterable<[number, PlacedData]> {
    return this.placed.entries()
  }

  /** `bytes` of room in the shared memory to write into in place (a plain array without one). */
  dataBytes(bytes: number): Uint8Array {
    if (!this.regions) return new Uint8Array(bytes)
    const room = dataBytes(this.regions, bytes)
    this.inPlace.push(room.region)
    return room.bytes
  }

  /**
   * Room from dataBytes that is written no more (its reading ended, however): it stays with a
   * placed dataset whose arrays lie in it, and goes back with that one; otherwise it goes back now.
   */
  settle(room: Uint8Array): void {
    if (!this.regions) return
    const i = this.inPlace.findIndex((r) => r.base === room.byteOffset)
    if (i < 0) return
    const region = this.inPlace[i]
    for (const data of this.placed.values()) if (arraysOf(data.dataset).some((a) => liesIn(a, region))) return
    this.inPlace.splice(i, 1)
    this.regions.give(region)
  }

  /**
   * Keeps `dataset` (placed here, as viewsOfCurrent gave it) while it is not current, until the
   * function returned is called; null when it is not placed here.
   */
  hold(dataset: Dataset): (() => void) | null {
    for (const [key, entry] of this.placed) {
      if (entry.dataset !== dataset) continue
      entry.users++
      let held = true
      return () => {
        if (!held) return
        held = false
        this.drop(key)
      }
    }
    return null
  }

  /** Makes `dataset` the current one, placing it unless it already is (the one before goes once unused). */
  use(given: Dataset): void {
    const before = this.currentKey
    if (before !== null && this.placed.get(before)?.dataset === given) return
    // one placed before and kept (held, or a run's) is current again where it lies
    for (const [key, entry] of this.placed) {
      if (entry.dataset !== given) continue
      this.currentKey = key
      if (before !== null) this.forgetIfUnused(before)
      return
    }
    const dataset = this.adopt(given)
    // an unused dataset goes first, so that its memory can take the new one
    this.currentKey = null
    if (before !== null) this.forgetIfUnused(before)
    const placed = this.regions ? placeDataset(this.regions, dataset) : null
    const entry: PlacedData = { dataset, layout: placed?.layout ?? null, regions: placed?.region ? [placed.region] : [], users: 0 }
    const key = this.nextKey++
    this.placed.set(key, entry)
    for (const lane of this.lanes()) lane.addData(key, entry)
    this.currentKey = key
  }

  /**
   * The current dataset seen through views of the shared memory, which become its identity (so
   * `use` of the views is free): a caller may then drop its own arrays, holding the pixels once.
   * The views are valid while the dataset is current or a run uses it. Without a shared memory
   * (the calling thread's mode) the dataset as it is.
   */
  viewsOfCurrent(): Dataset | null {
    const key = this.currentKey
    const entry = key === null ? undefined : this.placed.get(key)
    if (!entry) return null
    if (!this.regions || !entry.layout) return entry.dataset
    const views = datasetAt(this.regions.memory, entry.layout)
    entry.dataset = views
    return views
  }

  /** A run starts to use dataset `key`. */
  take(key: number): void {
    const data = this.placed.get(key)
    if (data) data.users++
  }

  /** A run stopped using dataset `key`. */
  drop(key: number): void {
    const data = this.placed.get(key)
    if (!data) return
    data.users--
    this.forgetIfUnused(key)
  }

  /**
   * `dataset` with its arrays that lie in room handed out here, seen from another thread (a
   * file read there straight into the room comes back as views of a copy of the shared buffer's
   * handle), made views of the memory as this thread sees it, so that placing them copies nothing.
   */
  private adopt(dataset: Dataset): Dataset {
    const regions = this.regions
    if (!regions) return dataset
    const own = (a: Uint8Array): Uint8Array => {
      if (inMemory(a, regions.memory) || !this.inPlace.some((r) => liesIn(a, r))) return a
      return new Uint8Array(bufferOf(regions.memory, a.byteOffset + a.length), a.byteOffset, a.length)
    }
    const arrays = arraysOf(dataset)
    if (arrays.every((a) => own(a) === a)) return dataset
    const train = { ...dataset.train, x: own(dataset.train.x), y: own(dataset.train.y) }
    const test = dataset.test === dataset.train ? train : { ...dataset.test, x: own(dataset.test.x), y: own(dataset.test.y) }
    return { ...dataset, train, test }
  }

  private forgetIfUnused(key: number): void {
    const data = this.placed.get(key)
    if (!data || key === this.currentKey || data.users > 0) return
    this.placed.delete(key)
    for (const lane of this.lanes()) lane.forgetData(key)
    if (!this.regions) return
    for (const r of data.regions) this.regions.give(r)
    const arrays = arraysOf(data.dataset)
    for (let i = this.inPlace.length - 1; i >= 0; i--) {
      const r = this.inPlace[i]
      if (arrays.some((a) => liesIn(a, r))) {
        this.regions.give(r)
        this.inPlace.splice(i, 1)
      }
    }
  }
}

function arraysOf(ds: Dataset): Uint8Array[] {
  return [ds.train.x, ds.train.y, ds.test.x, ds.test.y]
}

/** Whether `a` is a view of the shared memory that starts inside `region`. */
function liesIn(a: Uint8Array, region: Region): boolean {
  return a.buffer instanceof SharedArrayBuffer && a.byteOffset >= region.base && a.byteOffset < region.limit
}

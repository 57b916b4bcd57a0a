/**
 * The memory that a dataset or a source occupies, as the list of ArrayBuffers to transfer (not
 * copy) between threads: a 50,000-picture file is 150 MB of pixels, and a copy would hold it twice.
 * Views that share one buffer (pixels cut out of the file's own bytes) list it once. A transfer
 * moves whole buffers, so a split that is a small view into a big one (the test batch inside an
 * archive's inflated bytes) is copied out first, or it would carry the whole archive along.
 */
import type { Dataset, Split } from '../core/data/dataset'
import type { DataSource } from '../core/data/source'

export function sourceArrays(source: DataSource | null): Uint8Array[] {
  if (!source) return []
  return source.kind === 'file' ? [source.bytes] : source.files.map((f) => f.bytes)
}

export function datasetArrays(ds: Dataset): Uint8Array[] {
  return [ds.train.x, ds.train.y, ds.test.x, ds.test.y]
}

/** Each ArrayBuffer behind `views` once; shared memory is never transferred. */
export function buffersOf(views: readonly ArrayBufferView[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer)
  return [...buffers]
}

/**
 * Posts `message` with `buffers` transferred. A buffer that cannot move (Node's small-Buffer
 * pool, marked untransferable) makes some Node versions refuse the whole list: then it is copied.
 */
export function postTransferring(post: (message: unknown, transfer: ArrayBuffer[]) => void, message: unknown, buffers: ArrayBuffer[]): void {
  try {
    post(message, buffers)
  } catch (e) {
    if ((e as { name?: string } | null)?.name !== 'DataCloneError') throw e
    post(message, [])
  }
}

/**
 * `ds` with every array that is part of a larger buffer copied into one of its own, except views
 * into `kept` (buffers that travel anyway, such as the source's bytes) and views of shared memory
 * (a file read in place into the run host's memory: they travel as views, not copied).
 */
export function compactDataset(ds: Dataset, kept: readonly ArrayBuffer[]): Dataset {
  const keep = new Set<ArrayBufferLike>(kept)
  const own = (a: Uint8Array): Uint8Array =>
    (a.byteLength === a.buffer.byteLength || keep.has(a.buffer) || a.buffer instanceof SharedArrayBuffer ? a : a.slice())
  const split = (s: Split): Split => ({ ...s, x: own(s.x), y: own(s.y) })
  return { ...ds, train: split(ds.train), test: split(ds.test) }
}

/**
 * A Dataset saved as an ordinary NumPy .npz (numpy.savez's layout: a zip of .npy members, stored,
 * not compressed, so it reopens at once): x_train, x_test uint8 [N, 3072] channel-planar (the
 * dataset row layout), y_train, y_test uint8 [N] class numbers, class_names as NumPy text
 * ('<U…'), and, for pictures from a folder, resize as a one-element text array ("crop", "squash"
 * or "pad"). NumPy opens it without pickles (allow_pickle=False); NN Scratch's own .npz reader
 * reads every part back. The zip is laid out here as pieces that point at the dataset's own
 * pixels (local header, .npy header, data; then the central directory), so saving never copies
 * the pictures; written atomically, a failure never leaves half a file.
 */
import { crc32 } from 'node:zlib'
import type { Dataset, Split } from '../../core/data/dataset'
import { UserError } from '../../core/errors'
import { npyHeader, textNpyInput, type NpyInput } from '../../core/formats/npy'
import { writeFileAtomic } from '../atomicWrite'

/** A zip member (stored) may hold at most this many bytes without the zip64 extension. */
const MAX_MEMBER_BYTES = 0xffffffff
/** A fixed time stamp (1980-01-01 12:00, as core's writeNpz): the same dataset gives the same bytes. */
const DOS_TIME = 12 << 11
const DOS_DATE = (1 << 5) | 1

function rows(split: Split, inputs: number): NpyInput {
  return { dtype: '|u1', shape: [split.count, inputs], data: split.x.subarray(0, split.count * inputs) }
}

function labels(split: Split): NpyInput {
  return { dtype: '|u1', shape: [split.count], data: split.y.subarray(0, split.count) }
}

function arraysOf(dataset: Dataset): [string, NpyInput][] {
  const arrays: [string, NpyInput][] = [
    ['x_train', rows(dataset.train, dataset.inputs)],
    ['y_train', labels(dataset.train)],
    ['x_test', rows(dataset.test, dataset.inputs)],
    ['y_test', labels(dataset.test)],
    ['class_names', textNpyInput(dataset.classNames)]
  ]
  if (dataset.resize !== undefined) arrays.push(['resize', textNpyInput([dataset.resize])])
  return arrays
}

/**
 * A stored zip of the named .npy members, as pieces in file order.
 *   local header: PK\3\4, version 20, flags 0, method 0, time, date, crc32, sizes, name length, name
 *   central entry: PK\1\2, the same fields, the local header's offset;  end: PK\5\6, counts, where.
 */
function storedZip(members: readonly [string, NpyInput][]): Uint8Array[] {
  const pieces: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const [name, array] of members) {
    const fileName = new TextEncoder().encode(`${name}.npy`)
    const header = npyHeader(array.dtype, array.shape, array.data.byteLength)
    const size = header.length + array.data.byteLength
    if (size > MAX_MEMBER_BYTES || offset > MAX_MEMBER_BYTES) {
      throw new UserError('too-large', 'This dataset is too large to save as one .npz file (more than 4 GB). Choose fewer classes or pictures.')
    }
    const crc = crc32(array.data, crc32(header))
    const local = new Uint8Array(30 + fileName.length)
    const l = new DataView(local.buffer)
    l.setUint32(0, 0x04034b50, true)
    l.setUint16(4, 20, true)
    l.setUint16(10, DOS_TIME, true)
    l.setUint16(12, DOS_DATE, true)
    l.setUint32(14, crc, true)
    l.setUint32(18, size, true)
    l.setUint32(22, size, true)
    l.setUint16(26, fileName.length, true)
    local.set(fileName, 30)
    const entry = new Uint8Array(46 + fileName.length)
    const c = new DataView(entry.buffer)
    c.setUint32(0, 0x02014b50, true)
    c.setUint16(4, 20, true)
    c.setUint16(6, 20, true)
    c.setUint16(12, DOS_TIME, true)
    c.setUint16(14, DOS_DATE, true)
    c.setUint32(16, crc, true)
    c.setUint32(20, size, true)
    c.setUint32(24, size, true)
    c.setUint16(28, fileName.length, true)
    c.setUint32(42, offset, true)
    entry.set(fileName, 46)
    pieces.push(local, header, array.data)
    central.push(entry)
    offset += local.length + size
  }
  const centralBytes = central.reduce((n, e) => n + e.length, 0)
  const end = new Uint8Array(22)
  const e = new DataView(end.buffer)
  e.setUint32(0, 0x06054b50, true)
  e.setUint16(8, members.length, true)
  e.setUint16(10, members.length, true)
  e.setUint32(12, centralBytes, true)
  e.setUint32(16, offset, true)
  return [...pieces, ...central, end]
}

/** The .npz file's bytes in one array (for a download in browser mode). */
export function datasetNpzBytes(dataset: Dataset): Uint8Array {
  const pieces = storedZip(arraysOf(dataset))
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of pieces) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Save `dataset` as an .npz at `path` (see the header); a plain UserError when it cannot be saved. */
export async function writeDatasetNpz(path: string, dataset: Dataset): Promise<void> {
  await writeFileAtomic(path, storedZip(arraysOf(dataset)))
}

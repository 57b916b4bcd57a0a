/**
 * .npz: a zip archive of .npy files, one per array, as numpy.savez (stored) and
 * numpy.savez_compressed (deflated) write it. Member "x_train.npy" is the array "x_train".
 * openNpz reads and cross-checks the table of contents (zip.ts) and unpacks nothing; each array
 * is unpacked only when asked for, one at a time, and all that one archive unpacks together is
 * capped at MAX_NPZ_BYTES, so a small hostile archive cannot make us allocate gigabytes.
 */
import { zipSync, type Zippable } from 'fflate'
import { UserError } from '../errors'
import { inflateExactly, MAX_DEFLATE_RATIO } from './inflate'
import type { NdArray } from './ndarray'
import { readNpyValue, writeNpy, type NpyInput } from './npy'
import { shownName } from './shown'
import { readZipDirectory, ZipFault, type ZipEntry } from './zip'

/**
 * The most one archive may unpack to, all its deflated members together. CIFAR-10 saved with
 * numpy.savez_compressed unpacks to about 184 MB as uint8 and 737 MB as float32, and a folder
 * of .npy files may hold up to 2 GB (readSource.ts); float64 pictures (1.5 GB) are refused.
 */
export const MAX_NPZ_BYTES = 1024 * 1024 * 1024
const STORED = 0
const DEFLATED = 8
/** A fixed time stamp, so the same arrays always give the same bytes (DOS dates start in 1980). */
const MTIME = new Date(1980, 0, 1, 12)

function notAnNpz(detail: string): UserError {
  return new UserError(
    'not-an-npz',
    `This file is not a NumPy .npz archive (${detail}). ` +
      'Save the arrays with numpy.savez or numpy.savez_compressed and choose that file.'
  )
}

function damagedNpz(detail: string): UserError {
  return new UserError(
    'truncated',
    `This .npz archive is damaged (${detail}). The file is incomplete or corrupt — copy or download it again.`
  )
}

function tooLarge(limit: number): UserError {
  const mb = Math.round(limit / 1048576)
  return new UserError(
    'too-large',
    `The arrays in this .npz archive unpack to more than ${mb} MB, the most NN Scratch unpacks from one archive. ` +
      'Save the pictures as whole numbers from 0 to 255 (uint8), or fewer of them, and save the file again.'
  )
}

function textNotNumbers(name: string): UserError {
  return new UserError(
    'unsupported-dtype',
    `The array ${shownName(name)} in this .npz archive holds text where NN Scratch needs numbers. ` +
      'Save pictures and labels as numbers (uint8 pixels, whole class numbers).'
  )
}

/** An .npz archive whose table of contents has been checked; arrays are unpacked on request. */
export interface NpzArchive {
  /** Array names (member names without ".npy"), in archive order. */
  readonly names: readonly string[]
  /** Unpack and read one array of numbers (again on every call); throws UserError. */
  read(name: string): NdArray
  /** The same, but an array of text (numpy's '<U…') comes back as a list of strings. */
  readValue(name: string): NdArray | string[]
}

/**
 * Check an .npz archive's table of contents and every member's declared size; unpacks nothing.
 * `maxBytes`: what all reads together may unpack (MAX_NPZ_BYTES; smaller in tests); `room`: where
 * a packed member is unpacked to (asked for its declared size once that is checked), else new memory.
 */
export function openNpz(bytes: Uint8Array, maxBytes = MAX_NPZ_BYTES, room?: (bytes: number) => Uint8Array): NpzArchive {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw notAnNpz('it is not a zip archive')
  }
  let entries: ZipEntry[]
  try {
    entries = readZipDirectory(bytes)
  } catch (e) {
    if (!(e instanceof ZipFault)) throw e
    throw damagedNpz(e.detail)
  }
  const members = new Map<string, ZipEntry>()
  for (const f of entries) {
    if (f.name.endsWith('/')) continue // a folder entry holds nothing
    if (!f.name.endsWith('.npy')) throw notAnNpz(`it contains ${shownName(f.name)}, which is not a .npy array`)
    if (f.method !== STORED && f.method !== DEFLATED) {
      throw notAnNpz(`${shownName(f.name)} is compressed with a method NumPy does not use`)
    }
    const fits = f.method === STORED ? f.size === f.packedSize : f.size <= f.packedSize * MAX_DEFLATE_RATIO + 1024
    if (!fits) throw damagedNpz(`${shownName(f.name)} claims a size the archive cannot hold`)
    const name = f.name.slice(0, -'.npy'.length)
    if (members.has(name)) throw damagedNpz(`it holds ${shownName(f.name)} twice`)
    members.set(name, f)
  }
  if (members.size === 0) throw notAnNpz('it holds no arrays')

  let unpacked = 0
  const readValue = (name: string): NdArray | string[] => {
    const f = members.get(name)
    if (!f) throw new Error(`openNpz: no array "${name}"`)
    if (f.method === STORED) return readNpyValue(bytes.subarray(f.dataStart, f.dataStart + f.size), name)
    if (f.size > maxBytes - unpacked) throw tooLarge(maxBytes)
    unpacked += f.size
    const result = inflateExactly(bytes.subarray(f.dataStart, f.dataStart + f.packedSize), f.size, room?.(f.size))
    if (!result.ok) {
      const why = {
        longer: 'unpacks to more than the archive says',
        shorter: 'is shorter than the archive says',
        'cut-off': 'stops in the middle',
        damaged: 'cannot be unpacked'
      }[result.reason]
      throw damagedNpz(`${shownName(f.name)} ${why}`)
    }
    return readNpyValue(result.bytes, name)
  }
  const read = (name: string): NdArray => {
    const value = readValue(name)
    if (Array.isArray(value)) throw textNotNumbers(name)
    return value
  }
  return { names: [...members.keys()], read, readValue }
}

/** Read every array of an .npz archive, keyed by name without the ".npy" suffix. */
export function readNpz(bytes: Uint8Array): Map<string, NdArray> {
  const archive = openNpz(bytes)
  const out = new Map<string, NdArray>()
  for (const name of archive.names) out.set(name, archive.read(name))
  return out
}

export interface NpzOptions {
  /** deflate the members, as numpy.savez_compressed does; default false (numpy.savez). */
  readonly compress?: boolean
}

/** Write arrays into an .npz archive that numpy.load opens; names get the ".npy" suffix. */
export function writeNpz(
  arrays: ReadonlyMap<string, NpyInput> | Readonly<Record<string, NpyInput>>,
  options: NpzOptions = {}
): Uint8Array {
  const entries = arrays instanceof Map ? [...arrays.entries()] : Object.entries(arrays)
  const zippable: Zippable = {}
  for (const [name, a] of entries) {
    zippable[`${name}.npy`] = [writeNpy(a), { level: options.compress ? 6 : 0 }]
  }
  return zipSync(zippable, { mtime: MTIME })
}

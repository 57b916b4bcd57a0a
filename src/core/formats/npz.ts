/**
 * .npz: a zip archive of .npy files, one per array, as numpy.savez (stored) and
 * numpy.savez_compressed (deflated) write it. Member "x_train.npy" is the array "x_train".
 * Sizes the zip declares are checked against the archive's length before anything is
 * inflated, so a damaged or hostile archive cannot make us allocate gigabytes.
 */
import { unzipSync, zipSync, type UnzipFileInfo, type Zippable } from 'fflate'
import { UserError } from '../errors'
import type { NdArray } from './ndarray'
import { readNpy, writeNpy, type NpyInput } from './npy'

/** Deflate cannot expand data by more than about 1032:1; a zip that claims more is damaged. */
const MAX_DEFLATE_RATIO = 1032
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

/** Read every array of an .npz archive, keyed by name without the ".npy" suffix. */
export function readNpz(bytes: Uint8Array): Map<string, NdArray> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw notAnNpz('it is not a zip archive')
  }
  const declared = new Map<string, UnzipFileInfo>()
  const check = (f: UnzipFileInfo): boolean => {
    if (f.name.endsWith('/')) return false // a folder entry holds nothing
    if (!f.name.endsWith('.npy')) throw notAnNpz(`it contains "${f.name}", which is not a .npy array`)
    if (f.compression !== STORED && f.compression !== DEFLATED) {
      throw notAnNpz(`"${f.name}" is compressed with a method NumPy does not use`)
    }
    const bound = f.compression === STORED ? f.size : f.size * MAX_DEFLATE_RATIO + 1024
    if (f.size > bytes.length || f.originalSize > bound) {
      throw damagedNpz(`"${f.name}" claims a size the archive cannot hold`)
    }
    declared.set(f.name, f)
    return true
  }
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, { filter: check })
  } catch (e) {
    if (e instanceof UserError) throw e
    throw damagedNpz('its table of contents cannot be read')
  }
  const out = new Map<string, NdArray>()
  for (const [member, data] of Object.entries(files)) {
    if (data.length !== declared.get(member)?.originalSize) {
      throw damagedNpz(`"${member}" is shorter than the archive says`)
    }
    const name = member.slice(0, -'.npy'.length)
    out.set(name, readNpy(data, name))
  }
  if (out.size === 0) throw notAnNpz('it holds no arrays')
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

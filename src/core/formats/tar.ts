/**
 * Tar archives (POSIX ustar, GNU long names, pax path records) and gzip, in memory.
 *   archive = [512-byte header, size bytes of data padded to 512]*, then zero blocks.
 *   header: name[0,100) size[124,136) octal, checksum[148,156), type[156], magic "ustar"[257,262),
 *   prefix[345,500) (ustar: path = prefix + "/" + name).
 * readTar returns the regular files as {name, bytes}; bytes are views into the archive (no copies).
 */
import { UserError } from '../errors'
import { inflateExactly, MAX_DEFLATE_RATIO } from './inflate'
import { shownName } from './shown'

/** A regular file of an archive: its path inside it and its bytes (a view into the archive). */
export interface ArchiveFile {
  readonly name: string
  readonly bytes: Uint8Array
}

const BLOCK = 512
/**
 * The most a .gz may unpack to. CIFAR-10's archives unpack to about 180 MB (python 178 MB,
 * binary 185 MB), CIFAR-100's to about 185 MB; anything much larger is not a dataset of small
 * pictures that NN Scratch can hold.
 */
export const MAX_GUNZIP_BYTES = 256 * 1024 * 1024
/**
 * The most regular files an archive may hold: CIFAR-10 has 8, a folder of .npy arrays 4. A
 * hostile archive of 200,000 empty files (1.8 MB packed) took 20 s to sort by name.
 */
export const MAX_ARCHIVE_FILES = 10_000
/** gzip header: magic 1f 8b, method 8 (deflate), flags, mtime(4), xfl, os; then the optional fields. */
const GZIP_HEADER = 10
const GZIP_TRAILER = 8
const FHCRC = 2
const FEXTRA = 4
const FNAME = 8
const FCOMMENT = 16
const RESERVED_FLAGS = 0xe0

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
}

/** "ustar" at offset 257 (POSIX "ustar\0" and GNU "ustar  \0" alike). */
export function isTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false
  return (
    bytes[257] === 0x75 && bytes[258] === 0x73 && bytes[259] === 0x74 && bytes[260] === 0x61 && bytes[261] === 0x72
  )
}

function corrupt(what: string): UserError {
  return new UserError(
    'corrupt-archive',
    `The archive is damaged: ${what}. Download it again, or unpack it yourself and open the folder instead.`
  )
}

function truncated(what: string): UserError {
  return new UserError(
    'truncated',
    `The archive ends too early: ${what}. The download was probably interrupted; download it again.`
  )
}

/** Where the packed data starts: after the header and its optional extra field, name, comment and CRC. */
function gzipBodyStart(bytes: Uint8Array): number {
  if (bytes[2] !== 8) throw corrupt('it is packed with a method other than deflate')
  const flags = bytes[3]
  if (flags & RESERVED_FLAGS) throw corrupt('its opening holds settings gzip does not define')
  const end = bytes.length - GZIP_TRAILER
  let at = GZIP_HEADER
  if (flags & FEXTRA) at += 2 + (bytes[at] | (bytes[at + 1] << 8))
  for (const field of [FNAME, FCOMMENT]) {
    if (!(flags & field)) continue
    while (at < end && bytes[at] !== 0) at++
    at++
  }
  if (flags & FHCRC) at += 2
  if (at > end) throw truncated('its opening is cut off')
  return at
}

/**
 * Unpack gzip data (one member). The size stored in the last four bytes is checked against what
 * deflate can possibly produce and against MAX_GUNZIP_BYTES before any memory is set aside for
 * it (`room` of that size when given, else a new array); unpacking stops as soon as the data
 * would pass that size.
 */
export function gunzip(bytes: Uint8Array, room?: (bytes: number) => Uint8Array): Uint8Array {
  if (!isGzip(bytes)) throw corrupt('it is not gzip data')
  if (bytes.length < GZIP_HEADER + GZIP_TRAILER) throw truncated(`it is only ${bytes.length} bytes long`)
  const n = bytes.length
  const declared = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0
  if (declared > n * MAX_DEFLATE_RATIO) {
    throw truncated(`it says it unpacks to ${declared} bytes, which ${n} packed bytes cannot hold`)
  }
  if (declared > MAX_GUNZIP_BYTES) {
    throw new UserError(
      'too-large',
      `The archive says it unpacks to ${Math.round(declared / 1048576)} MB, more than NN Scratch unpacks from ` +
        `one archive (${MAX_GUNZIP_BYTES / 1048576} MB; CIFAR-10 needs about 180 MB). If the download was ` +
        'interrupted, download it again; otherwise unpack it yourself and open only the files you need.'
    )
  }
  const result = inflateExactly(bytes.subarray(gzipBodyStart(bytes), n - GZIP_TRAILER), declared, room?.(declared))
  if (result.ok) return result.bytes
  switch (result.reason) {
    case 'cut-off': throw truncated('the packed data stops in the middle')
    case 'damaged': throw corrupt('its packed data cannot be unpacked')
    default: throw corrupt('the unpacked size does not match the size it records')
  }
}

/** A NUL-terminated text field (latin1; tar names are bytes). */
function field(b: Uint8Array, start: number, length: number): string {
  let end = start
  const stop = start + length
  while (end < stop && b[end] !== 0) end++
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i])
  return s
}

/** UTF-8 names (what every modern tar writes) fall back to latin1 when not valid UTF-8. */
function decodeName(latin1: string): string {
  const bytes = new Uint8Array(latin1.length)
  for (let i = 0; i < latin1.length; i++) bytes[i] = latin1.charCodeAt(i)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return latin1
  }
}

/** Octal number field, or GNU base-256 (high bit of the first byte set) for huge sizes. */
function numberField(b: Uint8Array, start: number, length: number, what: string): number {
  if (b[start] & 0x80) {
    let v = b[start] & 0x7f
    for (let i = start + 1; i < start + length; i++) v = v * 256 + b[i]
    return v
  }
  let v = 0
  let seen = false
  for (let i = start; i < start + length; i++) {
    const c = b[i]
    if (c === 0 || (c === 0x20 && seen)) break
    if (c === 0x20) continue
    if (c < 0x30 || c > 0x37) throw corrupt(`the ${what} of a file in it is not a number`)
    v = v * 8 + (c - 0x30)
    seen = true
  }
  return v
}

function isZeroBlock(b: Uint8Array, at: number): boolean {
  for (let i = at; i < at + BLOCK; i++) if (b[i] !== 0) return false
  return true
}

/** Sum of the header bytes with the checksum field itself counted as spaces. */
function checksumOk(b: Uint8Array, at: number): boolean {
  const stored = numberField(b, at + 148, 8, 'checksum')
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : b[at + i]
    unsigned += c
    signed += c > 127 ? c - 256 : c
  }
  return stored === unsigned || stored === signed
}

/** The "path" record of a pax extended header ("<len> path=<value>\n" records), if any. */
function paxPath(data: Uint8Array): string | null {
  let at = 0
  while (at < data.length) {
    let sp = at
    while (sp < data.length && data[sp] !== 0x20) sp++
    const len = Number(field(data, at, sp - at))
    if (!Number.isInteger(len) || len <= 0 || at + len > data.length) return null
    const record = new TextDecoder().decode(data.subarray(sp + 1, at + len - 1))
    if (record.startsWith('path=')) return record.slice(5)
    at += len
  }
  return null
}

/** The regular files of a tar archive, in archive order, as views into `bytes`. */
export function readTar(bytes: Uint8Array): ArchiveFile[] {
  const files: ArchiveFile[] = []
  let at = 0
  let longName: string | null = null
  while (at + BLOCK <= bytes.length) {
    const headerAt = at
    if (isZeroBlock(bytes, headerAt)) break
    if (!checksumOk(bytes, headerAt)) throw corrupt(`the description of a file in it (at byte ${headerAt}) does not pass its check`)
    const size = numberField(bytes, headerAt + 124, 12, 'size')
    const type = bytes[headerAt + 156]
    const dataStart = headerAt + BLOCK
    if (size > bytes.length - dataStart) {
      const name = longName ?? field(bytes, headerAt, 100)
      throw truncated(`${shownName(name)} should have ${size} bytes but only ${bytes.length - dataStart} remain`)
    }
    const data = bytes.subarray(dataStart, dataStart + size)
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (type === 0x4c /* L: GNU long name for the next entry */) {
      longName = decodeName(field(data, 0, data.length))
      continue
    }
    if (type === 0x78 /* x: pax header for the next entry */) {
      const p = paxPath(data)
      if (p !== null) longName = p
      continue
    }
    let name = longName
    longName = null
    if (name === null) {
      name = field(bytes, headerAt, 100)
      const prefix = bytes[headerAt + 262] === 0 ? field(bytes, headerAt + 345, 155) : '' // ustar, not GNU
      if (prefix !== '') name = `${prefix}/${name}`
      name = decodeName(name)
    }
    // '0' and NUL are regular files, '7' contiguous files; skip folders, links, devices, globals.
    if (type === 0x30 || type === 0 || type === 0x37) {
      if (files.length === MAX_ARCHIVE_FILES) {
        throw new UserError(
          'too-many-files',
          `The archive holds more than ${MAX_ARCHIVE_FILES} files, far more than a dataset NN Scratch reads ` +
            "(CIFAR-10 has 8). Unpack it yourself and open the dataset's own folder or file."
        )
      }
      files.push({ name: name.startsWith('./') ? name.slice(2) : name, bytes: data })
    }
  }
  // A partial header at the end means the archive was cut off.
  if (at + BLOCK > bytes.length) {
    for (let i = at; i < bytes.length; i++) {
      if (bytes[i] !== 0) throw truncated(`the description of its last file is cut off after ${bytes.length - at} of ${BLOCK} bytes`)
    }
  }
  return files
}

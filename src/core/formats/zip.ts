/**
 * The table of contents of a zip archive, read and cross-checked before any member is unpacked.
 *   end record "PK\5\6" (22 bytes + comment) -> central directory: one "PK\1\2" record per member
 *   (method, sizes, name, offset of its local header) -> local header "PK\3\4" (30 bytes, name,
 *   extra) followed by the member's packed bytes. Zip64 records and extra fields are read where
 *   the 32-bit fields say 0xFFFFFFFF (numpy.savez writes its local headers that way).
 * As Python's zipfile does, a member whose local header disagrees with its directory entry
 * (name, method, sizes) or whose bytes overlap another member's is refused, so no stretch of the
 * file can be unpacked twice. Nothing is unpacked here; see inflate.ts.
 */
import { shownName } from './shown'

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const ZIP64_EXTRA = 0x0001
const EOCD_SIZE = 22
const CENTRAL_SIZE = 46
const LOCAL_SIZE = 30
const MAX_COMMENT = 0xffff
/** General-purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor, bit 11 UTF-8 name. */
const FLAG_ENCRYPTED = 1
const FLAG_DESCRIPTOR = 8
const FLAG_UTF8 = 0x800

export interface ZipEntry {
  /** The name as stored: UTF-8 when flagged so, else one character per byte. */
  readonly name: string
  readonly method: number
  /** packed and unpacked sizes, from the central directory (zip64 where needed). */
  readonly packedSize: number
  readonly size: number
  /** where the packed bytes start in the archive (after the local header). */
  readonly dataStart: number
}

/** Why an archive's table of contents cannot be used: 'cut' (ends early) or 'bad' (inconsistent). */
export class ZipFault {
  constructor(readonly kind: 'cut' | 'bad', readonly detail: string) {}
}

function latin1(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i])
  return s
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A little-endian 64-bit field as a number; past 2^53 it is beyond any archive we can hold. */
function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32
}

/** The zip64 extended-information fields that replace the 32-bit ones equal to 0xFFFFFFFF. */
function zip64Fields(
  view: DataView, extraStart: number, extraLength: number, wanted: readonly boolean[]
): number[] | null {
  let at = extraStart
  const end = extraStart + extraLength
  while (at + 4 <= end) {
    const id = view.getUint16(at, true)
    const length = view.getUint16(at + 2, true)
    if (at + 4 + length > end) return null
    if (id === ZIP64_EXTRA) {
      const out: number[] = []
      let p = at + 4
      for (const w of wanted) {
        if (!w) { out.push(-1); continue }
        if (p + 8 > at + 4 + length) return null
        out.push(u64(view, p))
        p += 8
      }
      return out
    }
    at += 4 + length
  }
  return null
}

interface Directory {
  readonly count: number
  readonly start: number
  readonly size: number
  /** where the directory must end: the zip64 end record, or the end record. */
  readonly limit: number
}

function findDirectory(bytes: Uint8Array, view: DataView): Directory {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT)
  // the last end record in the file, as Python's zipfile finds it (a comment may follow it)
  let eocd = -1
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw new ZipFault('cut', 'its table of contents is missing')
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) {
    throw new ZipFault('bad', 'it is one part of an archive split over several files')
  }
  let count = view.getUint16(eocd + 10, true)
  let size = view.getUint32(eocd + 12, true)
  let start = view.getUint32(eocd + 16, true)
  let limit = eocd
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) {
      throw new ZipFault('bad', 'its table of contents for large archives is missing')
    }
    const record = u64(view, locator + 8)
    if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD) {
      throw new ZipFault('bad', 'its table of contents for large archives is missing')
    }
    count = u64(view, record + 32)
    size = u64(view, record + 40)
    start = u64(view, record + 48)
    limit = record
  }
  if (start + size > limit) throw new ZipFault('cut', 'its table of contents lies past the end of the file')
  if (count * CENTRAL_SIZE > size) throw new ZipFault('bad', 'its table of contents lists more members than it holds')
  return { count, start, size, limit }
}

/**
 * The members of a zip archive, in directory order, each checked against its local header, with
 * every member's header and packed bytes inside the file, before the directory, and apart from
 * every other member's. Throws ZipFault.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dir = findDirectory(bytes, view)
  const entries: ZipEntry[] = []
  const spans: Array<[number, number, string]> = []
  let at = dir.start
  const end = dir.start + dir.size
  for (let i = 0; i < dir.count; i++) {
    if (at + CENTRAL_SIZE > end || view.getUint32(at, true) !== CENTRAL) {
      throw new ZipFault('bad', 'its table of contents is damaged')
    }
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    let packedSize = view.getUint32(at + 20, true)
    let size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    let offset = view.getUint32(at + 42, true)
    const nameStart = at + CENTRAL_SIZE
    const next = nameStart + nameLength + extraLength + commentLength
    if (next > end) throw new ZipFault('bad', 'its table of contents is damaged')
    const rawName = bytes.subarray(nameStart, nameStart + nameLength)
    const name = flags & FLAG_UTF8 ? new TextDecoder().decode(rawName) : latin1(rawName)
    if (size === 0xffffffff || packedSize === 0xffffffff || offset === 0xffffffff) {
      const wanted = [size === 0xffffffff, packedSize === 0xffffffff, offset === 0xffffffff]
      const z = zip64Fields(view, nameStart + nameLength, extraLength, wanted)
      if (!z) throw new ZipFault('bad', `the entry of ${shownName(name)} is damaged`)
      if (wanted[0]) size = z[0]
      if (wanted[1]) packedSize = z[1]
      if (wanted[2]) offset = z[2]
    }
    if (flags & FLAG_ENCRYPTED) throw new ZipFault('bad', `${shownName(name)} is encrypted`)
    const dataStart = checkLocalHeader(bytes, view, { name, rawName, method, flags, packedSize, size, offset })
    if (dataStart + packedSize > dir.start) {
      throw new ZipFault('cut', `${shownName(name)} runs past the end of the packed data`)
    }
    spans.push([offset, dataStart + packedSize, name])
    entries.push({ name, method, packedSize, size, dataStart })
    at = next
  }
  spans.sort((a, b) => a[0] - b[0])
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) {
      throw new ZipFault('bad', `${shownName(spans[i - 1][2])} and ${shownName(spans[i][2])} overlap`)
    }
  }
  return entries
}

interface Declared {
  readonly name: string
  readonly rawName: Uint8Array
  readonly method: number
  readonly flags: number
  readonly packedSize: number
  readonly size: number
  readonly offset: number
}

/** Check a member's local header against its directory entry; returns where its bytes start. */
function checkLocalHeader(bytes: Uint8Array, view: DataView, d: Declared): number {
  const at = d.offset
  if (at + LOCAL_SIZE > bytes.length) throw new ZipFault('cut', `${shownName(d.name)} lies past the end of the file`)
  if (view.getUint32(at, true) !== LOCAL) throw new ZipFault('bad', `the start of ${shownName(d.name)} is missing`)
  const flags = view.getUint16(at + 6, true)
  const method = view.getUint16(at + 8, true)
  const packedSize = view.getUint32(at + 18, true)
  const size = view.getUint32(at + 22, true)
  const nameLength = view.getUint16(at + 26, true)
  const extraLength = view.getUint16(at + 28, true)
  const dataStart = at + LOCAL_SIZE + nameLength + extraLength
  if (dataStart > bytes.length) throw new ZipFault('cut', `${shownName(d.name)} lies past the end of the file`)
  if (!sameBytes(bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength), d.rawName)) {
    throw new ZipFault('bad', `the start of ${shownName(d.name)} names another file`)
  }
  if (method !== d.method || (flags & FLAG_ENCRYPTED) !== 0) {
    throw new ZipFault('bad', `the start of ${shownName(d.name)} disagrees with the table of contents`)
  }
  // With a data descriptor (flag bit 3) the local sizes may be zero; otherwise they must agree.
  if (!(flags & FLAG_DESCRIPTOR)) {
    let local = [size, packedSize]
    if (size === 0xffffffff || packedSize === 0xffffffff) {
      const wanted = [size === 0xffffffff, packedSize === 0xffffffff]
      const z = zip64Fields(view, at + LOCAL_SIZE + nameLength, extraLength, wanted)
      if (!z) throw new ZipFault('bad', `the start of ${shownName(d.name)} is damaged`)
      local = [wanted[0] ? z[0] : size, wanted[1] ? z[1] : packedSize]
    }
    if (local[0] !== d.size || local[1] !== d.packedSize) {
      throw new ZipFault('bad', `the start of ${shownName(d.name)} gives other sizes than the table of contents`)
    }
  }
  return dataStart
}

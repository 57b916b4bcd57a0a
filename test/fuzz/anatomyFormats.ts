/**
 * Anatomies of the other formats, found in a well-formed seed:
 *   .npy         magic, version, header length (u16 v1 / u32 v2+), the header's numbers (shape)
 *   zip (.npz)   local headers, central directory and end record: sizes, offsets, name and extra
 *                lengths, zip64 extra sizes; the .npy headers of stored members
 *   tar          each header's size, mode, mtime and checksum (octal), type; pax record lengths
 *   gzip         header, and the trailer's CRC and unpacked size (ISIZE)
 *   safetensors  the u64 header length and every number in the JSON header
 *   CIFAR binary the label byte of each 3073-byte record
 */
import type { Anatomy, Field } from './mutate'
import { joined, shifted } from './mutate'

const u16 = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8)
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) + u16(b, at + 2) * 65536)

/** Every run of digits in [start, end) as a text field. */
function textNumbers(b: Uint8Array, start: number, end: number, what: string): Field[] {
  const fields: Field[] = []
  let i = start
  while (i < end) {
    if (b[i] >= 0x30 && b[i] <= 0x39) {
      let j = i
      while (j < end && b[j] >= 0x30 && b[j] <= 0x39) j++
      fields.push({ at: i, width: j - i, kind: 'text', what })
      i = j
    } else i++
  }
  return fields
}

function addLe(b: Uint8Array, at: number, width: number, delta: number): void {
  let v = 0
  for (let i = width - 1; i >= 0; i--) v = v * 256 + b[at + i]
  v = Math.max(0, v + delta)
  for (let i = 0; i < width; i++) {
    b[at + i] = v % 256
    v = Math.floor(v / 256)
  }
}

/** Shapes that are huge, empty, zero-sized, of another rank, or not shapes at all (a tuple's inside). */
export const HOSTILE_SHAPES = [
  '9007199254740991, 0', '0, 9007199254740991', '4294967296, 0', '2147483648, 0', '268435456, 0', '3, 0', '0, 3',
  '0,', '', '3,', '9007199254740991,', '4294967296, 4294967296, 4294967296, 0', '3, 32, 32, 3', '3, 3, 32, 32',
  '3, 1024, 3', '3, 3072, 1', '1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3072',
  '-1, 3072', '3.0, 3072', '3, 3072, ', "'3', 3072", '(3, 3072)', '3 3072', '0x3, 3072', '3_0, 3072', '1e3, 3072',
  '3, 9223372036854775807', '18446744073709551616, 0'
]

/** The inside of the header's 'shape': ( … ) tuple. */
function shapeField(b: Uint8Array, start: number, end: number, what: string): Field[] {
  const text = String.fromCharCode(...b.subarray(start, end))
  const key = text.indexOf("'shape'")
  const open = key < 0 ? -1 : text.indexOf('(', key)
  const close = open < 0 ? -1 : text.indexOf(')', open)
  if (close < 0) return []
  return [{ at: start + open + 1, width: close - open - 1, kind: 'replace', what, values: HOSTILE_SHAPES }]
}

export function npyAnatomy(b: Uint8Array): Anatomy {
  const major = b[6]
  const lenWidth = major === 1 ? 2 : 4
  const headerStart = 8 + lenWidth
  const headerEnd = headerStart + (major === 1 ? u16(b, 8) : u32(b, 8))
  const descr = String.fromCharCode(...b.subarray(headerStart, headerEnd)).indexOf("'descr': '")
  return {
    hot: [[0, headerEnd]],
    fields: [
      { at: 8, width: lenWidth, kind: 'le', what: '.npy header length' },
      ...textNumbers(b, headerStart, headerEnd, '.npy header number (shape)'),
      ...shapeField(b, headerStart, headerEnd, '.npy shape'),
      ...shapeField(b, headerStart, headerEnd, '.npy shape'),
      ...(descr < 0 ? [] : [{
        at: headerStart + descr + 10, width: 3, kind: 'replace' as const, what: '.npy dtype',
        values: ['<f8', '>f4', '|b1', '<i8', '>u2', '<f2', '|u1', '|i1', '<c8', '|O', '|V8', '<M8', '<U3', '|S3', '<u8', '<f16']
      }])
    ],
    resized: (out, at, delta) => {
      if (at >= headerStart && at < headerEnd) addLe(out, 8, lenWidth, delta)
    }
  }
}

/** zip64 extra field (id 0x0001): its 8-byte sizes and offsets. */
function zip64Fields(b: Uint8Array, start: number, end: number, where: string): Field[] {
  const fields: Field[] = []
  let at = start
  while (at + 4 <= end) {
    const id = u16(b, at)
    const size = u16(b, at + 2)
    if (id === 1) {
      for (let k = 0; k + 8 <= size; k += 8) fields.push({ at: at + 4 + k, width: 8, kind: 'le', what: `zip64 ${where} number ${k / 8}` })
    }
    at += 4 + size
  }
  return fields
}

const sig = (b: Uint8Array, at: number, c: number, d: number): boolean =>
  b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === c && b[at + 3] === d

export function zipAnatomy(b: Uint8Array): Anatomy {
  const hot: Array<readonly [number, number]> = []
  const fields: Field[] = []
  const parts: Anatomy[] = []
  const f = (at: number, width: number, what: string): void => {
    fields.push({ at, width, kind: 'le', what })
  }
  for (let at = 0; at + 4 <= b.length; at++) {
    if (sig(b, at, 3, 4)) { // local file header, 30 bytes + name + extra
      const n = u16(b, at + 26)
      const m = u16(b, at + 28)
      hot.push([at, at + 30 + n + m])
      f(at + 8, 2, 'zip local method'); f(at + 18, 4, 'zip local packed size'); f(at + 22, 4, 'zip local size')
      f(at + 26, 2, 'zip local name length'); f(at + 28, 2, 'zip local extra length')
      fields.push(...zip64Fields(b, at + 30 + n, at + 30 + n + m, 'local'))
      const data = at + 30 + n + m
      if (u16(b, at + 8) === 0 && b[data] === 0x93 && b[data + 1] === 0x4e) parts.push(shifted(npyAnatomy(b.subarray(data)), data))
    } else if (sig(b, at, 1, 2)) { // central directory entry, 46 bytes + name + extra + comment
      const n = u16(b, at + 28)
      const m = u16(b, at + 30)
      hot.push([at, at + 46 + n + m])
      f(at + 10, 2, 'zip central method'); f(at + 20, 4, 'zip central packed size'); f(at + 24, 4, 'zip central size')
      f(at + 28, 2, 'zip central name length'); f(at + 30, 2, 'zip central extra length')
      f(at + 32, 2, 'zip central comment length'); f(at + 42, 4, 'zip central local header offset')
      fields.push(...zip64Fields(b, at + 46 + n, at + 46 + n + m, 'central'))
    } else if (sig(b, at, 5, 6)) { // end of central directory, 22 bytes
      hot.push([at, at + 22])
      f(at + 8, 2, 'zip entries on this disk'); f(at + 10, 2, 'zip entries'); f(at + 12, 4, 'zip directory size')
      f(at + 16, 4, 'zip directory offset'); f(at + 20, 2, 'zip comment length')
    } else if (sig(b, at, 6, 6)) { // zip64 end of central directory
      hot.push([at, at + 56])
      f(at + 24, 8, 'zip64 entries on this disk'); f(at + 32, 8, 'zip64 entries'); f(at + 40, 8, 'zip64 directory size')
      f(at + 48, 8, 'zip64 directory offset')
    } else if (sig(b, at, 6, 7)) { // zip64 end locator
      hot.push([at, at + 20])
      f(at + 8, 8, 'zip64 end record offset')
    }
  }
  return joined({ hot, fields }, ...parts)
}

const BLOCK = 512

function octalAt(b: Uint8Array, at: number, width: number): number {
  let v = 0
  for (let i = at; i < at + width; i++) if (b[i] >= 0x30 && b[i] <= 0x37) v = v * 8 + b[i] - 0x30
  return v
}

export function tarAnatomy(b: Uint8Array): Anatomy {
  const hot: Array<readonly [number, number]> = []
  const fields: Field[] = []
  let at = 0
  while (at + BLOCK <= b.length && b[at] !== 0) {
    const size = octalAt(b, at + 124, 12)
    hot.push([at, at + 8], [at + 100, at + 160], [at + 257, at + 265], [at + 345, at + 350])
    fields.push(
      { at: at + 124, width: 12, kind: 'octal', what: 'tar size' },
      { at: at + 100, width: 8, kind: 'octal', what: 'tar mode' },
      { at: at + 136, width: 12, kind: 'octal', what: 'tar mtime' },
      { at: at + 148, width: 8, kind: 'octal', what: 'tar checksum' }
    )
    if (b[at + 156] === 0x78 || b[at + 156] === 0x67) { // pax records "<len> key=value\n"
      hot.push([at + BLOCK, at + BLOCK + size])
      let r = at + BLOCK
      while (r < at + BLOCK + size) {
        let sp = r
        while (sp < at + BLOCK + size && b[sp] !== 0x20) sp++
        fields.push({ at: r, width: sp - r, kind: 'text', what: 'pax record length' })
        const len = Number(String.fromCharCode(...b.subarray(r, sp)))
        if (!(len > 0)) break
        r += len
      }
    }
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK
  }
  return { hot, fields }
}

/** Write correct checksums into every block that looks like a tar header ("ustar" at 257). */
export function fixTarChecksums(b: Uint8Array): void {
  for (let at = 0; at + BLOCK <= b.length; at += BLOCK) {
    if (b[at + 257] !== 0x75 || b[at + 258] !== 0x73 || b[at + 259] !== 0x74) continue
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : b[at + i]
    const text = sum.toString(8).padStart(6, '0').slice(-6) + '\0 '
    for (let i = 0; i < 8; i++) b[at + 148 + i] = text.charCodeAt(i)
  }
}

export function gzipAnatomy(b: Uint8Array): Anatomy {
  const n = b.length
  return {
    hot: [[0, 10], [n - 8, n]],
    fields: [
      { at: n - 4, width: 4, kind: 'le', what: 'gzip unpacked size (ISIZE)' },
      { at: n - 8, width: 4, kind: 'le', what: 'gzip CRC' },
      { at: 3, width: 1, kind: 'le', what: 'gzip flags' }
    ]
  }
}

export function safetensorsAnatomy(b: Uint8Array): Anatomy {
  const headerEnd = 8 + u32(b, 0)
  const text = String.fromCharCode(...b.subarray(8, headerEnd))
  const shapes: Field[] = []
  for (const m of text.matchAll(/"shape":\[([^\]]*)\]/g)) {
    const at = 8 + (m.index ?? 0) + '"shape":['.length
    shapes.push({ at, width: m[1].length, kind: 'replace', what: 'safetensors tensor shape', values: HOSTILE_SHAPES })
  }
  return {
    hot: [[0, headerEnd]],
    fields: [
      { at: 0, width: 8, kind: 'le', what: 'safetensors header length' },
      ...textNumbers(b, 8, headerEnd, 'safetensors header number (shape, offset, architecture)'),
      ...shapes
    ],
    resized: (out, at, delta) => {
      if (at >= 8 && at < headerEnd) addLe(out, 0, 8, delta)
    }
  }
}

export function cifarBinaryAnatomy(b: Uint8Array, record: number): Anatomy {
  const hot: Array<readonly [number, number]> = []
  const fields: Field[] = []
  for (let at = 0; at < b.length; at += record) {
    hot.push([at, at + record - 3072])
    fields.push({ at, width: 1, kind: 'le', what: 'CIFAR record label' })
  }
  return { hot, fields }
}

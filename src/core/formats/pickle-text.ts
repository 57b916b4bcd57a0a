/**
 * Decoding the scalar payloads of pickle opcodes: protocol 0 text lines (INT, LONG, FLOAT, the
 * quoted STRING and raw-unicode-escape UNICODE), UTF-8 strings, and LONG1/LONG4's little-endian
 * two's-complement integers. Whole numbers in ±(2^53 − 1) are numbers, larger ones bigints, up to
 * about 512 bits (MAX_INT_BYTES, MAX_INT_DIGITS). Every function takes time linear in its input.
 * Each returns undefined for malformed input; the caller reports where it was.
 */
import { unsupported } from './pickle-reader'

const utf8Decoder = new TextDecoder('utf-8')

export function utf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes)
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * The largest whole numbers a pickle may hold: 64 bytes as LONG1/LONG4, 154 digits as text
 * (about 2^512). A dataset needs 64 bits at most; CPython itself refuses text past 4300 digits.
 * The bound keeps every use of a number (a dict key, say) cheap however often it is reused.
 */
export const MAX_INT_BYTES = 64
export const MAX_INT_DIGITS = 154

function tooLong(): Error {
  return unsupported(`a whole number longer than ${MAX_INT_DIGITS} digits`)
}

export function intValue(v: bigint): number | bigint {
  return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  return c >= 0x30 && c <= 0x39
}

/**
 * The text of an INT or LONG line ("123", "-5", "123L"), or undefined if it is not one.
 * Throws UserError past MAX_INT_DIGITS digits.
 */
export function parseIntText(text: string): number | bigint | undefined {
  const s = text.trim()
  let end = s.endsWith('L') ? s.length - 1 : s.length
  const start = s[0] === '+' || s[0] === '-' ? 1 : 0
  if (end === start) return undefined
  for (let i = start; i < end; i++) if (!isDigit(s, i)) return undefined
  if (end - start > MAX_INT_DIGITS) throw tooLong()
  const digits = s.slice(0, end)
  end = digits.length
  return end - start < 16 ? Number(digits) : intValue(BigInt(digits))
}

/**
 * The text of a FLOAT line as Python's float() reads it (digits with an optional point and
 * exponent, inf, infinity, nan), or undefined. A scanner, not a regular expression, so that a
 * line of 60 000 digits takes one pass.
 */
export function parseFloatText(text: string): number | undefined {
  const s = text.trim().toLowerCase()
  const start = s[0] === '+' || s[0] === '-' ? 1 : 0
  let i = start
  while (isDigit(s, i)) i++
  let digits = i - start
  if (s[i] === '.') {
    const fraction = ++i
    while (isDigit(s, i)) i++
    digits += i - fraction
  }
  if (digits === 0) {
    const word = s.slice(start)
    if (word === 'nan') return NaN
    if (word === 'inf' || word === 'infinity') return s[0] === '-' ? -Infinity : Infinity
    return undefined
  }
  if (s[i] === 'e') {
    let j = i + 1
    if (s[j] === '+' || s[j] === '-') j++
    const exponent = j
    while (isDigit(s, j)) j++
    if (j === exponent) return undefined
    i = j
  }
  return i === s.length ? Number(s) : undefined
}

/** LONG1/LONG4 payload: little-endian two's complement; throws UserError past MAX_INT_BYTES. */
export function decodeLong(b: Uint8Array): number | bigint {
  const n = b.length
  if (n === 0) return 0
  if (n > MAX_INT_BYTES) throw tooLong()
  const negative = (b[n - 1] & 0x80) !== 0
  if (n <= 6) {
    let v = 0
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i]
    return negative ? v - 2 ** (8 * n) : v
  }
  let hex = ''
  for (let i = n - 1; i >= 0; i--) hex += (b[i] < 16 ? '0' : '') + b[i].toString(16)
  let v = BigInt('0x' + hex)
  if (negative) v -= 1n << BigInt(8 * n)
  return intValue(v)
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}

function hexValue(b: Uint8Array, at: number, digits: number): number {
  if (at + digits > b.length) return -1
  let v = 0
  for (let i = 0; i < digits; i++) {
    const d = hexDigit(b[at + i])
    if (d < 0) return -1
    v = v * 16 + d
  }
  return v
}

const SIMPLE_ESCAPES: Record<number, number> = {
  0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 7, 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13,
  0x74: 9, 0x76: 11
}

/**
 * The STRING opcode's argument: a Python 2 str literal in quotes ('abc\x00' or "it's") with
 * backslash escapes, as bytes.
 */
export function decodeQuotedString(line: Uint8Array): Uint8Array | undefined {
  const q = line[0]
  if (line.length < 2 || (q !== 0x27 && q !== 0x22) || line[line.length - 1] !== q) return undefined
  const out = new Uint8Array(line.length - 2)
  let n = 0
  const end = line.length - 1
  for (let i = 1; i < end; i++) {
    const c = line[i]
    if (c !== 0x5c) { out[n++] = c; continue }
    if (i + 1 >= end) return undefined
    const e = line[++i]
    const simple = SIMPLE_ESCAPES[e]
    if (simple !== undefined) out[n++] = simple
    else if (e === 0x78) {
      const v = hexValue(line, i + 1, 2)
      if (v < 0 || i + 2 >= end) return undefined
      out[n++] = v
      i += 2
    } else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30
      for (let k = 0; k < 2 && i + 1 < end && line[i + 1] >= 0x30 && line[i + 1] <= 0x37; k++) {
        v = v * 8 + line[++i] - 0x30
      }
      out[n++] = v & 0xff
    } else if (e !== 0x0a) {
      out[n++] = 0x5c
      out[n++] = e
    }
  }
  return out.subarray(0, n)
}

/**
 * The UNICODE opcode's argument in raw-unicode-escape: every byte is the code point of the same
 * value, except \uXXXX and \UXXXXXXXX after an odd run of backslashes.
 */
export function decodeRawUnicodeEscape(b: Uint8Array): string | undefined {
  let s = ''
  let chunk: number[] = []
  const flush = (): void => {
    s += String.fromCharCode.apply(null, chunk)
    chunk = []
  }
  for (let i = 0; i < b.length; ) {
    if (chunk.length >= 8192) flush()
    const c = b[i]
    if (c !== 0x5c) { chunk.push(c); i++; continue }
    let j = i
    while (j < b.length && b[j] === 0x5c) j++
    const escaped = (j - i) % 2 === 1 && j < b.length && (b[j] === 0x75 || b[j] === 0x55)
    // a run of backslashes is copied in pieces: one call with a million arguments overflows the stack
    for (let k = i; k < (escaped ? j - 1 : j); k++) {
      chunk.push(0x5c)
      if (chunk.length >= 8192) flush()
    }
    if (!escaped) { i = j; continue }
    const digits = b[j] === 0x75 ? 4 : 8
    const cp = hexValue(b, j + 1, digits)
    if (cp < 0 || cp > 0x10ffff) return undefined
    if (cp > 0xffff) chunk.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff))
    else chunk.push(cp)
    i = j + 1 + digits
  }
  flush()
  return s
}

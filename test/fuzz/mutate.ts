/**
 * Mutations of a file's bytes: bit flips, byte values, truncations, insertions (a few random
 * bytes, a long run of one byte, a short piece repeated), deletions, splices, and a format's
 * length fields set huge.
 * A format describes itself by an Anatomy: the byte ranges that hold its structure (mutated
 * more often than pixel payloads) and the numbers it declares (lengths, sizes, offsets, shapes).
 * Every step is described in words, so a failing case says what was done to the seed.
 */
import type { Prng } from './prng'

/**
 * A number the file declares. `text`: ASCII digits (JSON offsets), may change length;
 * `replace`: a whole construct (an npy shape tuple, a pickle int opcode) replaced by one of
 * `values` (latin-1 strings), e.g. a shape (9007199254740991, 0) or an int opcode of another width.
 */
export interface Field {
  readonly at: number
  readonly width: number
  readonly kind: 'le' | 'be' | 'octal' | 'text' | 'replace'
  readonly what: string
  readonly values?: readonly string[]
}

export interface Anatomy {
  /** [start, end) ranges holding structure rather than payload. */
  readonly hot: ReadonlyArray<readonly [number, number]>
  readonly fields: readonly Field[]
  /** After a text field at `at` grew by `delta` bytes: fix the length that covers it, in place. */
  readonly resized?: (bytes: Uint8Array, at: number, delta: number) => void
}

export interface Mutant {
  readonly bytes: Uint8Array
  readonly steps: string[]
}

export const NO_ANATOMY: Anatomy = { hot: [], fields: [] }

/** Shift an anatomy found inside a larger file (a .npy inside a stored .npz) to its place there. */
export function shifted(a: Anatomy, by: number): Anatomy {
  return {
    hot: a.hot.map(([s, e]) => [s + by, e + by] as const),
    fields: a.fields.map((f) => ({ ...f, at: f.at + by }))
  }
}

export function joined(...parts: Anatomy[]): Anatomy {
  return { hot: parts.flatMap((p) => p.hot), fields: parts.flatMap((p) => p.fields) }
}

function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length - remove + insert.length)
  out.set(b.subarray(0, at))
  out.set(insert, at)
  out.set(b.subarray(at + remove), at + insert.length)
  return out
}

/** A position: in a hot range 60 % of the time (when there are any), else anywhere. */
function position(rng: Prng, length: number, a: Anatomy): number {
  const hot = a.hot.filter(([s, e]) => e > s && s < length)
  if (hot.length && rng.chance(0.6)) {
    const [s, e] = rng.pick(hot)
    return s + rng.int(Math.min(e, length) - s)
  }
  return rng.int(length)
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x2e, 0x28, 0x20, 0x30, 0x39]

/** Huge and edge values for a binary field of `width` bytes that now holds `v`. */
function edgeValues(width: number, v: bigint, fileLength: number, at: number): bigint[] {
  const bits = BigInt(8 * width)
  const max = (1n << bits) - 1n
  const all = [
    max, 1n << (bits - 1n), (1n << (bits - 1n)) - 1n, 0n, 1n, v + 1n, v - 1n, v * 2n, v * 256n + 255n,
    BigInt(fileLength), BigInt(fileLength - at), 1n << 31n, (1n << 32n) - 1n, 1n << 32n,
    (1n << 53n) - 1n, 1n << 53n, 1n << 62n, 1n << 63n
  ]
  return all.map((x) => (x < 0n ? x + (1n << bits) : x)).filter((x) => x >= 0n && x <= max)
}

function readInt(b: Uint8Array, f: Field): bigint {
  let v = 0n
  for (let i = 0; i < f.width; i++) {
    const byte = BigInt(b[f.at + (f.kind === 'le' ? f.width - 1 - i : i)] ?? 0)
    v = (v << 8n) | byte
  }
  return v
}

function writeInt(b: Uint8Array, f: Field, v: bigint): void {
  for (let i = 0; i < f.width; i++) {
    const byte = Number((v >> BigInt(8 * i)) & 0xffn)
    b[f.at + (f.kind === 'le' ? i : f.width - 1 - i)] = byte
  }
}

const TEXT_NUMBERS = [
  '9007199254740991', '9007199254740992', '18446744073709551616', '4294967296', '4294967295', '2147483648',
  '99999999999999999999999999', '-1', '0', '1e308', '1' + '0'.repeat(400), '3.5', '-0'
]

/** A tar header's octal (or GNU base-256) number field set to a huge or edge value. */
function octalValue(rng: Prng, width: number, v: number): Uint8Array {
  const text = (s: string): Uint8Array => {
    const out = new Uint8Array(width)
    for (let i = 0; i < Math.min(s.length, width); i++) out[i] = s.charCodeAt(i)
    return out
  }
  switch (rng.int(6)) {
    case 0: return text('7'.repeat(width - 1))
    case 1: return text((v + 1).toString(8).padStart(width - 1, '0'))
    case 2: return text((v * 64 + 7).toString(8).padStart(width - 1, '0').slice(-(width - 1)))
    case 3: return text('0'.repeat(width - 1))
    case 4: { // GNU base-256: the high bit of the first byte, then a big-endian number
      const out = new Uint8Array(width).fill(rng.chance(0.5) ? 0xff : 0)
      out[0] = 0x80 | (rng.chance(0.5) ? 0x7f : 0)
      if (rng.chance(0.5)) out[width - 1] = 0x10
      return out
    }
    default: return text(' 9 8 '.padEnd(width, ' '))
  }
}

/** Set one declared number to a huge or edge value. */
function setField(rng: Prng, b: Uint8Array, a: Anatomy, steps: string[]): Uint8Array {
  const f = rng.pick(a.fields)
  if (f.at + f.width > b.length) return b
  if (f.kind === 'octal') {
    const old = parseInt(String.fromCharCode(...b.subarray(f.at, f.at + f.width)).replace(/[^0-7]/g, '') || '0', 8)
    const value = octalValue(rng, f.width, old)
    const out = b.slice()
    out.set(value, f.at)
    steps.push(`set ${f.what} at ${f.at} to "${String.fromCharCode(...value).replace(/[^\x20-\x7e]/g, '?')}"`)
    return out
  }
  if (f.kind === 'replace' && f.values?.length) {
    const text = rng.pick(f.values)
    const out = splice(b, f.at, f.width, Uint8Array.from(text, (c) => c.charCodeAt(0)))
    if (a.resized && text.length !== f.width) a.resized(out, f.at, text.length - f.width)
    steps.push(`replace ${f.what} at ${f.at} (${f.width} bytes) with ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text)}`)
    return out
  }
  if (f.kind === 'text') {
    const old = String.fromCharCode(...b.subarray(f.at, f.at + f.width))
    const text = rng.chance(0.2) ? String(BigInt(old.replace(/\D/g, '') || '0') + 1n) : rng.pick(TEXT_NUMBERS)
    const out = splice(b, f.at, f.width, Uint8Array.from(text, (c) => c.charCodeAt(0)))
    if (a.resized && text.length !== f.width) a.resized(out, f.at, text.length - f.width)
    steps.push(`set ${f.what} at ${f.at} from ${old} to ${text.length > 24 ? text.slice(0, 12) + `…(${text.length} chars)` : text}`)
    return out
  }
  const value = rng.pick(edgeValues(f.width, readInt(b, f), b.length, f.at))
  const out = b.slice()
  writeInt(out, f, value)
  steps.push(`set ${f.what} at ${f.at} (${f.width} bytes ${f.kind}) to ${value}`)
  return out
}

/** One mutation step. */
export function mutateOnce(rng: Prng, b: Uint8Array, a: Anatomy, steps: string[]): Uint8Array {
  const op = rng.int(100)
  if (a.fields.length && op < 30) return setField(rng, b, a, steps)
  if (b.length === 0) {
    steps.push('insert 1 byte into the empty file')
    return Uint8Array.of(rng.int(256))
  }
  const at = position(rng, b.length, a)
  if (op < 50) {
    const out = b.slice()
    const bit = rng.int(8)
    out[at] ^= 1 << bit
    steps.push(`flip bit ${bit} at ${at}`)
    return out
  }
  if (op < 62) {
    const out = b.slice()
    out[at] = rng.chance(0.7) ? rng.pick(INTERESTING_BYTES) : rng.int(256)
    steps.push(`set byte ${at} to 0x${out[at].toString(16)}`)
    return out
  }
  if (op < 72) {
    steps.push(`truncate to ${at} bytes`)
    return b.slice(0, at)
  }
  if (op < 80) {
    const n = 1 + rng.int(16)
    const insert = new Uint8Array(n)
    for (let i = 0; i < n; i++) insert[i] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256)
    steps.push(`insert ${n} bytes at ${at}`)
    return splice(b, at, 0, insert)
  }
  if (op < 83) {
    const n = 16 << rng.int(13) // 16 B .. 64 KiB
    const insert = new Uint8Array(n).fill(rng.chance(0.5) ? b[at] : rng.pick(INTERESTING_BYTES))
    steps.push(`insert ${n} bytes of 0x${insert[0].toString(16)} at ${at}`)
    return splice(b, at, 0, insert)
  }
  if (op < 86) { // a short piece (an opcode and its argument, a digit pair) repeated: long runs of one step
    const len = Math.min(1 + rng.int(8), b.length - at)
    const times = 2 << rng.int(12) // 2 .. 4096
    const insert = new Uint8Array(len * times)
    for (let k = 0; k < times; k++) insert.set(b.subarray(at, at + len), k * len)
    steps.push(`repeat the ${len} bytes at ${at} ${times} times`)
    return splice(b, at, 0, insert)
  }
  if (op < 93) {
    const n = Math.min(b.length - at, rng.chance(0.7) ? 1 + rng.int(8) : 1 + rng.int(4096))
    steps.push(`delete ${n} bytes at ${at}`)
    return splice(b, at, n, new Uint8Array(0))
  }
  const from = position(rng, b.length, a)
  const n = Math.min(1 + rng.int(64), b.length - from)
  const chunk = b.slice(from, from + n)
  if (rng.chance(0.5)) {
    steps.push(`copy ${n} bytes from ${from} over ${at}`)
    const out = b.slice()
    out.set(chunk.subarray(0, Math.min(n, b.length - at)), at)
    return out
  }
  steps.push(`insert a copy of ${n} bytes from ${from} at ${at}`)
  return splice(b, at, 0, chunk)
}

/** One to three mutation steps (mostly one), each against the seed's anatomy. */
export function mutate(rng: Prng, seed: Uint8Array, a: Anatomy): Mutant {
  const steps: string[] = []
  const count = rng.chance(0.7) ? 1 : 2 + rng.int(2)
  let b = seed
  for (let i = 0; i < count; i++) b = mutateOnce(rng, b, a, steps)
  return { bytes: b, steps }
}

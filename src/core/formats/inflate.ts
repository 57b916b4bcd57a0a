/**
 * Raw deflate (RFC 1951: a zip member, the body of a .gz) unpacked straight into an array of
 * exactly the size its container records, and not one byte further: the first symbol that would
 * pass the end stops it. So memory is the declared size and time is linear in it, whatever the
 * packed bytes hold; a stream that would unpack to gigabytes costs no more than its declared size.
 *   block = BFINAL(1) BTYPE(2), then stored (LEN, NLEN, LEN bytes), fixed or dynamic Huffman codes.
 *   Bits are read least significant first; a Huffman code is found in a table indexed by its first
 *   TABLE_BITS bits (bit-reversed), and the rare longer codes canonically, one bit at a time.
 */

/** deflate cannot expand data by more than about 1032:1; a larger declared size is a lie. */
export const MAX_DEFLATE_RATIO = 1032

/**
 * What unpacking found: the bytes, or why not. 'longer': the data unpacks to more than `size`;
 * 'shorter': the stream ends before `size` bytes; 'cut-off': the packed data stops in the middle
 * of the stream; 'damaged': it is not valid deflate data.
 */
export type Inflated =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly reason: 'longer' | 'shorter' | 'cut-off' | 'damaged' }

const MAX_BITS = 15
const TABLE_BITS = 10
/** A table entry whose code is longer than TABLE_BITS: decode it canonically. */
const LONG = 0xffff
const LENGTH_BASE = Uint16Array.of(
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258
)
const LENGTH_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0)
const DIST_BASE = Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577
)
const DIST_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13)
/** The order in which a dynamic block lists the lengths of the code-length code. */
const CLEN_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15)

/** A canonical Huffman code, ready to decode. */
interface Code {
  /** [first bits] = symbol << 4 | code length; 0: no code starts so; LONG: a longer code does. */
  readonly table: Uint16Array
  readonly mask: number
  /** codes of each length, and the symbols in code order: the canonical decoding of long codes. */
  readonly counts: Uint16Array
  readonly symbols: Uint16Array
}

/** The code with these lengths (0: symbol unused), or null when the lengths over-subscribe it. */
function buildCode(lengths: Uint8Array): Code | null {
  const counts = new Uint16Array(MAX_BITS + 1)
  let longest = 0
  for (let s = 0; s < lengths.length; s++) {
    counts[lengths[s]]++
    if (lengths[s] > longest) longest = lengths[s]
  }
  counts[0] = 0
  const next = new Uint16Array(MAX_BITS + 1)
  const offsets = new Uint16Array(MAX_BITS + 1)
  let code = 0
  let left = 1
  for (let len = 1; len <= MAX_BITS; len++) {
    left = left * 2 - counts[len]
    if (left < 0) return null
    code = (code + counts[len - 1]) << 1
    next[len] = code
    offsets[len] = len === 1 ? 0 : offsets[len - 1] + counts[len - 1]
  }
  const bits = Math.min(Math.max(longest, 1), TABLE_BITS)
  const table = new Uint16Array(1 << bits)
  const symbols = new Uint16Array(lengths.length)
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s]
    if (len === 0) continue
    symbols[offsets[len]++] = s
    const c = next[len]++
    // the code's first `bits` bits, most significant first, reversed: the order they are read in
    const shown = len <= bits ? len : bits
    const prefix = len <= bits ? c : c >> (len - bits)
    let reversed = 0
    for (let i = 0, p = prefix; i < shown; i++, p >>= 1) reversed = (reversed << 1) | (p & 1)
    if (len <= bits) {
      for (let i = reversed; i < table.length; i += 1 << len) table[i] = (s << 4) | len
    } else table[reversed] = LONG
  }
  return { table, mask: table.length - 1, counts, symbols }
}

/** The entry (symbol << 4 | length) of a code longer than the table, from the next 15 bits; 0 if none. */
function decodeLong(code: Code, bits: number): number {
  let c = 0
  let first = 0
  let index = 0
  for (let len = 1; len <= MAX_BITS; len++) {
    c |= (bits >> (len - 1)) & 1
    const count = code.counts[len]
    if (c - count < first) return (code.symbols[index + c - first] << 4) | len
    index += count
    first = (first + count) << 1
    c <<= 1
  }
  return 0
}

const FIXED_LITERALS = buildCode(new Uint8Array(288).map((_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8))) as Code
const FIXED_DISTANCES = buildCode(new Uint8Array(30).fill(5)) as Code

class Failure {
  constructor(readonly reason: 'longer' | 'shorter' | 'cut-off' | 'damaged') {}
}
const CUT_OFF = new Failure('cut-off')
const DAMAGED = new Failure('damaged')
const LONGER = new Failure('longer')

/**
 * The packed bits, least significant first: `held` bits in `bits` (at most 31, so that every
 * value stays a positive 32-bit integer the engine keeps unboxed), the next byte at `at`. Past the end it reads zeros, and throws CUT_OFF as soon as any of those would be used.
 * (The hot loop of inflateExactly does the same with its own copies of the three fields.)
 */
class BitReader {
  at = 0
  bits = 0
  held = 0
  constructor(readonly packed: Uint8Array) {}

  /** Whether bits past the end have been used. */
  overrun(): boolean {
    return (this.at - this.packed.length) * 8 > this.held
  }

  fill(): void {
    while (this.held <= 23) {
      if (this.at < this.packed.length) this.bits |= this.packed[this.at] << this.held
      else if (this.overrun()) throw CUT_OFF
      this.at++
      this.held += 8
    }
  }

  take(count: number): number {
    if (this.held < count) this.fill()
    const v = this.bits & ((1 << count) - 1)
    this.bits >>= count
    this.held -= count
    return v
  }

  decode(code: Code): number {
    if (this.held < MAX_BITS) this.fill()
    let e = code.table[this.bits & code.mask]
    if (e === LONG) e = decodeLong(code, this.bits)
    const len = e & 15
    if (len === 0) throw this.overrun() ? CUT_OFF : DAMAGED
    this.bits >>= len
    this.held -= len
    return e >> 4
  }

  /** Drop the bits up to the next byte boundary and give back the whole bytes held. */
  align(): void {
    this.take(this.held & 7)
    this.at -= this.held >> 3
    this.bits = 0
    this.held = 0
  }
}

/** A dynamic block's header: the literal/length and distance codes, sent as code lengths. */
function dynamicCodes(r: BitReader): [Code, Code] {
  const nLiterals = r.take(5) + 257
  const nDistances = r.take(5) + 1
  const nLengths = r.take(4) + 4
  if (nLiterals > 286 || nDistances > 30) throw DAMAGED
  const clen = new Uint8Array(19)
  for (let i = 0; i < nLengths; i++) clen[CLEN_ORDER[i]] = r.take(3)
  const lengthCode = buildCode(clen)
  if (!lengthCode) throw DAMAGED
  const lengths = new Uint8Array(nLiterals + nDistances)
  for (let i = 0; i < lengths.length; ) {
    const sym = r.decode(lengthCode)
    if (sym < 16) {
      lengths[i++] = sym
      continue
    }
    let repeat: number
    let value = 0
    if (sym === 16) {
      if (i === 0) throw DAMAGED
      value = lengths[i - 1]
      repeat = 3 + r.take(2)
    } else repeat = sym === 17 ? 3 + r.take(3) : 11 + r.take(7)
    if (i + repeat > lengths.length) throw DAMAGED
    lengths.fill(value, i, i + repeat)
    i += repeat
  }
  if (lengths[256] === 0) throw DAMAGED
  const literals = buildCode(lengths.subarray(0, nLiterals))
  const distances = buildCode(lengths.subarray(nLiterals))
  if (!literals || !distances) throw DAMAGED
  return [literals, distances]
}

/**
 * Unpack `packed` (raw deflate) into exactly `size` bytes: the start of `into` when given (at
 * least `size` long, e.g. room in the engine's memory), else a new array.
 */
export function inflateExactly(packed: Uint8Array, size: number, into?: Uint8Array): Inflated {
  if (into && into.length < size) throw new Error(`inflateExactly: ${into.length} bytes of room for ${size}`)
  const out = into ? into.subarray(0, size) : new Uint8Array(size)
  const n = packed.length
  const r = new BitReader(packed)
  let filled = 0
  try {
    let last = 0
    while (!last) {
      last = r.take(1)
      const type = r.take(2)
      if (type === 0) {
        // stored: LEN, NLEN (its complement) and LEN bytes, from a byte boundary
        r.align()
        const at = r.at
        if (at + 4 > n) throw CUT_OFF
        const length = packed[at] | (packed[at + 1] << 8)
        if ((length ^ (packed[at + 2] | (packed[at + 3] << 8))) !== 0xffff) throw DAMAGED
        if (at + 4 + length > n) throw CUT_OFF
        if (length > size - filled) throw LONGER
        out.set(packed.subarray(at + 4, at + 4 + length), filled)
        filled += length
        r.at = at + 4 + length
        continue
      }
      if (type === 3) throw DAMAGED
      const [literals, distances] = type === 1 ? [FIXED_LITERALS, FIXED_DISTANCES] : dynamicCodes(r)
      filled = inflateBlock(r, literals, distances, out, filled)
    }
  } catch (e) {
    if (e instanceof Failure) return { ok: false, reason: e.reason }
    throw e
  }
  if (filled !== size) return { ok: false, reason: 'shorter' }
  return { ok: true, bytes: out }
}

/** `f`, unless bits past the end of the data were used: then the data was cut off. */
function failure(at: number, held: number, n: number, f: Failure): Failure {
  return (at - n) * 8 > held ? CUT_OFF : f
}

/**
 * The symbols of one Huffman block into `out` from `filled` on; returns the new fill. The reader's
 * state lives in locals here (the engine keeps them in registers) and goes back at the end.
 */
function inflateBlock(r: BitReader, literals: Code, distances: Code, out: Uint8Array, filled: number): number {
  const packed = r.packed
  const n = packed.length
  const size = out.length
  const lTable = literals.table
  const lMask = literals.mask
  const dTable = distances.table
  const dMask = distances.mask
  let bits = r.bits
  let held = r.held
  let at = r.at
  for (;;) {
    // at least 24 bits: 15 for a literal/length code and 5 for its extra bits
    while (held <= 23) {
      if (at < n) bits |= packed[at] << held
      else if ((at - n) * 8 > held) throw CUT_OFF
      at++
      held += 8
    }
    let e = lTable[bits & lMask]
    if (e === LONG) e = decodeLong(literals, bits)
    let len = e & 15
    if (len === 0) throw failure(at, held, n, DAMAGED)
    bits >>= len
    held -= len
    const sym = e >> 4
    if (sym < 256) {
      if (filled === size) throw failure(at, held, n, LONGER)
      out[filled++] = sym
      continue
    }
    if (sym === 256) break
    const li = sym - 257
    if (li >= 29) throw failure(at, held, n, DAMAGED)
    const extra = LENGTH_EXTRA[li]
    const length = LENGTH_BASE[li] + (bits & ((1 << extra) - 1))
    bits >>= extra
    held -= extra
    // 15 bits for the distance code, then (after another fill) 13 for its extra bits
    while (held <= 23) {
      if (at < n) bits |= packed[at] << held
      else if ((at - n) * 8 > held) throw CUT_OFF
      at++
      held += 8
    }
    e = dTable[bits & dMask]
    if (e === LONG) e = decodeLong(distances, bits)
    len = e & 15
    const di = e >> 4
    if (len === 0 || di >= 30) throw failure(at, held, n, DAMAGED)
    bits >>= len
    held -= len
    while (held <= 23) {
      if (at < n) bits |= packed[at] << held
      else if ((at - n) * 8 > held) throw CUT_OFF
      at++
      held += 8
    }
    const dExtra = DIST_EXTRA[di]
    const distance = DIST_BASE[di] + (bits & ((1 << dExtra) - 1))
    bits >>= dExtra
    held -= dExtra
    if (distance > filled) throw failure(at, held, n, DAMAGED)
    if (length > size - filled) throw failure(at, held, n, LONGER)
    if (distance >= length) {
      out.copyWithin(filled, filled - distance, filled - distance + length)
      filled += length
    } else {
      for (const end = filled + length; filled < end; filled++) out[filled] = out[filled - distance]
    }
  }
  r.bits = bits
  r.held = held
  r.at = at
  if (r.overrun()) throw CUT_OFF
  return filled
}

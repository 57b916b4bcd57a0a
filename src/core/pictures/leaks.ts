/**
 * Pictures of the test split identical to pictures of the training split (a leak: the test then
 * measures memory, not learning). Rows x: [count, inputs] uint8 of each split. Every training row
 * is hashed (FNV-1a over little-endian 32-bit words, then any last bytes, finished with murmur3's
 * fmix32) into chains by hash; each test row's hash is looked up and its candidates compared in
 * full, so a collision is never reported. O(rows · inputs) time (copies of one picture are kept
 * once), O(training rows) memory.
 */

import { FNV_OFFSET, FNV_PRIME, fmix32, littleEndian as LITTLE_ENDIAN } from '../data/bytesHash'

/** A test row and one training row with the same bytes. */
export interface Leak {
  readonly test: number
  readonly train: number
}

/**
 * Rows of one split, hashed and compared over 32-bit words read in place when they start on 4-byte
 * boundaries, else read from the bytes: the hash of a row never depends on where it lies.
 */
class Rows {
  private readonly words: Uint32Array | null

  constructor(readonly x: Uint8Array, readonly inputs: number) {
    const aligned = LITTLE_ENDIAN && x.byteOffset % 4 === 0 && inputs % 4 === 0
    this.words = aligned ? new Uint32Array(x.buffer, x.byteOffset, x.length >>> 2) : null
  }

  /** True when row `a` of these rows has the same bytes as row `b` of `other` (rows of the same width). */
  same(a: number, other: Rows, b: number): boolean {
    const u = this.words
    const v = other.words
    if (u && v) {
      const n = this.inputs >>> 2
      const i0 = a * n
      const j0 = b * n
      for (let k = 0; k < n; k++) if (u[i0 + k] !== v[j0 + k]) return false
      return true
    }
    const x = this.x
    const y = other.x
    const i0 = a * this.inputs
    const j0 = b * this.inputs
    for (let k = 0; k < this.inputs; k++) if (x[i0 + k] !== y[j0 + k]) return false
    return true
  }

  hash(row: number): number {
    let h = FNV_OFFSET
    const w = this.words
    if (w) {
      const n = this.inputs >>> 2
      for (let i = row * n, end = i + n; i < end; i++) h = Math.imul(h ^ w[i], FNV_PRIME)
    } else {
      // the same words read from the bytes (little-endian), then the last 0-3 bytes one by one
      const x = this.x
      const start = row * this.inputs
      const whole = start + (this.inputs & ~3)
      let i = start
      for (; i < whole; i += 4) h = Math.imul(h ^ ((x[i] | (x[i + 1] << 8) | (x[i + 2] << 16) | (x[i + 3] << 24)) >>> 0), FNV_PRIME)
      for (; i < start + this.inputs; i++) h = Math.imul(h ^ x[i], FNV_PRIME)
    }
    return fmix32(h)
  }
}

/**
 * Each test row that equals some training row, in test row order, with the first such training
 * row. trainX: [trainCount, inputs], testX: [testCount, inputs].
 */
export function findLeaks(trainX: Uint8Array, trainCount: number, testX: Uint8Array, testCount: number, inputs: number): Leak[] {
  if (trainX.length < trainCount * inputs || testX.length < testCount * inputs) {
    throw new RangeError(`rows of ${inputs} do not fit: ${trainCount} in ${trainX.length}, ${testCount} in ${testX.length}`)
  }
  const train = new Rows(trainX, inputs)
  const test = new Rows(testX, inputs)
  // chains of distinct rows: head.get(hash) is a training row with that hash, next[row] another (−1 ends);
  // a row equal to one already in its chain is left out, so each chain holds the first row of each content
  const head = new Map<number, number>()
  const next = new Int32Array(trainCount)
  for (let r = 0; r < trainCount; r++) {
    const h = train.hash(r)
    const first = head.get(h) ?? -1
    let seen = false
    for (let q = first; q >= 0 && !seen; q = next[q]) seen = train.same(q, train, r)
    if (seen) continue
    next[r] = first
    head.set(h, r)
  }
  const leaks: Leak[] = []
  for (let t = 0; t < testCount; t++) {
    for (let r = head.get(test.hash(t)) ?? -1; r >= 0; r = next[r]) {
      if (test.same(t, train, r)) {
        leaks.push({ test: t, train: r })
        break
      }
    }
  }
  return leaks
}

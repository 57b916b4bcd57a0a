/**
 * Rng: a small seeded generator (xoshiro128**, 32-bit state words) so that the same seed gives
 * bit-identical runs everywhere. uniform() in [0, 1) with 32 random bits; normal() by Box-Muller.
 */
export class Rng {
  private s0: number
  private s1: number
  private s2: number
  private s3: number
  private spare = 0
  private hasSpare = false

  constructor(seed: number) {
    // splitmix32 expands the seed into four non-zero state words
    let x = seed >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0
      let z = x
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = next()
    this.s1 = next()
    this.s2 = next()
    this.s3 = next()
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0
    const t = (this.s1 << 9) >>> 0
    this.s2 = (this.s2 ^ this.s0) >>> 0
    this.s3 = (this.s3 ^ this.s1) >>> 0
    this.s1 = (this.s1 ^ this.s2) >>> 0
    this.s0 = (this.s0 ^ this.s3) >>> 0
    this.s2 = (this.s2 ^ t) >>> 0
    this.s3 = rotl(this.s3, 11)
    return result
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextU32() / 4294967296
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    const limit = 4294967296 - (4294967296 % n)
    let r = this.nextU32()
    while (r >= limit) r = this.nextU32()
    return r % n
  }

  /** Standard normal N(0, 1) by the Box-Muller transform. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false
      return this.spare
    }
    let u = 0
    while (u === 0) u = this.uniform()
    const v = this.uniform()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spare = r * Math.sin(2 * Math.PI * v)
    this.hasSpare = true
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Fisher-Yates shuffle of `order` in place. */
  shuffle(order: Uint32Array): void {
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const t = order[i]
      order[i] = order[j]
      order[j] = t
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}

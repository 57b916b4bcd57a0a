/**
 * A tiny seeded PRNG for the fuzz test (mulberry32: 32-bit state, one multiply-xorshift per
 * draw), so every mutant can be made again from (seed, format, case index) alone.
 */
export class Prng {
  private s: number

  constructor(seed: number) {
    this.s = seed >>> 0
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 4294967296) * n)
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }
}

/** The seed of one case: the run's seed, the format's name and the case index, mixed (FNV-1a). */
export function caseSeed(runSeed: number, format: string, index: number): number {
  let h = 0x811c9dc5 ^ runSeed
  const text = `${format}#${index}`
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0
}

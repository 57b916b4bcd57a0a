import { describe, expect, it } from 'vitest'
import { Rng } from '../../../src/core/random/rng'

describe('Rng', () => {
  it('repeats exactly for a seed and differs between seeds', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    const c = new Rng(43)
    const sa = Array.from({ length: 100 }, () => a.nextU32())
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(sa)
    expect(Array.from({ length: 100 }, () => c.nextU32())).not.toEqual(sa)
  })

  it('has uniform and normal draws with the right moments', () => {
    const r = new Rng(7)
    let su = 0
    let sn = 0
    let sn2 = 0
    const n = 100000
    for (let i = 0; i < n; i++) {
      const u = r.uniform()
      expect(u >= 0 && u < 1).toBe(true)
      su += u
      const z = r.normal()
      sn += z
      sn2 += z * z
    }
    expect(su / n).toBeCloseTo(0.5, 2)
    expect(sn / n).toBeCloseTo(0, 1)
    expect(sn2 / n).toBeCloseTo(1, 1)
  })

  it('shuffles into a permutation, and int(n) covers 0..n-1', () => {
    const r = new Rng(1)
    const order = Uint32Array.from({ length: 50 }, (_, i) => i)
    r.shuffle(order)
    expect([...order].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect([...order]).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
    const seen = new Set<number>()
    for (let i = 0; i < 1000; i++) seen.add(r.int(7))
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
  })
})

import { describe, expect, it } from 'vitest'
import { clampSmoothing, MAX_SMOOTHING, smoothEma } from '../../../src/core/viz/smoothing'

/** The debiased EMA written out the long way: Σ w^(n−i) (1−w) y_i / (1 − wⁿ). */
function reference(ys: number[], w: number): number[] {
  return ys.map((_, n) => {
    let sum = 0
    for (let i = 0; i <= n; i++) sum += w ** (n - i) * (1 - w) * ys[i]
    return sum / (1 - w ** (n + 1))
  })
}

describe('smoothEma', () => {
  it('is the debiased exponential moving average', () => {
    const ys = [1, 0.5, 0.8, 0.2, 0.4, 0.1, 0.3]
    const smoothed = Array.from(smoothEma(ys, 0.6))
    reference(ys, 0.6).forEach((r, i) => expect(smoothed[i]).toBeCloseTo(r, 6))
    // debiasing: the first value is itself, not pulled towards zero
    expect(smoothed[0]).toBeCloseTo(1, 6)
  })

  it('leaves a constant series constant and weight 0 raw', () => {
    expect(Array.from(smoothEma([2, 2, 2, 2], 0.9))).toEqual([2, 2, 2, 2].map(() => expect.closeTo(2, 5)))
    expect(Array.from(smoothEma([3, 1, 4, 1, 5], 0))).toEqual([3, 1, 4, 1, 5])
  })

  it('passes a NaN through without disturbing the average after it', () => {
    const s = smoothEma([1, Number.NaN, 3], 0.5)
    expect(Number.isNaN(s[1])).toBe(true)
    expect(s[2]).toBeCloseTo(reference([1, 3], 0.5)[1], 6)
  })

  it('smooths only the first `count` values into a given buffer', () => {
    const out = new Float32Array(8).fill(-1)
    expect(smoothEma([4, 2, 9, 9], 0.5, 2, out)).toBe(out)
    expect(out[0]).toBe(4)
    expect(out[1]).toBeCloseTo((0.25 * 4 + 0.5 * 2) / 0.75, 6)
    expect(out[2]).toBe(-1)
    expect(() => smoothEma([1], 0.5, 2)).toThrow(RangeError)
  })

  it('clamps the weight to 0..0.999', () => {
    expect([clampSmoothing(-1), clampSmoothing(Number.NaN), clampSmoothing(0.5), clampSmoothing(1)]).toEqual([0, 0, 0.5, MAX_SMOOTHING])
    expect(Number.isFinite(smoothEma([1, 2], 1)[1])).toBe(true)
  })
})

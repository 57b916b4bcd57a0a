import { describe, expect, it } from 'vitest'
import { L2_SCALE, LEARNING_RATE_SCALE, lastPosition, positionOf, valueAt } from '../../../src/renderer/src/forms/logScale'

describe('log-spaced sliders', () => {
  it('walks round values, six to a power of ten, from end to end', () => {
    const s = LEARNING_RATE_SCALE
    expect(lastPosition(s)).toBe(30)
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => valueAt(s, p))).toEqual([0.00001, 0.000015, 0.00002, 0.00003, 0.00005, 0.00007, 0.0001])
    expect(valueAt(s, 24)).toBe(0.1)
    expect(valueAt(s, 30)).toBe(1)
    expect(valueAt(s, 99)).toBe(1)
    expect(valueAt(s, -3)).toBe(0.00001)
    // without float noise: 3 · 10^-4 is 0.0003, not 0.00030000000000000003
    expect(String(valueAt(s, 15))).toBe('0.003')
  })

  it('is nearly even on a log axis: each step 1.3 to 1.7 times the one before', () => {
    const s = LEARNING_RATE_SCALE
    for (let p = 1; p <= lastPosition(s); p++) {
      const ratio = valueAt(s, p) / valueAt(s, p - 1)
      expect(ratio).toBeGreaterThanOrEqual(1.3)
      expect(ratio).toBeLessThanOrEqual(1.7)
    }
  })

  it('finds the nearest position for a typed value, and every slider value maps back to itself', () => {
    const s = LEARNING_RATE_SCALE
    for (let p = 0; p <= lastPosition(s); p++) expect(positionOf(s, valueAt(s, p))).toBe(p)
    expect(valueAt(s, positionOf(s, 0.01))).toBe(0.01)
    expect(valueAt(s, positionOf(s, 0.012))).toBe(0.01)
    expect(valueAt(s, positionOf(s, 0.0028))).toBe(0.003)
    expect(positionOf(s, 5)).toBe(lastPosition(s))
    expect(positionOf(s, 1e-9)).toBe(0)
    expect(positionOf(s, Number.NaN)).toBe(0)
  })

  it('gives the L2 slider an "off" end at 0', () => {
    expect(valueAt(L2_SCALE, 0)).toBe(0)
    expect(valueAt(L2_SCALE, 1)).toBe(0.000001)
    expect(positionOf(L2_SCALE, 0)).toBe(0)
    expect(valueAt(L2_SCALE, positionOf(L2_SCALE, 0.0001))).toBe(0.0001)
    expect(valueAt(L2_SCALE, lastPosition(L2_SCALE))).toBe(0.1)
  })
})

import { describe, expect, it } from 'vitest'
import { logPosition, ratioFraction, ratioHealth } from '../../../src/core/viz/updateRatio'

describe('the update-to-weight ratio as a health sign', () => {
  it('calls about 1e-3 healthy, much less slow and much more too fast', () => {
    expect([1e-3, 2e-4, 8e-3].map(ratioHealth)).toEqual(['healthy', 'healthy', 'healthy'])
    expect(ratioHealth(1e-5)).toBe('slow')
    expect(ratioHealth(0.05)).toBe('fast')
    expect([null, Number.NaN, -1].map(ratioHealth)).toEqual(['unknown', 'unknown', 'unknown'])
  })

  it('places a ratio on a log gauge', () => {
    expect(logPosition(1e-3, 1e-6, 1)).toBeCloseTo(0.5, 9)
    expect(logPosition(1e-9)).toBe(0)
    expect(logPosition(10)).toBe(1)
    expect(logPosition(0)).toBe(0)
  })

  it('says the ratio as a plain fraction', () => {
    expect(ratioFraction(1e-3)).toBe('1/1,000')
    expect(ratioFraction(1 / 837)).toBe('1/840')
    expect(ratioFraction(0.75)).toBe('0.75×')
    expect([ratioFraction(0), ratioFraction(Number.NaN)]).toEqual(['', ''])
  })
})

import { describe, expect, it } from 'vitest'
import { formatCount } from '../../../src/core/text/count'

describe('formatCount', () => {
  it('groups the whole part by threes as English does', () => {
    for (const n of [0, 7, 42, 999, 1000, 1001, 12000, 99999, 100000, 123456, 1234567, 1e9 + 7, 2 ** 40, -1, -1234, -1234567]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'))
    }
  })

  it('keeps the decimals of a number that has them', () => {
    expect(formatCount(2.5)).toBe('2.5')
    expect(formatCount(1200.25)).toBe('1,200.25')
    expect(formatCount(-0.75)).toBe('-0.75')
  })

  it('writes what cannot be grouped as it is', () => {
    expect(formatCount(Number.NaN)).toBe('NaN')
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('Infinity')
    expect(formatCount(1e21)).toBe('1e+21')
  })
})

import { describe, expect, it } from 'vitest'
import { formatPercent } from '../../../src/core/text/percent'

describe('formatPercent', () => {
  it('writes one decimal and a space that does not break', () => {
    expect(formatPercent(0.81)).toBe('81.0\u00a0%')
    expect(formatPercent(0.7816)).toBe('78.2\u00a0%')
    expect(formatPercent(0.12346, 2)).toBe('12.35\u00a0%')
    expect(formatPercent(1)).toBe('100.0\u00a0%')
    expect(formatPercent(0)).toBe('0.0\u00a0%')
  })

  it('never rounds a share short of all up to 100 %, nor a share above none down to 0 %', () => {
    expect(formatPercent(1999 / 2000)).toBe('>99.9\u00a0%')
    expect(formatPercent(0.9996)).toBe('>99.9\u00a0%')
    expect(formatPercent(0.9994)).toBe('99.9\u00a0%')
    expect(formatPercent(1 / 20000)).toBe('<0.1\u00a0%')
    expect(formatPercent(0.99996, 2)).toBe('>99.99\u00a0%')
  })

  it('shows a dash for what is not a number', () => {
    expect(formatPercent(NaN)).toBe('–')
    expect(formatPercent(Infinity)).toBe('–')
  })
})

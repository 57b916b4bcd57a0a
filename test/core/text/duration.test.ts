import { describe, expect, it } from 'vitest'
import { roughDuration } from '../../../src/core/text/duration'

describe('roughDuration', () => {
  it('rounds more coarsely the longer it is', () => {
    const cases: [number, string][] = [
      [0.2, 'less than a second'], [0.6, 'about 1 s'], [8.4, 'about 8 s'], [9.6, 'about 10 s'], [38.2, 'about 40 s'],
      [42, 'about 40 s'], [57, 'about 55 s'], [58, 'about 1 min'], [150, 'about 3 min'], [59 * 60, 'about 59 min'],
      [59.7 * 60, 'about 1 h'], [80 * 60, 'about 1 h 20 min'], [5 * 3600 + 4 * 60, 'about 5 h'], [23.99 * 3600, 'about 24 h'], [30 * 3600, 'about 30 h']
    ]
    for (const [s, words] of cases) expect(roughDuration(s), `${s} s`).toBe(words)
  })

  it('says unknown for what is not a duration', () => {
    expect(roughDuration(NaN)).toBe('unknown')
    expect(roughDuration(-1)).toBe('unknown')
  })
})

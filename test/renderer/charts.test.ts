/** Pure parts of the chart modules. */
import { describe, expect, it } from 'vitest'
import { logTick } from '../../src/renderer/src/charts/metricsChart'
import { signed, tileLabel, voteText, weightNumber } from '../../src/renderer/src/components/tileText'

describe('log axis ticks', () => {
  it('label only 1, 2 and 5 times a power of ten', () => {
    expect([0.01, 0.02, 0.05, 0.1, 0.3, 1, 2, 5, 7, 20, 200, 1000].map(logTick)).toEqual(['0.01', '0.02', '0.05', '0.1', '', '1', '2', '5', '', '20', '200', '1000'])
    expect(logTick(0)).toBe('')
  })
})

describe('tile words', () => {
  it('write weights with a real minus sign and words for what is not a number', () => {
    expect([weightNumber(0.1234), weightNumber(-0.5), weightNumber(0.00002), weightNumber(Number.NaN), weightNumber(-Infinity)])
      .toEqual(['0.123', '−0.500', '2.0e-5', 'not a number', 'minus infinite'])
    expect([signed(0.25), signed(-0.25), signed(0)]).toEqual(['+0.250', '−0.250', '+0.000'])
  })

  it('say how a unit votes', () => {
    expect(voteText(Float32Array.from([-0.4, 0.4]), ['night', 'day'])).toBe('weight into the output +0.400: it votes for day')
    // a negative weight into the output votes for class 0, and the words keep its sign
    expect(voteText(Float32Array.from([0.454, -0.454]), ['night', 'day'])).toBe('weight into the output −0.454: it votes for night')
    expect(voteText(Float32Array.from([Number.NaN, Number.NaN]), ['night', 'day'])).toBe('weight into the output not a number')
    expect(voteText(Float32Array.from([0.1, -0.3, 0.2]), ['a', 'b', 'c'])).toBe('its vote for each class: a +0.100, b −0.300, c +0.200')
    expect(voteText(null, null)).toBe('')
    expect(tileLabel(4, 'weights', { norm: 1, min: -0.5, max: 0.25 }, null, null)).toBe('Hidden unit 5: weights norm 1.000, smallest −0.500, largest 0.250')
  })
})

/** The sweep's charts as data: a small chart's lines, and the band chart's datasets and x extent. */
import { describe, expect, it } from 'vitest'
import { sweepResults } from '../../../src/core/runs/sweepStats'
import { smallChartLines } from '../../../src/renderer/src/charts/smallRunChart'
import { BAND_LABELS, bandDatasets, xExtent } from '../../../src/renderer/src/charts/sweepValueChart'
import { valueBand } from '../../../src/renderer/src/sweep/valueBand'
import { metrics } from '../fixtures'

const THEME = { text: '#111111', muted: '#555555', grid: '#eeeeee', surface: '#ffffff', train: '#0072b2', test: '#d55e00', marker: '#cc79a7' }

describe('a small run chart', () => {
  it('puts accuracy on 0–100 % and loss from 0 to a little above its highest, x to the planned epochs', () => {
    const history = [{ ...metrics(1), testLoss: 1, testAccuracy: 0.5 }, { ...metrics(2), testLoss: 0.5, testAccuracy: 1 }]
    const lines = smallChartLines(history, 4, { left: 0, top: 0, width: 100, height: 110 })
    expect(lines.lossTop).toBeCloseTo(1.1)
    expect(lines.accuracy).toEqual([[{ x: 25, y: 55 }, { x: 50, y: 0 }]])
    expect(lines.loss[0].map((p) => [p.x, Math.round(p.y)])).toEqual([[25, 10], [50, 60]])
  })

  it('breaks the loss line where it is not a number', () => {
    const history = [metrics(1), { ...metrics(2), testLoss: Number.NaN }, metrics(3)]
    const lines = smallChartLines(history, 3, { left: 0, top: 0, width: 30, height: 10 })
    expect(lines.loss.map((run) => run.length)).toEqual([1, 1])
    expect(lines.accuracy.map((run) => run.length)).toEqual([3])
  })
})

describe('the band chart', () => {
  const band = valueBand(sweepResults([0.001, 0.01, 0.1].flatMap((lr, i) => [0, 1].map((repeat) => ({
    values: [lr], repeat, final: null,
    best: { epoch: 1, trainLoss: 0.3, trainAccuracy: 0.8, testLoss: 0.4, testAccuracy: 0.7 + 0.05 * i + 0.02 * repeat }
  }))), ['learningRate']).axes[0], null)

  it('fills between the lowest and highest seed, draws the mean, and every seed as a point without a line', () => {
    const sets = bandDatasets(band, THEME)
    expect(sets.map((s) => s.label)).toEqual([BAND_LABELS.low, BAND_LABELS.band, BAND_LABELS.mean, BAND_LABELS.seeds])
    expect(sets[1].fill).toBe('-1')
    expect(sets[1].backgroundColor).toBe('rgba(0, 114, 178, 0.2)')
    expect(sets[2].data.map((p) => Math.round(p.y))).toEqual([71, 76, 81])
    expect(sets[3].showLine).toBe(false)
    expect(sets[3].data).toHaveLength(6)
  })

  it('leaves room beyond the first and last value, on the log axis by ratio', () => {
    expect(band.scale).toBe('log')
    const { min, max } = xExtent(band)
    expect(min).toBeCloseTo(0.001 / 1.6)
    expect(max).toBeCloseTo(0.16)
    expect(xExtent({ ...band, scale: 'category' })).toEqual({ min: -0.5, max: 2.5 })
  })
})

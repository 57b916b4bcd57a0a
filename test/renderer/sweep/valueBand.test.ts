/** Best test accuracy against a swept setting: a point per seed, the mean, the seeds' spread as a band, the x scale, the noise sentence. */
import { describe, expect, it } from 'vitest'
import { sweepResults, type SweepRunResult } from '../../../src/core/runs/sweepStats'
import type { SweepValue } from '../../../src/core/runs/types'
import { bandScale, valueBand } from '../../../src/renderer/src/sweep/valueBand'

const run = (value: SweepValue, repeat: number, accuracy: number | null): SweepRunResult => ({
  values: [value], repeat,
  best: accuracy === null ? null : { epoch: 2, trainLoss: 0.3, trainAccuracy: accuracy, testLoss: 0.4, testAccuracy: accuracy },
  final: null
})

describe('the band of a swept setting', () => {
  it('has a point per seed, the mean as a line and the lowest to highest seed as the band, on a log axis for learning rates', () => {
    const results = sweepResults([run(0.001, 0, 0.7), run(0.001, 1, 0.74), run(0.01, 0, 0.8), run(0.01, 1, 0.84), run(0.1, 0, 0.82), run(0.1, 1, null)], ['learningRate'])
    const band = valueBand(results.axes[0], { kind: 'list', values: [0.001, 0.01, 0.1] })
    expect(band.scale).toBe('log')
    expect(band.ticks).toEqual([{ x: 0.001, label: '0.001' }, { x: 0.01, label: '0.01' }, { x: 0.1, label: '0.1' }])
    expect(band.seeds.map((p) => [p.x, Math.round(p.y)])).toEqual([[0.001, 70], [0.001, 74], [0.01, 80], [0.01, 84], [0.1, 82]])
    expect(band.mean.map((p) => Math.round(p.y))).toEqual([72, 82, 82])
    expect(band.low.map((p) => Math.round(p.y))).toEqual([70, 80, 82])
    expect(band.high.map((p) => Math.round(p.y))).toEqual([74, 84, 82])
    expect(band.rows[1]).toEqual({ label: '0.01', mean: '82.0\u00a0%', spread: '80.0\u00a0% to 84.0\u00a0% (± 2.8 points)', seeds: '2 seeds' })
    expect(band.rows[2].seeds).toBe('2 seeds, 1 without a result')
    expect(band.noise).toBe('With fewer than two seeds each, the difference between learning rate 0.01 and 0.1 cannot be told from noise: repeat each with more seeds.')
  })

  it('says when the best two values differ by less than the seeds\' spread', () => {
    const results = sweepResults([run(0.5, 0, 0.8), run(0.5, 1, 0.84), run(0.9, 0, 0.82), run(0.9, 1, 0.85)], ['momentum'])
    const band = valueBand(results.axes[0], null)
    expect(band.scale).toBe('linear')
    expect(band.noise).toBe('The differences between momentum 0.9 and 0.5 are within the spread of the seeds (82.0\u00a0% to 85.0\u00a0% and 80.0\u00a0% to 84.0\u00a0%).')
  })

  it('spaces names, hidden layers and a 0 among log-spaced numbers evenly, labelled', () => {
    const layers = sweepResults([run([15], 0, 0.8), run([100, 50], 0, 0.82)], ['hidden'])
    const band = valueBand(layers.axes[0], null)
    expect(band.scale).toBe('category')
    expect(band.ticks).toEqual([{ x: 0, label: '15' }, { x: 1, label: '100, 50' }])
    const l2 = sweepResults([run(0, 0, 0.8), run(0.0001, 0, 0.8), run(0.001, 0, 0.8)], ['l2'])
    expect(bandScale(l2.axes[0].values, null)).toBe('category')
    expect(bandScale(sweepResults([run(50, 0, 0.8), run(200, 0, 0.8)], ['batchSize']).axes[0].values, null)).toBe('linear')
    expect(bandScale(sweepResults([run(50, 0, 0.8), run(200, 0, 0.8)], ['batchSize']).axes[0].values, { kind: 'range', from: 50, to: 200, steps: 2, scale: 'log' })).toBe('log')
  })
})

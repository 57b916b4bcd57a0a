import { describe, expect, it } from 'vitest'
import { bestRun, noiseSentence, rankRuns, sweepResults, type SweepRunResult } from '../../../src/core/runs/sweepStats'
import type { SweepValue } from '../../../src/core/runs/types'

const P = '\u00a0%'

function result(values: SweepValue[], repeat: number, accuracy: number | null, loss = 0.5): SweepRunResult {
  const best = accuracy === null ? null : { epoch: 3, trainLoss: 0.4, trainAccuracy: 0.9, testLoss: loss, testAccuracy: accuracy }
  return { values, repeat, best, final: best }
}

describe('sweepResults over one setting', () => {
  const runs = [
    result([0.05], 0, 0.80), result([0.05], 1, 0.82), result([0.05], 2, 0.81),
    result([0.01], 0, 0.78), result([0.01], 1, 0.76), result([0.01], 2, null)
  ]

  it('gives per value the points, the mean and the spread, values in increasing order', () => {
    const r = sweepResults(runs, ['learningRate'])
    expect(r.heatMap).toBeNull()
    const [low, high] = r.axes[0].values
    expect(low).toEqual({ value: 0.01, label: '0.01', points: [0.78, 0.76], failed: 1, mean: expect.closeTo(0.77, 12), min: 0.76, max: 0.78, sd: expect.closeTo(Math.SQRT2 * 0.01, 12) })
    expect(high.points).toEqual([0.80, 0.82, 0.81])
    expect(high.mean).toBeCloseTo(0.81, 12)
    expect(high.sd).toBeCloseTo(0.01, 12) // deviations −0.01, 0.01, 0: √(0.0002 / 2)
    expect([high.min, high.max]).toEqual([0.80, 0.82])
  })

  it('picks the best run: highest best test accuracy, then the lower loss, then the earlier run', () => {
    expect(sweepResults(runs, ['learningRate']).best).toBe(1)
    expect(bestRun([result([1], 0, 0.8, 0.5), result([2], 0, 0.8, 0.4), result([3], 0, 0.8, 0.4)])).toBe(1)
    expect(bestRun([result([1], 0, null), result([2], 0, null)])).toBeNull()
    expect(rankRuns(runs)).toEqual([1, 2, 0, 3, 4, 5])
  })

  it('has a value with no runs that trained as null statistics', () => {
    const r = sweepResults([result(['tanh'], 0, null), result(['relu'], 0, 0.7)], ['activation'])
    expect(r.axes[0].values.map((v) => [v.label, v.mean, v.failed])).toEqual([['tanh', null, 1], ['relu', 0.7, 0]])
  })
})

describe('sweepResults over two settings', () => {
  it('gives a heat map of means, rows the first setting and columns the second, in value order', () => {
    const runs: SweepRunResult[] = []
    const acc: Record<string, number[]> = { '0.1/15': [0.7, 0.72], '0.1/100,50': [0.8, 0.84], '0.01/15': [0.6, 0.62], '0.01/100,50': [0.75, 0.77] }
    for (const lr of [0.1, 0.01]) {
      for (const h of [[100, 50], [15]]) {
        acc[`${lr}/${h.join(',')}`].forEach((a, repeat) => runs.push(result([lr, h], repeat, a)))
      }
    }
    const r = sweepResults(runs, ['learningRate', 'hidden'])
    expect(r.heatMap?.rows.values.map((v) => v.label)).toEqual(['0.01', '0.1'])
    expect(r.heatMap?.columns.values.map((v) => v.label)).toEqual(['15', '100, 50'])
    const means = r.heatMap!.means.map((row) => row.map((m) => Number(m!.toFixed(4))))
    expect(means).toEqual([[0.61, 0.76], [0.71, 0.82]])
    // each axis over all values of the other
    expect(r.axes[1].values[1].points).toEqual([0.8, 0.84, 0.75, 0.77])
    expect(r.best).toBe(1)
  })

  it('leaves a cell without a trained run empty', () => {
    const r = sweepResults([result([0.1, 'relu'], 0, 0.7), result([0.1, 'tanh'], 0, null), result([0.2, 'relu'], 0, 0.8)], ['learningRate', 'activation'])
    expect(r.heatMap?.means).toEqual([[0.7, null], [0.8, null]])
  })
})

describe('noiseSentence', () => {
  const stats = (points: number[]) => sweepResults(points.map((a, i) => result([1], i, a)), ['learningRate']).axes[0].values[0]
  const named = (label: string, points: number[]) => ({ ...stats(points), label })

  it('says when two values differ by no more than the seeds do', () => {
    expect(noiseSentence('learningRate', named('0.01', [0.775, 0.79]), named('0.05', [0.782, 0.801]))).toBe(
      `The differences between learning rate 0.01 and 0.05 are within the spread of the seeds (77.5${P} to 79.0${P} and 78.2${P} to 80.1${P}).`
    )
  })

  it('and when one did better by more than the spread', () => {
    expect(noiseSentence('learningRate', named('0.05', [0.80, 0.81]), named('0.01', [0.77, 0.78]))).toBe(
      `Learning rate 0.05 did better than 0.01 by more than the spread of the seeds (best test accuracy 80.0${P} to 81.0${P} against 77.0${P} to 78.0${P}).`
    )
  })

  it('asks for more seeds when there is one', () => {
    expect(noiseSentence('l2', named('0', [0.8]), named('0.001', [0.7, 0.71]))).toMatch(/^With fewer than two seeds each, the difference between L2 0 and 0.001 cannot be told from noise/)
  })
})

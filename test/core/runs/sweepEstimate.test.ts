import { describe, expect, it } from 'vitest'
import { costSentence, estimateSweep, lanesFor } from '../../../src/core/runs/sweepEstimate'
import type { PlannedRun, RunSettings } from '../../../src/core/runs/types'
import { SETTINGS } from './fixtures'

const plan = (n: number, epochs = 20, other: Partial<RunSettings> = {}): PlannedRun[] =>
  Array.from({ length: n }, (_, i) => ({ settings: { ...SETTINGS, ...other, epochs, seed: 1 + i }, values: [0.01], repeat: i }))

describe('lanesFor', () => {
  it('runs as many at once as threads allow, and divides the threads', () => {
    expect(lanesFor(8, 2, 0)).toEqual({ lanes: 2, threadsPerRun: 1 })
    expect(lanesFor(1, 8, 0)).toEqual({ lanes: 1, threadsPerRun: 8 })
    expect(lanesFor(3, 8, 0)).toEqual({ lanes: 3, threadsPerRun: 2 })
    expect(lanesFor(12, 8, 2)).toEqual({ lanes: 2, threadsPerRun: 4 })
    expect(lanesFor(0, 8, 0)).toEqual({ lanes: 0, threadsPerRun: 0 })
  })

  it('never oversubscribes the budget, never has more lanes than runs or than the cap', () => {
    for (let runs = 1; runs <= 20; runs++) {
      for (let budget = 1; budget <= 16; budget++) {
        for (let cap = 0; cap <= 5; cap++) {
          const { lanes, threadsPerRun } = lanesFor(runs, budget, cap)
          expect(lanes * threadsPerRun).toBeLessThanOrEqual(budget)
          expect(lanes).toBeLessThanOrEqual(runs)
          if (cap > 0) expect(lanes).toBeLessThanOrEqual(cap)
          expect(lanes).toBeGreaterThanOrEqual(1)
          expect(threadsPerRun).toBeGreaterThanOrEqual(1)
        }
      }
    }
  })

  it('refuses nonsense counts as a bug', () => {
    expect(() => lanesFor(2, 0, 0)).toThrow(RangeError)
    expect(() => lanesFor(-1, 2, 0)).toThrow(RangeError)
    expect(() => lanesFor(2, 2, 1.5)).toThrow(RangeError)
  })
})

describe('estimateSweep', () => {
  it('says what the issue says: 12 runs × 20 epochs, about 40 s on this computer', () => {
    // 2 lanes of one thread; 0.33 s per epoch: 6 runs × 20 epochs × 0.33 s = 39.6 s per lane
    const e = estimateSweep(plan(12), () => 0.33, 2, 0)
    expect(e).toEqual({ runs: 12, epochs: 240, parallel: 2, threadsPerRun: 1, seconds: expect.closeTo(39.6, 9), sentence: '12 runs × 20 epochs, about 40 s on this computer' })
  })

  it('asks for the epoch time at the threads each run gets', () => {
    const seen: number[] = []
    estimateSweep(plan(3), (s) => { seen.push(s.threads); return 1 }, 8, 0)
    expect(seen).toEqual([2, 2, 2])
  })

  it('puts runs on the lane that frees first, in plan order', () => {
    // epochs 10, 1, 1, 1 on 2 lanes at 1 s: lane 1 takes 10, lane 2 takes the three short ones: 10 s, not 11
    const p = [...plan(1, 10), ...plan(3, 1)]
    expect(estimateSweep(p, () => 1, 2, 0).seconds).toBe(10)
    expect(estimateSweep(p, () => 1, 2, 0).sentence).toBe('4 runs, 13 epochs in all, about 10 s on this computer')
    expect(estimateSweep(p, () => 1, 1, 0).seconds).toBe(13)
  })

  it('counts the epochs successive halving saves', () => {
    // 4 runs of 20 epochs, half stop after 5: 2 × 20 + 2 × 5 = 50 epochs, 12.5 per run on its own lane
    const e = estimateSweep(plan(4), () => 1, 4, 0, { afterEpoch: 5 })
    expect(e.epochs).toBe(50)
    expect(e.seconds).toBe(12.5)
    expect(e.sentence).toBe('4 runs × 20 epochs (about half stop after epoch 5), about 15 s on this computer')
  })

  it('says when the time is not known', () => {
    expect(estimateSweep(plan(2), () => NaN, 2, 0).sentence).toBe('2 runs × 20 epochs; how long is not known yet')
    expect(costSentence(plan(1, 1), 0.2)).toBe('1 run × 1 epoch, less than a second on this computer')
  })
})

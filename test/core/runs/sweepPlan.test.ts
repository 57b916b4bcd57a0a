import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import { describeValues, expandValues, MAX_SWEEP_RUNS, planSweep } from '../../../src/core/runs/sweepPlan'
import type { SweepAxis, SweepSpec, SweepValue, SweepValues } from '../../../src/core/runs/types'
import { SETTINGS } from './fixtures'

const list = (...values: SweepValue[]): SweepValues => ({ kind: 'list', values })
const range = (from: number, to: number, steps: number, scale: 'log' | 'linear' = 'linear'): SweepValues => ({ kind: 'range', from, to, steps, scale })

function spec(axes: SweepAxis[], o: Partial<SweepSpec> = {}): SweepSpec {
  return { axes, mode: { kind: 'grid' }, repeats: 1, halving: null, parallel: 0, ...o }
}

function refusal(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return (e as Error).message
  }
  throw new Error('not refused')
}

describe('expandValues', () => {
  it('spaces a log range evenly, both ends included, 3 significant digits between them', () => {
    expect(expandValues(range(0.001, 0.1, 5, 'log'), 'learningRate')).toEqual([0.001, 0.00316, 0.01, 0.0316, 0.1])
    expect(expandValues(range(0.0001, 1, 5, 'log'), 'l2')).toEqual([0.0001, 0.001, 0.01, 0.1, 1])
  })

  it('spaces a linear range evenly', () => {
    expect(expandValues(range(0.5, 0.95, 4), 'momentum')).toEqual([0.5, 0.65, 0.8, 0.95])
    expect(expandValues(range(0.9, 0.5, 3), 'momentum')).toEqual([0.9, 0.7, 0.5])
  })

  it('keeps the exact ends, and never rounds a value past an end', () => {
    expect(expandValues(range(0.0123456, 0.0234567, 2), 'learningRate')).toEqual([0.0123456, 0.0234567])
    // 0.99 to 0.9999 in 100 steps: values above 0.9995 would read 1.00 (a momentum that cannot train) with 3 digits
    const v = expandValues(range(0.99, 0.9999, 100), 'momentum') as number[]
    expect(v[v.length - 1]).toBe(0.9999)
    expect(v.filter((x) => x > 0.9995).length).toBeGreaterThan(3)
    expect(v.every((x) => x < 1)).toBe(true)
  })

  it('rounds whole-number settings and keeps each value once', () => {
    expect(expandValues(range(16, 512, 6, 'log'), 'batchSize')).toEqual([16, 32, 64, 128, 256, 512])
    expect(expandValues(range(1, 3, 5), 'epochs')).toEqual([1, 2, 3]) // 1, 1.5→2, 2, 2.5→3, 3
    expect(expandValues(range(10, 100, 4, 'log'), 'hidden')).toEqual([[10], [22], [46], [100]])
    expect(expandValues(list(0.01, 0.05, 0.01), 'learningRate')).toEqual([0.01, 0.05])
  })

  it('takes hidden layers as widths or lists of widths', () => {
    expect(expandValues(list(15, [100, 50], [15]), 'hidden')).toEqual([[15], [100, 50]])
    expect(expandValues(list('tanh', 'relu'), 'activation')).toEqual(['tanh', 'relu'])
  })

  it('refuses values that cannot be trained with the reasons of the hyperparameter checks', () => {
    expect(refusal(() => expandValues(list(0.01, 20), 'learningRate'))).toMatch(/The learning rate must be above 0 and at most 10 \(you gave 20\)/)
    expect(refusal(() => expandValues(range(0.001, 20, 3, 'log'), 'learningRate'))).toMatch(/you gave 20/)
    expect(refusal(() => expandValues(list(1), 'momentum'))).toMatch(/Momentum must be at least 0 and below 1/)
    expect(refusal(() => expandValues(list(2.5), 'batchSize'))).toMatch(/batch size must be a whole number/)
    expect(refusal(() => expandValues(list([15, 0]), 'hidden'))).toMatch(/Hidden layer width 0 is not allowed/)
    expect(refusal(() => expandValues(list(0), 'epochs'))).toMatch(/train 1 to 100,000 epochs each \(you gave 0\)/)
    expect(refusal(() => expandValues(list('swish' as 'relu'), 'activation'))).toMatch(/"swish" is not an activation: use relu, leaky-relu, tanh, sigmoid/)
    expect(refusal(() => expandValues(list(NaN), 'l2'))).toMatch(/must be a number/)
    expect(refusal(() => expandValues(list(), 'l2'))).toMatch(/Give the L2 1 to 1,000 values/)
  })

  it('refuses ranges that cannot be spaced, in plain words', () => {
    expect(refusal(() => expandValues(range(0, 0.001, 4, 'log'), 'l2'))).toMatch(/A log range of the L2 must start and end above 0 \(you gave 0 to 0.001\)\. Use a linear range/)
    expect(refusal(() => expandValues(range(0.1, 0.2, 1), 'learningRate'))).toMatch(/needs a whole number of steps from 2 to 1,000 \(you gave 1\)/)
    expect(refusal(() => expandValues(range(0.1, 0.2, 1001), 'learningRate'))).toMatch(/you gave 1001/)
    expect(refusal(() => expandValues(range(1, 2, 3), 'activation'))).toMatch(/The activation cannot take a range of values: list the ones to try/)
    expect(expandValues(range(0, 0.001, 3), 'l2')).toEqual([0, 0.0005, 0.001])
  })
})

describe('planSweep: grid', () => {
  it('is the cartesian product in axis order, each combination repeated with seeds from the base', () => {
    const runs = planSweep(spec([
      { setting: 'learningRate', values: list(0.01, 0.1) },
      { setting: 'hidden', values: list(15, [100, 50], 7) }
    ], { repeats: 2 }), { ...SETTINGS, seed: 5 })
    expect(runs.map((r) => [r.settings.learningRate, r.settings.hidden.join('+'), r.settings.seed, r.repeat])).toEqual([
      [0.01, '15', 5, 0], [0.01, '15', 6, 1], [0.01, '100+50', 5, 0], [0.01, '100+50', 6, 1], [0.01, '7', 5, 0], [0.01, '7', 6, 1],
      [0.1, '15', 5, 0], [0.1, '15', 6, 1], [0.1, '100+50', 5, 0], [0.1, '100+50', 6, 1], [0.1, '7', 5, 0], [0.1, '7', 6, 1]
    ])
    expect(runs[2].values).toEqual([0.01, [100, 50]])
    // every other setting is the base's
    expect({ ...runs[3].settings, learningRate: SETTINGS.learningRate, hidden: SETTINGS.hidden, seed: 5 }).toEqual({ ...SETTINGS, seed: 5 })
  })

  it('has product-of-sizes × repeats runs, every combination once per seed', () => {
    const sizes = [[1, 1], [2, 3], [3, 1], [4, 2], [1, 5]]
    for (const [a, b] of sizes) {
      for (const repeats of [1, 3]) {
        const runs = planSweep(spec([
          { setting: 'learningRate', values: range(0.001, 0.1, Math.max(2, a), 'log') },
          { setting: 'batchSize', values: list(...[50, 100, 150, 200, 250].slice(0, b)) }
        ], { repeats }), SETTINGS)
        const n = Math.max(2, a) * b * repeats
        expect(runs).toHaveLength(n)
        expect(new Set(runs.map((r) => `${r.settings.learningRate}/${r.settings.batchSize}/${r.settings.seed}`)).size).toBe(n)
      }
    }
  })

  it('caps the runs, saying how many the spec asks for', () => {
    const big = spec([{ setting: 'learningRate', values: range(0.001, 1, 100, 'log') }, { setting: 'l2', values: range(0, 0.01, 5) }], { repeats: 3 })
    expect(refusal(() => planSweep(big, SETTINGS))).toBe(
      `This sweep asks for 1,500 runs (100 × 5 combinations × 3 seeds); a sweep can have at most ${MAX_SWEEP_RUNS.toLocaleString('en')}. Use fewer values or seeds.`
    )
  })

  it('refuses a spec that makes no sense, in plain words', () => {
    const lr = { setting: 'learningRate' as const, values: list(0.01) }
    expect(refusal(() => planSweep(spec([]), SETTINGS))).toMatch(/Choose at least one setting/)
    expect(refusal(() => planSweep(spec([lr, lr]), SETTINGS))).toMatch(/The learning rate is swept twice/)
    expect(refusal(() => planSweep(spec([lr], { repeats: 0 }), SETTINGS))).toMatch(/1 to 100 seeds \(you gave 0\)/)
    expect(refusal(() => planSweep(spec([lr], { halving: { afterEpoch: 10 } }), SETTINGS))).toMatch(/after epoch 10 would stop nothing: the runs train at most 10 epochs/)
    expect(refusal(() => planSweep(spec([lr], { repeats: 3 }), { ...SETTINGS, seed: 0xffffffff - 1 }))).toMatch(/last seed would pass 4294967295/)
    expect(refusal(() => planSweep(spec([lr]), { ...SETTINGS, epochs: 0 }))).toMatch(/1 to 100,000 epochs each \(you gave 0\)/)
    expect(planSweep(spec([lr], { halving: { afterEpoch: 3 } }), SETTINGS)).toHaveLength(1)
  })
})

describe('planSweep: random', () => {
  const axes: SweepAxis[] = [
    { setting: 'learningRate', values: range(0.001, 0.1, 2, 'log') },
    { setting: 'hidden', values: list(15, 50, [100, 50]) },
    { setting: 'batchSize', values: range(50, 500, 2) }
  ]
  const random = (seed: number, count = 12, repeats = 2) => spec(axes, { mode: { kind: 'random', count, seed }, repeats })

  it('is reproducible from its seed and differs with another', () => {
    const a = planSweep(random(7), SETTINGS)
    expect(planSweep(random(7), SETTINGS)).toEqual(a)
    expect(planSweep(random(8), SETTINGS)).not.toEqual(a)
    expect(a).toHaveLength(24)
  })

  it('draws lists from their values and ranges anywhere on their scale, rounded', () => {
    const runs = planSweep(random(3, 200, 1), SETTINGS)
    const lrs = runs.map((r) => r.settings.learningRate)
    for (const r of runs) {
      expect(r.settings.learningRate).toBeGreaterThanOrEqual(0.001)
      expect(r.settings.learningRate).toBeLessThanOrEqual(0.1)
      expect(Number(r.settings.learningRate.toPrecision(3))).toBe(r.settings.learningRate)
      expect(['15', '50', '100,50']).toContain(r.settings.hidden.join(','))
      expect(Number.isInteger(r.settings.batchSize) && r.settings.batchSize >= 50 && r.settings.batchSize <= 500).toBe(true)
    }
    // log scale: about half of the draws below the geometric middle 0.01
    const below = lrs.filter((x) => x < 0.01).length
    expect(below).toBeGreaterThan(70)
    expect(below).toBeLessThan(130)
    // every combination differs
    expect(new Set(runs.map((r) => JSON.stringify(r.values))).size).toBe(200)
  })

  it('repeats each drawn combination with the seeds', () => {
    const runs = planSweep(random(1, 3, 3), { ...SETTINGS, seed: 10 })
    expect(runs.map((r) => r.settings.seed)).toEqual([10, 11, 12, 10, 11, 12, 10, 11, 12])
    expect(runs[0].values).toEqual(runs[2].values)
  })

  it('refuses more combinations than the lists have', () => {
    const lists = spec([{ setting: 'activation', values: list('relu', 'tanh') }, { setting: 'hidden', values: list(15, 50) }], { mode: { kind: 'random', count: 5, seed: 1 } })
    expect(refusal(() => planSweep(lists, SETTINGS))).toMatch(/Only 4 different combinations of these values exist, fewer than the 5 asked for/)
    const narrow = spec([{ setting: 'epochs', values: range(1, 3, 2) }], { mode: { kind: 'random', count: 5, seed: 1 } })
    expect(refusal(() => planSweep(narrow, SETTINGS))).toMatch(/Only 3 different combinations could be drawn/)
  })

  it('caps the runs', () => {
    expect(refusal(() => planSweep(random(1, 600, 2), SETTINGS))).toMatch(/asks for 1,200 runs \(600 combinations × 2 seeds\)/)
  })
})

describe('describeValues', () => {
  it('names a run\'s values in words', () => {
    expect(describeValues(['learningRate', 'hidden'], [0.05, [100, 50]])).toBe('learning rate 0.05, hidden layers 100, 50')
  })
})

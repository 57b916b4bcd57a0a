/** The builder's fields to a SweepSpec: modes, seeds, halving, the cap, and the plan's own reasons. */
import { describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import type { RunSettings } from '../../../src/core/runs/types'
import { axisFields } from '../../../src/renderer/src/sweep/axisText'
import { readSweep, sweepFields, type SweepFields } from '../../../src/renderer/src/sweep/sweepFields'

const BASE: RunSettings = { ...SEED_DEFAULTS, epochs: 4, threads: 2 }
const two = (patch: Partial<SweepFields> = {}): SweepFields => ({
  ...sweepFields(),
  axes: [{ ...axisFields('learningRate'), list: '0.01, 0.05, 0.1' }, { ...axisFields('hidden'), list: '4 | 8' }],
  ...patch
})

describe('the sweep the builder describes', () => {
  it('starts as the learning rate over three values with two seeds each: 6 runs', () => {
    const r = readSweep(sweepFields(), BASE)
    expect(r.spec).toEqual({
      axes: [{ setting: 'learningRate', values: { kind: 'list', values: [0.001, 0.01, 0.1] } }],
      mode: { kind: 'grid' }, repeats: 2, halving: null, parallel: 0
    })
    expect(r.runs).toBe(6)
  })

  it('makes every combination of two settings, each with its seeds', () => {
    const r = readSweep(two({ parallel: 3 }), BASE)
    expect(r.spec?.axes.map((a) => a.setting)).toEqual(['learningRate', 'hidden'])
    expect(r.spec?.parallel).toBe(3)
    expect(r.runs).toBe(12)
  })

  it('draws N random combinations with their seed, and halves after the epoch asked for', () => {
    const r = readSweep(two({ mode: 'random', count: '4', drawSeed: '7', repeats: '1', halving: true, halvingEpoch: '2' }), BASE)
    expect(r.spec?.mode).toEqual({ kind: 'random', count: 4, seed: 7 })
    expect(r.spec?.halving).toEqual({ afterEpoch: 2 })
    expect(r.runs).toBe(4)
  })

  it('gives the reason beside a wrong field and no spec', () => {
    const r = readSweep(two({ mode: 'random', count: 'x', repeats: '0', halving: true, halvingEpoch: '' }), BASE)
    expect(r.spec).toBeNull()
    expect(r.problems).toEqual({
      count: 'The number of random combinations must be a whole number from 1 to 1,000.',
      repeats: 'Seeds per combination must be a whole number from 1 to 100.',
      halvingEpoch: 'The epoch to judge at is empty: type a whole number.'
    })
  })

  it('says why the plan cannot be: halving at the last epoch, too many runs', () => {
    expect(readSweep(two({ halving: true, halvingEpoch: '4' }), BASE).plan).toBe(
      'Stopping the worse half after epoch 4 would stop nothing: the runs train at most 4 epochs. Choose an earlier epoch.')
    const big = readSweep({ ...two({ repeats: '100' }), axes: [{ ...axisFields('learningRate'), kind: 'range', from: '0.001', to: '0.1', steps: '20' }] }, BASE)
    expect(big.spec).toBeNull()
    expect(big.plan).toBe('This sweep asks for 2,000 runs (20 combinations × 100 seeds); a sweep can have at most 1,000. Use fewer values or seeds.')
  })

  it('keeps the spec without a run count while the form on the left has mistakes', () => {
    const r = readSweep(sweepFields(), null)
    expect(r.spec).not.toBeNull()
    expect(r.runs).toBeNull()
  })
})

/**
 * The sweep builder's fields and what they say: one or two swept settings (axisText.ts), every
 * combination or N random ones (with the seed that draws them), K seeds per combination,
 * successive halving after an epoch (off unless asked for), and a cap on runs at once. readSweep
 * turns them into the SweepSpec the training process takes, or the plain reason beside each field
 * that is wrong; with the form's settings as the base it also plans the sweep (core planSweep),
 * so a sweep too big or a halving epoch past the last one is said before anything starts.
 */
import { isUserError } from '../../../core/errors'
import { planSweep } from '../../../core/runs/sweepPlan'
import type { RunSettings, SweepSpec } from '../../../core/runs/types'
import { parseNumber } from '../forms/hyperparameterForm'
import { axisFields, readAxis, type AxisFields, type AxisReading } from './axisText'

/** The builder offers one or two settings (a heat map shows two). */
export const MAX_AXES = 2

export interface SweepFields {
  readonly axes: readonly AxisFields[]
  readonly mode: 'grid' | 'random'
  /** random mode: how many combinations, and the seed that draws them (as typed). */
  readonly count: string
  readonly drawSeed: string
  /** seeds per combination (as typed). */
  readonly repeats: string
  readonly halving: boolean
  readonly halvingEpoch: string
  /** at most this many runs at once; 0: as many as the cores allow. */
  readonly parallel: number
}

export type SweepField = 'count' | 'drawSeed' | 'repeats' | 'halvingEpoch'

export interface SweepReading {
  readonly axes: readonly AxisReading[]
  /** the reason beside each wrong field. */
  readonly problems: Partial<Record<SweepField, string>>
  /** why the sweep as a whole cannot be planned (too many runs, halving too late, …); null when it can or the form is wrong. */
  readonly plan: string | null
  /** the spec, when every field is right. */
  readonly spec: SweepSpec | null
  /** the runs it plans; null until it can be planned. */
  readonly runs: number | null
}

/** A sweep of the learning rate over three values, each with two seeds. */
export function sweepFields(): SweepFields {
  return { axes: [axisFields('learningRate')], mode: 'grid', count: '10', drawSeed: '1', repeats: '2', halving: false, halvingEpoch: '3', parallel: 0 }
}

/** A whole number from `min` to `max` as typed, or the reason it is not. */
function whole(text: string, what: string, min: number, max: number): number | string {
  const n = parseNumber(text)
  if (text.trim() === '') return `${what} is empty: type a whole number.`
  if (!Number.isInteger(n) || n < min || n > max) return `${what} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`
  return n
}

/** What the fields say, checked; `base` is the form's settings (null while the form has mistakes). */
export function readSweep(f: SweepFields, base: RunSettings | null): SweepReading {
  const axes = f.axes.map(readAxis)
  const problems: Partial<Record<SweepField, string>> = {}
  const read = (field: SweepField, what: string, min: number, max: number): number => {
    const n = whole(f[field], what, min, max)
    if (typeof n === 'string') {
      problems[field] = n
      return Number.NaN
    }
    return n
  }
  const repeats = read('repeats', 'Seeds per combination', 1, 100)
  const count = f.mode === 'random' ? read('count', 'The number of random combinations', 1, 1000) : 0
  const drawSeed = f.mode === 'random' ? read('drawSeed', 'The seed that draws them', 0, 0xffffffff) : 0
  const afterEpoch = f.halving ? read('halvingEpoch', 'The epoch to judge at', 1, 100_000) : 0
  const ok = axes.every((a) => a.values !== null) && Object.keys(problems).length === 0
  if (!ok) return { axes, problems, plan: null, spec: null, runs: null }
  const spec: SweepSpec = {
    axes: f.axes.map((a, i) => ({ setting: a.setting, values: axes[i].values! })),
    mode: f.mode === 'random' ? { kind: 'random', count, seed: drawSeed } : { kind: 'grid' },
    repeats,
    halving: f.halving ? { afterEpoch } : null,
    parallel: f.parallel
  }
  if (base === null) return { axes, problems, plan: null, spec, runs: null }
  try {
    return { axes, problems, plan: null, spec, runs: planSweep(spec, base).length }
  } catch (e) {
    if (!isUserError(e)) throw e
    return { axes, problems, plan: e.message, spec: null, runs: null }
  }
}

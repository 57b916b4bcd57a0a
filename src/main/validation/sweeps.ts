/**
 * Checks of the sweep requests (sweep:*): a SweepSpec's shape — each swept setting with values of
 * its kind, lists and ranges bounded, the mode, seeds, halving and cap as whole numbers in range.
 * What needs the dataset or the form (values checkHyperparameters refuses, the number of runs) is
 * refused by the core's planSweep in plain words when the training process plans the sweep.
 */
import { SCALING_MODES } from '../../core/data/scaling'
import { HYPER_LIMITS } from '../../core/nn/hyperparameters'
import { ACTIVATIONS } from '../../core/nn/network'
import { MAX_AXIS_VALUES, MAX_REPEATS, MAX_SWEEP_RUNS } from '../../core/runs/sweepPlan'
import type { SweepAxis, SweepSetting, SweepSpec, SweepValue, SweepValues } from '../../core/runs/types'
import { bad, fields, list, number, object, oneOf } from './check'

const SETTINGS: readonly SweepSetting[] = ['learningRate', 'l2', 'momentum', 'batchSize', 'hidden', 'activation', 'scaling', 'epochs']
const ANY_NUMBER = { min: -1e300, max: 1e300 }

function value(setting: SweepSetting, v: unknown, what: string): SweepValue {
  if (setting === 'activation') return oneOf(v, what, ACTIVATIONS)
  if (setting === 'scaling') return oneOf(v, what, SCALING_MODES)
  if (setting === 'hidden') {
    if (typeof v === 'number') return [number(v, what, HYPER_LIMITS.hiddenUnits)]
    return list(v, what, HYPER_LIMITS.hiddenLayers.max, (u, w) => number(u, `${w} (units)`, HYPER_LIMITS.hiddenUnits))
  }
  return number(v, what, ANY_NUMBER)
}

function values(setting: SweepSetting, raw: unknown): SweepValues {
  const kind = oneOf(object(raw, 'the values').kind, 'the kind of values', ['list', 'range'] as const)
  if (kind === 'list') {
    const o = fields(raw, 'the listed values', ['kind', 'values'])
    return { kind, values: list(o.values, 'the values', MAX_AXIS_VALUES, (v, w) => value(setting, v, w)) }
  }
  const o = fields(raw, 'the range', ['kind', 'from', 'to', 'steps', 'scale'])
  return {
    kind,
    from: number(o.from, 'the start of the range', ANY_NUMBER),
    to: number(o.to, 'the end of the range', ANY_NUMBER),
    steps: number(o.steps, 'the steps of the range', { min: 2, max: MAX_AXIS_VALUES, integer: true }),
    scale: oneOf(o.scale, 'the scale of the range', ['log', 'linear'] as const)
  }
}

function axis(raw: unknown, what: string): SweepAxis {
  const o = fields(raw, what, ['setting', 'values'])
  const setting = oneOf(o.setting, `${what}'s setting`, SETTINGS)
  return { setting, values: values(setting, o.values) }
}

export function sweepSpec(raw: unknown): SweepSpec {
  const o = fields(raw, 'the sweep', ['axes', 'mode', 'repeats', 'halving', 'parallel'])
  const axes = list(o.axes, 'the swept settings', SETTINGS.length, axis)
  if (axes.length === 0) throw bad('the swept settings', 'a list of one setting or more', o.axes)
  const kind = oneOf(object(o.mode, 'the mode').kind, 'the mode', ['grid', 'random'] as const)
  let mode: SweepSpec['mode'] = { kind: 'grid' }
  if (kind === 'random') {
    const m = fields(o.mode, 'the random mode', ['kind', 'count', 'seed'])
    mode = {
      kind,
      count: number(m.count, 'the number of random combinations', { min: 1, max: MAX_SWEEP_RUNS, integer: true }),
      seed: number(m.seed, 'the seed of the random combinations', HYPER_LIMITS.seed)
    }
  } else fields(o.mode, 'the grid mode', ['kind'])
  const halving = o.halving === null ? null : {
    afterEpoch: number(fields(o.halving, 'the halving', ['afterEpoch']).afterEpoch, 'the halving epoch', { ...HYPER_LIMITS.epochs, min: 1 })
  }
  return {
    axes,
    mode,
    repeats: number(o.repeats, 'the seeds per combination', { min: 1, max: MAX_REPEATS, integer: true }),
    halving,
    parallel: number(o.parallel, 'the most runs at once', { min: 0, max: MAX_SWEEP_RUNS, integer: true })
  }
}

/** A sweep run's live run id, or null for every run. */
export function sweepRunId(raw: unknown): number | null {
  return raw === null ? null : number(raw, 'the run', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true })
}

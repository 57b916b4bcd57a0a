/**
 * A sweep spec to the runs it trains. expandValues turns one axis into its values: a list as
 * given (deduplicated), or a range of `steps` values from `from` to `to`, both ends included,
 * spaced evenly on a linear or a log scale. Values between the ends keep 3 significant digits
 * (0.00316, not 0.0031622776601683794: what people read is what is trained, and `train` repeats
 * it) and whole-number settings (batch size, epochs, hidden units) are rounded; values that
 * become equal are kept once. planSweep makes the runs: the grid is the cartesian product in axis
 * order (the first axis varies slowest), random mode draws `count` different combinations with a
 * seeded Rng (a list gives one of its values, a range any value on its scale), and every
 * combination is repeated with seeds base.seed, base.seed + 1, … A sweep has at most
 * MAX_SWEEP_RUNS runs. Each value is checked by checkHyperparameters, the one place of the limits.
 */
import { SCALING_MODES } from '../data/scaling'
import { UserError } from '../errors'
import { checkHyperparameters, HYPER_LIMITS, SEED_DEFAULTS, type Hyperparameters } from '../nn/hyperparameters'
import { Rng } from '../random/rng'
import { ACTIVATIONS } from '../nn/network'
import { MAX_HISTORY_EPOCHS, MAX_RECORDED_LAYERS } from './manifestCheck'
import { formatSettingValue, settingLabel } from './settingWords'
import type { PlannedRun, RunSettings, SweepSetting, SweepSpec, SweepValue, SweepValues } from './types'
import { formatCount } from '../text/count'

export { estimateSweep, lanesFor } from './sweepEstimate'
export { cliSettings, formatSettingValue, settingLabel } from './settingWords'

/** The most runs one sweep plans. */
export const MAX_SWEEP_RUNS = 1000
/** The most values one axis has (a list's length, a range's steps). */
export const MAX_AXIS_VALUES = 1000
/** The most repeats (seeds) of each combination. */
export const MAX_REPEATS = 100
const SIGNIFICANT_DIGITS = 3
const WHOLE: readonly SweepSetting[] = ['batchSize', 'epochs', 'hidden']
const ALL_SETTINGS: readonly SweepSetting[] = ['learningRate', 'l2', 'momentum', 'batchSize', 'hidden', 'activation', 'scaling', 'epochs']

function badSweep(message: string): never {
  throw new UserError('bad-sweep', message)
}

/** A key that is equal for equal values (hidden layers compared width by width). */
export function valueKey(v: SweepValue): string {
  return Array.isArray(v) ? `layers:${v.join(',')}` : `${typeof v}:${String(v)}`
}

function checkValue(setting: SweepSetting, v: SweepValue): void {
  const label = settingLabel(setting)
  if (setting === 'activation') {
    if (!(ACTIVATIONS as readonly unknown[]).includes(v)) badSweep(`"${String(v)}" is not an activation: use ${ACTIVATIONS.join(', ')}.`)
    return
  }
  if (setting === 'scaling') {
    if (!(SCALING_MODES as readonly unknown[]).includes(v)) badSweep(`"${String(v)}" is not an input scaling: use ${SCALING_MODES.join(', ')}.`)
    return
  }
  if (setting === 'hidden') {
    if (!Array.isArray(v) || !v.every((u) => typeof u === 'number')) badSweep(`Each value of the hidden layers must be widths, such as 15 or 100, 50 (not "${String(v)}").`)
    if (v.length > MAX_RECORDED_LAYERS) badSweep(`A network can have at most ${MAX_RECORDED_LAYERS} hidden layers (a value of the sweep has ${v.length}).`)
  } else if (typeof v !== 'number' || !Number.isFinite(v)) badSweep(`Each value of the ${label} must be a number (not "${String(v)}").`)
  checkHyperparameters({ ...SEED_DEFAULTS, [setting]: v } as Hyperparameters, 1)
  if (setting === 'epochs') checkEpochs(v as number)
}

function checkEpochs(epochs: number): void {
  if (epochs < 1 || epochs > MAX_HISTORY_EPOCHS) {
    badSweep(`A sweep's runs train 1 to ${formatCount(MAX_HISTORY_EPOCHS)} epochs each (you gave ${epochs}).`)
  }
}

/** A value as the setting keeps it: hidden layers as a list of widths. */
function normalise(setting: SweepSetting, v: SweepValue): SweepValue {
  if (setting === 'hidden' && typeof v === 'number') return [v]
  if (Array.isArray(v)) return [...v]
  return v
}

/** A value between a range's ends, rounded as the header says (never past an end: 0.99995 in 0.5 to 0.9999 stays). */
function rounded(setting: SweepSetting, r: Extract<SweepValues, { kind: 'range' }>, x: number): SweepValue {
  if (setting === 'hidden') return [Math.round(x)]
  if (WHOLE.includes(setting)) return Math.round(x)
  const short = Number(x.toPrecision(SIGNIFICANT_DIGITS))
  return short >= Math.min(r.from, r.to) && short <= Math.max(r.from, r.to) ? short : x
}

function checkRange(setting: SweepSetting, r: Extract<SweepValues, { kind: 'range' }>): void {
  const label = settingLabel(setting)
  if (setting === 'activation' || setting === 'scaling') badSweep(`The ${label} cannot take a range of values: list the ones to try.`)
  if (!Number.isInteger(r.steps) || r.steps < 2 || r.steps > MAX_AXIS_VALUES) {
    badSweep(`A range of the ${label} needs a whole number of steps from 2 to ${formatCount(MAX_AXIS_VALUES)} (you gave ${r.steps}).`)
  }
  if (r.scale !== 'log' && r.scale !== 'linear') badSweep(`A range is spaced on a "log" or a "linear" scale (not "${String(r.scale)}").`)
  if (r.scale === 'log' && !(r.from > 0 && r.to > 0)) {
    badSweep(`A log range of the ${label} must start and end above 0 (you gave ${r.from} to ${r.to}). Use a linear range, or start at a small value such as 0.00001.`)
  }
  for (const end of [r.from, r.to]) checkValue(setting, normalise(setting, WHOLE.includes(setting) ? Math.round(end) : end))
}

/** The value a share `t` (0..1) of the way from `from` to `to` on the range's scale (exact at both ends). */
function stepValue(r: Extract<SweepValues, { kind: 'range' }>, t: number): number {
  if (t === 0) return r.from
  if (t === 1) return r.to
  return r.scale === 'log' ? Math.exp(Math.log(r.from) + t * (Math.log(r.to) - Math.log(r.from))) : r.from + t * (r.to - r.from)
}

function keepOnce(values: readonly SweepValue[]): SweepValue[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const k = valueKey(v)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** The values one axis of a sweep tries, checked (see the header); throws a plain UserError. */
export function expandValues(values: SweepValues, setting: SweepSetting): SweepValue[] {
  if (!ALL_SETTINGS.includes(setting)) badSweep(`"${String(setting)}" is not a setting a sweep can vary.`)
  if (values.kind === 'list') {
    if (!Array.isArray(values.values) || values.values.length === 0 || values.values.length > MAX_AXIS_VALUES) {
      badSweep(`Give the ${settingLabel(setting)} 1 to ${formatCount(MAX_AXIS_VALUES)} values to try.`)
    }
    const out = values.values.map((v) => normalise(setting, v))
    for (const v of out) checkValue(setting, v)
    return keepOnce(out)
  }
  if (values.kind !== 'range') badSweep('The values of a swept setting are a list or a range.')
  checkRange(setting, values)
  const out: SweepValue[] = []
  for (let i = 0; i < values.steps; i++) {
    const t = i / (values.steps - 1)
    const x = stepValue(values, t)
    out.push(i === 0 || i === values.steps - 1 ? normalise(setting, WHOLE.includes(setting) ? Math.round(x) : x) : rounded(setting, values, x))
  }
  return keepOnce(out)
}

/** One value drawn for random mode: a list's value, or anywhere in a range on its scale. */
function drawValue(rng: Rng, axis: SweepValues, setting: SweepSetting, listed: readonly SweepValue[]): SweepValue {
  if (axis.kind === 'list') return listed[rng.int(listed.length)]
  return rounded(setting, axis, stepValue(axis, rng.uniform()))
}

/** `base` with a sweep's values set. */
export function withValues(base: RunSettings, axes: readonly SweepSetting[], values: readonly SweepValue[]): RunSettings {
  const s: Record<string, unknown> = { ...base }
  axes.forEach((setting, i) => { s[setting] = values[i] })
  return s as unknown as RunSettings
}

function checkSpec(spec: SweepSpec, base: RunSettings): void {
  if (!Array.isArray(spec.axes) || spec.axes.length === 0) badSweep('Choose at least one setting to sweep.')
  const settings = spec.axes.map((a) => a.setting)
  const twice = settings.find((s, i) => settings.indexOf(s) !== i)
  if (twice !== undefined) badSweep(`The ${settingLabel(twice)} is swept twice: give each setting once, with all its values.`)
  if (!Number.isInteger(spec.repeats) || spec.repeats < 1 || spec.repeats > MAX_REPEATS) {
    badSweep(`Each combination is trained with 1 to ${MAX_REPEATS} seeds (you gave ${spec.repeats}).`)
  }
  if (spec.mode.kind === 'random') {
    const { count: n, seed } = spec.mode
    if (!Number.isInteger(n) || n < 1) badSweep(`Random mode needs a whole number of combinations, 1 or more (you gave ${n}).`)
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) badSweep(`The seed that draws random combinations must be a whole number from 0 to 4294967295 (you gave ${seed}).`)
  } else if (spec.mode.kind !== 'grid') badSweep('A sweep tries every combination (grid) or random ones.')
  if (!Number.isInteger(spec.parallel) || spec.parallel < 0) badSweep(`At most how many runs train at once must be a whole number, 0 for as many as the cores allow (you gave ${spec.parallel}).`)
  if (spec.halving !== null && (!Number.isInteger(spec.halving.afterEpoch) || spec.halving.afterEpoch < 1)) {
    badSweep(`Stopping the worse half needs the epoch after which to judge: a whole number, 1 or more (you gave ${spec.halving.afterEpoch}).`)
  }
  checkHyperparameters(base, 1)
  if (!spec.axes.some((a) => a.setting === 'epochs')) checkEpochs(base.epochs)
  if (base.seed + spec.repeats - 1 > HYPER_LIMITS.seed.max) badSweep(`With ${spec.repeats} seeds from ${base.seed}, the last seed would pass ${HYPER_LIMITS.seed.max}. Choose a smaller seed.`)
}

function tooMany(asked: number, how: string): never {
  badSweep(`This sweep asks for ${formatCount(asked)} runs (${how}); a sweep can have at most ${formatCount(MAX_SWEEP_RUNS)}. Use fewer values or seeds.`)
}

function seeds(repeats: number): string {
  return `${repeats} seed${repeats === 1 ? '' : 's'}`
}

/** The combinations of values random mode draws: `n` different ones, reproducible from `seed`. */
function drawCombinations(spec: SweepSpec, listed: readonly SweepValue[][], n: number, seed: number): SweepValue[][] {
  if (spec.axes.every((a) => a.values.kind === 'list')) {
    const exist = listed.reduce((p, v) => p * v.length, 1)
    if (n > exist) badSweep(`Only ${formatCount(exist)} different combinations of these values exist, fewer than the ${formatCount(n)} asked for. Ask for at most ${formatCount(exist)}, or try every combination (grid).`)
  }
  const rng = new Rng(seed)
  const seen = new Set<string>()
  const out: SweepValue[][] = []
  for (let tries = 0; out.length < n && tries < n * 100; tries++) {
    const combo = spec.axes.map((a, i) => drawValue(rng, a.values, a.setting, listed[i]))
    const key = combo.map(valueKey).join('|')
    if (seen.has(key)) continue
    seen.add(key)
    out.push(combo)
  }
  if (out.length < n) badSweep(`Only ${formatCount(out.length)} different combinations could be drawn from these values, fewer than the ${formatCount(n)} asked for. Ask for fewer, or widen the ranges.`)
  return out
}

/** Every run of the sweep, combination by combination, each repeated with its seeds (see the header). */
export function planSweep(spec: SweepSpec, base: RunSettings): PlannedRun[] {
  checkSpec(spec, base)
  const listed = spec.axes.map((a) => expandValues(a.values, a.setting))
  let combos: SweepValue[][]
  if (spec.mode.kind === 'grid') {
    const sizes = listed.map((v) => v.length)
    const total = sizes.reduce((p, n) => p * n, 1) * spec.repeats
    if (total > MAX_SWEEP_RUNS) tooMany(total, `${sizes.join(' × ')} combinations × ${seeds(spec.repeats)}`)
    combos = [[]]
    for (const values of listed) combos = combos.flatMap((c) => values.map((v) => [...c, v]))
  } else {
    const total = spec.mode.count * spec.repeats
    if (total > MAX_SWEEP_RUNS) tooMany(total, `${formatCount(spec.mode.count)} combinations × ${seeds(spec.repeats)}`)
    combos = drawCombinations(spec, listed, spec.mode.count, spec.mode.seed)
  }
  const axes = spec.axes.map((a) => a.setting)
  const runs: PlannedRun[] = []
  for (const values of combos) {
    const settings = withValues(base, axes, values)
    for (let repeat = 0; repeat < spec.repeats; repeat++) runs.push({ settings: { ...settings, seed: base.seed + repeat }, values, repeat })
  }
  if (spec.halving !== null) {
    const most = Math.max(...runs.map((r) => r.settings.epochs))
    if (spec.halving.afterEpoch >= most) {
      badSweep(`Stopping the worse half after epoch ${spec.halving.afterEpoch} would stop nothing: the runs train at most ${most} epoch${most === 1 ? '' : 's'}. Choose an earlier epoch.`)
    }
  }
  return runs
}

/** "learning rate 0.05, hidden layers 100, 50": a planned run's values in words. */
export function describeValues(axes: readonly SweepSetting[], values: readonly SweepValue[]): string {
  return axes.map((s, i) => `${settingLabel(s)} ${formatSettingValue(s, values[i])}`).join(', ')
}

/**
 * `sweep`'s values: any setting option of `train` takes one value (fixed), a comma list or a
 * range, which makes it a swept setting (an axis, in the order the options were given):
 *   --lr 0.001,0.01,0.1         a list
 *   --lr 0.001..0.1:5log        5 values from 0.001 to 0.1, evenly on a log scale (":5" or ":5lin": linear)
 *   --hidden 15,50              one hidden layer of each width (a range too: --hidden 10..100:4log)
 *   --layers "100,50|200,100"   several hidden layers: each network's widths, networks apart by "|"
 *   --activation relu,tanh      --scale centre,standardise
 * The values are checked and expanded by src/core/runs/sweepPlan.ts (the one place of the limits).
 */
import { SCALING_MODES } from '../core/data/scaling'
import { HYPER_LIMITS as L, limitWords, SEED_DEFAULTS, type Hyperparameters } from '../core/nn/hyperparameters'
import { ACTIVATIONS } from '../core/nn/network'
import type { SweepAxis, SweepSetting, SweepValue } from '../core/runs/types'
import { parseIntList, UsageError } from './args'
import { checkActivation, checkScaling } from './trainOptions'
import { formatCount } from '../core/text/count'

/** The options that can be swept, and the setting each sets. */
export const SWEPT_OPTIONS: Readonly<Record<string, SweepSetting>> = {
  hidden: 'hidden', layers: 'hidden', activation: 'activation', lr: 'learningRate', batch: 'batchSize',
  momentum: 'momentum', l2: 'l2', epochs: 'epochs', scale: 'scaling'
}

interface RangeText {
  readonly from: string
  readonly to: string
  readonly steps: number
  readonly scale: 'log' | 'linear'
}

/** "0.001..0.1:5log" taken apart; null when the text is no range. */
function rangeText(name: string, text: string): RangeText | null {
  const dots = text.indexOf('..')
  if (dots < 0) return null
  const tail = /^(.*?):\s*(\d+)\s*(log|lin|linear)?\s*$/.exec(text.slice(dots + 2))
  if (!tail) throw new UsageError(`--${name}: a range is written from..to:steps, like 0.001..0.1:5log (on a log scale) or 16..256:4 (linear), not "${text}".`)
  return { from: text.slice(0, dots), to: tail[1], steps: Number(tail[2]), scale: tail[3] === 'log' ? 'log' : 'linear' }
}

function number(name: string, text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name} needs numbers separated by commas (like 0.001,0.01) or a range (like 0.001..0.1:5log), not "${text}".`)
  }
  return n
}

/** The values an option was given: one (fixed), or an axis of the sweep. */
export function optionValues(name: string, text: string): { readonly fixed: SweepValue } | { readonly axis: SweepAxis } {
  const setting = SWEPT_OPTIONS[name]
  const range = rangeText(name, text)
  if (range) {
    if (name === 'layers' || setting === 'activation' || setting === 'scaling') {
      throw new UsageError(`--${name} cannot take a range: list the values to try${name === 'layers' ? ', networks apart by "|"' : ', separated by commas'}.`)
    }
    return { axis: { setting, values: { kind: 'range', from: number(name, range.from), to: number(name, range.to), steps: range.steps, scale: range.scale } } }
  }
  const parts = text.split(name === 'layers' ? '|' : ',').map((p) => p.trim())
  let values: SweepValue[]
  if (name === 'layers') values = parts.map((p) => parseIntList('layers', p))
  else if (setting === 'activation') values = parts.map(checkActivation)
  else if (setting === 'scaling') values = parts.map(checkScaling)
  else values = parts.map((p) => number(name, p))
  if (values.length === 1) return { fixed: values[0] }
  return { axis: { setting, values: { kind: 'list', values } } }
}

/** The base settings (defaults, then fixed values) and the swept settings, in the order given. */
export function sweepSettings(options: ReadonlyMap<string, string | number | boolean>): { readonly base: Hyperparameters; readonly axes: SweepAxis[] } {
  if (options.has('hidden') && options.has('layers')) throw new UsageError('Give either --hidden or --layers, not both.')
  const base: Record<string, unknown> = { ...SEED_DEFAULTS }
  const axes: SweepAxis[] = []
  for (const [name, value] of options) {
    const setting = SWEPT_OPTIONS[name]
    if (setting === undefined) continue
    const got = optionValues(name, String(value))
    if ('axis' in got) axes.push(got.axis)
    else base[setting] = setting === 'hidden' && typeof got.fixed === 'number' ? [got.fixed] : got.fixed
  }
  if (options.has('seed')) base.seed = options.get('seed')
  if (options.has('shuffle')) base.shuffle = options.get('shuffle')
  return { base: base as unknown as Hyperparameters, axes }
}

/** Help for a swept option: what it is, and how to give several values. */
export const LIST_HELP = {
  hidden: `hidden units of one hidden layer, ${limitWords(L.hiddenUnits)}; a list (15,50) or a range (10..100:4log) tries several (default ${SEED_DEFAULTS.hidden[0]})`,
  layers: 'several hidden layers, e.g. 100,50; networks to try apart by "|": "100,50|200,100" (instead of --hidden)',
  activation: `hidden activation: ${ACTIVATIONS.join(', ')}; a list tries several (default ${SEED_DEFAULTS.activation})`,
  lr: `learning rate, ${limitWords(L.learningRate)}; a list (0.001,0.01,0.1) or a range (0.001..0.1:5log) (default ${SEED_DEFAULTS.learningRate})`,
  batch: `pictures per step, ${limitWords(L.batchSize)}; a list or a range (default ${SEED_DEFAULTS.batchSize})`,
  momentum: `how much of the previous step carries on, ${limitWords(L.momentum)}; a list or a range (default ${SEED_DEFAULTS.momentum})`,
  l2: `weight decay, ${limitWords(L.l2)}; a list or a range (default ${SEED_DEFAULTS.l2})`,
  epochs: `passes over the training pictures, from 1 to ${formatCount(L.epochs.max)}; a list or a range (default ${SEED_DEFAULTS.epochs})`,
  scale: `input scaling: ${SCALING_MODES.join(', ')}; a list tries several (default ${SEED_DEFAULTS.scaling})`
} as const

/**
 * Ready-made settings: the seed defaults, a quick run to see something happen, and a careful
 * run for a better result. A preset sets the network and the training settings; the seed,
 * the input scaling and the threads stay as the user set them (except "Seed defaults", which
 * restores every hyperparameter).
 */
import { SEED_DEFAULTS } from '../../../core/nn/hyperparameters'
import { fieldsFrom, parseNumber, type HyperparameterFields } from './hyperparameterForm'

export type PresetId = 'seed' | 'fast' | 'careful'

export interface Preset {
  readonly id: PresetId
  readonly label: string
  /** what it is for, in one sentence (the button's tooltip). */
  readonly description: string
  readonly fields: Partial<HyperparameterFields>
}

const seedFields = fieldsFrom(SEED_DEFAULTS)
const { threads: _threads, ...seedHyper } = seedFields

export const PRESETS: readonly Preset[] = [
  {
    id: 'seed',
    label: 'Seed defaults',
    description: 'The settings NN Scratch starts with: 15 hidden units, learning rate 0.01, 10 epochs.',
    fields: seedHyper
  },
  {
    id: 'fast',
    label: 'Fast',
    description: 'A quick look: bigger steps and fewer epochs, done in seconds, a little less accurate.',
    fields: { hidden: ['15'], activation: 'relu', learningRate: '0.03', momentum: '0.9', l2: '0.0001', batchSize: '100', epochs: '5' }
  },
  {
    id: 'careful',
    label: 'Careful',
    description: 'A steadier, longer run: more units, small steps and a stronger L2 penalty against learning by heart.',
    fields: { hidden: ['50'], activation: 'relu', learningRate: '0.003', momentum: '0.9', l2: '0.001', batchSize: '50', epochs: '30' }
  }
]

/** The form with `preset` applied. */
export function applyPreset(fields: HyperparameterFields, preset: Preset): HyperparameterFields {
  return { ...fields, ...preset.fields, hidden: [...(preset.fields.hidden ?? fields.hidden)] }
}

/** The preset the form matches exactly (as typed, spaces aside), or null. */
export function matchingPreset(fields: HyperparameterFields): PresetId | null {
  const same = (a: unknown, b: unknown): boolean => {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
    const [x, y] = [parseNumber(String(a)), parseNumber(String(b))]
    return Number.isNaN(x) || Number.isNaN(y) ? String(a).trim() === String(b).trim() : x === y
  }
  const found = PRESETS.find((p) => (Object.keys(p.fields) as (keyof HyperparameterFields)[]).every((k) => same(fields[k], p.fields[k])))
  return found?.id ?? null
}

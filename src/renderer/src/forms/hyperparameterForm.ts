/**
 * The hyperparameter form as text fields (what the user typed) and the checks that turn it into
 * Hyperparameters. The ranges and their plain-language reasons are core's (checkHyperparameters),
 * plus the contract's request limits (LIMITS); this module adds only what a text box needs: "is
 * this a number at all", one reason per field.
 */
import { isUserError } from '../../../core/errors'
import type { ScalingMode } from '../../../core/data/scaling'
import { SEED_DEFAULTS, type Hyperparameters } from '../../../core/nn/hyperparameters'
import type { Activation } from '../../../core/nn/network'
import { checkHyperparameters } from '../../../core/nn/hyperparameters'
import { LIMITS } from '../../../shared/ipc'

export interface HyperparameterFields {
  /** "15", or several layers as "100, 50". */
  hidden: string
  activation: Activation
  learningRate: string
  batchSize: string
  momentum: string
  l2: string
  epochs: string
  seed: string
  scaling: ScalingMode
}

export type TextField = Exclude<keyof HyperparameterFields, 'activation' | 'scaling'>
export type FieldErrors = Partial<Record<keyof HyperparameterFields, string>>

export const TEXT_FIELDS: readonly TextField[] = ['hidden', 'learningRate', 'batchSize', 'momentum', 'l2', 'epochs', 'seed']

/** The form filled in from hyperparameters (the seed defaults unless given). */
export function fieldsFrom(h: Hyperparameters = SEED_DEFAULTS): HyperparameterFields {
  return {
    hidden: h.hidden.join(', '),
    activation: h.activation,
    learningRate: String(h.learningRate),
    batchSize: String(h.batchSize),
    momentum: String(h.momentum),
    l2: String(h.l2),
    epochs: String(h.epochs),
    seed: String(h.seed),
    scaling: h.scaling
  }
}

const LABELS: Record<TextField, string> = {
  hidden: 'Hidden units',
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  momentum: 'Momentum',
  l2: 'L2 penalty',
  epochs: 'Epochs',
  seed: 'Seed'
}

/** A decimal number as typed ("0.01", "1e-4", " 3 "), or NaN for anything else ("", "abc", "0x1"). */
export function parseNumber(text: string): number {
  const t = text.trim()
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number.NaN
  return Number(t)
}

/** "15" or "100, 50" as layer widths, or null when it is not a list of numbers. */
export function parseLayers(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.length === 0 || parts.some((p) => p === '')) return null
  const widths = parts.map(parseNumber)
  return widths.some(Number.isNaN) ? null : widths
}

type Parsed = { value: Hyperparameters[keyof Hyperparameters] } | { error: string }

function parseField(field: TextField, text: string): Parsed {
  if (text.trim() === '') return { error: `${LABELS[field]} is empty: type a number.` }
  if (field === 'hidden') {
    const layers = parseLayers(text)
    if (!layers) return { error: 'Hidden units must be a whole number such as 15, or widths separated by commas such as 100, 50.' }
    if (layers.length > LIMITS.maxHiddenLayers) return { error: `Use at most ${LIMITS.maxHiddenLayers} hidden layers (you gave ${layers.length}).` }
    return { value: layers }
  }
  const value = parseNumber(text)
  if (Number.isNaN(value)) return { error: `${LABELS[field]} must be a number, such as ${fieldsFrom()[field]}.` }
  if (field === 'epochs' && value < 1) return { error: 'Train at least one epoch: use a whole number of 1 or more.' }
  if (field === 'epochs' && value > LIMITS.maxEpochs) return { error: `Use at most ${LIMITS.maxEpochs.toLocaleString('en')} epochs at a time.` }
  if (field === 'batchSize' && value > LIMITS.maxBatchSize) return { error: `Use a batch size of at most ${LIMITS.maxBatchSize.toLocaleString('en')}.` }
  return { value }
}

/** The reason a single field is not acceptable, checked on its own against the seed defaults. */
function fieldError(field: TextField, text: string): string | undefined {
  const parsed = parseField(field, text)
  if ('error' in parsed) return parsed.error
  try {
    checkHyperparameters({ ...SEED_DEFAULTS, [field]: parsed.value }, 1)
    return undefined
  } catch (e) {
    if (isUserError(e)) return e.message
    throw e
  }
}

export type FormResult = { ok: true; hyper: Hyperparameters } | { ok: false; errors: FieldErrors }

/** Every field checked: the hyperparameters, or one plain reason per field that is wrong. */
export function readForm(fields: HyperparameterFields): FormResult {
  const errors: FieldErrors = {}
  for (const field of TEXT_FIELDS) {
    const reason = fieldError(field, fields[field])
    if (reason) errors[field] = reason
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const number = (field: Exclude<TextField, 'hidden'>): number => parseNumber(fields[field])
  return {
    ok: true,
    hyper: {
      ...SEED_DEFAULTS,
      hidden: parseLayers(fields.hidden) ?? SEED_DEFAULTS.hidden,
      activation: fields.activation,
      learningRate: number('learningRate'),
      batchSize: number('batchSize'),
      momentum: number('momentum'),
      l2: number('l2'),
      epochs: number('epochs'),
      seed: number('seed'),
      scaling: fields.scaling
    }
  }
}

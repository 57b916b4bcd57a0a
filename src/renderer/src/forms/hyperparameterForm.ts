/**
 * The hyperparameter form as text fields (what the user typed) and the checks that turn it into
 * Hyperparameters plus compute threads. The ranges and their plain-language reasons are core's
 * (HYPER_LIMITS, checkHyperparameters); this module adds only what a text box needs: "is this a
 * number at all", one reason per field (per layer for the hidden layers), and that the studio
 * trains at least one epoch.
 */
import { isUserError } from '../../../core/errors'
import type { ScalingMode } from '../../../core/data/scaling'
import { checkHyperparameters, HYPER_LIMITS, SEED_DEFAULTS, type Hyperparameters } from '../../../core/nn/hyperparameters'
import type { Activation } from '../../../core/nn/network'
import type { StepSettings } from '../../../shared/ipc'
import { MAX_THREADS } from '../../../shared/settings'

export interface HyperparameterFields {
  /** one width per hidden layer, as typed; none is a linear classifier. */
  hidden: string[]
  activation: Activation
  learningRate: string
  batchSize: string
  momentum: string
  l2: string
  epochs: string
  seed: string
  scaling: ScalingMode
  /** compute threads, 0 = let the app choose. */
  threads: string
}

/** The fields typed as one number each. */
export type NumberField = 'learningRate' | 'batchSize' | 'momentum' | 'l2' | 'epochs' | 'seed' | 'threads'
export type TextField = NumberField | 'hidden'

export interface FieldErrors extends Partial<Record<NumberField, string>> {
  /** the first wrong layer's reason, or too many layers. */
  hidden?: string
  /** per layer: its reason, or undefined when it is fine. */
  layers?: readonly (string | undefined)[]
}

export const NUMBER_FIELDS: readonly NumberField[] = ['learningRate', 'momentum', 'l2', 'batchSize', 'epochs', 'seed', 'threads']

/** The fields that can change while a run is paused (they take effect on resume). */
export const STEP_FIELDS: readonly (keyof StepSettings & NumberField)[] = ['learningRate', 'momentum', 'l2']

/** The form filled in from hyperparameters (the seed defaults unless given). */
export function fieldsFrom(h: Hyperparameters = SEED_DEFAULTS, threads = 0): HyperparameterFields {
  return {
    hidden: h.hidden.map(String),
    activation: h.activation,
    learningRate: String(h.learningRate),
    batchSize: String(h.batchSize),
    momentum: String(h.momentum),
    l2: String(h.l2),
    epochs: String(h.epochs),
    seed: String(h.seed),
    scaling: h.scaling,
    threads: String(threads)
  }
}

const LABELS: Record<NumberField, string> = {
  learningRate: 'Learning rate',
  batchSize: 'Batch size',
  momentum: 'Momentum',
  l2: 'L2 penalty',
  epochs: 'Epochs',
  seed: 'Seed',
  threads: 'Threads'
}

/** A decimal number as typed ("0.01", "1e-4", " 3 "), or NaN for anything else ("", "abc", "0x1"). */
export function parseNumber(text: string): number {
  const t = text.trim()
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number.NaN
  return Number(t)
}

/** Runs core's checks on the seed defaults with one change; its plain reason, or undefined. */
function coreReason(patch: Partial<Hyperparameters>): string | undefined {
  try {
    checkHyperparameters({ ...SEED_DEFAULTS, ...patch }, 1)
    return undefined
  } catch (e) {
    if (isUserError(e)) return e.message
    throw e
  }
}

/** Why one hidden layer's width is not acceptable, or undefined. */
export function layerError(text: string): string | undefined {
  if (text.trim() === '') return 'Type how many units this layer has, such as 15.'
  const width = parseNumber(text)
  if (Number.isNaN(width)) return 'Use a whole number of units, such as 15.'
  return coreReason({ hidden: [width] })
}

/** The reason a single number field is not acceptable, checked on its own against the seed defaults. */
export function fieldError(field: NumberField, text: string): string | undefined {
  if (text.trim() === '') return `${LABELS[field]} is empty: type a number.`
  const value = parseNumber(text)
  if (Number.isNaN(value)) return `${LABELS[field]} must be a number, such as ${fieldsFrom()[field]}.`
  switch (field) {
    case 'epochs':
      if (value < 1) return 'Train at least one epoch: use a whole number of 1 or more.'
      break
    case 'threads':
      if (!Number.isInteger(value) || value < 0 || value > MAX_THREADS) return `Threads must be a whole number from 0 (automatic) to ${MAX_THREADS}.`
      return undefined
  }
  return coreReason({ [field]: value })
}

export type FormResult =
  | { ok: true; hyper: Hyperparameters; threads: number }
  | { ok: false; errors: FieldErrors }

/** Every field checked: the hyperparameters and threads, or one plain reason per wrong field. */
export function readForm(fields: HyperparameterFields): FormResult {
  const errors: FieldErrors = {}
  for (const field of NUMBER_FIELDS) {
    const reason = fieldError(field, fields[field])
    if (reason) errors[field] = reason
  }
  const layers = fields.hidden.map(layerError)
  const firstBad = layers.findIndex((r) => r !== undefined)
  if (fields.hidden.length > HYPER_LIMITS.hiddenLayers.max) {
    errors.hidden = `Use at most ${HYPER_LIMITS.hiddenLayers.max} hidden layers (you have ${fields.hidden.length}).`
  } else if (firstBad >= 0) {
    errors.hidden = `Hidden layer ${firstBad + 1}: ${layers[firstBad]}`
    errors.layers = layers
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const number = (field: NumberField): number => parseNumber(fields[field])
  return {
    ok: true,
    threads: number('threads'),
    hyper: {
      ...SEED_DEFAULTS,
      hidden: fields.hidden.map(parseNumber),
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

/** The learning rate, momentum and L2 the form says, when those three are valid. */
export function stepSettingsOf(fields: HyperparameterFields): StepSettings | null {
  if (STEP_FIELDS.some((f) => fieldError(f, fields[f]) !== undefined)) return null
  return { learningRate: parseNumber(fields.learningRate), momentum: parseNumber(fields.momentum), l2: parseNumber(fields.l2) }
}

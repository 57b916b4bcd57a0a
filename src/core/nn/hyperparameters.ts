/**
 * Hyperparameters of a training run and the per-epoch history it records.
 * Seed defaults: 15 hidden units, η 0.01, batch 200, μ 0.8, λ 0.0001 (see SEED_DEFAULTS).
 */
import type { ScalingMode } from '../data/scaling'
import { UserError } from '../errors'
import type { Activation, InitScheme } from './network'
import { formatCount } from '../text/count'

export interface Hyperparameters {
  readonly hidden: readonly number[]
  readonly activation: Activation
  readonly learningRate: number
  readonly batchSize: number
  readonly momentum: number
  readonly l2: number
  readonly epochs: number
  readonly seed: number
  readonly shuffle: boolean
  readonly init: InitScheme
  readonly scaling: ScalingMode
}

export const SEED_DEFAULTS: Hyperparameters = {
  hidden: [15],
  activation: 'relu',
  learningRate: 0.01,
  batchSize: 200,
  momentum: 0.8,
  l2: 0.0001,
  epochs: 10,
  seed: 1,
  shuffle: true,
  init: 'he',
  scaling: 'centre'
}

export interface EpochMetrics {
  readonly epoch: number
  readonly trainLoss: number
  readonly trainAccuracy: number
  readonly testLoss: number
  readonly testAccuracy: number
  /** wall-clock seconds the epoch's training took (evaluation excluded). */
  readonly seconds: number
  /** The training pictures trainLoss and trainAccuracy were measured on, when a sample (absent: all of them). */
  readonly trainMeasured?: number
}

/** The values a hyperparameter may take: from min to max (without min or max where said), whole numbers where said. */
export interface Limit {
  readonly min: number
  readonly max: number
  readonly integer?: boolean
  /** min itself is not allowed. */
  readonly aboveMin?: boolean
  /** max itself is not allowed. */
  readonly belowMax?: boolean
}

/**
 * The limits of every hyperparameter, defined once: checkHyperparameters holds every training to
 * them, and the settings form, the requests' validation and the command line take them from here.
 */
export const HYPER_LIMITS = {
  /** how many hidden layers. */
  hiddenLayers: { min: 0, max: 8, integer: true },
  /** the units of each hidden layer. */
  hiddenUnits: { min: 1, max: 4096, integer: true },
  learningRate: { min: 0, max: 10, aboveMin: true },
  batchSize: { min: 1, max: 1_000_000, integer: true },
  momentum: { min: 0, max: 1, belowMax: true },
  l2: { min: 0, max: 1 },
  epochs: { min: 0, max: 100_000, integer: true },
  seed: { min: 0, max: 0xffffffff, integer: true }
} as const satisfies Record<string, Limit>

/** Whether `value` is within `limit`. */
export function withinLimit(value: number, limit: Limit): boolean {
  return Number.isFinite(value) && (!limit.integer || Number.isInteger(value)) &&
    (limit.aboveMin ? value > limit.min : value >= limit.min) &&
    (limit.belowMax ? value < limit.max : value <= limit.max)
}


/** A limit in words, for help texts: "above 0 and at most 10", "from 0 to just below 1", "from 1 to 1,000,000". */
export function limitWords(limit: Limit): string {
  const high = limit.belowMax ? `just below ${formatCount(limit.max)}` : formatCount(limit.max)
  return limit.aboveMin ? `above ${formatCount(limit.min)} and at most ${high}` : `from ${formatCount(limit.min)} to ${high}`
}

const bad = (what: string): never => {
  throw new UserError('bad-setting', what)
}

/** Plain-language checks of the numbers a user typed, against HYPER_LIMITS, and that there is something to learn from. */
export function checkHyperparameters(h: Hyperparameters, trainCount: number): void {
  if (trainCount === 0) bad('The training split is empty, so there is nothing to learn from. Choose a dataset with training pictures.')
  checkLimits(h)
}

/** Plain-language checks of the numbers a user typed, against HYPER_LIMITS (before any dataset is known). */
export function checkLimits(h: Hyperparameters): void {
  const L = HYPER_LIMITS
  if (h.hidden.length > L.hiddenLayers.max) bad(`A network can have at most ${L.hiddenLayers.max} hidden layers (this one has ${h.hidden.length}).`)
  for (const u of h.hidden) {
    if (!withinLimit(u, L.hiddenUnits)) bad(`Hidden layer width ${u} is not allowed: use a whole number from ${L.hiddenUnits.min} to ${L.hiddenUnits.max}.`)
  }
  if (!withinLimit(h.learningRate, L.learningRate)) bad(`The learning rate must be above ${L.learningRate.min} and at most ${L.learningRate.max} (you gave ${h.learningRate}). Typical values are 0.001 to 0.1.`)
  if (h.batchSize > L.batchSize.max) bad(`Use a batch size of at most ${formatCount(L.batchSize.max)} (you gave ${formatCount(h.batchSize)}).`)
  if (!withinLimit(h.batchSize, L.batchSize)) bad(`The batch size must be a whole number of at least ${L.batchSize.min} (you gave ${h.batchSize}).`)
  if (!withinLimit(h.momentum, L.momentum)) bad(`Momentum must be at least ${L.momentum.min} and below ${L.momentum.max} (you gave ${h.momentum}). Typical values are 0.5 to 0.95.`)
  if (!withinLimit(h.l2, L.l2)) bad(`The L2 penalty must be between ${L.l2.min} and ${L.l2.max} (you gave ${h.l2}). Typical values are 0 to 0.001.`)
  if (h.epochs > L.epochs.max) bad(`Use at most ${formatCount(L.epochs.max)} epochs at a time (you gave ${formatCount(h.epochs)}).`)
  if (!withinLimit(h.epochs, L.epochs)) bad(`The number of epochs must be a whole number, ${L.epochs.min} or more (you gave ${h.epochs}).`)
  if (!withinLimit(h.seed, L.seed)) bad(`The seed must be a whole number from ${L.seed.min} to ${L.seed.max} (you gave ${h.seed}).`)
}

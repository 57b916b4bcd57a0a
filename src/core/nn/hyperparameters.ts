/**
 * Hyperparameters of a training run and the per-epoch history it records.
 * Seed defaults: 15 hidden units, η 0.01, batch 200, μ 0.8, λ 0.0001 (see SEED_DEFAULTS).
 */
import type { ScalingMode } from '../data/scaling'
import { UserError } from '../errors'
import type { Activation, InitScheme } from './network'

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
}

/** Plain-language checks of the numbers a user typed. */
export function checkHyperparameters(h: Hyperparameters, trainCount: number): void {
  const bad = (what: string): never => {
    throw new UserError('bad-setting', what)
  }
  if (trainCount === 0) bad('The training split is empty, so there is nothing to learn from. Choose a dataset with training pictures.')
  for (const u of h.hidden) {
    if (!Number.isInteger(u) || u < 1 || u > 4096) bad(`Hidden layer width ${u} is not allowed: use a whole number from 1 to 4096.`)
  }
  if (!(h.learningRate > 0 && h.learningRate <= 10)) bad(`The learning rate must be above 0 and at most 10 (you gave ${h.learningRate}). Typical values are 0.001 to 0.1.`)
  if (!Number.isInteger(h.batchSize) || h.batchSize < 1) bad(`The batch size must be a whole number of at least 1 (you gave ${h.batchSize}).`)
  if (!(h.momentum >= 0 && h.momentum < 1)) bad(`Momentum must be at least 0 and below 1 (you gave ${h.momentum}). Typical values are 0.5 to 0.95.`)
  if (!(h.l2 >= 0 && h.l2 <= 1)) bad(`The L2 penalty must be between 0 and 1 (you gave ${h.l2}). Typical values are 0 to 0.001.`)
  if (!Number.isInteger(h.epochs) || h.epochs < 0) bad(`The number of epochs must be a whole number, 0 or more (you gave ${h.epochs}).`)
  if (!Number.isInteger(h.seed) || h.seed < 0 || h.seed > 0xffffffff) bad(`The seed must be a whole number from 0 to 4294967295 (you gave ${h.seed}).`)
}

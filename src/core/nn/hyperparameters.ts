/**
 * Hyperparameters of a training run and the per-epoch history it records.
 * Seed defaults: 15 hidden units, η 0.01, batch 200, μ 0.8, λ 0.0001 (see SEED_DEFAULTS).
 */
import type { ScalingMode } from '../data/scaling'
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

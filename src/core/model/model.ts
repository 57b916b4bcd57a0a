/**
 * SavedModel: everything a model file holds, independent of the file format: the network
 * (architecture and tensors), the input scaling fitted on the training split, class names,
 * the hyperparameters and seed of the run, its per-epoch history, and the app version.
 */
import type { Scaling } from '../data/scaling'
import type { EpochMetrics, Hyperparameters } from '../nn/hyperparameters'
import type { Network } from '../nn/network'

export interface SavedModel {
  readonly network: Network
  readonly scaling: Scaling
  readonly classNames: readonly string[]
  readonly hyperparameters: Hyperparameters
  readonly history: readonly EpochMetrics[]
  readonly appVersion: string
}

export const APP_VERSION = '0.1.0'

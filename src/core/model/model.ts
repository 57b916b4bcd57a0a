/**
 * SavedModel: everything a model file holds, independent of the file format: the network
 * (architecture and tensors), the input scaling fitted on the training split, class names,
 * the hyperparameters and seed of the run, its per-epoch history, the app version, and how new
 * pictures are made 32×32 for it (the resize mode of the picture folder it was trained on).
 */
import type { Scaling } from '../data/scaling'
import type { EpochMetrics, Hyperparameters } from '../nn/hyperparameters'
import type { Network } from '../nn/network'
import type { ResizeMode } from '../pictures/types'

export interface SavedModel {
  readonly network: Network
  readonly scaling: Scaling
  readonly classNames: readonly string[]
  readonly hyperparameters: Hyperparameters
  readonly history: readonly EpochMetrics[]
  readonly appVersion: string
  /** the resize mode of the pictures it was trained on; absent (a dataset file): DEFAULT_RESIZE. */
  readonly resize?: ResizeMode
}

export const APP_VERSION = '0.1.0'

/**
 * SavedModel: everything a model file holds, independent of the file format: the network
 * (architecture and tensors), the input scaling fitted on the training split, class names,
 * the hyperparameters and seed of the run, its per-epoch history, the app version, how new
 * pictures are made 32×32 for it (the resize mode of the picture folder it was trained on), and,
 * when known, the first layer's weights at the start of training (the baseline of "what training
 * changed") and the loss of every batch trained.
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
  /** the first layer's weights when training began: [hidden_0, inputs] like layers[0].W; absent when unknown. */
  readonly startWeights?: Float32Array
  /** the mean loss of every batch trained, in order (NaN where it blew up); absent when unknown. */
  readonly batchLosses?: Float32Array
}

export const APP_VERSION = '0.1.0'

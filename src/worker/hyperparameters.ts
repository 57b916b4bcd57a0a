/** A TrainConfig's hyperparameters and the threads it asks for (0: one per core, up to 8). */
import type { Hyperparameters } from '../core/nn/hyperparameters'
import { defaultThreads } from '../node/threadPool'
import type { TrainConfig } from '../shared/payloads'

/** The Hyperparameters of a TrainConfig (without the compute threads). */
export function hyperparametersOf(config: TrainConfig): Hyperparameters {
  const { threads: _threads, ...hyper } = config
  return { ...hyper, hidden: [...hyper.hidden] }
}

/** The threads a config asks for: its own number, or one per core (at most 8) for 0. */
export function threadsOf(config: TrainConfig): number {
  return config.threads > 0 ? config.threads : defaultThreads()
}

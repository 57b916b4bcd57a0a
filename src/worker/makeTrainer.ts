/**
 * The one place the worker constructs a Trainer, and the one place it lets one go. Each trainer
 * gets its own compute engine on `threads` threads (0 = automatic, src/node/threadPool.ts), so
 * that networks kept from an earlier trainer (cloned or not) are never overwritten by the next.
 */
import type { Dataset } from '../core/data/dataset'
import type { Scaling } from '../core/data/scaling'
import type { Hyperparameters } from '../core/nn/hyperparameters'
import type { Network } from '../core/nn/network'
import { Trainer } from '../core/nn/trainer'
import { createThreadedEngine } from '../node/threadPool'

export interface TrainerStart {
  readonly initialNetwork?: Network
  readonly scaling?: Scaling
}

export async function makeTrainer(
  dataset: Dataset, hyper: Hyperparameters, start: TrainerStart, threads: number
): Promise<Trainer> {
  const engine = await createThreadedEngine(threads)
  try {
    return new Trainer(dataset, hyper, { initialNetwork: start.initialNetwork, scaling: start.scaling, engine })
  } catch (e) {
    engine.dispose()
    throw e
  }
}

/** Frees what a trainer holds outside the heap (its engine, and any threads) once it is dropped. */
export function releaseTrainer(trainer: Trainer): void {
  trainer.engine.dispose()
}

/**
 * The one place the worker constructs a Trainer, and the one place it lets one go. Asynchronous
 * so that a compute engine made for `threads` threads (0 = automatic, src/node/threadPool.ts)
 * can be passed here in one line; releaseTrainer already disposes a trainer's engine.
 */
import type { Dataset } from '../core/data/dataset'
import type { Scaling } from '../core/data/scaling'
import type { Hyperparameters } from '../core/nn/hyperparameters'
import type { Network } from '../core/nn/network'
import { Trainer } from '../core/nn/trainer'

export interface TrainerStart {
  readonly initialNetwork?: Network
  readonly scaling?: Scaling
}

export async function makeTrainer(
  dataset: Dataset, hyper: Hyperparameters, start: TrainerStart, threads: number
): Promise<Trainer> {
  void threads // carried for the compute engine; the plain TypeScript engine uses one thread
  return new Trainer(dataset, hyper, { initialNetwork: start.initialNetwork, scaling: start.scaling })
}

/** Frees what a trainer holds outside the heap (its engine, and any threads) once it is dropped. */
export function releaseTrainer(trainer: Trainer): void {
  trainer.engine.dispose()
}

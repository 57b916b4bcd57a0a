/**
 * What a Run (src/node/runs/run.ts) reports and gives: its status at every change of state, its
 * events — each tagged with its run id — and its network with what a model file keeps of it.
 * Types only, shared by the run host, its lanes, the training worker and the command line.
 */
import type { Scaling } from '../core/data/scaling'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import type { Network } from '../core/nn/network'
import type {
  AppError, DivergedEvent, EpochEvent, FinishedEvent, ProgressEvent, StepSettings, TrainingState, WeightsEvent
} from './payloads'

/** Where a run stands, sent with every change of state. */
export interface RunStatus {
  readonly runId: number
  readonly state: TrainingState
  /** completed epochs, earlier ones included (the length of the history). */
  readonly epoch: number
  /** the epoch the current start runs to. */
  readonly targetEpoch: number
  /** batches done in the current epoch, and per epoch. */
  readonly batch: number
  readonly batchesPerEpoch: number
  /** batches trained over the whole history. */
  readonly batchesDone: number
  readonly settings: StepSettings
}

/** What a run reports, each payload tagged with its run id. */
export interface RunEvents {
  state: RunStatus
  progress: ProgressEvent
  epoch: EpochEvent
  weights: WeightsEvent
  diverged: DivergedEvent
  finished: FinishedEvent
  /** a failure inside a slice (the run is paused). */
  error: RunError
}

/** A failure in plain words, and the run it befell. */
export interface RunError extends AppError {
  readonly runId: number
}

export type RunEventType = keyof RunEvents
export type RunEmit = <T extends RunEventType>(type: T, payload: RunEvents[T]) => void

/** A run's network with everything a model file keeps of it. */
export interface RunModel {
  readonly network: Network
  readonly scaling: Scaling
  readonly classNames: readonly string[]
  /** as trained: the current settings, and the epochs of the whole history. */
  readonly hyperparameters: Hyperparameters
  readonly history: readonly EpochMetrics[]
}

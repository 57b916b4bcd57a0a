/**
 * Messages between a run host (host.ts) and its lanes (lane.ts, each in a worker thread of its
 * own, or one in the calling thread): a union on `type` both ways, carried by structured clone.
 *   to a lane:   a dataset placed in the shared memory (by pointers), a dataset let go, and calls
 *                on the lane's run, each with an `id` and answered by one reply.
 *   from a lane: 'ready' once it listens, replies, the run's events (each payload tagged with its run id), and 'released'
 *                when a run that was to be let go at its end has ended (with its final model).
 */
import type { Scaling } from '../../core/data/scaling'
import type { Region } from '../../core/engine/arena'
import type { DataLayout } from '../../core/engine/dataMemory'
import type { EpochMetrics, Hyperparameters } from '../../core/nn/hyperparameters'
import type { Network } from '../../core/nn/network'
import type { AppError, PredictionQuery, StepSettings, WeightsEvent } from '../../shared/payloads'
import type { BeginOptions } from './run'
import type { RunEvents, RunEventType, RunModel } from '../../shared/runEvents'

/** What a run starts from: weights initialised from its seed, or given ones (same start, continue, an opened model). */
export interface RunStart {
  /** the starting weights (copied); absent: fresh from hyper.seed. */
  readonly network?: Network
  /** the input scaling to keep (a network trained further); absent: fitted on the training split. */
  readonly scaling?: Scaling
}

/** Training right after opening: up to `targetEpoch` of the history. */
export interface BeginAt extends BeginOptions {
  readonly targetEpoch: number
}

/** A run to open in a lane. */
export interface RunOpening {
  readonly runId: number
  /** the placed dataset it trains on. */
  readonly dataKey: number
  readonly hyper: Hyperparameters
  /** compute threads of its engine (the lane's own thread and threads − 1 helpers). */
  readonly threads: number
  /** its region of the shared memory; null in the calling thread's lane (an engine of its own). */
  readonly region: Region | null
  readonly start: RunStart
  readonly history: readonly EpochMetrics[]
  readonly onDiverge: 'pause' | 'stop'
  readonly begin: BeginAt | null
  /** let it go when it ends (its model goes out with 'released'), so the lane takes the next run. */
  readonly releaseAtEnd: boolean
}

export type LaneCall =
  | { readonly op: 'open'; readonly opening: RunOpening }
  | { readonly op: 'begin'; readonly runId: number; readonly at: BeginAt }
  | { readonly op: 'resume'; readonly runId: number; readonly pauseAtEpoch: number | null }
  | { readonly op: 'pause' | 'step' | 'stop' | 'status' | 'model' | 'evaluate' | 'release'; readonly runId: number }
  | { readonly op: 'settings'; readonly runId: number; readonly settings: StepSettings }
  | { readonly op: 'weights'; readonly runId: number; readonly reason: WeightsEvent['reason']; readonly remember: boolean }
  | { readonly op: 'predictions'; readonly runId: number; readonly query: PredictionQuery }

export type LaneOp = LaneCall['op']

export type ToLane =
  | { readonly type: 'data'; readonly key: number; readonly layout: DataLayout }
  | { readonly type: 'forget-data'; readonly key: number }
  | { readonly type: 'call'; readonly id: number; readonly call: LaneCall }

/** One of a run's events, as it travels. */
export type LaneEvent = { [T in RunEventType]: { readonly type: T; readonly payload: RunEvents[T] } }[RunEventType]

export type FromLane =
  | { readonly type: 'ready' }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: AppError }
  | { readonly type: 'event'; readonly event: LaneEvent }
  | { readonly type: 'released'; readonly runId: number; readonly model: RunModel | null }

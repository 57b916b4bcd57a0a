/**
 * The training loop: a Trainer run in slices of about SLICE_MS of batches, each followed by
 * setImmediate, so that pause, stop and other commands are handled between slices. After each
 * epoch it evaluates both splits; it stops at the target epoch (finished), at a step's epoch
 * (paused) or when the loss blows up (paused, with a plain explanation). Progress goes out at
 * most every 100 ms, weight snapshots at most every WEIGHTS_INTERVAL_MS and at every stop.
 */
import type { EpochMetrics } from '../core/nn/hyperparameters'
import type { Trainer } from '../core/nn/trainer'
import type { TrainingState, TrainingStatus, WeightsEvent } from '../shared/payloads'
import type { WorkerEvents, WorkerEventType } from '../shared/workerProtocol'
import { toAppError } from '../node/appError'
import { releaseTrainer } from './makeTrainer'
import { ProgressMeter } from './progress'
import { WeightSnapshots } from './weights'

export const SLICE_MS = 50
export const WEIGHTS_INTERVAL_MS = 500
/** A mean batch loss above this (or not a number) means the weights blew up. */
export const EXPLODED_LOSS = 50

export type Emit = <T extends WorkerEventType>(type: T, payload: WorkerEvents[T]) => void

const now = (): number => performance.now()

export class TrainingLoop {
  state: TrainingState = 'idle'
  runId = 0
  trainer: Trainer | null = null
  /** every epoch of the current network, an opened model's included. */
  history: EpochMetrics[] = []
  targetEpoch = 0
  /** pause once history reaches this many epochs (Step one epoch); null: run to the target. */
  pauseAtEpoch: number | null = null
  /** run-wide batches trained so far (for the per-batch loss chart's x). */
  batchesDone = 0
  unsaved = false
  readonly progress = new ProgressMeter()
  readonly snapshots = new WeightSnapshots()
  private epochBase = 0
  private lastWeights = -Infinity
  private scheduled = false

  constructor(private readonly emit: Emit, private readonly status: () => TrainingStatus) {}

  /** Puts `next` in place of the current trainer, releasing the old one (its network must be copied first if kept). */
  replaceTrainer(next: Trainer | null): void {
    const old = this.trainer
    this.trainer = next
    if (old && old !== next) releaseTrainer(old)
  }

  /** Begins (or carries on) training `trainer` up to `targetEpoch`. */
  begin(trainer: Trainer, targetEpoch: number, pauseAtEpoch: number | null): void {
    this.replaceTrainer(trainer)
    this.epochBase = this.history.length - trainer.epoch
    this.targetEpoch = targetEpoch
    this.pauseAtEpoch = pauseAtEpoch
    this.progress.restart()
    this.state = 'running'
    if (this.history.length >= targetEpoch) {
      this.finish('completed')
      return
    }
    this.schedule()
  }

  resume(pauseAtEpoch: number | null): void {
    this.pauseAtEpoch = pauseAtEpoch
    this.state = 'running'
    this.schedule()
  }

  /** Stops after the current batch with state 'paused'. */
  pause(): void {
    if (this.state !== 'running') return
    this.settle('paused', 'paused')
  }

  finish(reason: 'completed' | 'stopped'): void {
    this.settle('finished', 'finished')
    this.emit('finished', { runId: this.runId, reason, history: [...this.history] })
  }

  /** A weight snapshot of the trainer's network, remembered for the next update ratio. */
  weights(reason: WeightsEvent['reason']): WeightsEvent | null {
    const t = this.trainer
    if (!t) return null
    this.lastWeights = now()
    return this.snapshots.take(t.net, {
      runId: this.runId, epoch: this.history.length, batch: t.batch, reason, scaling: t.scaling.mode, batchesDone: this.batchesDone
    })
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.slice()
    })
  }

  private slice(): void {
    const t = this.trainer
    if (this.state !== 'running' || !t) return
    const began = now()
    try {
      while (this.state === 'running' && now() - began < SLICE_MS) this.oneBatch(t)
    } catch (e) {
      this.settle('paused', 'paused')
      this.emit('error', toAppError(e))
    }
    this.progress.addActive(now() - began)
    if (this.state === 'running') this.schedule()
  }

  private oneBatch(t: Trainer): void {
    const start = t.batch * t.hyper.batchSize
    const rows = Math.min(t.hyper.batchSize, t.data.train.count - start)
    const t0 = now()
    const loss = t.trainBatch()
    this.progress.record(loss, rows, now() - t0, this.batchesDone)
    this.batchesDone++
    this.unsaved = true
    if (!Number.isFinite(loss) || loss > EXPLODED_LOSS) {
      this.diverged(t, loss)
      return
    }
    if (t.atEpochStart) this.endEpoch(t)
    if (this.state !== 'running') return
    const time = now()
    if (this.progress.due(time)) this.sendProgress()
    if (time - this.lastWeights >= WEIGHTS_INTERVAL_MS) this.sendWeights('live')
  }

  private endEpoch(t: Trainer): void {
    const m = t.evaluateEpoch(t.lastEpochSeconds)
    const metrics: EpochMetrics = { ...m, epoch: this.epochBase + m.epoch }
    this.history.push(metrics)
    this.progress.epochEnded()
    this.emit('epoch', { runId: this.runId, metrics, targetEpoch: this.targetEpoch })
    if (!Number.isFinite(metrics.trainLoss)) this.diverged(t, metrics.trainLoss)
    else if (this.history.length >= this.targetEpoch) this.finish('completed')
    else if (this.pauseAtEpoch !== null && this.history.length >= this.pauseAtEpoch) this.settle('paused', 'paused')
    else if (now() - this.lastWeights >= WEIGHTS_INTERVAL_MS) this.sendWeights('epoch')
  }

  private diverged(t: Trainer, loss: number): void {
    const lr = t.settings.learningRate
    const what = Number.isFinite(loss) ? `grew very large (${loss.toPrecision(3)})` : 'is no longer a number'
    this.settle('paused', 'paused')
    this.emit('diverged', {
      runId: this.runId,
      epoch: this.history.length + 1,
      batch: t.batch,
      loss,
      learningRate: lr,
      message:
        `Training was paused: the loss ${what} in epoch ${this.history.length + 1}, so the weights blew up. ` +
        `The learning rate (${lr}) is probably too high; try half of it (${lr / 2}) and start again.`
    })
  }

  /** Leaves running: flushes progress, sends the weights, reports the new state. */
  private settle(state: TrainingState, reason: WeightsEvent['reason']): void {
    this.state = state
    this.pauseAtEpoch = null
    if (this.progress.pending) this.sendProgress()
    this.sendWeights(reason)
    this.emit('state', this.status())
  }

  private sendProgress(): void {
    const t = this.trainer
    if (!t) return
    const epoch = t.atEpochStart ? this.history.length : this.history.length + 1
    this.emit('progress', this.progress.take({
      runId: this.runId,
      epoch,
      targetEpoch: this.targetEpoch,
      batch: t.atEpochStart ? t.batchesPerEpoch : t.batch,
      batches: t.batchesPerEpoch
    }, now()))
  }

  private sendWeights(reason: WeightsEvent['reason']): void {
    const event = this.weights(reason)
    if (event) this.emit('weights', event)
  }
}

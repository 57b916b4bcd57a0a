/**
 * A Run: the one owner of a training run — its trainer (network, settings, position in the epoch),
 * its history and its state — with the operations the studio needs: begin (or carry on), pause,
 * resume, step one epoch, stop, change learning rate / momentum / L2, weight snapshots, its network,
 * evaluation and predictions. It trains in slices of about SLICE_MS of batches, each followed by
 * setImmediate, so that commands are handled between slices; after each epoch it evaluates both
 * splits; it stops at the target epoch (finished), at a step's epoch (paused) or when the loss
 * blows up (paused with a plain explanation, or stopped, as its owner chose). It reports through
 * `emit`, every event tagged with its run id: state changes, progress at most every 100 ms, epoch
 * metrics, weight snapshots at most every WEIGHTS_INTERVAL_MS and at every stop, the end.
 * Nothing else writes its fields; a process may hold several (src/node/runs: lanes).
 */
import type { EpochMetrics } from '../../core/nn/hyperparameters'
import { cloneNetwork } from '../../core/nn/network'
import type { Trainer } from '../../core/training/trainer'
import type { DivergedEvent, Evaluation, PredictionQuery, Predictions, StepSettings, TrainingState, WeightsEvent } from '../../shared/payloads'
import { toAppError } from '../appError'
import { ProgressMeter } from './progress'
import { evaluate, predictions, ScoredSplits } from './results'
import type { RunEmit, RunModel, RunStatus } from '../../shared/runEvents'
import { WeightSnapshots, weightsEvent } from './weights'

export type { RunEmit, RunError, RunEvents, RunEventType, RunModel, RunStatus } from '../../shared/runEvents'

export const SLICE_MS = 50
export const WEIGHTS_INTERVAL_MS = 500
/** A mean batch loss above this (or not a number) means the weights blew up. */
export const EXPLODED_LOSS = 50

export interface RunOptions {
  /** epochs trained before this run's trainer (a network trained further); its epochs are numbered on from them. */
  readonly history?: readonly EpochMetrics[]
  /** when the loss blows up: pause (the studio offers a retry) or stop (a sweep moves on). */
  readonly onDiverge?: 'pause' | 'stop'
}

export interface BeginOptions {
  readonly pauseAtEpoch?: number | null
  readonly announceStart?: boolean
  readonly settings?: StepSettings
}

const now = (): number => performance.now()

export class Run {
  private current: TrainingState = 'idle'
  private readonly past: EpochMetrics[]
  private target: number
  /** pause once the history reaches this many epochs (Step one epoch); null: run to the target. */
  private pauseAt: number | null = null
  private done: number
  private readonly onDiverge: 'pause' | 'stop'
  private readonly progress = new ProgressMeter()
  private readonly snapshots = new WeightSnapshots()
  /** the splits' scores for the weights as they are, for the Results tab's questions. */
  private readonly scored = new ScoredSplits(() => this.trainer.weightsVersion)
  private epochBase = 0
  private lastWeights = -Infinity
  private scheduled = false
  private released = false

  constructor(readonly id: number, private readonly trainer: Trainer, private readonly emit: RunEmit, options: RunOptions = {}) {
    this.past = [...(options.history ?? [])]
    this.target = this.past.length
    this.done = this.past.length * trainer.batchesPerEpoch
    this.onDiverge = options.onDiverge ?? 'pause'
  }

  get state(): TrainingState {
    return this.current
  }

  /** Every epoch of this run's network, earlier ones included. */
  get history(): readonly EpochMetrics[] {
    return this.past
  }

  status(): RunStatus {
    const t = this.trainer
    return {
      runId: this.id,
      state: this.current,
      epoch: this.past.length,
      targetEpoch: this.current === 'idle' ? this.past.length : this.target,
      batch: t.batch,
      batchesPerEpoch: t.batchesPerEpoch,
      batchesDone: this.done,
      settings: { ...t.settings }
    }
  }

  /**
   * Trains (or carries on training) up to epoch `targetEpoch` of the history: pausing at
   * `pauseAtEpoch` when given, with new `settings` when given; `announceStart` first sends the
   * weights as they are ('start': a new run's initial weights).
   */
  begin(targetEpoch: number, options: BeginOptions = {}): RunStatus {
    this.alive()
    if (this.current === 'running') throw new Error('This run is already training')
    if (options.settings) this.setSettings(options.settings)
    this.epochBase = this.past.length - this.trainer.epoch
    this.target = targetEpoch
    this.pauseAt = options.pauseAtEpoch ?? null
    this.progress.restart()
    this.current = 'running'
    if (this.past.length >= targetEpoch) {
      this.finish('completed')
      return this.status()
    }
    this.emit('state', this.status())
    if (options.announceStart) this.sendWeights('start')
    this.schedule()
    return this.status()
  }

  /** Carries on after a pause, to the target (or, with `pauseAtEpoch`, to that epoch). */
  resume(pauseAtEpoch: number | null = null): RunStatus {
    this.alive()
    if (this.current !== 'paused') throw new Error('Only a paused run can resume')
    this.pauseAt = pauseAtEpoch
    this.current = 'running'
    this.emit('state', this.status())
    this.schedule()
    return this.status()
  }

  /** Stops after the current batch with state 'paused'. */
  pause(): RunStatus {
    if (this.current === 'running') this.settle('paused', 'paused')
    return this.status()
  }

  /** To the end of the current epoch (or one whole epoch), then paused; a finished run trains one more. */
  step(): RunStatus {
    this.alive()
    const next = this.past.length + 1
    if (this.current === 'paused') return this.resume(next)
    if (this.current === 'running') {
      this.pauseAt = next
      this.emit('state', this.status())
      return this.status()
    }
    return this.begin(next)
  }

  /** Ends the run where it is (state 'finished', reason 'stopped'); nothing happens once it has ended. */
  stop(): RunStatus {
    if (this.current === 'running' || this.current === 'paused') this.finish('stopped')
    return this.status()
  }

  /** New learning rate, momentum and L2, from the next batch on. */
  updateSettings(settings: StepSettings): RunStatus {
    this.alive()
    this.setSettings(settings)
    this.emit('state', this.status())
    return this.status()
  }

  /** A snapshot of the weights; `remember` makes it the reference of the next update ratio (as live snapshots are). */
  weights(reason: WeightsEvent['reason'], remember = true): WeightsEvent {
    this.alive()
    const t = this.trainer
    const context = {
      runId: this.id, epoch: this.past.length, batch: t.batch, reason, scaling: t.scaling.mode, batchesDone: this.done
    }
    if (!remember) return weightsEvent(t.net, context, null)
    this.lastWeights = now()
    return this.snapshots.take(t.net, context)
  }

  /** A copy of the network, with what a model file keeps of it. */
  model(): RunModel {
    this.alive()
    const t = this.trainer
    return {
      network: cloneNetwork(t.net),
      scaling: t.scaling,
      classNames: [...t.data.classNames],
      hyperparameters: { ...t.hyper, ...t.settings, hidden: [...t.hyper.hidden], epochs: this.past.length },
      history: [...this.past]
    }
  }

  /** Loss, accuracy and confusion matrix of both splits, on the run's own trainer (its engine and pixels). */
  evaluate(): Evaluation {
    this.alive()
    return evaluate(this.trainer, this.trainer.data, this.scored)
  }

  /** A page of predictions: a slice of the split's scores, kept while the weights stay as they are. */
  predictions(query: PredictionQuery): Predictions {
    this.alive()
    return predictions(this.trainer, this.trainer.data, query, this.scored)
  }

  /** Ends the run if it is still going (quietly) and frees its trainer's engine; the run can do nothing more. */
  release(): void {
    if (this.released) return
    this.released = true
    this.current = 'finished'
    this.trainer.engine.dispose()
  }

  private setSettings(settings: StepSettings): void {
    const s = this.trainer.settings
    s.learningRate = settings.learningRate
    s.momentum = settings.momentum
    s.l2 = settings.l2
  }

  private alive(): void {
    if (this.released) throw new Error(`Run ${this.id} was released`)
  }

  private finish(reason: 'completed' | 'stopped'): void {
    this.settle('finished', 'finished')
    this.emit('finished', { runId: this.id, reason, history: [...this.past] })
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
    if (this.current !== 'running' || this.released) return
    const began = now()
    try {
      while (this.current === 'running' && now() - began < SLICE_MS) this.oneBatch(t)
    } catch (e) {
      this.settle('paused', 'paused')
      this.emit('error', { ...toAppError(e), runId: this.id })
    }
    this.progress.addActive(now() - began)
    if (this.current === 'running') this.schedule()
  }

  private oneBatch(t: Trainer): void {
    const start = t.batch * t.hyper.batchSize
    const rows = Math.min(t.hyper.batchSize, t.data.train.count - start)
    const t0 = now()
    const loss = t.trainBatch()
    this.progress.record(loss, rows, now() - t0, this.done)
    this.done++
    if (!Number.isFinite(loss) || loss > EXPLODED_LOSS) {
      this.diverged(t, loss)
      return
    }
    if (t.atEpochStart) this.endEpoch(t)
    if (this.current !== 'running') return
    const time = now()
    if (this.progress.due(time)) this.sendProgress()
    if (time - this.lastWeights >= WEIGHTS_INTERVAL_MS) this.sendWeights('live')
  }

  private endEpoch(t: Trainer): void {
    const m = t.evaluateEpoch(t.lastEpochSeconds)
    const metrics: EpochMetrics = { ...m, epoch: this.epochBase + m.epoch }
    this.past.push(metrics)
    this.progress.epochEnded()
    this.emit('epoch', { runId: this.id, metrics, targetEpoch: this.target })
    if (!Number.isFinite(metrics.trainLoss)) this.diverged(t, metrics.trainLoss)
    else if (this.past.length >= this.target) this.finish('completed')
    else if (this.pauseAt !== null && this.past.length >= this.pauseAt) this.settle('paused', 'paused')
    else if (now() - this.lastWeights >= WEIGHTS_INTERVAL_MS) this.sendWeights('epoch')
  }

  private diverged(t: Trainer, loss: number): void {
    const lr = t.settings.learningRate
    const what = Number.isFinite(loss) ? `grew very large (${loss.toPrecision(3)})` : 'is no longer a number'
    const epoch = this.past.length + 1
    const event: DivergedEvent = {
      runId: this.id,
      epoch,
      batch: t.batch,
      loss,
      learningRate: lr,
      message: this.onDiverge === 'pause'
        ? `Training was paused: the loss ${what} in epoch ${epoch}, so the weights blew up. ` +
          `The learning rate (${lr}) is probably too high; try half of it (${lr / 2}) and start again.`
        : `Training was stopped: the loss ${what} in epoch ${epoch}, so the weights blew up. ` +
          `The learning rate (${lr}) is probably too high; try half of it (${lr / 2}).`
    }
    if (this.onDiverge === 'stop') {
      this.emit('diverged', event)
      this.finish('stopped')
      return
    }
    this.settle('paused', 'paused')
    this.emit('diverged', event)
  }

  /** Leaves running: flushes progress, sends the weights, reports the new state. */
  private settle(state: TrainingState, reason: WeightsEvent['reason']): void {
    this.current = state
    this.pauseAt = null
    if (this.progress.pending) this.sendProgress()
    this.sendWeights(reason)
    this.emit('state', this.status())
  }

  private sendProgress(): void {
    const t = this.trainer
    const epoch = t.atEpochStart ? this.past.length : this.past.length + 1
    this.emit('progress', this.progress.take({
      runId: this.id,
      epoch,
      targetEpoch: this.target,
      batch: t.atEpochStart ? t.batchesPerEpoch : t.batch,
      batches: t.batchesPerEpoch
    }, now()))
  }

  private sendWeights(reason: WeightsEvent['reason']): void {
    this.emit('weights', this.weights(reason))
  }
}

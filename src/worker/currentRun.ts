/**
 * The studio's current run, trained by the run host (src/node/runs/host.ts) in a lane and
 * recorded by the runner (src/node/runs/runner.ts), the one way runs train and are recorded (a
 * Train is a sweep of one): which host run it is and what it trains on, the studio's run number
 * that the page knows it by (it grows with every fresh start and reset, not when a network is
 * trained further), its history as its epochs come in, whether it trained since the last save,
 * and the record of the current network (recordId; Continue records a new run that continued it).
 * The host's events for this run go on to the page with the studio's run number; every other
 * run's are not the studio's business.
 */
import type { Dataset } from '../core/data/dataset'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import type { HostEvent, RunHost } from '../node/runs/host'
import { hyperOf, type PlannedHostRun, type Runner } from '../node/runs/runner'
import type { TrackedRun } from '../node/runs/trackedRun'
import type { TrainingState, TrainingStatus } from '../shared/payloads'
import type { RunModel, RunStatus } from '../shared/runEvents'
import type { WorkerEvents, WorkerEventType } from '../shared/workerProtocol'

/** How the worker posts an event to main. */
export type Emit = <T extends WorkerEventType>(type: T, payload: WorkerEvents[T]) => void

interface Live {
  readonly id: number
  readonly data: Dataset
  readonly hyper: Hyperparameters
  readonly threads: number
}

/** The record the current network was recorded under, to continue from. */
interface Lineage {
  readonly recordId: string | null
  /** its batch losses so far (a continued run's record starts with them). */
  readonly batchLosses: () => Float32Array
}

const NO_LINEAGE: Lineage = { recordId: null, batchLosses: () => new Float32Array(0) }

export class CurrentRun {
  private number = 0
  private epochs: EpochMetrics[] = []
  private trainedSinceSave = false
  private live: Live | null = null
  /** the run recording the current network's training, while it trains (or ended, until the next). */
  private tracker: TrackedRun | null = null
  private lineage: Lineage = NO_LINEAGE
  /** host runs this side let go on purpose (their 'released' is no news). */
  private readonly lettingGo = new Set<number>()

  constructor(
    private readonly host: RunHost, private readonly runner: Runner, private readonly emit: Emit,
    private readonly status: () => TrainingStatus
  ) {
    host.on((e) => this.follow(e))
  }

  /** The page's run number: events and TrainingStatus carry it. */
  get runId(): number {
    return this.number
  }

  /** Every epoch of the current network (an opened or parked network's included). */
  get history(): readonly EpochMetrics[] {
    return this.epochs
  }

  /** Whether the current network trained since it was last saved or opened. */
  get unsaved(): boolean {
    return this.trainedSinceSave
  }

  /** The current network was saved (or opened): nothing would be lost by closing. */
  markSaved(): void {
    this.trainedSinceSave = false
  }

  /** The host's run id of the current run, or null when there is none in a lane. */
  get id(): number | null {
    return this.live?.id ?? null
  }

  /** The dataset, hyperparameters and threads the run in a lane trains with. */
  get trainsOn(): { readonly data: Dataset; readonly hyper: Hyperparameters; readonly threads: number } | null {
    return this.live
  }

  /** Its status as last reported (null without a run in a lane, or while it opens). */
  get run(): RunStatus | null {
    return this.live ? this.host.status(this.live.id) : null
  }

  /** The state of the run in its lane ('idle' without one). */
  get state(): TrainingState {
    return this.run?.state ?? 'idle'
  }

  /** The current network's record in the run store (null before it is recorded, or for a network from a file). */
  get recordId(): string | null {
    return this.tracker?.recorder?.id ?? this.lineage.recordId
  }

  /** Whether the run's record has ended (it finished, stopped or blew up): going on with it is a new run. */
  get recordEnded(): boolean {
    return this.tracker === null || this.tracker.ended
  }

  /**
   * A fresh run: run number `runId` (larger than any before), an empty history and no record
   * behind it (the run in a lane, if any, must have been let go).
   */
  renumber(runId: number): void {
    this.number = runId
    this.epochs = []
    this.tracker = null
    this.lineage = NO_LINEAGE
  }

  /**
   * The current network is an opened one, trained for `history` before, from run `recordId` of
   * the store (opened from the Runs tab) or from a file (null); nothing of it is unsaved.
   */
  adopt(history: readonly EpochMetrics[], recordId: string | null, batchLosses: Float32Array = new Float32Array(0)): void {
    this.epochs = [...history]
    this.trainedSinceSave = false
    this.tracker = null
    this.lineage = { recordId, batchLosses: () => batchLosses }
  }

  /** What a run that trains the current network further carries on: its record, history and batch losses. */
  carried(): NonNullable<PlannedHostRun['carried']> {
    const batchLosses = this.tracker ? this.tracker.batchLosses() : this.lineage.batchLosses()
    return { from: this.recordId, history: [...this.history], batchLosses }
  }

  /**
   * Starts `plan` on the host through the runner as the current run (letting the one before go
   * first) and resolves once it is in its lane (training already, to plan.targetEpoch).
   */
  async open(plan: PlannedHostRun, onRecorded: (id: string) => void): Promise<RunStatus> {
    await this.letGo()
    const batch = this.runner.start([plan], { parallel: 1, halving: null, stays: true }, this.recording(onRecorded))
    const t = batch.tracked[0]
    const runId = t.hostId as number
    this.keep(t)
    this.live = { id: runId, data: plan.data, hyper: hyperOf(plan.settings), threads: plan.settings.threads }
    try {
      return (await t.opened) as RunStatus
    } catch (e) {
      if (this.live?.id === runId) this.live = null
      throw e
    }
  }

  /**
   * The run in its lane goes on (Continue on the same trainer, or after it blew up): recorded as
   * a new run that continued the one before. Call before beginning or resuming it.
   */
  carryOn(plan: PlannedHostRun, onRecorded: (id: string) => void): void {
    const id = this.id
    if (id === null) return
    const batch = this.runner.carryOn(id, plan, this.recording(onRecorded))
    this.keep(batch.tracked[0])
    this.live = { id, data: plan.data, hyper: hyperOf(plan.settings), threads: plan.settings.threads }
  }

  /** Stops the run in its lane when it is running or paused (it stays in its lane). */
  async stop(): Promise<void> {
    const id = this.id
    if (id !== null && (this.state === 'running' || this.state === 'paused')) await this.host.stop(id)
  }

  /** A copy of the run's network with what a model file keeps, its history being the studio's. */
  async model(): Promise<RunModel | null> {
    const id = this.id
    if (id === null) return null
    const model = await this.host.model(id)
    // the classes may have been renamed since the run began (the Data tab renames them where they are)
    const names = this.trainsOn?.data.classNames
    return names && names.length === model.classNames.length ? { ...model, classNames: [...names] } : model
  }

  /**
   * Lets the run in its lane go: one still going is stopped first (recorded 'stopped', its model
   * kept in its record), then it is let go.
   */
  async letGo(): Promise<void> {
    const live = this.live
    if (!live) return
    const going = this.host.status(live.id)?.state
    if (this.tracker && !this.tracker.ended && (going === 'running' || going === 'paused')) {
      await this.host.stop(live.id).catch(() => null)
      await this.tracker.done
    }
    this.live = null
    this.lettingGo.add(live.id)
    try {
      await this.host.release(live.id)
    } finally {
      this.lettingGo.delete(live.id)
    }
  }

  /** The tracker's record, and the lineage it leaves once it has ended. */
  private keep(t: TrackedRun): void {
    this.tracker = t
    void t.done.then(() => {
      if (this.tracker !== t) return
      this.lineage = { recordId: t.recorder?.id ?? null, batchLosses: () => t.batchLosses() }
    })
  }

  private recording(onRecorded: (id: string) => void): { onRecorded: (i: number, id: string) => void; onEnd: (o: { recordId: string | null }) => void } {
    return {
      onRecorded: (_, id) => {
        onRecorded(id)
        this.emit('state', this.status())
      },
      onEnd: (o) => {
        if (o.recordId === null) return
        onRecorded(o.recordId)
        // a short run may end before its record was created: the page learns its id now
        this.emit('state', this.status())
      }
    }
  }

  private follow(e: HostEvent): void {
    const live = this.live
    if (!live || e.payload.runId !== live.id) return
    switch (e.type) {
      case 'released':
        // the lane ended on its own (a crash): the network is gone, the studio is idle
        if (!this.lettingGo.has(live.id)) {
          this.live = null
          this.emit('state', this.status())
        }
        return
      case 'state':
        // a run that just opened and waits for its start is no news to the page
        if (e.payload.state !== 'idle') this.emit('state', this.status())
        return
      case 'progress':
        this.trainedSinceSave = true
        this.emit('progress', { ...e.payload, runId: this.runId })
        return
      case 'epoch':
        this.epochs.push(e.payload.metrics)
        this.emit('epoch', { ...e.payload, runId: this.runId })
        return
      case 'finished':
        this.epochs = [...e.payload.history]
        this.emit('finished', { ...e.payload, runId: this.runId })
        return
      case 'error': {
        const { runId: _runId, ...error } = e.payload
        this.emit('error', error)
        return
      }
      case 'weights':
        this.emit('weights', { ...e.payload, runId: this.runId })
        return
      case 'diverged':
        this.emit('diverged', { ...e.payload, runId: this.runId })
    }
  }
}

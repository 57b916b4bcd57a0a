/**
 * The studio's current run, trained by the run host (src/node/runs/host.ts) in a lane: which host
 * run it is and what it trains on, the studio's run number that the page knows it by (it grows
 * with every fresh start and reset, not when a network is trained further), its history as its
 * epochs come in, and whether it trained since the last save. The host's events for this run go
 * on to the page with the studio's run number; every other run's are not the studio's business.
 */
import type { Dataset } from '../core/data/dataset'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import type { RunHost, RunSpec, HostEvent } from '../node/runs/host'
import type { TrainingStatus } from '../shared/payloads'
import type { WorkerEvents, WorkerEventType } from '../shared/workerProtocol'
import type { RunModel, RunStatus } from '../shared/runEvents'

/** How the worker posts an event to main. */
export type Emit = <T extends WorkerEventType>(type: T, payload: WorkerEvents[T]) => void

interface Live {
  readonly id: number
  readonly data: Dataset
  readonly hyper: Hyperparameters
}

export class CurrentRun {
  /** the page's run number: events and TrainingStatus carry it. */
  runId = 0
  /** every epoch of the current network (an opened or parked network's included). */
  history: EpochMetrics[] = []
  unsaved = false
  private live: Live | null = null
  /** host runs this side let go on purpose (their 'released' is no news). */
  private readonly lettingGo = new Set<number>()

  constructor(private readonly host: RunHost, private readonly emit: Emit, private readonly status: () => TrainingStatus) {
    host.on((e) => this.follow(e))
  }

  /** The host's run id of the current run, or null when there is none in a lane. */
  get id(): number | null {
    return this.live?.id ?? null
  }

  /** The dataset and hyperparameters the run in a lane trains with. */
  get trainsOn(): { readonly data: Dataset; readonly hyper: Hyperparameters } | null {
    return this.live
  }

  /** Its status as last reported (null without a run in a lane, or while it opens). */
  get run(): RunStatus | null {
    return this.live ? this.host.status(this.live.id) : null
  }

  /** A fresh run: a new run number and an empty history (the run in a lane, if any, must have been let go). */
  renumber(): void {
    this.runId++
    this.history = []
  }

  /**
   * Opens `spec` on `data` in the host as the current run (letting the one before go first) and
   * resolves once it is in its lane (training already when spec.begin says so).
   */
  async open(data: Dataset, spec: Omit<RunSpec, 'history'>): Promise<RunStatus> {
    await this.letGo()
    this.host.useDataset(data)
    const { runId, opened } = this.host.start({ ...spec, history: this.history })
    this.live = { id: runId, data, hyper: spec.hyper }
    try {
      return await opened
    } catch (e) {
      if (this.live?.id === runId) this.live = null
      throw e
    }
  }

  /** A copy of the run's network with what a model file keeps, its history being the studio's. */
  async model(): Promise<RunModel | null> {
    const id = this.id
    if (id === null) return null
    return this.host.model(id)
  }

  /** Lets the run in its lane go (stopped quietly if it still trains). */
  async letGo(): Promise<void> {
    const live = this.live
    if (!live) return
    this.live = null
    this.lettingGo.add(live.id)
    try {
      await this.host.release(live.id)
    } finally {
      this.lettingGo.delete(live.id)
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
        this.unsaved = true
        this.emit('progress', { ...e.payload, runId: this.runId })
        return
      case 'epoch':
        this.history.push(e.payload.metrics)
        this.emit('epoch', { ...e.payload, runId: this.runId })
        return
      case 'finished':
        this.history = [...e.payload.history]
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

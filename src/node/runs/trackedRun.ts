/**
 * One recorded run's life on the run host (runner.ts): it follows the host run's events, gives its
 * RunRecorder every epoch once the losses of the epoch's last batch have come (all of them at the
 * end; epochLosses.ts matches them), then how it ended and its model, and tells the caller. It ends when the host lets the run
 * go at its end ('released', a sweep's runs), or, for a run that stays in its lane afterwards (the
 * studio's: its results and Continue need it), when it finishes or blows up; its model is then
 * asked of the host. A run that stays may go on later: that is recorded as a new run that
 * continued this one (the caller tracks it again with `carried`). A run that halving stopped is
 * noted as halted in its run.json once the recorder is done (the recorder has no word for it).
 */
import type { Dataset } from '../../core/data/dataset'
import { UserError } from '../../core/errors'
import { APP_VERSION, type SavedModel } from '../../core/model/model'
import { encodeModel } from '../../core/model/modelFile'
import type { EpochMetrics, Hyperparameters } from '../../core/nn/hyperparameters'
import { runDataset, type DatasetChoice } from '../../core/runs/datasetRecord'
import type { RunSettings, RunSweepRef } from '../../core/runs/types'
import type { ProgressEvent } from '../../shared/payloads'
import type { RunModel } from '../../shared/runEvents'
import { EpochLosses } from './epochLosses'
import type { HostEvent, RunStart } from './host'
import { RunRecorder } from './recorder'
import type { RunStore } from './store'

/** One run to train and record. */
export interface PlannedHostRun {
  readonly data: Dataset
  /** how `data` was chosen from its source, for the record. */
  readonly choice: DatasetChoice
  /** its settings; `threads`: the threads it trains with. */
  readonly settings: RunSettings
  /** the name it is recorded under. */
  readonly name: string
  readonly sweep: RunSweepRef | null
  /** starting weights and scaling (train --init, Same start, Continue); absent: fresh from the seed. */
  readonly start?: RunStart
  /** epochs the starting weights were trained for before, kept in the model it saves but not in its record (train --init). */
  readonly before?: readonly EpochMetrics[]
  /**
   * the run this one trains further (the studio's Continue): its record id, and its history and
   * batch losses, which the new record (and the host run's epoch numbers) start with.
   */
  readonly carried?: { readonly from: string | null; readonly history: readonly EpochMetrics[]; readonly batchLosses: Float32Array }
  /** the epoch to train to (absent: settings.epochs), and to pause at first (a step); the new run's start weights sent first. */
  readonly targetEpoch?: number
  readonly pauseAtEpoch?: number | null
  readonly announceStart?: boolean
  /** the first layer's weights when the network's training began (a fresh start's, or those a continued network began from), kept in its model. */
  readonly startWeights?: Float32Array
}

export type EndStatus = 'finished' | 'stopped' | 'diverged' | 'interrupted'

export interface RunOutcome {
  readonly index: number
  /** its id in the store; null without a store, or when it could not be recorded. */
  readonly recordId: string | null
  /** how it ended; null when it never started (stopped while waiting, or refused: see error). */
  readonly status: EndStatus | null
  /** stopped by successive halving. */
  readonly halted: boolean
  /** its epochs (those it carried on from included). */
  readonly history: readonly EpochMetrics[]
  /** its network at the end, as a model file keeps it (`before` and its history). */
  readonly model: SavedModel | null
  /** wall-clock seconds from its start to its end. */
  readonly seconds: number
  /** why it diverged or failed, in plain words. */
  readonly problem: string | null
  /** what kept it from starting, or broke it (a bug unless a UserError). */
  readonly error: unknown
}

export interface RunnerEvents {
  /** a run is on the host (its host run id), about to train. */
  readonly onRun?: (index: number, hostId: number) => void
  /** its record was created (its id in the store). */
  readonly onRecorded?: (index: number, recordId: string) => void
  readonly onEpoch?: (index: number, metrics: EpochMetrics) => void
  readonly onProgress?: (index: number, progress: ProgressEvent) => void
  /** a run ended (or will never start); its record is written. */
  readonly onEnd?: (outcome: RunOutcome) => void
}

/** What a tracked run needs of the runner. */
export interface TrackContext {
  readonly store: RunStore | null
  readonly kernel: string
  readonly now: () => number
  /** a recording problem, in plain words, once per run. */
  readonly onProblem: (message: string) => void
  /** the run's model from the host, for a run that stays in its lane. */
  readonly model: (hostId: number) => Promise<RunModel>
  readonly events: RunnerEvents
  /** after each event it followed (halving judges then). */
  readonly afterEvent: () => void
}

const ignore = (): void => undefined

export class TrackedRun {
  hostId: number | null = null
  /** resolves with the run's status once it is in its lane (null for a run carried on in its lane). */
  opened: Promise<unknown> | null = null
  recorder: RunRecorder | null = null
  /** every epoch of the run's network: those carried on from, then its own. */
  readonly history: EpochMetrics[]
  ended = false
  judged = false
  halted = false
  diverged = false
  problem: string | null = null
  error: unknown = null
  private reason: 'completed' | 'stopped' | null = null
  private startedAt: number | null = null
  /** its batch losses, matched to the epochs they belong to. */
  private readonly losses = new EpochLosses()
  readonly done: Promise<RunOutcome>
  private resolve: (o: RunOutcome) => void = ignore

  /** `stays`: the run stays in its lane when it ends (it ends the record at 'finished' or 'diverged'). */
  constructor(readonly index: number, readonly run: PlannedHostRun, private readonly context: TrackContext, readonly stays: boolean) {
    this.history = [...(run.carried?.history ?? [])]
    this.done = new Promise((resolve) => { this.resolve = resolve })
  }

  /** The epoch the run trains to. */
  get targetEpoch(): number {
    return this.run.targetEpoch ?? this.run.settings.epochs
  }

  /** Whether the run pauses at the halving epoch for its verdict. */
  pausesAt(halving: { readonly afterEpoch: number } | null): number | null {
    return halving !== null && this.targetEpoch > halving.afterEpoch ? halving.afterEpoch : null
  }

  /** Starts the record now (a run carried on in its lane: before its first event). */
  begin(): void {
    if (this.startedAt !== null) return
    this.startedAt = this.context.now()
    const { store } = this.context
    if (!store) return
    const { run } = this
    const recorder = new RunRecorder(store, { onProblem: this.context.onProblem })
    this.recorder = recorder
    recorder.start({
      name: run.name, dataset: runDataset(run.data, run.choice), settings: run.settings, kernel: this.context.kernel,
      appVersion: APP_VERSION, continuedFrom: run.carried?.from ?? null, sweep: run.sweep,
      history: run.carried?.history, batchLosses: run.carried?.batchLosses
    })
    void recorder.settled().then(() => {
      if (recorder.id !== null && !this.ended) this.context.events.onRecorded?.(this.index, recorder.id)
    })
  }

  follow(event: HostEvent): void {
    if (this.ended) return
    this.begin()
    switch (event.type) {
      case 'state':
        this.losses.setBatchesPerEpoch(event.payload.batchesPerEpoch)
        break
      case 'progress': {
        const p = event.payload
        this.losses.addLosses(p.firstBatch, p.losses)
        this.recordEpochs(false)
        this.context.events.onProgress?.(this.index, p)
        break
      }
      case 'epoch':
        this.history.push(event.payload.metrics)
        this.losses.addEpoch({ metrics: event.payload.metrics, seconds: this.seconds() })
        this.recordEpochs(false)
        this.context.events.onEpoch?.(this.index, event.payload.metrics)
        break
      case 'diverged':
        this.diverged = true
        this.problem = event.payload.message
        // a run that stays is paused by its blow-up: its record ends here (going on is a new run)
        if (this.stays) this.endInLane()
        break
      case 'error':
        this.error = new Error(event.payload.message)
        this.problem = event.payload.message
        break
      case 'finished':
        this.reason = event.payload.reason
        if (this.stays) this.endInLane()
        break
      case 'released':
        void this.end(event.payload.model)
        return
    }
    this.context.afterEvent()
  }

  /** It will never start: stopped while waiting for a lane, or refused (memory, settings). */
  notStarted(e: unknown, interrupted: boolean): void {
    if (this.ended || this.startedAt !== null) return
    this.ended = true
    if (!interrupted) this.error = e
    this.context.afterEvent()
    this.finish(null, null)
  }

  private seconds(): number {
    return this.startedAt === null ? 0 : Math.max(0, (this.context.now() - this.startedAt) / 1000)
  }

  /** Gives the recorder each epoch whose batch losses have all come (all of them at the end). */
  private recordEpochs(all: boolean): void {
    this.losses.take(all, ({ metrics, seconds }, losses) => this.recorder?.epoch(metrics, seconds, losses))
  }

  private status(): EndStatus {
    if (this.error !== null) return 'interrupted'
    if (this.diverged) return 'diverged'
    return this.reason === 'completed' ? 'finished' : 'stopped'
  }

  /** A run that stays in its lane ended: its model is asked of the host. */
  private endInLane(): void {
    this.ended = true
    const id = this.hostId
    const model = id === null ? Promise.resolve(null) : this.context.model(id).catch(() => null)
    void model.then((m) => this.end(m, true))
  }

  private async end(runModel: RunModel | null, inLane = false): Promise<void> {
    this.ended = true
    this.recordEpochs(true)
    if (runModel === null && !inLane && this.error === null && this.reason === null) {
      this.error = new UserError('lane-stopped', 'A training thread stopped unexpectedly, so its run ended. Start it again; if it happens again, restart NN Scratch.')
    }
    const model = runModel === null ? null : savedModel(runModel, this.run)
    const status = this.status()
    this.context.afterEvent()
    const recorder = this.recorder
    const store = this.context.store
    if (recorder) {
      recorder.end(status, model ? encodeModel(model) : null)
      await recorder.settled()
      const m = recorder.manifest
      if (this.halted && store && recorder.id !== null && m?.sweep && !recorder.failed) {
        // the recorder has no word for halting: its finished run.json is written once more, saying so
        await store.update(recorder.id, { ...m, id: recorder.id, sweep: { ...m.sweep, halted: true } })
          .catch((e: unknown) => this.context.onProblem(`NN Scratch could not note in run ${recorder.id} that halving stopped it: ${(e as Error).message}`))
      }
    }
    this.finish(status, model)
  }

  private finish(status: EndStatus | null, model: SavedModel | null): void {
    const outcome: RunOutcome = {
      index: this.index, recordId: this.recorder?.id ?? null,
      status, halted: this.halted, history: [...this.history], model, seconds: this.seconds(),
      problem: this.problem, error: this.error
    }
    this.context.events.onEnd?.(outcome)
    this.resolve(outcome)
  }

  /** The batch losses it recorded so far (those it carried on from first), for a run that continues it. */
  batchLosses(): Float32Array {
    return this.losses.handedOn(this.run.carried?.batchLosses ?? new Float32Array(0))
  }
}

/**
 * The network at a run's end as a model file keeps it: its settings as asked, every epoch of its
 * weights, and how new pictures are made 32×32 for it when it learnt from a folder of pictures.
 */
function savedModel(m: RunModel, run: PlannedHostRun): SavedModel {
  const { resize } = run.data
  return {
    network: m.network,
    scaling: m.scaling,
    classNames: m.classNames,
    hyperparameters: hyperOf(run.settings),
    history: [...(run.before ?? []), ...m.history],
    appVersion: APP_VERSION,
    ...(resize === undefined ? {} : { resize }),
    ...(run.startWeights && run.startWeights.length === m.network.layers[0].W.length ? { startWeights: run.startWeights } : {})
  }
}

/** A run's settings without its thread count. */
export function hyperOf(settings: RunSettings): Hyperparameters {
  const { threads: _threads, ...hyper } = settings
  return hyper
}

/**
 * One run of the command line on the run host (hostRuns.ts): it follows the run's events, gives
 * its recorder every epoch once the losses of the epoch's last batch have come (all at the end),
 * its end and its model, and tells the caller. A run that halving stopped is noted as halted in
 * its run.json once the recorder is done (the recorder has no word for it).
 */
import type { Dataset } from '../core/data/dataset'
import { UserError } from '../core/errors'
import { APP_VERSION, type SavedModel } from '../core/model/model'
import { encodeModel } from '../core/model/modelFile'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import { runDataset, type DatasetChoice } from '../core/runs/datasetRecord'
import type { RunSettings, RunSweepRef } from '../core/runs/types'
import type { HostEvent, RunStart } from '../node/runs/host'
import { RunRecorder } from '../node/runs/recorder'
import type { RunStore } from '../node/runs/store'
import type { ProgressEvent } from '../shared/payloads'
import type { RunModel } from '../shared/runEvents'
import type { CliIo } from './io'

/** One run to train. */
export interface CliRun {
  readonly data: Dataset
  /** how `data` was chosen from its source, for the record. */
  readonly choice: DatasetChoice
  /** its settings; `threads`: the threads it trains with. */
  readonly settings: RunSettings
  /** the name it is recorded under. */
  readonly name: string
  readonly sweep: RunSweepRef | null
  /** starting weights and scaling (train --init); absent: fresh from the seed. */
  readonly start?: RunStart
  /** epochs the starting weights were trained for before, kept in the model it saves. */
  readonly before?: readonly EpochMetrics[]
}

export type EndStatus = 'finished' | 'stopped' | 'diverged' | 'interrupted'

export interface RunOutcome {
  readonly index: number
  /** its id in the store; null with --no-record, or when it could not be recorded. */
  readonly recordId: string | null
  /** how it ended; null when it never started (stopped while waiting, or refused: see error). */
  readonly status: EndStatus | null
  /** stopped by successive halving. */
  readonly halted: boolean
  /** its epochs (numbered from 1). */
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

export interface RunnerOptions {
  readonly store: RunStore | null
  /** threads of all runs together, and runs at once at most. */
  readonly budget: number
  readonly parallel: number
  readonly halving: { readonly afterEpoch: number } | null
}

export interface RunnerEvents {
  /** the host is ready and the runs are about to start, each with `threads` threads (1 where lanes cannot share memory). */
  readonly onStart?: (threads: number) => void
  readonly onEpoch?: (index: number, metrics: EpochMetrics) => void
  readonly onProgress?: (index: number, progress: ProgressEvent) => void
  /** a run ended (or will never start); its record is written. */
  readonly onEnd?: (outcome: RunOutcome) => void
  /** the first Ctrl+C. */
  readonly onInterrupt?: () => void
}

export interface RunnerResult {
  readonly outcomes: readonly RunOutcome[]
  readonly interrupted: boolean
  /** the compute kernel the runs trained on, e.g. "wasm-simd". */
  readonly kernel: string
}

const ignore = (): void => undefined

/** One run's life on the host: its events, its record, its end. */
export class Tracked {
  hostId: number | null = null
  recorder: RunRecorder | null = null
  readonly history: EpochMetrics[] = []
  ended = false
  judged = false
  halted = false
  diverged = false
  problem: string | null = null
  error: unknown = null
  private reason: 'completed' | 'stopped' | null = null
  private startedAt: number | null = null
  private batchesPerEpoch = 0
  private readonly losses: number[] = []
  private given = 0
  private readonly unrecorded: { readonly metrics: EpochMetrics; readonly seconds: number }[] = []
  readonly done: Promise<RunOutcome>
  private resolve: (o: RunOutcome) => void = ignore

  constructor(readonly index: number, readonly run: CliRun, private readonly io: CliIo, private readonly store: RunStore | null,
    private readonly kernel: string, private readonly events: RunnerEvents, private readonly afterEvent: () => void) {
    this.done = new Promise((resolve) => { this.resolve = resolve })
  }

  /** Whether the run pauses at the halving epoch for its verdict. */
  pausesAt(halving: RunnerOptions['halving']): number | null {
    return halving !== null && this.run.settings.epochs > halving.afterEpoch ? halving.afterEpoch : null
  }

  follow(event: HostEvent): void {
    if (this.ended) return
    if (this.startedAt === null) this.begin()
    switch (event.type) {
      case 'state':
        this.batchesPerEpoch = event.payload.batchesPerEpoch
        break
      case 'progress':
        for (const loss of event.payload.losses) this.losses.push(loss)
        this.recordEpochs(false)
        this.events.onProgress?.(this.index, event.payload)
        break
      case 'epoch':
        this.history.push(event.payload.metrics)
        this.unrecorded.push({ metrics: event.payload.metrics, seconds: this.seconds() })
        this.recordEpochs(false)
        this.events.onEpoch?.(this.index, event.payload.metrics)
        break
      case 'diverged':
        this.diverged = true
        this.problem = event.payload.message
        break
      case 'error':
        this.error = new Error(event.payload.message)
        this.problem = event.payload.message
        break
      case 'finished':
        this.reason = event.payload.reason
        break
      case 'released':
        void this.end(event.payload.model)
        return
    }
    this.afterEvent()
  }

  /** It will never start: stopped while waiting for a lane, or refused (memory, settings). */
  notStarted(e: unknown, interrupted: boolean): void {
    if (this.ended || this.startedAt !== null) return
    this.ended = true
    if (!interrupted) this.error = e
    this.afterEvent()
    this.finish(null, null)
  }

  private seconds(): number {
    return this.startedAt === null ? 0 : Math.max(0, (this.io.now() - this.startedAt) / 1000)
  }

  private begin(): void {
    this.startedAt = this.io.now()
    if (!this.store) return
    const { run } = this
    this.recorder = new RunRecorder(this.store, { onProblem: (message) => this.io.err(`${message}\n`) })
    this.recorder.start({
      name: run.name, dataset: runDataset(run.data, run.choice), settings: run.settings, kernel: this.kernel,
      appVersion: APP_VERSION, continuedFrom: null, sweep: run.sweep
    })
  }

  /** Gives the recorder each epoch whose batch losses have all come (all of them at the end). */
  private recordEpochs(all: boolean): void {
    while (this.unrecorded.length > 0) {
      const { metrics, seconds } = this.unrecorded[0]
      const upTo = Math.min(this.losses.length, metrics.epoch * this.batchesPerEpoch)
      if (!all && upTo < metrics.epoch * this.batchesPerEpoch) return
      this.unrecorded.shift()
      this.recorder?.epoch(metrics, seconds, Float32Array.from(this.losses.slice(this.given, Math.max(this.given, upTo))))
      this.given = Math.max(this.given, upTo)
    }
  }

  private status(): EndStatus {
    if (this.error !== null) return 'interrupted'
    if (this.diverged) return 'diverged'
    return this.reason === 'completed' ? 'finished' : 'stopped'
  }

  private async end(runModel: RunModel | null): Promise<void> {
    this.ended = true
    this.recordEpochs(true)
    if (runModel === null && this.error === null && this.reason === null) {
      this.error = new UserError('lane-stopped', 'A training thread stopped unexpectedly, so its run ended. Start it again; if it happens again, restart NN Scratch.')
    }
    const model = runModel === null ? null : savedModel(runModel, this.run)
    const status = this.status()
    this.afterEvent()
    const recorder = this.recorder
    if (recorder) {
      recorder.end(status, model ? encodeModel(model) : null)
      await recorder.settled()
      const m = recorder.manifest
      if (this.halted && this.store && recorder.id !== null && m?.sweep && !recorder.failed) {
        // the recorder has no word for halting: its finished run.json is written once more, saying so
        await this.store.update(recorder.id, { ...m, id: recorder.id, sweep: { ...m.sweep, halted: true } })
          .catch((e: unknown) => this.io.err(`NN Scratch could not note in run ${recorder.id} that halving stopped it: ${(e as Error).message}\n`))
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
    this.events.onEnd?.(outcome)
    this.resolve(outcome)
  }
}

/** The network at a run's end as a model file keeps it: its settings as asked, and every epoch of its weights. */
function savedModel(m: RunModel, run: CliRun): SavedModel {
  return {
    network: m.network,
    scaling: m.scaling,
    classNames: m.classNames,
    hyperparameters: hyperOf(run.settings),
    history: [...(run.before ?? []), ...m.history],
    appVersion: APP_VERSION
  }
}

/** A run's settings without its thread count. */
export function hyperOf(settings: RunSettings): Hyperparameters {
  const { threads: _threads, ...hyper } = settings
  return hyper
}


/**
 * RunHost: trains runs in lanes that share one copy of the dataset (docs/runs.md, "Execution").
 * The dataset's pixels and labels are placed once in a shared WebAssembly.Memory; each lane is a
 * worker thread that trains one run at a time (lane.ts), its engine and buffers in a region of
 * that memory taken for the run and given back when the run is let go (regions.ts). Runs queue
 * in the order they were started and are let in while fewer than `parallel` train and their
 * threads fit the thread budget (hostRuns.ts): lanes × threads per lane ≤ budget, so the cores are
 * used and not oversubscribed (lanesFor in src/core/runs divides a budget among a sweep's runs);
 * the lanes are hostLanes.ts's, the datasets hostData.ts's. With `lanes: 'caller'` the one lane is
 * the calling thread itself, over the shared memory with its kernel helpers (a single run, as the
 * command line's `train`, needs no lane thread). Where WebAssembly SIMD or shared memory is missing
 * (or `kernel: 'typescript'` asks for it), one lane in the calling thread trains the runs one
 * after another on the TypeScript kernels, with the same API.
 * Per run: start (fresh from its seed, from given weights, with a history to carry on), begin
 * again, pause, resume, step, stop, settings, weight snapshots, its model, evaluation and
 * predictions, release; its events (state, progress, epoch, weights, diverged, finished, error)
 * go to every listener tagged with its run id, and 'released' when it is let go.
 */
import type { Dataset } from '../../core/data/dataset'
import type { KernelPath } from '../../core/engine/engine'
import { RegionAllocator } from '../../core/engine/regions'
import { kernelModule, sharedMemory, wasmKernelOf } from '../../core/engine/wasm'
import { UserError } from '../../core/errors'
import { checkHyperparameters, type EpochMetrics, type Hyperparameters } from '../../core/nn/hyperparameters'
import type { Evaluation, PredictionQuery, Predictions, StepSettings, WeightsEvent } from '../../shared/payloads'
import type { RunModel, RunStatus } from '../../shared/runEvents'
import { defaultThreads } from '../threadPool'
import { HostDatasets, type PlacedData } from './hostData'
import { LanePool, type LaneNews, type LanePlace, type Slot } from './hostLanes'
import { HostRuns } from './hostRuns'
import type { BeginAt, LaneEvent, RunStart } from './laneProtocol'

export type { BeginAt, RunStart } from './laneProtocol'
export type { PlacedData } from './hostData'
export type { LanePlace } from './hostLanes'

export interface HostOptions {
  /** the process's entry, beside which the lanes' own lies (src/node/threadEntry.ts). */
  readonly script: URL
  /** compute threads of all runs together (0: one per core, up to 8). */
  readonly threads?: number
  /** runs training at once at most (0: as many as the threads allow). */
  readonly parallel?: number
  /** 'typescript': one lane in the calling thread on the TypeScript kernels, as where SIMD or shared memory is missing. */
  readonly kernel?: 'auto' | 'typescript'
  /** where the lanes run (default 'threads'); 'caller': one lane, in the calling thread (parallel is 1). */
  readonly lanes?: LanePlace
}

/** A run to train on the host's current dataset. */
export interface RunSpec {
  readonly hyper: Hyperparameters
  /** its compute threads (at least 1). */
  readonly threads: number
  readonly start?: RunStart
  /** epochs its network was trained for before (carried on, numbered on). */
  readonly history?: readonly EpochMetrics[]
  /** when the loss blows up: pause (default; the studio offers a retry) or stop (a sweep moves on). */
  readonly onDiverge?: 'pause' | 'stop'
  /** train at once after opening; absent: the run waits, idle, for begin(). */
  readonly begin?: BeginAt
  /** let the run go when it ends (its final model goes out with 'released'), freeing its lane for the next. */
  readonly releaseAtEnd?: boolean
}

/** What the host reports: a run's events, and the end of its life in a lane. */
export type HostEvent = LaneEvent | { readonly type: 'released'; readonly payload: { readonly runId: number; readonly model: RunModel | null } }

export class RunHost {
  /** 'lanes': runs train in the shared memory on the WebAssembly kernels; 'calling-thread': on the TypeScript kernels, one at a time. */
  readonly mode: 'lanes' | 'calling-thread'
  readonly kernel: KernelPath
  /** threads of all runs together. */
  readonly budget: number
  /** runs at once at most. */
  readonly parallel: number
  private readonly regions: RegionAllocator | null
  private readonly lanes: LanePool
  /** the runs waiting for a lane and those in lanes. */
  private readonly runs: HostRuns
  private readonly datasets: HostDatasets
  private readonly listeners = new Set<(event: HostEvent) => void>()
  private nextRun = 1

  constructor(options: HostOptions) {
    this.budget = options.threads && options.threads > 0 ? Math.floor(options.threads) : defaultThreads()
    const module = options.kernel !== 'typescript' && typeof SharedArrayBuffer !== 'undefined' ? kernelModule() : null
    const lanes = module !== null
    this.mode = lanes ? 'lanes' : 'calling-thread'
    this.kernel = module ? wasmKernelOf(module) : 'typescript'
    const place = options.lanes ?? 'threads'
    this.parallel = lanes && place === 'threads' ? Math.max(1, options.parallel && options.parallel > 0 ? Math.floor(options.parallel) : this.budget) : 1
    const memory = lanes ? sharedMemory() : null
    this.regions = memory ? new RegionAllocator(memory) : null
    this.datasets = new HostDatasets(this.regions, () => this.lanes.links())
    this.lanes = new LanePool(options.script, this.regions, place, this.datasets, (news) => this.hear(news), (slot, error) => this.lost(slot, error))
    this.runs = new HostRuns(this.budget, this.parallel, this.regions, this.lanes, this.datasets)
  }

  /** Listens to every run's events; returns the way to stop listening. */
  on(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * `bytes` of room in the shared memory to write pixels into in place (a dataset given to
   * useDataset whose arrays lie there is not copied again); a plain array in the calling thread's mode.
   */
  dataBytes(bytes: number): Uint8Array {
    return this.datasets.dataBytes(bytes)
  }

  /**
   * Room from dataBytes that is written no more: kept while a dataset given to useDataset lies in
   * it (and let go with that dataset), otherwise given back now.
   */
  settleDataBytes(room: Uint8Array): void {
    this.datasets.settle(room)
  }

  /**
   * Keeps `dataset` (as placeDataset gave it) in the shared memory while another is in use, until
   * the function returned is called; null when it is not placed there.
   */
  holdDataset(dataset: Dataset): (() => void) | null {
    return this.datasets.hold(dataset)
  }

  /** The shared memory runs train in (null in the calling thread's mode), for a thread that reads a file into dataBytes. */
  get sharedMemory(): WebAssembly.Memory | null {
    return this.regions?.memory ?? null
  }

  /**
   * The dataset the next runs train on, placed in the shared memory once (again for the same
   * object is free). Runs on the dataset before keep it until they are let go.
   */
  useDataset(dataset: Dataset): void {
    this.alive()
    this.datasets.use(dataset)
  }

  /**
   * `dataset` as useDataset places it, seen through views of the shared memory (the dataset as it
   * is in the calling thread's mode). The caller may drop its own arrays and keep the views, which
   * stay valid while the dataset is current or a run uses it, so that it holds the pixels once.
   */
  placeDataset(dataset: Dataset): Dataset {
    this.useDataset(dataset)
    return this.datasets.viewsOfCurrent() ?? dataset
  }

  /**
   * Starts lanes ahead of the runs (up to `lanes`, at most the cap) and waits until they listen,
   * so that starting a run does not wait for a thread to load its script.
   */
  async prepare(lanes = this.parallel): Promise<void> {
    this.alive()
    await this.lanes.prepare(Math.min(lanes, this.parallel))
  }

  /** The status of a run as last reported (null once it was let go, or before it opened). */
  status(runId: number): RunStatus | null {
    return this.runs.status(runId)
  }

  /** Bytes of the shared memory in use at its highest: the datasets and the runs' regions (0 in the calling thread's mode). */
  get memoryBytes(): number {
    return this.regions?.highWater ?? 0
  }

  /** Runs waiting for a lane, and runs in lanes. */
  get counts(): { readonly waiting: number; readonly live: number; readonly lanes: number } {
    return this.runs.counts
  }

  /**
   * Queues a run on the current dataset. `opened` resolves once it has its lane, trainer and
   * engine (training already if `spec.begin`), or rejects in plain words (its settings, memory).
   */
  start(spec: RunSpec): { readonly runId: number; readonly opened: Promise<RunStatus> } {
    this.alive()
    const dataKey = this.datasets.current
    if (dataKey === null) throw new UserError('no-dataset', 'There is no dataset yet. Open a dataset file or use the demo dataset first.')
    const data = this.datasets.get(dataKey) as PlacedData
    checkHyperparameters(spec.hyper, data.dataset.train.count)
    if (!(Number.isInteger(spec.threads) && spec.threads >= 1)) throw new Error(`A run needs at least one thread, not ${spec.threads}`)
    const runId = this.nextRun++
    this.datasets.take(dataKey)
    return { runId, opened: this.runs.queue({ runId, spec, dataKey }) }
  }

  begin(runId: number, at: BeginAt): Promise<RunStatus> {
    return this.runs.statusCall({ op: 'begin', runId, at })
  }

  resume(runId: number, pauseAtEpoch: number | null = null): Promise<RunStatus> {
    return this.runs.statusCall({ op: 'resume', runId, pauseAtEpoch })
  }

  pause(runId: number): Promise<RunStatus> {
    return this.runs.statusCall({ op: 'pause', runId })
  }

  step(runId: number): Promise<RunStatus> {
    return this.runs.statusCall({ op: 'step', runId })
  }

  /** Ends a run where it is; a run still waiting for a lane is dropped (its `opened` rejects). */
  async stop(runId: number): Promise<RunStatus | null> {
    if (this.runs.dropWaiting(runId)) return null
    return this.runs.statusCall({ op: 'stop', runId })
  }

  updateSettings(runId: number, settings: StepSettings): Promise<RunStatus> {
    return this.runs.statusCall({ op: 'settings', runId, settings })
  }

  /** A weight snapshot; `remember`: the reference of the next update ratio (not for a page's reload). */
  weights(runId: number, reason: WeightsEvent['reason'], remember = true): Promise<WeightsEvent> {
    return this.runs.call({ op: 'weights', runId, reason, remember }) as Promise<WeightsEvent>
  }

  /** A copy of the run's network, with its scaling, classes, settings and history. */
  model(runId: number): Promise<RunModel> {
    return this.runs.call({ op: 'model', runId }) as Promise<RunModel>
  }

  evaluate(runId: number): Promise<Evaluation> {
    return this.runs.call({ op: 'evaluate', runId }) as Promise<Evaluation>
  }

  predictions(runId: number, query: PredictionQuery): Promise<Predictions> {
    return this.runs.call({ op: 'predictions', runId, query }) as Promise<Predictions>
  }

  /** Lets a run go (stopped quietly if it still trains): its lane and memory serve the next. */
  async release(runId: number): Promise<void> {
    if (this.runs.dropWaiting(runId)) return
    if (!this.runs.has(runId)) return
    await this.runs.call({ op: 'release', runId })
  }

  /** Ends every lane; runs still going are dropped. */
  async dispose(): Promise<void> {
    if (this.runs.closed) return
    await this.runs.close(new UserError('host-closed', 'Training was ended because NN Scratch is closing.'))
  }

  private alive(): void {
    if (this.runs.closed) throw new Error('This run host was disposed')
  }

  private hear(news: LaneNews): void {
    if (news.type === 'released') {
      this.runs.free(news.runId)
      this.emit({ type: 'released', payload: { runId: news.runId, model: news.model } })
      this.runs.admit()
      return
    }
    this.runs.follow(news.event)
    this.emit(news.event)
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  /** A lane thread ended on its own (a crash): its run fails in plain words, the others go on. */
  private lost(slot: Slot, error: UserError): void {
    const runId = slot.runId
    if (runId !== null) {
      this.runs.free(runId)
      this.emit({ type: 'error', payload: { runId, code: error.code, message: error.message } })
      this.emit({ type: 'released', payload: { runId, model: null } })
    }
    this.runs.admit()
  }
}

/**
 * Everything the training worker holds — the dataset, the current network (a run's, trained by
 * the run host in a lane, or an opened or parked network without one), its history, the run's
 * state, and a sweep — behind the commands that dispatch.ts carries out. Runs train on one run
 * host (lanes that share one copy of the dataset) and are recorded in the run store by one runner
 * (src/node/runs/runner.ts), the studio's Train as a sweep of one (CurrentRun) and a sweep's runs
 * alike (SweepRuns, sweep.ts); the two never train at once. Starting and carrying on the studio's
 * run is training.ts's, the network without a run (opened, parked, same start's) studioNetwork.ts's;
 * Session opens datasets (a folder of pictures previewed, then imported: pictureImports.ts),
 * reports the status and starts sweeps. Model files are in models.ts, results in src/node/runs/results.ts.
 */
import type { SweepEstimate, SweepSpec } from '../core/runs/types'
import { RunHost } from '../node/runs/host'
import { Runner } from '../node/runs/runner'
import type { RunStore } from '../node/runs/store'
import type {
  DatasetInfo, DatasetOptions, Evaluation, ModelFormat, ModelInfo, PredictionQuery, Predictions, StartFrom, StepSettings,
  SweepStatus, TrainConfig, TrainingStatus, UploadFile
} from '../shared/payloads'
import type { TryAnswer } from '../shared/tryPictures'
import type { TryNetworkSource, WorkerSnapshot, WorkerSource } from '../shared/workerProtocol'
import { CurrentRun, type Emit } from './currentRun'
import { DatasetHolder } from './datasets'
import { threadsOf } from './hyperparameters'
import { collectGarbage } from './memory'
import { OpeningSlot } from './opening'
import { busy, noDataset, studioTraining, sweepTraining } from './refusals'
import { StudioNetwork } from './studioNetwork'
import { SweepRuns, sweepEstimate, sweepPlan } from './sweep'
import { Training } from './training'
import type { Opened } from '../shared/ipc'
import type { PictureImportChoice } from '../shared/pictures'
import { classNamesProblem } from '../core/data/classNames'
import { UserError } from '../core/errors'
import { PictureImports, datasetFile } from './pictureImports'
import { fileNetwork } from './tryNetworks'
import { tryPictures } from './tryPictures'

export { hyperparametersOf } from './hyperparameters'

export class Session {
  private readonly data: DatasetHolder
  private readonly host: RunHost
  private readonly run: CurrentRun
  private readonly sweep: SweepRuns
  /** the network without a run, and same start's weights. */
  private readonly network: StudioNetwork
  /** starting and carrying on the studio's run. */
  private readonly training: Training
  /** the last live run id given out: the studio's run numbers and a sweep's runs share the count. */
  private lastLiveId = 0
  /** the dataset being opened, read in a thread while the commands that do not need it go on (see index.ts). */
  private readonly opening = new OpeningSlot()
  /** the folder of pictures previewed last, held for its import. */
  private readonly pictures = new PictureImports()

  /**
   * `script`: the worker's own entry, beside which the dataset-reading threads' and the run lanes' lie;
   * `store`: where runs are recorded (null: nowhere).
   */
  constructor(private readonly emit: Emit, script: URL, store: RunStore | null = null) {
    // the studio's run on every thread it asks for; a sweep's runs side by side
    this.host = new RunHost({ script })
    // the dataset in use lives in the host's shared memory, where its runs train: its pixels once
    const memory = this.host.sharedMemory
    // a file on disk is read straight into the host's memory, where its pixels stay
    const room = memory ? { memory, take: (bytes: number) => this.host.dataBytes(bytes), settle: (view: Uint8Array) => this.host.settleDataBytes(view) } : null
    this.data = new DatasetHolder(script, { place: (ds) => this.host.placeDataset(ds), hold: (ds) => this.host.holdDataset(ds) }, room)
    const runner = new Runner(this.host, {
      store,
      onProblem: (message) => emit('notice', { level: 'warning', code: 'not-recorded', message })
    })
    this.run = new CurrentRun(this.host, runner, emit, () => this.status())
    this.sweep = new SweepRuns(this.host, runner, emit, () => ++this.lastLiveId, (id) => this.recorded(id))
    this.network = new StudioNetwork(this.host, this.run, this.data, emit, {
      changed: () => this.changed(),
      config: () => this.training.config,
      nextRunNumber: () => ++this.lastLiveId
    })
    this.training = new Training(this.host, this.run, this.data, this.network, {
      status: () => this.status(),
      changed: () => this.changed(),
      sweepTraining: () => this.sweep.training,
      recorded: (id) => this.recorded(id)
    })
  }

  /** Tells main that a run was recorded or its record ended (it sends the page the store's new list). */
  private recorded(id: string): void {
    this.emit('runs:recorded', { id })
  }

  status(): TrainingStatus {
    const r = this.run.run
    const epoch = this.run.history.length
    return {
      state: r?.state ?? 'idle',
      runId: this.run.runId,
      epoch,
      targetEpoch: r && r.state !== 'idle' ? r.targetEpoch : epoch,
      batch: r?.batch ?? 0,
      batchesPerEpoch: r?.batchesPerEpoch ?? 0,
      hasDataset: this.data.dataset !== null,
      hasNetwork: this.network.hasNetwork,
      networkMismatch: this.network.mismatch,
      unsavedChanges: this.run.unsaved,
      settings: r ? { ...r.settings } : null,
      config: this.training.config,
      recordId: this.run.recordId
    }
  }

  /** The status, told to the page. */
  private changed(): TrainingStatus {
    const status = this.status()
    this.emit('state', status)
    return status
  }

  async snapshot(): Promise<WorkerSnapshot> {
    return {
      training: this.status(),
      dataset: this.data.info,
      model: this.network.model,
      weights: await this.network.weights('loaded'),
      history: [...this.run.history],
      sweep: this.sweep.snapshot()
    }
  }

  /**
   * Opens a dataset: the reading starts at once (cancelling any other opening), the answer comes
   * once it is in use. Until then the dataset from before stays in use.
   */
  async loadDataset(source: WorkerSource, options?: DatasetOptions): Promise<Opened> {
    if (this.run.state === 'running') throw busy('open another dataset')
    if (this.sweep.training) throw sweepTraining('open another dataset')
    // a folder of pictures is previewed (the dataset in use stays); anything else is read and put in use
    return this.opening.begin(this.pictures.openOrPreview(source, () => this.data.open(source, options)),
      (opened) => ('kind' in opened ? undefined : this.park()))
  }

  /** Imports the folder of pictures previewed last, in a reading thread, telling the page how far it is. */
  async importPictures(choice: PictureImportChoice): Promise<DatasetInfo> {
    if (this.run.state === 'running') throw busy('import pictures')
    if (this.sweep.training) throw sweepTraining('import pictures')
    const folder = this.pictures.takeForImport()
    return this.opening.begin(this.data.importPictures(folder, choice, (p) => this.emit('import-progress', p)), () => this.park())
  }

  /** New names for the classes in use: charts, results and saved models use them from now on. */
  renameClasses(names: readonly string[]): DatasetInfo {
    const info = this.data.info
    if (!info) throw noDataset()
    if (names.length !== info.classes.length) {
      throw new UserError('bad-class-names', `This dataset has ${info.classes.length} classes, so it needs ${info.classes.length} names (${names.length} were given).`)
    }
    const problem = classNamesProblem(names)
    if (problem) throw new UserError('bad-class-names', problem)
    return this.data.renameClasses(names)
  }

  /** The dataset in use as an ordinary .npz file's bytes. */
  saveDataset(): { name: string; bytes: Uint8Array } {
    const ds = this.data.dataset
    const info = this.data.info
    if (!ds || !info) throw noDataset()
    return datasetFile(ds, info)
  }

  /** Other classes or another test share; a source split again is read in a thread, like a new one. */
  async configureDataset(options: DatasetOptions): Promise<DatasetInfo> {
    if (this.run.state === 'running') throw busy('pick other classes')
    if (this.sweep.training) throw sweepTraining('pick other classes')
    return this.opening.begin(this.data.configure(options), () => this.park())
  }

  /** Stops opening a dataset (its request answers 'cancelled'); false when none was being opened. */
  cancelLoad(): boolean {
    return this.opening.cancel()
  }

  /**
   * The dataset changed: a run on the old one keeps its network but cannot go on as a run; a
   * network that does not fit the new dataset is set aside (to be saved), and the page told so once.
   */
  private async park(): Promise<void> {
    await this.network.park()
    this.network.tellIfSetAside()
    // the file as read and the dataset before are garbage once the opening has answered: their memory goes back then
    setTimeout(collectGarbage, 0)
    // the lane is ready for the first run on the new dataset
    void this.host.prepare(1).catch(() => undefined)
    this.changed()
  }

  start(config: TrainConfig, from: StartFrom): Promise<TrainingStatus> {
    return this.training.start(config, from)
  }

  pause(): Promise<TrainingStatus> {
    return this.training.pause()
  }

  resume(): Promise<TrainingStatus> {
    return this.training.resume()
  }

  /** To the end of the current epoch (or one whole epoch), then paused. */
  step(config: TrainConfig): Promise<TrainingStatus> {
    return this.training.step(config)
  }

  stop(): Promise<TrainingStatus> {
    return this.training.stop()
  }

  reset(): Promise<TrainingStatus> {
    return this.training.reset()
  }

  updateSettings(settings: StepSettings): Promise<TrainingStatus> {
    return this.training.updateSettings(settings)
  }

  /** Results on the run's own trainer, or of the held network on the host's copy of the dataset (heldResults.ts). */
  async evaluate(): Promise<Evaluation> {
    if (!this.data.dataset) throw noDataset()
    const id = this.run.id
    if (id !== null) return this.host.evaluate(id)
    return this.network.evaluate(this.sweep.training)
  }

  async predictions(query: PredictionQuery): Promise<Predictions> {
    if (!this.data.dataset) throw noDataset()
    const id = this.run.id
    if (id !== null) return this.host.predictions(id, query)
    return this.network.predictions(query, this.sweep.training)
  }

  loadModel(file: UploadFile): Promise<ModelInfo> {
    return this.network.loadModel(file)
  }

  /** A recorded run's network (main read its model from the store): Continue records a new run that continued it. */
  openRun(id: string, name: string, model: Uint8Array, batchLosses: Float32Array): Promise<ModelInfo> {
    return this.network.openRun(id, name, model, batchLosses)
  }

  saveModel(format: ModelFormat): Promise<{ name: string; bytes: Uint8Array }> {
    return this.network.saveModel(format)
  }

  markSaved(): TrainingStatus {
    return this.network.markSaved()
  }

  /** What a sweep of `config` would cost on this dataset. */
  async estimateSweep(spec: SweepSpec, config: TrainConfig): Promise<SweepEstimate> {
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    return sweepEstimate(spec, config, threadsOf(config), ds)
  }

  /** Starts a sweep with `config` as the base of every run; the studio's run, if finished, is parked first. */
  async startSweep(spec: SweepSpec, config: TrainConfig): Promise<SweepStatus> {
    if (this.sweep.training) throw sweepTraining('start another sweep')
    if (this.run.state === 'running' || this.run.state === 'paused') throw studioTraining()
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    // plan first: a spec that cannot train is refused before anything changes
    sweepPlan(spec, config, threadsOf(config))
    await this.network.park()
    this.changed()
    return this.sweep.start(spec, config, threadsOf(config), ds, this.data.choice)
  }

  stopSweep(runId: number | null): SweepStatus {
    return this.sweep.stop(runId)
  }

  /** The Try tab's pictures through the current network and model files, side by side (tryPictures.ts). */
  async tryPictures(pictures: readonly UploadFile[], sources: readonly TryNetworkSource[]): Promise<TryAnswer> {
    const networks = await Promise.all(sources.map((s) => (s.kind === 'current' ? this.network.toTry() : fileNetwork(s.file))))
    return tryPictures(pictures, networks)
  }
}

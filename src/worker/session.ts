/**
 * Everything the training worker holds — the dataset, the current network (a run's, trained by
 * the run host in a lane, or an opened or parked network without one), its history, the run's
 * state, and a sweep — and the commands that change it. Runs train on one run host (lanes that
 * share one copy of the dataset) and are recorded in the run store by one runner
 * (src/node/runs/runner.ts), the studio's Train as a sweep of one (CurrentRun) and a sweep's runs
 * alike (SweepRuns, sweep.ts); the two never train at once. Model files are in models.ts, results
 * in src/node/runs/results.ts.
 */
import type { Dataset } from '../core/data/dataset'
import { fitScaling, type Scaling } from '../core/data/scaling'
import { UserError } from '../core/errors'
import { checkModelFitsDataset } from '../core/model/modelFile'
import { checkHyperparameters, SEED_DEFAULTS, type Hyperparameters } from '../core/nn/hyperparameters'
import { cloneNetwork, type Architecture, type Network } from '../core/nn/network'
import { architectureOf, freshNetwork } from '../core/nn/trainer'
import { formatLayers, formatNumber } from '../core/runs/settingWords'
import type { SweepEstimate, SweepSpec } from '../core/runs/types'
import { RunHost } from '../node/runs/host'
import { Runner, type PlannedHostRun } from '../node/runs/runner'
import type { RunStore } from '../node/runs/store'
import type {
  DatasetInfo, DatasetOptions, Evaluation, ModelFormat, ModelInfo, PredictionQuery, Predictions, StartFrom, StepSettings,
  SweepStatus, TrainConfig, TrainingState, TrainingStatus, UploadFile, WeightsEvent
} from '../shared/payloads'
import type { WorkerSnapshot, WorkerSource } from '../shared/workerProtocol'
import { CurrentRun, type Emit } from './currentRun'
import { DatasetHolder } from './datasets'
import { HeldResults, type HeldScoring } from './heldResults'
import { collectGarbage } from './memory'
import { hyperparametersOf, threadsOf } from './hyperparameters'
import { OpeningSlot } from './opening'
import { modelBytes, modelFileName, modelInfo, openModel, type HeldNetwork, type OpenedModel } from './models'
import { busy, noDataset, noNetwork, notPaused, studioTraining, sweepTraining } from './refusals'
import { weightsEvent } from '../node/runs/weights'
import { SweepRuns, sweepEstimate, sweepPlan } from './sweep'

export { hyperparametersOf } from './hyperparameters'

const sameLayers = (arch: Architecture, hyper: Hyperparameters): boolean =>
  arch.hidden.join(',') === hyper.hidden.join(',') && arch.activation === hyper.activation

export class Session {
  private readonly data: DatasetHolder
  private readonly host: RunHost
  private readonly runner: Runner
  private readonly run: CurrentRun
  private readonly sweep: SweepRuns
  /** results of a network without a run in a lane, on the host's copy of the dataset. */
  private readonly heldResults: HeldResults
  /** the last live run id given out: the studio's run numbers and a sweep's runs share the count. */
  private lastLiveId = 0
  /** the dataset being opened, read in a thread while the commands that do not need it go on (see index.ts). */
  private readonly opening = new OpeningSlot()
  /** a network without a run: an opened model, or a run parked when another dataset was opened. */
  private held: HeldNetwork | null = null
  private opened: OpenedModel | null = null
  private config: TrainConfig | null = null
  /** the initial weights of the last fresh run, for "same start". */
  private initial: Network | null = null

  /**
   * `script`: the worker's own entry, which the dataset-reading threads and the run lanes run;
   * `store`: where runs are recorded (null: nowhere).
   */
  constructor(private readonly emit: Emit, script: URL, store: RunStore | null = null) {
    // the studio's run on every thread it asks for; a sweep's runs side by side
    this.host = new RunHost({ script })
    // the dataset in use lives in the host's shared memory, where its runs train: its pixels once
    this.data = new DatasetHolder(script, (ds) => this.host.placeDataset(ds))
    this.runner = new Runner(this.host, {
      store,
      onProblem: (message) => emit('notice', { level: 'warning', code: 'not-recorded', message })
    })
    this.run = new CurrentRun(this.host, this.runner, emit, () => this.status())
    this.heldResults = new HeldResults(this.host)
    this.sweep = new SweepRuns(this.host, this.runner, emit, () => ++this.lastLiveId, (id) => this.recorded(id))
  }

  /** Tells main that a run was recorded or its record ended (it sends the page the store's new list). */
  private recorded(id: string): void {
    this.emit('runs:recorded', { id })
  }

  private get state(): TrainingState {
    return this.run.run?.state ?? 'idle'
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
      hasNetwork: this.hasNetwork,
      unsavedChanges: this.run.unsaved,
      settings: r ? { ...r.settings } : null,
      config: this.config,
      recordId: this.run.recordId
    }
  }

  async snapshot(): Promise<WorkerSnapshot> {
    return {
      training: this.status(),
      dataset: this.data.info,
      model: this.opened ? modelInfo(this.opened, this.data.dataset) : null,
      weights: await this.weights('loaded'),
      history: [...this.run.history],
      sweep: this.sweep.snapshot()
    }
  }

  private get hasNetwork(): boolean {
    return this.run.id !== null || this.held !== null
  }

  /** The layers of the current network (a run's are those of its settings). */
  private get architecture(): Architecture | null {
    const on = this.run.trainsOn
    return on ? architectureOf(on.data, on.hyper) : this.held?.network.arch ?? null
  }

  /** The current network's weights as they are (not remembered for the update ratio). */
  private async weights(reason: WeightsEvent['reason']): Promise<WeightsEvent | null> {
    const id = this.run.id
    if (id !== null) return { ...(await this.host.weights(id, reason, false)), runId: this.run.runId }
    const held = this.held
    if (!held) return null
    const scaling = held.scaling?.mode ?? this.config?.scaling ?? SEED_DEFAULTS.scaling
    return weightsEvent(held.network, {
      runId: this.run.runId, epoch: this.run.history.length, batch: 0, reason, scaling, batchesDone: 0
    }, null)
  }

  /**
   * Opens a dataset: the reading starts at once (cancelling any other opening), the answer comes
   * once it is in use. Until then the dataset from before stays in use.
   */
  async loadDataset(source: WorkerSource, options?: DatasetOptions): Promise<DatasetInfo> {
    if (this.state === 'running') throw busy('open another dataset')
    if (this.sweep.training) throw sweepTraining('open another dataset')
    return this.opening.begin(this.data.open(source, options), () => this.park())
  }

  /** Other classes or another test share; a source split again is read in a thread, like a new one. */
  async configureDataset(options: DatasetOptions): Promise<DatasetInfo> {
    if (this.state === 'running') throw busy('pick other classes')
    if (this.sweep.training) throw sweepTraining('pick other classes')
    return this.opening.begin(this.data.configure(options), () => this.park())
  }

  /** Stops opening a dataset (its request answers 'cancelled'); false when none was being opened. */
  cancelLoad(): boolean {
    return this.opening.cancel()
  }

  /** The dataset changed: a run on the old one keeps its network but cannot go on as a run. */
  private async park(): Promise<void> {
    await this.parkRun()
    // the file as read and the dataset before are garbage once the opening has answered: their memory goes back then
    setTimeout(collectGarbage, 0)
    // the lane is ready for the first run on the new dataset
    void this.host.prepare(1).catch(() => undefined)
    this.emit('state', this.status())
  }

  /** The run in its lane is let go; its network stays as the held one (its results and Continue still work). */
  private async parkRun(): Promise<void> {
    await this.heldResults.release()
    const on = this.run.trainsOn
    if (!on) return
    const model = await this.run.model().catch(() => null)
    if (model) {
      this.held = {
        network: model.network, scaling: model.scaling, classNames: model.classNames, hyperparameters: on.hyper, history: [...this.run.history]
      }
    }
    await this.run.letGo()
  }

  /** The run's name in the store: "cifar_2class_py2.p: hidden 15, learning rate 0.01, seed 1". */
  private runName(ds: Dataset, hyper: Hyperparameters): string {
    return `${ds.name}: hidden ${formatLayers(hyper.hidden)}, learning rate ${formatNumber(hyper.learningRate)}, seed ${hyper.seed}`
  }

  /** The studio's run as the runner takes it. */
  private plan(ds: Dataset, hyper: Hyperparameters, threads: number, more: Partial<PlannedHostRun>): PlannedHostRun {
    return { data: ds, choice: this.data.choice, settings: { ...hyper, threads }, name: this.runName(ds, hyper), sweep: null, ...more }
  }

  /** The run in its lane goes on as a new recorded run that continued its record (after it ended: finished, or blew up). */
  private carryOnRun(): void {
    const on = this.run.trainsOn
    const r = this.run.run
    if (!on || !r || !this.run.recordEnded) return
    const hyper = { ...on.hyper, ...r.settings }
    this.run.carryOn(this.plan(on.data, hyper, on.threads, { carried: this.run.carried() }), (id) => this.recorded(id))
  }

  async start(config: TrainConfig, from: StartFrom, pauseAfterOne = false): Promise<TrainingStatus> {
    if (this.state === 'running') throw busy('start again')
    if (this.sweep.training) throw sweepTraining('train')
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const hyper = hyperparametersOf(config)
    checkHyperparameters(hyper, ds.train.count)
    const threads = threadsOf(config)
    // the lane that scored a held network is needed for training
    await this.heldResults.release()
    // a step carries on one epoch (finished there), or starts a run that pauses after its first
    const stepOn = pauseAfterOne && from === 'continue'
    const epochs = stepOn ? 1 : config.epochs
    const onRecorded = (id: string): void => this.recorded(id)
    if (from === 'continue') {
      const arch = this.architecture
      if (!arch) throw noNetwork()
      if (!sameLayers(arch, hyper)) {
        throw new UserError('architecture-differs',
          `The current network has hidden layers ${arch.hidden.join(', ') || 'none'} with ${arch.activation}; ` +
          'set the same layers and activation to train it further, or start a fresh run.')
      }
      const on = this.run.trainsOn
      const id = this.run.id
      const done = this.run.history.length
      const pauseAtEpoch = pauseAfterOne && !stepOn ? done + 1 : null
      this.config = config
      if (id !== null && on && on.data === ds && on.hyper.batchSize === hyper.batchSize && on.hyper.shuffle === hyper.shuffle) {
        // the same trainer carries on, with the settings of now (a new record, unless its record is still open: a paused run)
        const { learningRate, momentum, l2 } = hyper
        if (this.run.recordEnded) this.run.carryOn(this.plan(ds, hyper, on.threads, { carried: this.run.carried() }), onRecorded)
        await this.host.begin(id, { targetEpoch: done + epochs, pauseAtEpoch, settings: { learningRate, momentum, l2 } })
      } else {
        // a new trainer for the network: another batch size or shuffling, or a network without a run
        const source = await this.continuedNetwork()
        await this.run.letGo()
        this.held = null
        const scaled = { ...hyper, scaling: source.scaling?.mode ?? hyper.scaling }
        await this.run.open(this.plan(ds, scaled, threads, {
          start: { network: source.network, scaling: source.scaling ?? undefined },
          carried: this.run.carried(), targetEpoch: done + epochs, pauseAtEpoch
        }), onRecorded)
      }
      return this.status()
    }
    let network: Network
    if (from === 'same-start') {
      if (!this.initial) throw new UserError('no-start', 'There is no earlier start to repeat yet. Press Train for a fresh start.')
      if (!sameLayers(this.initial.arch, hyper)) {
        throw new UserError('architecture-differs',
          `The earlier start had hidden layers ${this.initial.arch.hidden.join(', ') || 'none'} with ${this.initial.arch.activation}; ` +
          'set the same layers and activation to repeat it.')
      }
      network = cloneNetwork(this.initial)
    } else {
      network = freshNetwork(ds, hyper)
      this.initial = cloneNetwork(network)
    }
    await this.run.letGo()
    this.newRun()
    this.config = config
    await this.run.open(this.plan(ds, hyper, threads, {
      start: { network }, targetEpoch: epochs, pauseAtEpoch: pauseAfterOne ? 1 : null, announceStart: true
    }), onRecorded)
    return this.status()
  }

  /** The network to train further when its trainer cannot carry on: the run's (a copy), or the held one. */
  private async continuedNetwork(): Promise<{ network: Network; scaling: Scaling | null }> {
    const model = await this.run.model()
    if (model) return model
    const held = this.held
    if (!held) throw noNetwork()
    return { network: cloneNetwork(held.network), scaling: held.scaling }
  }

  private newRun(): void {
    void this.heldResults.release()
    this.run.renumber(++this.lastLiveId)
    this.held = null
    this.opened = null
  }

  async pause(): Promise<TrainingStatus> {
    const id = this.run.id
    if (id !== null) await this.host.pause(id)
    return this.status()
  }

  async resume(): Promise<TrainingStatus> {
    const id = this.run.id
    if (id === null || this.state !== 'paused') throw notPaused()
    if (this.sweep.training) throw sweepTraining('train')
    this.carryOnRun()
    await this.host.resume(id)
    return this.status()
  }

  /** To the end of the current epoch (or one whole epoch), then paused. */
  async step(config: TrainConfig): Promise<TrainingStatus> {
    const id = this.run.id
    if (id !== null && (this.state === 'running' || this.state === 'paused')) {
      if (this.state === 'paused') this.carryOnRun()
      await this.host.step(id)
      return this.status()
    }
    return this.start(config, this.hasNetwork ? 'continue' : 'fresh', true)
  }

  async stop(): Promise<TrainingStatus> {
    const id = this.run.id
    if (id !== null && (this.state === 'running' || this.state === 'paused')) await this.host.stop(id)
    return this.status()
  }

  async reset(): Promise<TrainingStatus> {
    await this.stop()
    await this.run.letGo()
    this.newRun()
    this.run.markSaved()
    return this.changed()
  }

  async updateSettings(settings: StepSettings): Promise<TrainingStatus> {
    if (this.config) this.config = { ...this.config, ...settings }
    const id = this.run.id
    if (id !== null) {
      await this.host.updateSettings(id, settings)
      return this.status()
    }
    return this.changed()
  }

  private changed(): TrainingStatus {
    const status = this.status()
    this.emit('state', status)
    return status
  }

  /** The held network, its scaling, the settings to score it with and the dataset, checked to fit each other. */
  private heldOn(): HeldScoring {
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const held = this.held
    if (!held) throw noNetwork()
    const mismatch = checkModelFitsDataset({ network: held.network }, ds.inputs, Math.max(2, ds.classNames.length))
    if (mismatch) throw new UserError('model-mismatch', mismatch)
    const scaling = held.scaling ?? fitScaling(this.config?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs)
    const base = held.hyperparameters ?? (this.config ? hyperparametersOf(this.config) : SEED_DEFAULTS)
    const { arch } = held.network
    return { network: held.network, scaling, data: ds, hyper: { ...base, hidden: [...arch.hidden], activation: arch.activation, scaling: scaling.mode } }
  }

  /** Results on the run's own trainer, or of the held network on the host's copy of the dataset (heldResults.ts). */
  async evaluate(): Promise<Evaluation> {
    if (!this.data.dataset) throw noDataset()
    const id = this.run.id
    if (id !== null) return this.host.evaluate(id)
    return this.heldResults.evaluate(this.heldOn(), this.sweep.training)
  }

  async predictions(query: PredictionQuery): Promise<Predictions> {
    if (!this.data.dataset) throw noDataset()
    const id = this.run.id
    if (id !== null) return this.host.predictions(id, query)
    return this.heldResults.predictions(this.heldOn(), query, this.sweep.training)
  }

  async loadModel(file: UploadFile): Promise<ModelInfo> {
    return this.openNetwork(file, null, new Float32Array(0))
  }

  /** A recorded run's network (main read its model from the store): Continue records a new run that continued it. */
  async openRun(id: string, name: string, model: Uint8Array, batchLosses: Float32Array): Promise<ModelInfo> {
    return this.openNetwork({ name, bytes: model }, id, batchLosses)
  }

  private async openNetwork(file: UploadFile, recordId: string | null, batchLosses: Float32Array): Promise<ModelInfo> {
    if (this.state === 'running') throw busy('open a model')
    const opened = openModel(file, this.data.dataset)
    await this.stop()
    await this.run.letGo()
    this.newRun()
    this.run.adopt(opened.history, recordId, batchLosses)
    this.opened = opened
    this.held = opened
    const info = modelInfo(opened, this.data.dataset)
    this.emit('state', this.status())
    const weights = await this.weights('loaded')
    if (weights) this.emit('weights', weights)
    return info
  }

  async saveModel(format: ModelFormat): Promise<{ name: string; bytes: Uint8Array }> {
    const model = await this.run.model()
    const net = model?.network ?? this.held?.network
    if (!net) throw noNetwork()
    const ds = this.data.dataset
    const history = [...this.run.history]
    const name = modelFileName(net, history.length, ds?.name ?? this.opened?.name ?? 'model', format)
    if (format === 'npz') return { name, bytes: modelBytes(net, 'npz') }
    if (model) {
      return { name, bytes: modelBytes({ ...model, hyperparameters: { ...model.hyperparameters, epochs: history.length }, history }, format) }
    }
    const held = this.held
    const scaling = held?.scaling ?? (ds ? fitScaling(this.config?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs) : null)
    const classNames = held?.classNames ?? ds?.classNames ?? null
    if (!scaling || !classNames) {
      throw new UserError('needs-dataset', 'These weights came without their input scaling and class names. Open the dataset they were trained on, then save again, or export them as .npz.')
    }
    const hyperparameters = held?.hyperparameters ??
      { ...SEED_DEFAULTS, hidden: [...net.arch.hidden], activation: net.arch.activation, scaling: scaling.mode, epochs: history.length }
    return { name, bytes: modelBytes({ network: net, scaling, classNames, hyperparameters, history }, format) }
  }

  markSaved(): TrainingStatus {
    this.run.markSaved()
    return this.changed()
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
    if (this.state === 'running' || this.state === 'paused') throw studioTraining()
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    // plan first: a spec that cannot train is refused before anything changes
    sweepPlan(spec, config, threadsOf(config))
    await this.parkRun()
    this.emit('state', this.status())
    return this.sweep.start(spec, config, threadsOf(config), ds, this.data.choice)
  }

  stopSweep(runId: number | null): SweepStatus {
    return this.sweep.stop(runId)
  }
}

/**
 * Everything the training worker holds — the dataset, the network (a trainer's, or an opened
 * model's), its history and the run's state — and the commands that change it. The loop that
 * trains lives in training.ts; model files in models.ts; results in results.ts.
 */
import { fitScaling, type Scaling } from '../core/data/scaling'
import { UserError } from '../core/errors'
import { checkModelFitsDataset } from '../core/model/modelFile'
import { SEED_DEFAULTS, type Hyperparameters } from '../core/nn/hyperparameters'
import { cloneNetwork, type Network } from '../core/nn/network'
import type {
  DatasetInfo, DatasetOptions, Evaluation, ModelFormat, ModelInfo, PredictionQuery, Predictions, StartFrom, StepSettings,
  TrainConfig, TrainingStatus, UploadFile
} from '../shared/payloads'
import type { WorkerSnapshot, WorkerSource } from '../shared/workerProtocol'
import { DatasetHolder } from './datasets'
import { makeTrainer } from './makeTrainer'
import { OpeningSlot } from './opening'
import { modelBytes, modelFileName, modelInfo, openModel, type HeldNetwork, type OpenedModel } from './models'
import { busy, noDataset, noNetwork, notPaused } from './refusals'
import { evaluate, networkScorer, predictions } from './results'
import { TrainingLoop, type Emit } from './training'
import { weightsEvent } from './weights'

/** The Hyperparameters of a TrainConfig (without the compute threads). */
export function hyperparametersOf(config: TrainConfig): Hyperparameters {
  const { threads: _threads, ...hyper } = config
  return { ...hyper, hidden: [...hyper.hidden] }
}

const sameLayers = (net: Network, hyper: Hyperparameters): boolean =>
  net.arch.hidden.join(',') === hyper.hidden.join(',') && net.arch.activation === hyper.activation

export class Session {
  private readonly data: DatasetHolder
  private readonly loop: TrainingLoop
  /** the dataset being opened, read in a thread while the commands that do not need it go on (see index.ts). */
  private readonly opening = new OpeningSlot()
  /** a network without a trainer: an opened model, or a run parked when another dataset was opened. */
  private held: HeldNetwork | null = null
  private opened: OpenedModel | null = null
  private config: TrainConfig | null = null
  /** the initial weights of the last fresh run, for "same start". */
  private initial: Network | null = null

  /** `readerScript`: the worker's own entry, which the dataset-reading threads run. */
  constructor(private readonly emit: Emit, readerScript: URL) {
    this.data = new DatasetHolder(readerScript)
    this.loop = new TrainingLoop(emit, () => this.status())
  }

  status(): TrainingStatus {
    const { loop } = this
    const t = loop.trainer
    return {
      state: loop.state,
      runId: loop.runId,
      epoch: loop.history.length,
      targetEpoch: loop.state === 'idle' ? loop.history.length : loop.targetEpoch,
      batch: t?.batch ?? 0,
      batchesPerEpoch: t?.batchesPerEpoch ?? 0,
      hasDataset: this.data.dataset !== null,
      hasNetwork: this.network !== null,
      unsavedChanges: loop.unsaved,
      settings: t ? { ...t.settings } : null,
      config: this.config
    }
  }

  snapshot(): WorkerSnapshot {
    const net = this.network
    const scaling = this.loop.trainer?.scaling.mode ?? this.held?.scaling?.mode ?? this.config?.scaling ?? SEED_DEFAULTS.scaling
    return {
      training: this.status(),
      dataset: this.data.info,
      model: this.opened ? modelInfo(this.opened, this.data.dataset) : null,
      weights: net ? weightsEvent(net, {
        runId: this.loop.runId, epoch: this.loop.history.length, batch: this.loop.trainer?.batch ?? 0,
        reason: 'loaded', scaling, batchesDone: this.loop.batchesDone
      }, null) : null,
      history: [...this.loop.history]
    }
  }

  private get network(): Network | null {
    return this.loop.trainer?.net ?? this.held?.network ?? null
  }

  /**
   * Opens a dataset: the reading starts at once (cancelling any other opening), the answer comes
   * once it is in use. Until then the dataset from before stays in use.
   */
  async loadDataset(source: WorkerSource, options?: DatasetOptions): Promise<DatasetInfo> {
    if (this.loop.state === 'running') throw busy('open another dataset')
    return this.opening.begin(this.data.open(source, options), () => this.park())
  }

  /** Other classes or another test share; a source split again is read in a thread, like a new one. */
  async configureDataset(options: DatasetOptions): Promise<DatasetInfo> {
    if (this.loop.state === 'running') throw busy('pick other classes')
    return this.opening.begin(this.data.configure(options), () => this.park())
  }

  /** Stops opening a dataset (its request answers 'cancelled'); false when none was being opened. */
  cancelLoad(): boolean {
    return this.opening.cancel()
  }

  /** The dataset changed: a trainer of the old one keeps its network but cannot go on as a run. */
  private park(): void {
    const t = this.loop.trainer
    if (t) {
      this.held = {
        network: cloneNetwork(t.net), scaling: t.scaling, classNames: t.data.classNames, hyperparameters: t.hyper, history: [...this.loop.history]
      }
      this.loop.replaceTrainer(null)
    }
    this.loop.state = 'idle'
    this.emit('state', this.status())
  }

  async start(config: TrainConfig, from: StartFrom, pauseAfterOne = false): Promise<TrainingStatus> {
    if (this.loop.state === 'running') throw busy('start again')
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const hyper = hyperparametersOf(config)
    const loop = this.loop
    if (from === 'continue') {
      const net = this.network
      if (!net) throw noNetwork()
      if (!sameLayers(net, hyper)) {
        throw new UserError('architecture-differs',
          `The current network has hidden layers ${net.arch.hidden.join(', ') || 'none'} with ${net.arch.activation}; ` +
          'set the same layers and activation to train it further, or start a fresh run.')
      }
      const t = loop.trainer
      if (t && t.data === ds && t.hyper.batchSize === hyper.batchSize && t.hyper.shuffle === hyper.shuffle) {
        Object.assign(t.settings, { learningRate: hyper.learningRate, momentum: hyper.momentum, l2: hyper.l2 })
      } else {
        const scaling: Scaling | undefined = t?.scaling ?? this.held?.scaling ?? undefined
        const trainer = await makeTrainer(ds, { ...hyper, scaling: scaling?.mode ?? hyper.scaling },
          { initialNetwork: cloneNetwork(net), scaling }, config.threads)
        loop.replaceTrainer(trainer)
        loop.batchesDone = loop.history.length * trainer.batchesPerEpoch
      }
      this.held = null
    } else {
      let initialNetwork: Network | undefined
      if (from === 'same-start') {
        if (!this.initial) throw new UserError('no-start', 'There is no earlier start to repeat yet. Press Train for a fresh start.')
        if (!sameLayers(this.initial, hyper)) {
          throw new UserError('architecture-differs',
            `The earlier start had hidden layers ${this.initial.arch.hidden.join(', ') || 'none'} with ${this.initial.arch.activation}; ` +
            'set the same layers and activation to repeat it.')
        }
        initialNetwork = cloneNetwork(this.initial)
      }
      const trainer = await makeTrainer(ds, hyper, { initialNetwork }, config.threads)
      if (!initialNetwork) this.initial = cloneNetwork(trainer.net)
      this.newRun()
      loop.replaceTrainer(trainer)
    }
    this.config = config
    // a step carries on one epoch (finished there), or starts a run that pauses after its first
    const stepOn = pauseAfterOne && from === 'continue'
    const done = loop.history.length
    loop.begin(loop.trainer!, done + (stepOn ? 1 : config.epochs), pauseAfterOne && !stepOn ? done + 1 : null)
    const status = this.status()
    this.emit('state', status)
    // a new run's initial weights, before its first batch (scheduled, not yet run) changes them
    if (from !== 'continue') {
      const start = loop.weights('start')
      if (start) this.emit('weights', start)
    }
    return status
  }

  private newRun(): void {
    const loop = this.loop
    loop.runId++
    loop.history = []
    loop.batchesDone = 0
    loop.replaceTrainer(null)
    loop.snapshots.forget()
    this.held = null
    this.opened = null
  }

  pause(): TrainingStatus {
    this.loop.pause()
    return this.status()
  }

  resume(): TrainingStatus {
    if (this.loop.state !== 'paused') throw notPaused()
    this.loop.resume(null)
    return this.changed()
  }

  /** To the end of the current epoch (or one whole epoch), then paused. */
  async step(config: TrainConfig): Promise<TrainingStatus> {
    const loop = this.loop
    if (loop.state === 'running' || loop.state === 'paused') {
      const next = loop.history.length + 1
      if (loop.state === 'paused') loop.resume(next)
      else loop.pauseAtEpoch = next
      return this.changed()
    }
    return this.start(config, this.network ? 'continue' : 'fresh', true)
  }

  stop(): TrainingStatus {
    if (this.loop.state === 'running' || this.loop.state === 'paused') this.loop.finish('stopped')
    return this.status()
  }

  reset(): TrainingStatus {
    if (this.loop.state === 'running' || this.loop.state === 'paused') this.loop.finish('stopped')
    this.newRun()
    this.loop.state = 'idle'
    this.loop.unsaved = false
    return this.changed()
  }

  updateSettings(settings: StepSettings): TrainingStatus {
    const t = this.loop.trainer
    if (t) Object.assign(t.settings, settings)
    if (this.config) this.config = { ...this.config, ...settings }
    return this.changed()
  }

  private changed(): TrainingStatus {
    const status = this.status()
    this.emit('state', status)
    return status
  }

  private scaled(): { net: Network; scaling: Scaling; ds: NonNullable<DatasetHolder['dataset']> } {
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const net = this.network
    if (!net) throw noNetwork()
    const mismatch = checkModelFitsDataset({ network: net }, ds.inputs, Math.max(2, ds.classNames.length))
    if (mismatch) throw new UserError('model-mismatch', mismatch)
    const scaling = this.loop.trainer?.scaling ?? this.held?.scaling ??
      fitScaling(this.config?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs)
    return { net, scaling, ds }
  }

  evaluate(): Evaluation {
    const { net, scaling, ds } = this.scaled()
    return evaluate(networkScorer(net, scaling), ds)
  }

  predictions(query: PredictionQuery): Predictions {
    const { net, scaling, ds } = this.scaled()
    return predictions(networkScorer(net, scaling), ds, query)
  }

  loadModel(file: UploadFile): ModelInfo {
    if (this.loop.state === 'running') throw busy('open a model')
    const opened = openModel(file, this.data.dataset)
    if (this.loop.state === 'paused') this.loop.finish('stopped')
    this.newRun()
    this.opened = opened
    this.held = opened
    this.loop.history = [...opened.history]
    this.loop.state = 'idle'
    this.loop.unsaved = false
    const info = modelInfo(opened, this.data.dataset)
    this.emit('state', this.status())
    const weights = this.snapshot().weights
    if (weights) this.emit('weights', weights)
    return info
  }

  saveModel(format: ModelFormat): { name: string; bytes: Uint8Array } {
    const net = this.network
    if (!net) throw noNetwork()
    const ds = this.data.dataset
    const history = [...this.loop.history]
    const name = modelFileName(net, history.length, ds?.name ?? this.opened?.name ?? 'model', format)
    if (format === 'npz') return { name, bytes: modelBytes(net, 'npz') }
    const t = this.loop.trainer
    if (t) {
      const hyperparameters = { ...t.hyper, ...t.settings, epochs: history.length }
      return { name, bytes: modelBytes({ network: net, scaling: t.scaling, classNames: t.data.classNames, hyperparameters, history }, format) }
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
    this.loop.unsaved = false
    return this.changed()
  }
}

/**
 * The network the studio holds besides a run in a lane: an opened model (a file, or a recorded
 * run's network from the Runs tab) or a run parked when another dataset was opened, whose results
 * come from the run host's copy of the dataset (heldResults.ts), and the initial weights of the
 * last fresh start, for "same start". Opening a model, saving the current network (the run's, or
 * the held one), marking it saved, and its weights and layers whichever holds it. A saved model
 * keeps the first layer's starting weights and every batch's loss, and a reopened one shows them
 * again (a 'start' weights event, ModelInfo.batchLosses). Model files are in models.ts; starting
 * and carrying on runs in training.ts.
 */
import type { Dataset } from '../core/data/dataset'
import { fitScaling, type Scaling } from '../core/data/scaling'
import { UserError } from '../core/errors'
import { checkModelFitsDataset } from '../core/model/modelFile'
import { exportNpz } from '../core/model/npzWeights'
import { SEED_DEFAULTS, type Hyperparameters } from '../core/nn/hyperparameters'
import { DEFAULT_RESIZE } from '../core/pictures/types'
import { cloneNetwork, type Architecture, type Network } from '../core/nn/network'
import { architectureOf, freshNetwork } from '../core/training/trainer'
import type { RunHost } from '../node/runs/host'
import { weightsEvent } from '../node/runs/weights'
import type {
  Evaluation, ModelFormat, ModelInfo, PredictionQuery, Predictions, StartFrom, TrainConfig, TrainingStatus, UploadFile, WeightsEvent
} from '../shared/payloads'
import type { CurrentRun, Emit } from './currentRun'
import type { DatasetHolder } from './datasets'
import { HeldResults, type HeldScoring } from './heldResults'
import { hyperparametersOf } from './hyperparameters'
import { modelBytes, modelFileName, modelInfo, openModel, type HeldNetwork, type OpenedModel, type TrainingTrace } from './models'
import { busy, noDataset, noNetwork } from './refusals'
import type { TryNetwork } from './tryPictures'

/** Whether a network's layers are those the settings ask for. */
export const sameLayers = (arch: Architecture, hyper: Hyperparameters): boolean =>
  arch.hidden.join(',') === hyper.hidden.join(',') && arch.activation === hyper.activation

/** What the studio's network asks of the rest: news of the page's status, the settings last trained with, the next run number. */
export interface NetworkContext {
  /** the studio's status, sent to the page as 'state'. */
  changed(): TrainingStatus
  config(): TrainConfig | null
  /** a run number larger than any before (the studio's run numbers and a sweep's live ids share the count). */
  nextRunNumber(): number
}

export class StudioNetwork {
  /** a network without a run: an opened model, or a run parked when another dataset was opened. */
  private held: HeldNetwork | null = null
  private opened: OpenedModel | null = null
  /** the initial weights of the last fresh run, for "same start". */
  private initial: Network | null = null
  /** the set-aside network the page was told of (once). */
  private toldAside: Network | null = null
  /** the current network's first layer when its training began (the baseline of "what training changed"), when known. */
  private startFirst: Float32Array | null = null
  /** results of a network without a run in a lane, on the host's copy of the dataset. */
  private readonly results: HeldResults

  constructor(
    private readonly host: RunHost, private readonly run: CurrentRun, private readonly data: DatasetHolder,
    private readonly emit: Emit, private readonly context: NetworkContext
  ) {
    this.results = new HeldResults(host)
  }

  get hasNetwork(): boolean {
    return this.run.id !== null || this.held !== null
  }

  /**
   * Why the current network does not fit the dataset in use (another input or class count), in
   * plain words; null when it fits, or without a network or dataset. Such a network is set aside:
   * it can be saved, not trained further or scored on this dataset.
   */
  get mismatch(): string | null {
    const arch = this.architecture
    const ds = this.data.dataset
    if (!arch || !ds) return null
    const classes = Math.max(2, ds.classNames.length)
    const differs = arch.inputs !== ds.inputs
      ? `takes pictures of ${arch.inputs} values, but those of ${ds.name} have ${ds.inputs}`
      : arch.classes !== classes ? `tells apart ${arch.classes} classes, but ${ds.name} has ${classes}` : null
    return differs && `The network from before ${differs}, so it is set aside: ` +
      'press Save model to keep it, or Train for a new network on this dataset.'
  }

  /** Says once that the current network was set aside (another dataset is in use that it does not fit). */
  tellIfSetAside(): void {
    const message = this.mismatch
    const network = this.held?.network ?? null
    if (!message || !network || this.toldAside === network) return
    this.toldAside = network
    // a note that stays until dismissed: the network on show is no longer the one to train
    this.emit('notice', { level: 'warning', code: 'network-set-aside', message })
  }

  /** The opened model as the page is told of it (null when the current network was not opened from a file or a run). */
  get model(): ModelInfo | null {
    return this.opened ? modelInfo(this.opened, this.data.dataset) : null
  }

  /** The layers of the current network (a run's are those of its settings). */
  get architecture(): Architecture | null {
    const on = this.run.trainsOn
    return on ? architectureOf(on.data, on.hyper) : this.held?.network.arch ?? null
  }

  /** The current network's weights as they are (not remembered for the update ratio). */
  async weights(reason: WeightsEvent['reason']): Promise<WeightsEvent | null> {
    const id = this.run.id
    if (id !== null) return { ...(await this.host.weights(id, reason, false)), runId: this.run.runId }
    const held = this.held
    if (!held) return null
    const scaling = held.scaling?.mode ?? this.context.config()?.scaling ?? SEED_DEFAULTS.scaling
    return weightsEvent(held.network, {
      runId: this.run.runId, epoch: this.run.history.length, batch: 0, reason, scaling, batchesDone: 0
    }, null)
  }

  /** The run in its lane is let go; its network stays as the held one (its results and Continue still work). */
  async park(): Promise<void> {
    await this.results.release()
    const on = this.run.trainsOn
    if (!on) return
    const model = await this.run.model().catch(() => null)
    if (model) {
      this.held = {
        network: model.network, scaling: model.scaling, classNames: model.classNames, hyperparameters: on.hyper, history: [...this.run.history],
        resize: on.data.resize
      }
    }
    await this.run.letGo()
  }

  /** A fresh run from now on: a new run number, nothing held or opened (the run in a lane, if any, must have been let go). */
  renew(): void {
    void this.results.release()
    this.run.renumber(this.context.nextRunNumber())
    this.held = null
    this.opened = null
  }

  /** Lets the lane that scored a held network go (it is needed for training). */
  releaseResults(): Promise<void> {
    return this.results.release()
  }

  /** The current network's first layer when its training began, when known (kept in its models and its runs' records). */
  get startWeights(): Float32Array | undefined {
    return this.startFirst ?? undefined
  }

  /** The weights a fresh run starts from: new ones from the settings' seed (remembered), or the remembered ones again. */
  startingWeights(from: Exclude<StartFrom, 'continue'>, ds: Dataset, hyper: Hyperparameters): Network {
    if (from === 'same-start') {
      if (!this.initial) throw new UserError('no-start', 'There is no earlier start to repeat yet. Press Train for a fresh start.')
      if (!sameLayers(this.initial.arch, hyper)) {
        throw new UserError('architecture-differs',
          `The earlier start had hidden layers ${this.initial.arch.hidden.join(', ') || 'none'} with ${this.initial.arch.activation}; ` +
          'set the same layers and activation to repeat it.')
      }
      // an earlier start made for other data (another class or input count) cannot be repeated on this one
      const { arch } = this.initial
      if (arch.inputs !== ds.inputs || arch.classes !== Math.max(2, ds.classNames.length)) {
        throw new UserError('no-start', `The earlier start was made for ${arch.classes} classes of pictures of ${arch.inputs} values, ` +
          `and ${ds.name} has ${Math.max(2, ds.classNames.length)} classes of ${ds.inputs}. Press Train for a fresh start on this dataset.`)
      }
      const again = cloneNetwork(this.initial)
      this.startFirst = again.layers[0].W.slice()
      return again
    }
    const network = freshNetwork(ds, hyper)
    this.initial = cloneNetwork(network)
    this.startFirst = network.layers[0].W.slice()
    return network
  }

  /**
   * The network to train further in a new trainer (its trainer cannot carry on): the run's (a
   * copy), or the held one; the run in its lane is let go and nothing stays held.
   */
  async takeToTrain(): Promise<{ network: Network; scaling: Scaling | null }> {
    const source = await this.continuedNetwork()
    await this.run.letGo()
    this.held = null
    return source
  }

  private async continuedNetwork(): Promise<{ network: Network; scaling: Scaling | null }> {
    const model = await this.run.model()
    if (model) return model
    const held = this.held
    if (!held) throw noNetwork()
    return { network: cloneNetwork(held.network), scaling: held.scaling }
  }

  /** The held network's results on the host's copy of the dataset (`lanesBusy`: a sweep holds the lanes). */
  evaluate(lanesBusy: boolean): Promise<Evaluation> {
    return this.results.evaluate(this.scoring(), lanesBusy)
  }

  predictions(query: PredictionQuery, lanesBusy: boolean): Promise<Predictions> {
    return this.results.predictions(this.scoring(), query, lanesBusy)
  }

  /** The held network, its scaling, the settings to score it with and the dataset, checked to fit each other. */
  private scoring(): HeldScoring {
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const held = this.held
    if (!held) throw noNetwork()
    const mismatch = checkModelFitsDataset({ network: held.network }, ds.inputs, Math.max(2, ds.classNames.length))
    if (mismatch) throw new UserError('model-mismatch', mismatch)
    const config = this.context.config()
    const scaling = held.scaling ?? fitScaling(config?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs)
    const base = held.hyperparameters ?? (config ? hyperparametersOf(config) : SEED_DEFAULTS)
    const { arch } = held.network
    return { network: held.network, scaling, data: ds, hyper: { ...base, hidden: [...arch.hidden], activation: arch.activation, scaling: scaling.mode } }
  }

  /**
   * The current network to ask about new pictures (the Try tab): the run's as it is now, or the
   * held one, with the scaling it sees, its class names and the resize mode of its pictures.
   */
  async toTry(): Promise<TryNetwork> {
    const name = this.opened?.name ?? 'The current network'
    const model = await this.run.model()
    // the run's model has the class names in use (currentRun.ts); its pictures were made 32×32 in the dataset's mode
    if (model) return { name, ...model, resize: this.run.trainsOn?.data.resize ?? DEFAULT_RESIZE }
    const held = this.held
    if (!held) throw noNetwork()
    const ds = this.data.dataset
    const scaling = held.scaling ?? (ds ? fitScaling(this.context.config()?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs) : null)
    if (!scaling) {
      throw new UserError('needs-dataset', 'These weights came without their input scaling. Open the dataset they were trained on, then try the pictures again.')
    }
    const { classes } = held.network.arch
    const classNames = held.classNames ?? (ds?.classNames.length === classes ? ds.classNames : Array.from({ length: classes }, (_, i) => `class ${i}`))
    return { name, network: held.network, scaling, classNames, resize: held.resize ?? DEFAULT_RESIZE }
  }

  async loadModel(file: UploadFile): Promise<ModelInfo> {
    return this.open(file, null, new Float32Array(0))
  }

  /** A recorded run's network (main read its model from the store): Continue records a new run that continued it. */
  async openRun(id: string, name: string, model: Uint8Array, batchLosses: Float32Array): Promise<ModelInfo> {
    return this.open({ name, bytes: model }, id, batchLosses)
  }

  private async open(file: UploadFile, recordId: string | null, batchLosses: Float32Array): Promise<ModelInfo> {
    if (this.run.state === 'running') throw busy('open a model')
    const opened = openModel(file, this.data.dataset)
    await this.run.stop()
    await this.run.letGo()
    this.renew()
    // the run's record keeps every batch's loss; a file may too
    const losses = batchLosses.length > 0 ? batchLosses : opened.batchLosses ?? new Float32Array(0)
    this.run.adopt(opened.history, recordId, losses)
    this.opened = opened
    this.held = opened
    this.startFirst = opened.startWeights ?? null
    const info: ModelInfo = { ...modelInfo(opened, this.data.dataset), ...(losses.length > 0 ? { batchLosses: losses } : {}) }
    this.context.changed()
    // its start first, the baseline of "what training changed", then the weights as they are
    const start = await this.startWeightsEvent()
    if (start) this.emit('weights', start)
    const weights = await this.weights('loaded')
    if (weights) this.emit('weights', weights)
    return info
  }

  /** The current network as it was when its training began (its first layer: the rest as it is now), when known. */
  private async startWeightsEvent(): Promise<WeightsEvent | null> {
    const now = await this.weights('start')
    const first = this.startFirst
    if (!now || !first || first.length !== now.first.W.length) return null
    return { ...now, epoch: 0, first: { ...now.first, W: first.slice() } }
  }

  /** What a saved model keeps of the current network's training: its first layer's start and every batch's loss. */
  private trace(net: Network): TrainingTrace {
    const first = this.startFirst
    const losses = this.run.carried().batchLosses
    return {
      ...(first && first.length === net.layers[0].W.length ? { startWeights: first } : {}),
      ...(losses.length > 0 ? { batchLosses: losses } : {})
    }
  }

  async saveModel(format: ModelFormat): Promise<{ name: string; bytes: Uint8Array }> {
    const model = await this.run.model()
    const net = model?.network ?? this.held?.network
    if (!net) throw noNetwork()
    const ds = this.data.dataset
    const history = [...this.run.history]
    const name = modelFileName(net, history.length, ds?.name ?? this.opened?.name ?? 'model', format)
    // a network trained here keeps the resize mode of the pictures it trained on
    const resize = this.run.trainsOn?.data.resize
    if (model) {
      return {
        name,
        bytes: modelBytes({ ...model, ...this.trace(model.network), ...(resize ? { resize } : {}), hyperparameters: { ...model.hyperparameters, epochs: history.length }, history }, format)
      }
    }
    const held = this.held
    const scaling = held?.scaling ?? (ds ? fitScaling(this.context.config()?.scaling ?? SEED_DEFAULTS.scaling, ds.train, ds.inputs) : null)
    const classNames = held?.classNames ?? ds?.classNames ?? null
    if (format === 'npz' && scaling) return { name, bytes: exportNpz({ network: net, scaling, classNames }) }
    if (!scaling || !classNames) {
      throw new UserError('needs-dataset', 'These weights came without the input scaling and class names they were trained with. Open the dataset they were trained on, then save again.')
    }
    const hyperparameters = held?.hyperparameters ??
      { ...SEED_DEFAULTS, hidden: [...net.arch.hidden], activation: net.arch.activation, scaling: scaling.mode, epochs: history.length }
    // a parked or opened network keeps its own mode; weights alone take the mode of the pictures in use
    const heldResize = held?.resize ?? (held?.classNames ? undefined : ds?.resize)
    return { name, bytes: modelBytes({ network: net, scaling, classNames, hyperparameters, history, ...this.trace(net), ...(heldResize ? { resize: heldResize } : {}) }, format) }
  }

  markSaved(): TrainingStatus {
    this.run.markSaved()
    return this.context.changed()
  }
}

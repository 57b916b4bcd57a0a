/**
 * Starting and carrying on the studio's run: Train (fresh weights, or the same start again),
 * Continue (the same trainer with the settings of now, or a new trainer for the current network),
 * Step one epoch, Pause, Resume, Stop, Reset and the settings changed while paused; each run as the
 * runner takes it (its plan, and its name in the store), and the settings the page last trained
 * with (TrainingStatus.config). Going on with a run whose record has ended (it finished, or blew
 * up) is recorded as a new run that continued it. The network without a run, and same start's
 * weights, are studioNetwork.ts's.
 */
import type { Dataset } from '../core/data/dataset'
import { UserError } from '../core/errors'
import { checkHyperparameters, type Hyperparameters } from '../core/nn/hyperparameters'
import { formatLayers, formatNumber } from '../core/runs/settingWords'
import type { RunHost } from '../node/runs/host'
import type { PlannedHostRun } from '../node/runs/runner'
import type { StartFrom, StepSettings, TrainConfig, TrainingStatus } from '../shared/payloads'
import type { CurrentRun } from './currentRun'
import type { DatasetHolder } from './datasets'
import { hyperparametersOf, threadsOf } from './hyperparameters'
import { busy, noDataset, noNetwork, notPaused, sweepTraining } from './refusals'
import { sameLayers, type StudioNetwork } from './studioNetwork'

/** What training the studio's run asks of the rest: the page's status, whether a sweep trains, and news of a record. */
export interface TrainingContext {
  status(): TrainingStatus
  /** the status, sent to the page as 'state'. */
  changed(): TrainingStatus
  sweepTraining(): boolean
  /** a run was recorded or its record ended. */
  recorded(id: string): void
}

/** The run's name in the store: "cifar_2class_py2.p: hidden 15, learning rate 0.01, seed 1". */
function runName(ds: Dataset, hyper: Hyperparameters): string {
  return `${ds.name}: hidden ${formatLayers(hyper.hidden)}, learning rate ${formatNumber(hyper.learningRate)}, seed ${hyper.seed}`
}

export class Training {
  private trainedWith: TrainConfig | null = null

  constructor(
    private readonly host: RunHost, private readonly run: CurrentRun, private readonly data: DatasetHolder,
    private readonly network: StudioNetwork, private readonly context: TrainingContext
  ) {}

  /** The settings the page last trained with (changed while paused by updateSettings), or null before the first run. */
  get config(): TrainConfig | null {
    return this.trainedWith
  }

  /** The studio's run as the runner takes it. */
  private plan(ds: Dataset, hyper: Hyperparameters, threads: number, more: Partial<PlannedHostRun>): PlannedHostRun {
    // its model in the record keeps where the network's first layer began ("what training changed")
    const startWeights = this.network.startWeights
    return {
      data: ds, choice: this.data.choice, settings: { ...hyper, threads }, name: runName(ds, hyper), sweep: null,
      ...(startWeights ? { startWeights } : {}), ...more
    }
  }

  /** The run in its lane goes on as a new recorded run that continued its record (after it ended: finished, or blew up). */
  private carryOnRun(): void {
    const on = this.run.trainsOn
    const r = this.run.run
    if (!on || !r || !this.run.recordEnded) return
    const hyper = { ...on.hyper, ...r.settings }
    this.run.carryOn(this.plan(on.data, hyper, on.threads, { carried: this.run.carried() }), (id) => this.context.recorded(id))
  }

  async start(config: TrainConfig, from: StartFrom, pauseAfterOne = false): Promise<TrainingStatus> {
    if (this.run.state === 'running') throw busy('start again')
    if (this.context.sweepTraining()) throw sweepTraining('train')
    const ds = this.data.dataset
    if (!ds) throw noDataset()
    const hyper = hyperparametersOf(config)
    checkHyperparameters(hyper, ds.train.count)
    const threads = threadsOf(config)
    // the lane that scored a held network is needed for training
    await this.network.releaseResults()
    // a step carries on one epoch (finished there), or starts a run that pauses after its first
    const stepOn = pauseAfterOne && from === 'continue'
    const epochs = stepOn ? 1 : config.epochs
    const onRecorded = (id: string): void => this.context.recorded(id)
    if (from === 'continue') {
      const arch = this.network.architecture
      if (!arch) throw noNetwork()
      // a network set aside (it does not fit this dataset) is not trained further on it
      const mismatch = this.network.mismatch
      if (mismatch) throw new UserError('model-mismatch', mismatch)
      if (!sameLayers(arch, hyper)) {
        throw new UserError('architecture-differs',
          `The current network has hidden layers ${arch.hidden.join(', ') || 'none'} with ${arch.activation}; ` +
          'set the same layers and activation to train it further, or start a fresh run.')
      }
      const on = this.run.trainsOn
      const id = this.run.id
      const done = this.run.history.length
      const pauseAtEpoch = pauseAfterOne && !stepOn ? done + 1 : null
      this.trainedWith = config
      if (id !== null && on && on.data === ds && on.hyper.batchSize === hyper.batchSize && on.hyper.shuffle === hyper.shuffle) {
        // the same trainer carries on, with the settings of now (a new record, unless its record is still open: a paused run)
        const { learningRate, momentum, l2 } = hyper
        if (this.run.recordEnded) this.run.carryOn(this.plan(ds, hyper, on.threads, { carried: this.run.carried() }), onRecorded)
        await this.host.begin(id, { targetEpoch: done + epochs, pauseAtEpoch, settings: { learningRate, momentum, l2 } })
      } else {
        // a new trainer for the network: another batch size or shuffling, or a network without a run
        const source = await this.network.takeToTrain()
        const scaled = { ...hyper, scaling: source.scaling?.mode ?? hyper.scaling }
        await this.run.open(this.plan(ds, scaled, threads, {
          start: { network: source.network, scaling: source.scaling ?? undefined },
          carried: this.run.carried(), targetEpoch: done + epochs, pauseAtEpoch
        }), onRecorded)
      }
      return this.context.status()
    }
    const network = this.network.startingWeights(from, ds, hyper)
    await this.run.letGo()
    this.network.renew()
    this.trainedWith = config
    await this.run.open(this.plan(ds, hyper, threads, {
      start: { network }, targetEpoch: epochs, pauseAtEpoch: pauseAfterOne ? 1 : null, announceStart: true
    }), onRecorded)
    return this.context.status()
  }

  async pause(): Promise<TrainingStatus> {
    const id = this.run.id
    if (id !== null) await this.host.pause(id)
    return this.context.status()
  }

  async resume(): Promise<TrainingStatus> {
    const id = this.run.id
    if (id === null || this.run.state !== 'paused') throw notPaused()
    if (this.context.sweepTraining()) throw sweepTraining('train')
    this.carryOnRun()
    await this.host.resume(id)
    return this.context.status()
  }

  /** To the end of the current epoch (or one whole epoch), then paused. */
  async step(config: TrainConfig): Promise<TrainingStatus> {
    const id = this.run.id
    const state = this.run.state
    if (id !== null && (state === 'running' || state === 'paused')) {
      if (state === 'paused') this.carryOnRun()
      await this.host.step(id)
      return this.context.status()
    }
    return this.start(config, this.network.hasNetwork ? 'continue' : 'fresh', true)
  }

  async stop(): Promise<TrainingStatus> {
    await this.run.stop()
    return this.context.status()
  }

  async reset(): Promise<TrainingStatus> {
    await this.run.stop()
    await this.run.letGo()
    this.network.renew()
    this.run.markSaved()
    return this.context.changed()
  }

  async updateSettings(settings: StepSettings): Promise<TrainingStatus> {
    if (this.trainedWith) this.trainedWith = { ...this.trainedWith, ...settings }
    const id = this.run.id
    if (id !== null) {
      await this.host.updateSettings(id, settings)
      return this.context.status()
    }
    return this.context.changed()
  }
}

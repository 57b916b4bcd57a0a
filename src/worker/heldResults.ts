/**
 * Results of a network without a run in a lane — an opened model, or a run parked when another
 * dataset was opened — on the run host's copy of the dataset: the network is opened in a lane as
 * an idle run (it never trains) and scored there by its trainer, so the pixels are not copied into
 * an engine of its own. The run is kept for the next question about the same network on the same
 * dataset, and let go before anything else trains. While a sweep holds the lanes, an engine of its
 * own answers instead (results.ts networkScorer), as it does where lanes cannot share memory.
 */
import type { Dataset } from '../core/data/dataset'
import type { Scaling } from '../core/data/scaling'
import { checkLimits, HYPER_LIMITS, type Hyperparameters } from '../core/nn/hyperparameters'
import type { Network } from '../core/nn/network'
import type { RunHost } from '../node/runs/host'
import { evaluate, networkScorer, predictions } from '../node/runs/results'
import type { Evaluation, PredictionQuery, Predictions } from '../shared/payloads'

/** A held network to score: its weights, scaling and the settings its trainer is built with. */
export interface HeldScoring {
  readonly network: Network
  readonly scaling: Scaling
  readonly hyper: Hyperparameters
  readonly data: Dataset
}

export class HeldResults {
  private open: { readonly network: Network; readonly data: Dataset; readonly id: Promise<number> } | null = null

  constructor(private readonly host: RunHost) {}

  async evaluate(h: HeldScoring, lanesBusy: boolean): Promise<Evaluation> {
    if (lanesBusy || !this.inLane(h)) return evaluate(networkScorer(h.network, h.scaling), h.data)
    return this.host.evaluate(await this.runFor(h))
  }

  async predictions(h: HeldScoring, query: PredictionQuery, lanesBusy: boolean): Promise<Predictions> {
    if (lanesBusy || !this.inLane(h)) return predictions(networkScorer(h.network, h.scaling), h.data, query)
    return this.host.predictions(await this.runFor(h), query)
  }

  /** Lets the scoring run go (before a run or a sweep trains, or when the network or dataset changes). */
  async release(): Promise<void> {
    const open = this.open
    if (!open) return
    this.open = null
    const id = await open.id.catch(() => null)
    if (id !== null) await this.host.release(id).catch(() => undefined)
  }

  /**
   * Whether `h` can be scored in a lane: lanes are there, and its settings make a trainer there
   * (a model from elsewhere, or recorded before today's limits, may have settings training
   * refuses, such as more hidden layers; it never trains, so an engine of its own scores it).
   */
  private inLane(h: HeldScoring): boolean {
    if (this.host.mode !== 'lanes') return false
    try {
      checkLimits(scoringSettings(h))
      return true
    } catch {
      return false
    }
  }

  private async runFor(h: HeldScoring): Promise<number> {
    if (this.open && (this.open.network !== h.network || this.open.data !== h.data)) await this.release()
    if (!this.open) {
      this.host.useDataset(h.data)
      const { runId, opened } = this.host.start({ hyper: scoringSettings(h), threads: 1, start: { network: h.network, scaling: h.scaling } })
      this.open = { network: h.network, data: h.data, id: opened.then(() => runId) }
    }
    const open = this.open
    try {
      return await open.id
    } catch (e) {
      if (this.open === open) this.open = null
      throw e
    }
  }
}

/**
 * The settings a scoring run's trainer is made with: the network's own, with a batch no larger
 * than the training split and epochs within the limits (the run never trains), so that any
 * network's settings within the limits make a trainer.
 */
function scoringSettings(h: HeldScoring): Hyperparameters {
  const epochs = Math.min(Math.max(1, h.hyper.epochs), HYPER_LIMITS.epochs.max)
  return { ...h.hyper, batchSize: Math.max(1, Math.min(h.hyper.batchSize, h.data.train.count)), epochs }
}

/**
 * A run's batch losses matched to its epochs, for its record. Losses come with progress events,
 * numbered by their run-wide batch (ProgressEvent.firstBatch), and an epoch's event often comes
 * before the losses of its last batch: epoch e is handed on, with its batches' losses, once every
 * loss up to batch e × batches per epoch has come (at the run's end, every epoch left, with what
 * came). A run that carries on a history ends epoch e at that same batch, as a fresh run does.
 */
import type { EpochMetrics } from '../../core/nn/hyperparameters'

/** An epoch with the seconds from the run's start to its end. */
export interface TimedEpoch {
  readonly metrics: EpochMetrics
  readonly seconds: number
}

export class EpochLosses {
  private batchesPerEpoch = 0
  /** the batch losses that came, the first being run-wide batch `start`. */
  private readonly losses: number[] = []
  private start: number | null = null
  /** losses before this run-wide batch number were handed on. */
  private given: number | null = null
  private readonly waiting: TimedEpoch[] = []

  /** Batches per epoch, as the run's state reports it. */
  setBatchesPerEpoch(batches: number): void {
    this.batchesPerEpoch = batches
  }

  /** Losses of the batches from run-wide batch `firstBatch` on. */
  addLosses(firstBatch: number, losses: Iterable<number>): void {
    if (this.start === null) this.start = firstBatch - this.losses.length
    for (const loss of losses) this.losses.push(loss)
  }

  /** An epoch that ended, waiting for its losses. */
  addEpoch(epoch: TimedEpoch): void {
    this.waiting.push(epoch)
  }

  /** Hands on each epoch whose batch losses have all come (`all`: every epoch left), in order, with its losses. */
  take(all: boolean, give: (epoch: TimedEpoch, losses: Float32Array) => void): void {
    while (this.waiting.length > 0) {
      const epoch = this.waiting[0]
      const start = this.start ?? 0
      const have = start + this.losses.length
      const needed = epoch.metrics.epoch * this.batchesPerEpoch
      if (!all && have < needed) return
      this.waiting.shift()
      const from = this.given ?? start
      const upTo = Math.max(from, Math.min(have, needed))
      give(epoch, Float32Array.from(this.losses.slice(from - start, upTo - start)))
      this.given = upTo
    }
  }

  /** `before` followed by the losses handed on so far. */
  handedOn(before: Float32Array): Float32Array {
    const start = this.start ?? 0
    const mine = this.losses.slice(0, Math.max(0, (this.given ?? start) - start))
    const out = new Float32Array(before.length + mine.length)
    out.set(before)
    out.set(mine, before.length)
    return out
  }
}

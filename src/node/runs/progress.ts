/**
 * Batch progress, gathered batch by batch and sent at most every PROGRESS_INTERVAL_MS: every
 * batch loss since the last event (none is dropped), examples per second over the training
 * time since then, and the seconds spent on the epoch and on this start.
 */
import type { ProgressEvent } from '../../shared/payloads'

export const PROGRESS_INTERVAL_MS = 100

export interface ProgressPlace {
  readonly runId: number
  /** the epoch being trained, 1-based, and the last epoch of this start. */
  readonly epoch: number
  readonly targetEpoch: number
  readonly batch: number
  readonly batches: number
}

export class ProgressMeter {
  private losses: number[] = []
  private firstBatch = 0
  private examples = 0
  private trainMs = 0
  private epochMs = 0
  private elapsedMs = 0
  private lastSent = -Infinity

  /** Starts counting a new start's time (the batch numbering carries on from `batchesDone`). */
  restart(): void {
    this.losses = []
    this.examples = 0
    this.trainMs = 0
    this.epochMs = 0
    this.elapsedMs = 0
  }

  record(loss: number, rows: number, ms: number, batchIndex: number): void {
    if (this.losses.length === 0) this.firstBatch = batchIndex
    this.losses.push(loss)
    this.examples += rows
    this.trainMs += ms
    this.epochMs += ms
  }

  /** Time that counts towards this start (training and evaluation, not pauses). */
  addActive(ms: number): void {
    this.elapsedMs += ms
  }

  epochEnded(): void {
    this.epochMs = 0
  }

  get pending(): boolean {
    return this.losses.length > 0
  }

  due(now: number): boolean {
    return this.pending && now - this.lastSent >= PROGRESS_INTERVAL_MS
  }

  take(place: ProgressPlace, now: number): ProgressEvent {
    const event: ProgressEvent = {
      ...place,
      loss: this.losses[this.losses.length - 1] ?? NaN,
      losses: Float32Array.from(this.losses),
      firstBatch: this.firstBatch,
      examplesPerSecond: this.trainMs > 0 ? (this.examples * 1000) / this.trainMs : 0,
      epochSeconds: this.epochMs / 1000,
      elapsedSeconds: this.elapsedMs / 1000
    }
    this.losses = []
    this.examples = 0
    this.trainMs = 0
    this.lastSent = now
    return event
  }
}

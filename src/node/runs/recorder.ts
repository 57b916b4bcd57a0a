/**
 * RunRecorder: what a training process uses to record ONE run in a RunStore. start() creates the
 * run ('running', written by this process), epoch() adds an epoch (and, with a `model` callback,
 * saves the network at most once every modelEveryMs), end() writes how it ended. Every call
 * returns at once: writes are queued and done one after another (never two to the same file at
 * once), and a queue that falls behind writes only the latest manifest and batch losses, and the
 * latest model. Recording never throws into training: the first failure becomes ONE plain notice
 * through onProblem, and nothing more of that run is written.
 */
import { isUserError } from '../../core/errors'
import type { EpochMetrics } from '../../core/nn/hyperparameters'
import { ended, newManifest, withEpoch, type NewManifest } from '../../core/runs/manifest'
import type { RunManifest, RunStatus } from '../../core/runs/types'
import { MAX_BATCH_LOSS_BYTES } from './layout'
import type { RunStore } from './store'
import { thisWriter, type RunWriter } from './writer'

/** What the caller knows when a run starts (the recorder adds the id, start time and writer). */
export type RunStart = Omit<NewManifest, 'id' | 'startedAt' | 'writer'> & {
  /** a continued run's batch losses start with its parent's. */
  readonly batchLosses?: Float32Array
}

export interface RecorderOptions {
  /** told once, in plain words, when the run can no longer be recorded. */
  readonly onProblem: (message: string) => void
  /** the network's bytes as a model file (encodeModel), taken right after an epoch. */
  readonly model?: () => Uint8Array
  /** the least time between two saves of the model while training. */
  readonly modelEveryMs?: number
  readonly now?: () => number
  readonly writer?: RunWriter
}

export const MODEL_EVERY_MS = 60_000
/** The id newManifest checks the record with before the store has given it one. */
const UNCLAIMED_ID = '000000'
const MAX_BATCH_LOSSES = MAX_BATCH_LOSS_BYTES / 4

export class RunRecorder {
  /** the store's id of the run, once it is created. */
  private runId: string | null = null
  private current: RunManifest | null = null
  private losses = new Float32Array(256)
  private lossCount = 0
  private lastModelAt = 0
  private stopped = false
  private finished = false
  // what the queue has yet to write
  private createPending = false
  private manifestDirty = false
  private lossesDirty = false
  private model: Uint8Array | null = null
  private draining: Promise<void> | null = null

  constructor(private readonly store: RunStore, private readonly options: RecorderOptions) {}

  /** The store's id of the run; null until it is created (or when it could not be). */
  get id(): string | null {
    return this.runId
  }

  /** The run's manifest as recorded so far in memory (with its id once it has one). */
  get manifest(): RunManifest | null {
    return this.current && this.runId !== null ? { ...this.current, id: this.runId } : this.current
  }

  /** Whether recording stopped after a failure. */
  get failed(): boolean {
    return this.stopped
  }

  start(run: RunStart): void {
    this.guard(() => {
      if (this.current !== null) throw new Error('RunRecorder.start: this recorder already records a run')
      const { batchLosses, ...fields } = run
      const now = this.now()
      this.current = newManifest({ ...fields, id: UNCLAIMED_ID, startedAt: new Date(now).toISOString(), writer: this.options.writer ?? thisWriter() })
      this.lastModelAt = now
      if (batchLosses) this.addLosses(batchLosses)
      this.createPending = true
    })
  }

  /** One more epoch: its metrics, the run's seconds so far, and the losses of its batches. */
  epoch(metrics: EpochMetrics, seconds: number, batchLosses?: Float32Array): void {
    this.guard(() => {
      if (this.current === null || this.finished) return
      this.current = withEpoch(this.current, metrics, seconds)
      this.manifestDirty = true
      if (batchLosses) this.addLosses(batchLosses)
      const now = this.now()
      if (this.options.model && now - this.lastModelAt >= (this.options.modelEveryMs ?? MODEL_EVERY_MS)) {
        this.model = this.options.model()
        this.lastModelAt = now
      }
    })
  }

  /** How the run ended, and its network's bytes to keep. */
  end(status: Exclude<RunStatus, 'running'>, modelBytes?: Uint8Array | null): void {
    this.guard(() => {
      if (this.current === null || this.finished) return
      this.current = ended(this.current, status, new Date(this.now()).toISOString())
      this.finished = true
      this.manifestDirty = true
      if (modelBytes) this.model = modelBytes
    })
  }

  /** Resolves when everything queued so far has been written, or recording has stopped. */
  async settled(): Promise<void> {
    while (this.draining) await this.draining
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  /** Runs a change, then starts the queue; a throw stops recording with a notice instead. */
  private guard(change: () => void): void {
    if (this.stopped) return
    try {
      change()
    } catch (e) {
      this.fail(e)
      return
    }
    this.kick()
  }

  private kick(): void {
    if (this.draining || this.stopped) return
    this.draining = this.drain().finally(() => {
      this.draining = null
      // a change made while the last write was finishing
      if (this.createPending || (this.runId !== null && (this.manifestDirty || this.lossesDirty || this.model))) this.kick()
    })
  }

  private addLosses(more: Float32Array): void {
    const room = MAX_BATCH_LOSSES - this.lossCount
    const n = Math.min(more.length, room)
    if (n <= 0) return
    if (this.lossCount + n > this.losses.length) {
      const grown = new Float32Array(Math.min(MAX_BATCH_LOSSES, Math.max(this.losses.length * 2, this.lossCount + n)))
      grown.set(this.losses.subarray(0, this.lossCount))
      this.losses = grown
    }
    this.losses.set(more.subarray(0, n), this.lossCount)
    this.lossCount += n
    this.lossesDirty = true
  }

  /** Writes what is pending until nothing is: the model first, then the losses, then run.json. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.createPending) {
          this.createPending = false
          this.manifestDirty = false
          const { id: _unclaimed, ...fields } = this.current!
          this.runId = (await this.store.create(fields)).id
          continue
        }
        if (this.runId === null || !(this.manifestDirty || this.lossesDirty || this.model)) return
        const id = this.runId
        const model = this.model
        const losses = this.lossesDirty ? this.losses.subarray(0, this.lossCount) : null
        const manifest = this.manifestDirty ? { ...this.current!, id } : null
        this.model = null
        this.lossesDirty = false
        this.manifestDirty = false
        if (model) await this.store.writeModel(id, model)
        if (losses) await this.store.writeBatchLosses(id, losses)
        if (manifest) await this.store.update(id, manifest)
      }
    } catch (e) {
      this.fail(e)
    }
  }

  private fail(e: unknown): void {
    if (this.stopped) return
    this.stopped = true
    this.model = null
    const why = isUserError(e) ? e.message : `Something went wrong inside NN Scratch (${e instanceof Error ? e.message : String(e)}).`
    try {
      this.options.onProblem(`NN Scratch could not record this run. ${why} Training goes on, but the rest of this run will not be recorded.`)
    } catch {
      // a notice that cannot be shown must not stop training either
    }
  }
}

/**
 * The run host's runs: those waiting for a lane, in the order they were started, and those in
 * lanes. Waiting runs are let in while fewer than `parallel` train and their threads fit the
 * thread budget (a run asking for more than the budget trains alone): lanes × threads per lane ≤
 * budget. A run in a lane has a region of the shared memory for its engine and buffers, taken
 * when it opens and given back with its lane when it is let go (its dataset too, once unused), and
 * a mirror of its status kept from its events between calls. Calls to a run go to its lane.
 */
import type { Region } from '../../core/engine/arena'
import { ENGINE_BYTES } from '../../core/engine/engine'
import type { RegionAllocator } from '../../core/engine/regions'
import { UserError } from '../../core/errors'
import { Trainer } from '../../core/training/trainer'
import type { RunStatus } from '../../shared/runEvents'
import type { RunSpec } from './host'
import type { HostDatasets, PlacedData } from './hostData'
import type { LanePool, Slot } from './hostLanes'
import type { LaneCall, LaneEvent, RunOpening } from './laneProtocol'

/** A run started on dataset `dataKey`, waiting for a lane. */
export interface WaitingRun {
  readonly runId: number
  readonly spec: RunSpec
  readonly dataKey: number
}

interface Waiting extends WaitingRun {
  readonly resolve: (status: RunStatus) => void
  readonly reject: (e: unknown) => void
}

interface Live {
  readonly slot: Slot
  readonly region: Region | null
  readonly dataKey: number
  status: RunStatus | null
}

/** Room for a run's engine besides what Trainer.bytes counts: alignment of the region and slack. */
const REGION_SLACK = 4096

const noRun = (): UserError =>
  new UserError('no-run', 'That training run has ended and was let go. Start it again to train it further.')

export class HostRuns {
  private readonly waiting: Waiting[] = []
  private readonly live = new Map<number, Live>()
  private isClosed = false

  /** `budget`: threads of all runs together; `parallel`: runs at once at most; `regions`: of the shared memory (null in the calling thread's mode). */
  constructor(
    private readonly budget: number, private readonly parallel: number, private readonly regions: RegionAllocator | null,
    private readonly lanes: LanePool, private readonly datasets: HostDatasets
  ) {}

  /** Whether the host was disposed: no run is let in or called any more. */
  get closed(): boolean {
    return this.isClosed
  }

  /** The status of a run as last reported (null once it was let go, or before it opened). */
  status(runId: number): RunStatus | null {
    return this.live.get(runId)?.status ?? null
  }

  /** Runs waiting for a lane, and runs in lanes. */
  get counts(): { readonly waiting: number; readonly live: number; readonly lanes: number } {
    return { waiting: this.waiting.length, live: this.live.size, lanes: this.lanes.slots.length }
  }

  /** Whether a run is in a lane. */
  has(runId: number): boolean {
    return this.live.has(runId)
  }

  /** Queues a run (its dataset taken); resolves once it has opened in a lane, or rejects in plain words. */
  queue(run: WaitingRun): Promise<RunStatus> {
    const opened = new Promise<RunStatus>((resolve, reject) => {
      this.waiting.push({ ...run, resolve, reject })
    })
    this.admit()
    return opened
  }

  /** Lets waiting runs into lanes while the cap and the thread budget allow, in the order they came. */
  admit(): void {
    while (this.waiting.length > 0 && !this.isClosed) {
      const next = this.waiting[0]
      const busy = this.lanes.busy()
      const used = busy.reduce((n, s) => n + s.threads, 0)
      if (busy.length >= this.parallel) return
      if (busy.length > 0 && used + next.spec.threads > this.budget) return
      this.waiting.shift()
      this.open(next, this.lanes.idle())
    }
  }

  /** A call to a run in its lane, the run's status kept from the reply. */
  async statusCall(call: LaneCall & { readonly runId: number }): Promise<RunStatus> {
    const status = (await this.call(call)) as RunStatus
    const entry = this.live.get(call.runId)
    if (entry) entry.status = status
    return status
  }

  /** A call to a run in its lane; refused in plain words for a run that waits or was let go. */
  call(call: LaneCall & { readonly runId: number }): Promise<unknown> {
    if (this.isClosed) return Promise.reject(noRun())
    const entry = this.live.get(call.runId)
    if (!entry) {
      if (this.waiting.some((w) => w.runId === call.runId)) {
        return Promise.reject(new UserError('run-waiting', 'That run is still waiting for a free lane; it starts once another run ends.'))
      }
      return Promise.reject(noRun())
    }
    return this.lanes.send(entry.slot, call)
  }

  /** Keeps a run's status up to date from its events between calls. */
  follow(event: LaneEvent): void {
    const entry = this.live.get(event.payload.runId)
    if (!entry) return
    const s = entry.status
    if (event.type === 'state') entry.status = event.payload
    else if (s && event.type === 'progress') {
      const p = event.payload
      entry.status = { ...s, batch: p.batch === p.batches ? 0 : p.batch, batchesDone: p.firstBatch + p.losses.length }
    } else if (s && event.type === 'epoch') entry.status = { ...s, epoch: event.payload.metrics.epoch }
  }

  /** A run's lane and memory go back (its dataset too, once unused and not current). */
  free(runId: number): void {
    const entry = this.live.get(runId)
    if (!entry) return
    this.live.delete(runId)
    if (entry.slot.runId === runId) {
      entry.slot.runId = null
      entry.slot.threads = 0
      entry.slot.link.busy(false)
    }
    if (entry.region && this.regions) this.regions.give(entry.region)
    this.datasets.drop(entry.dataKey)
  }

  /** Drops a run still waiting for a lane (its `opened` rejects); false when it was not waiting. */
  dropWaiting(runId: number): boolean {
    const i = this.waiting.findIndex((w) => w.runId === runId)
    if (i < 0) return false
    const [w] = this.waiting.splice(i, 1)
    this.datasets.drop(w.dataKey)
    w.reject(new UserError('stopped', 'That run was stopped before it started.'))
    return true
  }

  /** Ends every lane: waiting runs and calls still waiting for a reply fail with `error`, runs in lanes are dropped. */
  async close(error: Error): Promise<void> {
    this.isClosed = true
    for (const w of this.waiting.splice(0)) w.reject(error)
    await this.lanes.close(error)
    this.live.clear()
  }

  private open(w: Waiting, slot: Slot): void {
    const data = this.datasets.get(w.dataKey) as PlacedData
    const { spec } = w
    let region: Region | null = null
    try {
      if (this.regions) {
        const firstWidth = spec.start?.network?.layers[0].outputs
        region = this.regions.take(ENGINE_BYTES + Trainer.bytes(data.dataset, spec.hyper, spec.threads, firstWidth) + REGION_SLACK)
      }
    } catch (e) {
      this.datasets.drop(w.dataKey)
      w.reject(e)
      return
    }
    slot.runId = w.runId
    slot.threads = spec.threads
    slot.link.busy(true)
    const entry: Live = { slot, region, dataKey: w.dataKey, status: null }
    this.live.set(w.runId, entry)
    const opening: RunOpening = {
      runId: w.runId, dataKey: w.dataKey, hyper: spec.hyper, threads: spec.threads, region,
      start: spec.start ?? {}, history: spec.history ?? [], onDiverge: spec.onDiverge ?? 'pause',
      begin: spec.begin ?? null, releaseAtEnd: spec.releaseAtEnd ?? false
    }
    this.lanes.send(slot, { op: 'open', opening }).then(
      (status) => {
        entry.status = status as RunStatus
        w.resolve(status as RunStatus)
      },
      (e) => {
        // no run came to be in the lane: free it here
        this.free(w.runId)
        w.reject(e)
      }
    )
  }
}

/**
 * The one way runs are trained and recorded, by the command line and the training worker alike:
 * runs on a run host (host.ts, lanes sharing one copy of the data), each recorded in the run store
 * by a RunRecorder (trackedRun.ts). A single Train is a sweep of one.
 * A batch starts its runs in plan order, at most `parallel` at once (the next when one ends), and
 * tells the caller of their records, epochs, progress and ends. A run records its epochs as they
 * come (each with its batches' losses) and its model at the end. Stopping a batch stops every run
 * after its current batch (recorded 'stopped'); runs not yet started never start. With successive
 * halving, runs pause at the epoch and go on or stop by their verdicts (src/core/runs/halving.ts:
 * each run judged against the runs before it in plan order, so the verdicts never depend on
 * timing), which the recorded run.json then says (sweep.halted).
 * A sweep's runs are let go at their end and stop when their loss blows up; the studio's run
 * (`stays`) keeps its lane when it ends, for its results and Continue, and pauses when its loss
 * blows up so that a retry can be offered; going on with it later is tracked as a new run that
 * continued it (carryOn).
 */
import { checkHyperparameters } from '../../core/nn/hyperparameters'
import { halvingVerdicts } from '../../core/runs/halving'
import type { RunHost } from './host'
import type { RunStore } from './store'
import { hyperOf, TrackedRun, type PlannedHostRun, type RunnerEvents, type RunOutcome, type TrackContext } from './trackedRun'

export type { EndStatus, PlannedHostRun, RunnerEvents, RunOutcome } from './trackedRun'
export { hyperOf } from './trackedRun'

export interface RunnerOptions {
  /** where runs are recorded; null: nowhere. */
  readonly store: RunStore | null
  /** a recording problem, in plain words (once per run; training goes on). */
  readonly onProblem: (message: string) => void
  readonly now?: () => number
}

export interface BatchOptions {
  /** runs training at once at most (0: as many as the host lets in). */
  readonly parallel: number
  readonly halving: { readonly afterEpoch: number } | null
  /** the studio's run: it stays in its lane when it ends, and pauses when its loss blows up. */
  readonly stays?: boolean
}

export interface BatchEvents extends RunnerEvents {
  /** the runs are about to start, each with `threads` threads (1 where lanes cannot share memory). */
  readonly onStart?: (threads: number) => void
}

export interface RunnerResult {
  readonly outcomes: readonly RunOutcome[]
  /** the batch was stopped as a whole (Ctrl+C, Stop all). */
  readonly interrupted: boolean
  /** the compute kernel the runs trained on, e.g. "wasm-simd". */
  readonly kernel: string
}

const ignore = (): void => undefined

export class Runner {
  private readonly byHost = new Map<number, TrackedRun>()
  private readonly unlisten: () => void
  private readonly now: () => number

  constructor(readonly host: RunHost, private readonly options: RunnerOptions) {
    this.now = options.now ?? (() => performance.now())
    this.unlisten = host.on((event) => {
      const runId = event.payload.runId
      const t = this.byHost.get(runId)
      if (event.type === 'released') this.byHost.delete(runId)
      t?.follow(event)
    })
  }

  /** The tracked run a host run is recorded by now, if any. */
  trackerOf(hostId: number): TrackedRun | null {
    return this.byHost.get(hostId) ?? null
  }

  /**
   * Starts `runs` (see the header). Every run's settings are checked before the first starts (a
   * UserError is thrown for the first that cannot train).
   */
  start(runs: readonly PlannedHostRun[], options: BatchOptions, events: BatchEvents = {}): RunBatch {
    // where lanes cannot share memory, runs train one after another in this thread on one thread
    const threadsOf = (threads: number): number => (this.host.mode === 'lanes' ? threads : 1)
    const planned = runs.map((r) => ({ ...r, settings: { ...r.settings, threads: threadsOf(r.settings.threads) } }))
    for (const r of planned) checkHyperparameters(hyperOf(r.settings), r.data.train.count)
    return new RunBatch(this, planned, options, events)
  }

  /**
   * Tracks a run already in its lane that is about to go on (the studio's Continue on the same
   * trainer): recorded as a new run that carried `run.carried` on. Call before beginning it again.
   */
  carryOn(hostId: number, run: PlannedHostRun, events: RunnerEvents = {}): RunBatch {
    return new RunBatch(this, [run], { parallel: 1, halving: null, stays: true }, events, hostId)
  }

  /** Stops listening to the host (its runs are the caller's to end). */
  dispose(): void {
    this.unlisten()
  }

  /** @internal the batch's link to the runner. */
  track(hostId: number, t: TrackedRun): void {
    this.byHost.set(hostId, t)
  }

  /** @internal */
  context(events: RunnerEvents, afterEvent: () => void): TrackContext {
    return {
      store: this.options.store, kernel: this.host.kernel, now: this.now, onProblem: this.options.onProblem,
      model: (hostId) => this.host.model(hostId), events, afterEvent
    }
  }
}

export class RunBatch {
  readonly tracked: readonly TrackedRun[]
  readonly done: Promise<RunnerResult>
  private stopped = false
  private next = 0

  constructor(
    private readonly runner: Runner, runs: readonly PlannedHostRun[], private readonly options: BatchOptions,
    private readonly events: BatchEvents, carriedHostId?: number
  ) {
    const stays = options.stays === true
    const context = runner.context(events, () => this.judge())
    this.tracked = runs.map((run, i) => new TrackedRun(i, run, context, stays))
    const ends = this.tracked.map((t) => t.done.then((o) => {
      this.fill()
      return o
    }))
    this.done = Promise.all(ends).then((outcomes) => ({ outcomes, interrupted: this.stopped, kernel: runner.host.kernel }))
    if (carriedHostId !== undefined) {
      const t = this.tracked[0]
      t.hostId = carriedHostId
      runner.track(carriedHostId, t)
      this.next = 1
      t.begin()
      events.onRun?.(0, carriedHostId)
      return
    }
    events.onStart?.(this.tracked.length > 0 ? this.tracked[0].run.settings.threads : 0)
    this.fill()
  }

  /** Whether the batch was stopped as a whole. */
  get interrupted(): boolean {
    return this.stopped
  }

  /** Stops one run (by its place in the batch) after its current batch, or every run (none given). */
  stop(index?: number): void {
    if (index === undefined) {
      this.stopped = true
      for (const t of this.tracked) this.stopOne(t, true)
      return
    }
    const t = this.tracked[index]
    if (t) this.stopOne(t, false)
  }

  private stopOne(t: TrackedRun, all: boolean): void {
    if (t.ended) return
    if (t.hostId !== null) this.runner.host.stop(t.hostId).catch(ignore)
    // not started yet: it never will be
    else t.notStarted(null, all)
  }

  /** Starts runs in plan order while fewer than `parallel` of the batch train. */
  private fill(): void {
    const host = this.runner.host
    const cap = this.options.parallel > 0 ? this.options.parallel : Infinity
    while (this.next < this.tracked.length) {
      const live = this.tracked.filter((t) => t.hostId !== null && !t.ended).length
      if (live >= cap) return
      const t = this.tracked[this.next++]
      if (t.ended) continue
      this.open(t, host)
    }
  }

  private open(t: TrackedRun, host: RunHost): void {
    const s = t.run.settings
    const stays = this.options.stays === true
    host.useDataset(t.run.data)
    const { runId, opened } = host.start({
      hyper: hyperOf(s), threads: s.threads, start: t.run.start, history: t.run.carried?.history,
      onDiverge: stays ? 'pause' : 'stop', releaseAtEnd: !stays,
      begin: { targetEpoch: t.targetEpoch, pauseAtEpoch: t.run.pauseAtEpoch ?? t.pausesAt(this.options.halving), announceStart: t.run.announceStart }
    })
    t.hostId = runId
    t.opened = opened
    this.runner.track(runId, t)
    this.events.onRun?.(t.index, runId)
    opened.then(ignore, (e: unknown) => t.notStarted(e, this.stopped))
    if (!stays) {
      // a failure inside a sweep's run pauses it: end it, so that its lane is let go
      const unlisten = host.on((event) => {
        if (event.payload.runId !== runId) return
        if (event.type === 'error') host.stop(runId).catch(ignore)
        if (event.type === 'released') unlisten()
      })
      opened.catch(() => unlisten())
    }
  }

  /** Halving: each run that paused at the epoch goes on or stops by its verdict. */
  private judge(): void {
    const halving = this.options.halving
    if (halving === null || this.stopped) return
    const tracked = this.tracked
    const verdicts = halvingVerdicts(tracked.map((t) => ({ history: t.history, ended: t.ended })), halving.afterEpoch)
    verdicts.forEach((verdict, i) => {
      const t = tracked[i]
      if (t.judged || t.ended || t.hostId === null || t.pausesAt(halving) === null) return
      if (verdict === 'continue') {
        t.judged = true
        this.runner.host.resume(t.hostId).catch(ignore)
      } else if (verdict === 'stop') {
        t.judged = true
        t.halted = true
        this.runner.host.stop(t.hostId).catch(ignore)
      }
    })
  }
}

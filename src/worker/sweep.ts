/**
 * The studio's sweep: planned from a spec with the form's settings as the base of every run
 * (core planSweep), its threads divided by lanesFor (lanes × threads per run ≤ the Threads
 * setting's budget, at most `parallel` at once), trained on the worker's run host through the
 * runner (src/node/runs/runner.ts), the same way as a single Train, so its runs share the one
 * copy of the dataset and are each recorded with their RunSweepRef. Its status (SweepStatus) goes
 * to the page as 'sweep:state' whenever a run starts or ends, and at most every STATE_MS with the
 * histories as epochs come; its runs' epoch and progress events go out under their live run ids,
 * which never meet the studio's run numbers (both come from one counter).
 * Its estimate times a few batches of the first planned run's network on the current dataset
 * (src/node/runs/sweepSpeed.ts) and puts the plan on the lanes (core estimateSweep).
 * The studio's sweep trains every seed on the dataset as it is open (with a test share set aside
 * once, by the studio's split seed), where the command line sets a test share aside per seed.
 */
import type { Dataset } from '../core/data/dataset'
import type { DatasetChoice } from '../core/runs/datasetRecord'
import { describeValues, estimateSweep, lanesFor, planSweep } from '../core/runs/sweepPlan'
import type { PlannedRun, RunSweepRef, SweepEstimate, SweepSpec } from '../core/runs/types'
import { newRunId } from '../node/runs/ids'
import type { HostEvent, RunHost } from '../node/runs/host'
import type { RunBatch, Runner, RunOutcome } from '../node/runs/runner'
import { epochSeconds } from '../node/runs/sweepSpeed'
import { NO_SWEEP, type SweepRunState, type SweepRunStatus, type SweepStatus, type TrainConfig } from '../shared/payloads'
import type { Emit } from './currentRun'
import { hyperparametersOf } from './hyperparameters'

/** The least time between two 'sweep:state' events sent only because histories grew. */
export const STATE_MS = 250

type MutableRun = { -readonly [K in keyof SweepRunStatus]: SweepRunStatus[K] }

const now = (): number => performance.now()

/** The sweep's plan with the threads each run gets. */
export function sweepPlan(spec: SweepSpec, config: TrainConfig, budget: number): { plan: PlannedRun[]; lanes: number; threadsPerRun: number } {
  const planned = planSweep(spec, { ...hyperparametersOf(config), threads: 1 })
  const { lanes, threadsPerRun } = lanesFor(planned.length, budget, spec.parallel)
  return { plan: planned.map((p) => ({ ...p, settings: { ...p.settings, threads: threadsPerRun } })), lanes, threadsPerRun }
}

/** What a sweep costs on `data`, from a few batches of its first run's network. */
export function sweepEstimate(spec: SweepSpec, config: TrainConfig, budget: number, data: Dataset): SweepEstimate {
  const { plan } = sweepPlan(spec, config, budget)
  return estimateSweep(plan, epochSeconds(data, plan.slice(0, 1), now, 1), budget, spec.parallel, spec.halving)
}

export class SweepRuns {
  private status: SweepStatus = NO_SWEEP
  private runs: MutableRun[] = []
  private batch: RunBatch | null = null
  /** live run id of each run by its host run id. */
  private readonly liveOf = new Map<number, number>()
  private began = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = -Infinity

  /** `liveId`: the next live run id (shared with the studio's run numbers); `recorded`: a run was recorded or ended. */
  constructor(
    private readonly host: RunHost, private readonly runner: Runner, private readonly emit: Emit,
    private readonly liveId: () => number, private readonly recorded: (id: string) => void
  ) {
    host.on((e) => this.follow(e))
  }

  get training(): boolean {
    return this.status.state === 'running'
  }

  snapshot(): SweepStatus {
    return this.current()
  }

  /** Starts the sweep (the caller checked that nothing else trains). */
  start(spec: SweepSpec, config: TrainConfig, budget: number, data: Dataset, choice: DatasetChoice): SweepStatus {
    const { plan, lanes, threadsPerRun } = sweepPlan(spec, config, budget)
    const id = newRunId()
    const axes = spec.axes.map((a) => a.setting)
    const before = { status: this.status, runs: this.runs }
    this.runs = plan.map((p) => ({
      runId: 0, recordId: null, settings: p.settings, values: p.values, repeat: p.repeat, state: 'waiting' as SweepRunState, history: [], problem: null
    }))
    this.status = { id, state: 'running', spec, axes, runs: this.runs, parallel: lanes, threadsPerRun, seconds: 0 }
    this.liveOf.clear()
    this.began = now()
    let batch: RunBatch
    try {
      batch = this.runner.start(plan.map((p) => ({
        data, choice, settings: p.settings,
        name: `sweep ${id}: ${describeValues(axes, p.values)}, seed ${p.settings.seed}`,
        sweep: { id, axes, values: p.values, repeat: p.repeat, halted: false } satisfies RunSweepRef
      })), { parallel: lanes, halving: spec.halving }, {
        onRun: (i, hostId) => {
          const live = this.liveId()
          this.liveOf.set(hostId, live)
          this.runs[i].runId = live
          this.runs[i].state = 'running'
          this.send(true)
        },
        onRecorded: (i, recordId) => {
          this.runs[i].recordId = recordId
          this.recorded(recordId)
          this.send(true)
        },
        onEpoch: (i, metrics) => {
          this.runs[i].history = [...this.runs[i].history, metrics]
          this.send(false)
        },
        onEnd: (o) => this.ended(o)
      })
    } catch (e) {
      this.status = before.status
      this.runs = before.runs
      throw e
    }
    this.batch = batch
    void batch.done.then((result) => {
      if (this.batch !== batch) return
      this.status = { ...this.current(), state: result.interrupted ? 'stopped' : 'finished' }
      this.batch = null
      this.send(true)
    })
    this.send(true)
    return this.current()
  }

  /** Stops one run by its live run id, or every run (null). */
  stop(runId: number | null): SweepStatus {
    const batch = this.batch
    if (batch) {
      if (runId === null) batch.stop()
      else {
        const i = this.runs.findIndex((r) => r.runId === runId)
        if (i >= 0) batch.stop(i)
      }
    }
    return this.current()
  }

  private current(): SweepStatus {
    if (this.status.id === null) return this.status
    return {
      ...this.status,
      runs: this.runs.map((r) => ({ ...r, settings: { ...r.settings }, history: [...r.history] })),
      seconds: this.status.state === 'running' ? (now() - this.began) / 1000 : this.status.seconds
    }
  }

  private ended(o: RunOutcome): void {
    const r = this.runs[o.index]
    if (!r) return
    r.history = [...o.history]
    r.recordId = o.recordId ?? r.recordId
    r.state = stateOf(o)
    r.problem = r.state === 'failed' || r.state === 'diverged' ? o.problem ?? (o.error instanceof Error ? o.error.message : null) : null
    if (o.recordId !== null) this.recorded(o.recordId)
    this.status = { ...this.status, seconds: (now() - this.began) / 1000 }
    this.send(true)
  }

  /** A sweep run's epoch and progress events go to the page under its live run id. */
  private follow(e: HostEvent): void {
    if (!this.batch) return
    const live = this.liveOf.get(e.payload.runId)
    if (live === undefined) return
    if (e.type === 'epoch') this.emit('epoch', { ...e.payload, runId: live })
    else if (e.type === 'progress') this.emit('progress', { ...e.payload, runId: live })
    else if (e.type === 'released') this.liveOf.delete(e.payload.runId)
  }

  /** 'sweep:state' now, or (histories only) at most every STATE_MS. */
  private send(now_: boolean): void {
    const due = this.lastSent + STATE_MS - now()
    if (!now_ && due > 0) {
      this.timer ??= setTimeout(() => {
        this.timer = null
        this.send(true)
      }, due)
      return
    }
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.lastSent = now()
    this.emit('sweep:state', this.current())
  }
}

function stateOf(o: RunOutcome): SweepRunState {
  if (o.status === null) return o.error !== null ? 'failed' : 'stopped'
  if (o.status === 'interrupted') return 'failed'
  if (o.status === 'stopped') return o.halted ? 'halted' : 'stopped'
  return o.status
}

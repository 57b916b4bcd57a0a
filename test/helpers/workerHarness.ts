/**
 * The real training worker (src/worker/index.ts, run by tsx in a Node child process) under
 * main's supervisor, with every event it posts recorded, and waiting helpers for tests.
 */
import { resolve } from 'node:path'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { nodeWorkerLauncher } from '../../src/main/worker/nodeWorker'
import type { WorkerLauncher, WorkerProcess } from '../../src/main/worker/process'
import { WorkerSupervisor, type WorkerEventMessage } from '../../src/main/worker/supervisor'
import type { AppError, DatasetInfo, TrainConfig } from '../../src/shared/payloads'
import type { WorkerArgs, WorkerCommandType, WorkerEvents, WorkerEventType, WorkerResult } from '../../src/shared/workerProtocol'

export const WORKER_SCRIPT = resolve(import.meta.dirname, '../../src/worker/index.ts')

/** A small, quick run on the demo: 4 hidden units. */
export const SMALL: TrainConfig = { ...SEED_DEFAULTS, hidden: [4], epochs: 2, threads: 0 }

export async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

export class WorkerHarness {
  readonly events: WorkerEventMessage[] = []
  readonly restarts: AppError[] = []
  readonly gaveUp: AppError[] = []
  readonly processes: WorkerProcess[] = []
  readonly supervisor: WorkerSupervisor

  /** `runsDir`: the run store the worker records its runs in (none by default). */
  constructor(launcher: WorkerLauncher = nodeWorkerLauncher(WORKER_SCRIPT), runsDir: string | null = null) {
    this.supervisor = new WorkerSupervisor((start) => {
      const p = launcher(start)
      this.processes.push(p)
      return p
    }, {
      onEvent: (e) => this.events.push(e),
      onRestarted: (e) => this.restarts.push(e),
      onGaveUp: (e) => this.gaveUp.push(e)
    }, { runsDir })
  }

  /** The value of a command that must succeed. */
  async ask<T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<WorkerResult<T>> {
    const reply = await this.supervisor.request(type, args)
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.code}: ${reply.error.message}`)
    return reply.value
  }

  /** A dataset opened and in use (load-dataset of something that is not a folder of pictures). */
  async open(args: WorkerArgs<'load-dataset'>): Promise<DatasetInfo> {
    const opened = await this.ask('load-dataset', args)
    if ('kind' in opened) throw new Error(`load-dataset gave the preview of a folder of pictures, not a dataset (${opened.name})`)
    return opened
  }

  /** The error of a command that must fail. */
  async refused<T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<AppError> {
    const reply = await this.supervisor.request(type, args)
    if (reply.ok) throw new Error(`${type} should have failed`)
    return reply.error
  }

  of<T extends WorkerEventType>(type: T): WorkerEvents[T][] {
    return this.events.filter((e) => e.type === type).map((e) => e.payload as WorkerEvents[T])
  }

  last<T extends WorkerEventType>(type: T): WorkerEvents[T] | undefined {
    const all = this.of(type)
    return all[all.length - 1]
  }

  /** Waits for the state; for 'finished', also for the run's finished event posted right after it. */
  async untilState(state: string, runId?: number): Promise<void> {
    await waitUntil(() => {
      const s = this.last('state')
      const reached = s !== undefined && s.state === state && (runId === undefined || s.runId === runId)
      return reached && (state !== 'finished' || this.last('finished')?.runId === s.runId)
    }, `state ${state}`)
  }

  clear(): void {
    this.events.length = 0
  }

  dispose(): void {
    this.supervisor.dispose()
  }
}

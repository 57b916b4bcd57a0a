/**
 * The command line's way to train: the runner of src/node/runs (runner.ts, the one the studio
 * uses too) on a run host of its own with the command's threads and lanes, recording problems
 * and Ctrl+C wired to the terminal. `train` is a sweep of one. Ctrl+C stops every run after its
 * current batch (recorded 'stopped'; runs not yet started never start).
 */
import { RunHost, type LanePlace } from '../node/runs/host'
import { Runner, type BatchEvents, type PlannedHostRun, type RunBatch, type RunnerResult } from '../node/runs/runner'
import type { RunStore } from '../node/runs/store'
import type { CliIo } from './io'

export type { EndStatus, RunnerResult, RunOutcome } from '../node/runs/runner'
export { hyperOf } from '../node/runs/runner'

/** One run to train. */
export type CliRun = PlannedHostRun

export interface RunnerOptions {
  readonly store: RunStore | null
  /** threads of all runs together, and runs at once at most. */
  readonly budget: number
  readonly parallel: number
  readonly halving: { readonly afterEpoch: number } | null
}

export interface RunnerEvents extends BatchEvents {
  /** the first Ctrl+C. */
  readonly onInterrupt?: () => void
}

/**
 * A run host for the command's threads and lanes; `lanes: 'caller'` trains its one run in this
 * thread (no lane thread: `train`), Ctrl+C still heard between the run's slices.
 */
export function cliHost(io: CliIo, options: Pick<RunnerOptions, 'budget' | 'parallel'> & { readonly lanes?: LanePlace }): RunHost {
  return new RunHost({ script: io.laneScript, threads: options.budget, parallel: options.parallel, lanes: options.lanes })
}

/**
 * Trains `runs` on a host of their own (`host`, made by cliHost, when the data was placed on it
 * first) and resolves when every one has ended and is recorded; the host is disposed of then.
 */
export async function trainRuns(
  io: CliIo, runs: readonly CliRun[], options: RunnerOptions, events: RunnerEvents = {}, host: RunHost = cliHost(io, options)
): Promise<RunnerResult> {
  const runner = new Runner(host, { store: options.store, now: () => io.now(), onProblem: (message) => io.err(`${message}\n`) })
  let batch: RunBatch | null = null
  let interrupted = false
  const stopListening = io.onInterrupt(() => {
    interrupted = true
    events.onInterrupt?.()
    batch?.stop()
  })
  try {
    batch = runner.start(runs, { parallel: options.parallel, halving: options.halving }, events)
    if (interrupted) batch.stop()
    return await batch.done
  } finally {
    stopListening()
    runner.dispose()
    await host.dispose()
  }
}

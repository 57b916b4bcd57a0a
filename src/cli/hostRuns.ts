/**
 * The one way the command line trains: runs on a run host (src/node/runs/host.ts, lanes sharing
 * one copy of the data), each recorded in the run store by a RunRecorder. `train` is a sweep of
 * one. Runs start in plan order; the caller hears of their epochs, progress and ends. A run
 * records its epochs as they come (each with its batches' losses, so an epoch is written once the
 * losses of its last batch have arrived, or at the end), and its model at the end. Ctrl+C stops
 * every run after its current batch (recorded 'stopped'; runs still waiting for a lane never
 * start). With successive halving, runs pause at the epoch and go on or stop by their verdicts
 * (src/core/runs/halving.ts), which the recorded run.json then says (sweep.halted).
 */
import { checkHyperparameters } from '../core/nn/hyperparameters'
import { halvingVerdicts } from '../core/runs/halving'
import type { RunSettings } from '../core/runs/types'
import { RunHost } from '../node/runs/host'
import type { CliIo } from './io'
import { hyperOf, Tracked, type CliRun, type RunnerEvents, type RunnerOptions, type RunnerResult } from './trackedRun'

export type { CliRun, EndStatus, RunnerEvents, RunnerOptions, RunnerResult, RunOutcome } from './trackedRun'
export { hyperOf } from './trackedRun'

const ignore = (): void => undefined

/** Trains `runs` on a host (see the header) and resolves when every one has ended and is recorded. */
export async function trainRuns(io: CliIo, runs: readonly CliRun[], options: RunnerOptions, events: RunnerEvents = {}): Promise<RunnerResult> {
  const host = new RunHost({ script: io.laneScript, threads: options.budget, parallel: options.parallel })
  const byHost = new Map<number, Tracked>()
  let interrupted = false
  const judge = (): void => {
    if (options.halving === null || interrupted) return
    const verdicts = halvingVerdicts(tracked.map((t) => ({ history: t.history, ended: t.ended })), options.halving.afterEpoch)
    verdicts.forEach((verdict, i) => {
      const t = tracked[i]
      if (t.judged || t.ended || t.hostId === null || t.pausesAt(options.halving) === null) return
      if (verdict === 'continue') {
        t.judged = true
        host.resume(t.hostId).catch(ignore)
      } else if (verdict === 'stop') {
        t.judged = true
        t.halted = true
        host.stop(t.hostId).catch(ignore)
      }
    })
  }
  // where lanes cannot share memory, runs train one after another in this thread on one thread
  const threadsOf = (s: RunSettings): number => (host.mode === 'lanes' ? s.threads : 1)
  const tracked = runs.map((run, i) => new Tracked(i, { ...run, settings: { ...run.settings, threads: threadsOf(run.settings) } }, io, options.store, host.kernel, events, judge))
  const stopListening = io.onInterrupt(() => {
    interrupted = true
    events.onInterrupt?.()
    for (const t of tracked) if (!t.ended && t.hostId !== null) host.stop(t.hostId).catch(ignore)
  })
  const unlisten = host.on((event) => {
    byHost.get(event.payload.runId)?.follow(event)
    // a failure inside a run pauses it: end it, so that its lane is let go
    if (event.type === 'error') host.stop(event.payload.runId).catch(ignore)
  })
  try {
    // every run's settings are checked before the first starts
    for (const t of tracked) checkHyperparameters(hyperOf(t.run.settings), t.run.data.train.count)
    events.onStart?.(tracked.length > 0 ? tracked[0].run.settings.threads : 0)
    for (const t of tracked) {
      const s = t.run.settings
      host.useDataset(t.run.data)
      const { runId, opened } = host.start({
        hyper: hyperOf(s), threads: s.threads, start: t.run.start, onDiverge: 'stop', releaseAtEnd: true,
        begin: { targetEpoch: s.epochs, pauseAtEpoch: t.pausesAt(options.halving) }
      })
      t.hostId = runId
      byHost.set(runId, t)
      opened.then(ignore, (e: unknown) => t.notStarted(e, interrupted))
    }
    const outcomes = await Promise.all(tracked.map((t) => t.done))
    return { outcomes, interrupted, kernel: host.kernel }
  } finally {
    stopListening()
    unlisten()
    await host.dispose()
  }
}

/**
 * How a sweep uses the computer and what it will cost. lanesFor is the one rule of the host and
 * the estimate: lanes (runs at once) = min(runs, thread budget, cap when above 0), threads per
 * run = ⌊budget / lanes⌋, so lanes × threads ≤ budget and the cores are used but never
 * oversubscribed (8 runs on 2 cores: 2 lanes of 1 thread; 1 run on 8: 1 lane of 8; 3 on 8: 3 of 2).
 * More lanes of fewer threads is preferred because runs scale across lanes with no
 * synchronisation, while threads inside a run meet at every batch.
 * estimateSweep: each run's epochs × its measured epoch seconds, the runs put in plan order on the
 * lane that frees first (as the host does), the wall time the last lane ends; in words
 * "12 runs × 20 epochs, about 40 s on this computer".
 */
import { roughDuration } from '../text/duration'
import type { PlannedRun, RunSettings, SweepEstimate } from './types'
import { formatCount } from '../text/count'

/** Runs trained at once and the threads each gets. */
export interface Lanes {
  readonly lanes: number
  readonly threadsPerRun: number
}

/** The lanes for `runs` runs within `threadBudget` threads, at most `parallelCap` at once (0: no cap). */
export function lanesFor(runs: number, threadBudget: number, parallelCap: number): Lanes {
  if (!Number.isInteger(runs) || runs < 0) throw new RangeError(`lanesFor: ${runs} is not a number of runs`)
  if (!Number.isInteger(threadBudget) || threadBudget < 1) throw new RangeError(`lanesFor: ${threadBudget} is not a thread budget`)
  if (!Number.isInteger(parallelCap) || parallelCap < 0) throw new RangeError(`lanesFor: ${parallelCap} is not a cap on runs at once`)
  if (runs === 0) return { lanes: 0, threadsPerRun: 0 }
  const lanes = Math.min(runs, threadBudget, parallelCap > 0 ? parallelCap : Infinity)
  return { lanes, threadsPerRun: Math.floor(threadBudget / lanes) }
}

/** The epochs a run is expected to train: with halving, half of the runs stop after `afterEpoch`. */
function expectedEpochs(epochs: number, halving: { readonly afterEpoch: number } | null, runs: number): number {
  if (halving === null || halving.afterEpoch >= epochs || runs < 2) return epochs
  const stopShare = Math.floor(runs / 2) / runs
  return epochs - stopShare * (epochs - halving.afterEpoch)
}

/**
 * What the sweep `plan` will cost with `cores` threads and at most `parallel` runs at once (0: no
 * cap). `measuredEpochSeconds(settings)` is the wall-clock seconds one epoch (training and
 * evaluation) of those settings takes with settings.threads threads while the other lanes are
 * busy too, as measured on this computer and dataset; settings.threads is the lanes' threads per run.
 */
export function estimateSweep(
  plan: readonly PlannedRun[], measuredEpochSeconds: (settings: RunSettings) => number, cores: number, parallel: number,
  halving: { readonly afterEpoch: number } | null = null
): SweepEstimate {
  const { lanes, threadsPerRun } = lanesFor(plan.length, cores, parallel)
  const laneEnds = new Array<number>(lanes).fill(0)
  let epochs = 0
  for (const run of plan) {
    const e = expectedEpochs(run.settings.epochs, halving, plan.length)
    epochs += e
    let first = 0
    for (let l = 1; l < lanes; l++) if (laneEnds[l] < laneEnds[first]) first = l
    laneEnds[first] += e * measuredEpochSeconds({ ...run.settings, threads: threadsPerRun })
  }
  const seconds = Math.max(0, ...laneEnds)
  return { runs: plan.length, epochs: Math.round(epochs), parallel: lanes, threadsPerRun, seconds, sentence: costSentence(plan, seconds, halving) }
}

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`

/** "12 runs × 20 epochs, about 40 s on this computer" (or "…, 300 epochs in all, …" when runs differ in epochs). */
export function costSentence(plan: readonly PlannedRun[], seconds: number, halving: { readonly afterEpoch: number } | null = null): string {
  const epochs = plan.map((r) => r.settings.epochs)
  const same = epochs.every((e) => e === epochs[0])
  let what = same && plan.length > 0 ? `${plural(plan.length, 'run')} × ${plural(epochs[0], 'epoch')}` : `${plural(plan.length, 'run')}, ${plural(epochs.reduce((a, b) => a + b, 0), 'epoch')} in all`
  if (halving !== null && plan.length > 1 && epochs.some((e) => e > halving.afterEpoch)) what += ` (about half stop after epoch ${halving.afterEpoch})`
  if (!Number.isFinite(seconds)) return `${what}; how long is not known yet`
  return `${what}, ${roughDuration(seconds)} on this computer`
}

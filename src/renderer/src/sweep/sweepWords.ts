/**
 * A sweep in plain sentences: which seeds each combination is trained with, what successive
 * halving does (the core's rule, halving.ts, in words), each run's state, how far the sweep has
 * got and how long it has left, and which run did best. Pure, so tested without a DOM.
 */
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { bestEpoch } from '../../../core/runs/summary'
import { describeValues } from '../../../core/runs/sweepPlan'
import type { SweepSetting, SweepValue } from '../../../core/runs/types'
import { roughDuration } from '../../../core/text/duration'
import { formatPercent } from '../../../core/text/percent'
import type { SweepRunState, SweepStatus } from '../../../shared/payloads'
import { durationWords } from '../runs/runWords'

const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`

/** "Each combination is trained with seeds 1, 2 and 3." (the form's seed and the next ones). */
export function seedsSentence(base: number, repeats: number): string {
  if (repeats <= 1) return `Each combination is trained once, with seed ${base}.`
  const seeds = repeats <= 5
    ? `${Array.from({ length: repeats - 1 }, (_, i) => base + i).join(', ')} and ${base + repeats - 1}`
    : `${base} to ${base + repeats - 1}`
  return `Each combination is trained with seeds ${seeds}, so that differences that are only noise show.`
}

/** Successive halving's rule (core halving.ts) in words. */
export function halvingSentence(afterEpoch: number): string {
  return `After epoch ${afterEpoch}, the worse half of the runs stop: each run is compared with the runs before it at that epoch, ` +
    'and goes on only when its test loss is in the better half of them (the first run always goes on).'
}

/** How the parallel cap reads in its menu. */
export function parallelWords(parallel: number): string {
  return parallel === 0 ? 'As many as the cores allow' : `At most ${plural(parallel, 'run')} at once`
}

/** The states in which a run has ended. */
export const ENDED: readonly SweepRunState[] = ['finished', 'stopped', 'diverged', 'halted', 'failed']

export const isEnded = (state: SweepRunState): boolean => ENDED.includes(state)

/** A run's state in a few words: "waiting", "epoch 3 of 10", "stopped early at epoch 3: the worse half". */
export function stateWords(state: SweepRunState, history: readonly EpochMetrics[], epochs: number, problem: string | null): string {
  const last = history.length ? history[history.length - 1].epoch : 0
  switch (state) {
    case 'waiting': return 'waiting'
    case 'running': return last === 0 ? 'starting' : `epoch ${last} of ${epochs}`
    case 'finished': return 'finished'
    case 'stopped': return last === 0 ? 'stopped' : `stopped after epoch ${last}`
    case 'halted': return `stopped early after epoch ${last}: in the worse half`
    case 'diverged': return 'diverged: the loss blew up'
    case 'failed': return `failed: ${problem ?? 'it stopped with a problem'}`
  }
}

/** Epochs trained so far and epochs still to train (a run that ended needs no more). */
function epochCounts(status: SweepStatus, histories: ReadonlyMap<number, readonly EpochMetrics[]>): { done: number; left: number } {
  let done = 0
  let left = 0
  for (const r of status.runs) {
    const trained = (histories.get(r.runId) ?? r.history).length
    done += trained
    if (!isEnded(r.state)) left += Math.max(0, r.settings.epochs - trained)
  }
  return { done, left }
}

/**
 * "5 of 12 runs done, about 25 s left" while it runs (the time left from the epochs still to train
 * at the pace so far); "All 12 runs done in 48 s." or "Stopped: 5 of 12 runs done." after.
 */
export function progressSentence(status: SweepStatus, histories: ReadonlyMap<number, readonly EpochMetrics[]> = new Map()): string {
  const total = status.runs.length
  const done = status.runs.filter((r) => isEnded(r.state)).length
  const runs = `${done} of ${plural(total, 'run')} done`
  if (status.state === 'finished') return `All ${plural(total, 'run')} done in ${durationWords(status.seconds)}.`
  if (status.state === 'stopped') return `Stopped: ${runs}, in ${durationWords(status.seconds)}.`
  if (status.state !== 'running') return ''
  const { done: epochsDone, left } = epochCounts(status, histories)
  if (epochsDone === 0) return `${runs}; how long it takes is known after the first epochs.`
  return `${runs}, ${roughDuration((status.seconds / epochsDone) * left)} left.`
}

/** A run's values and seed, to name it: "learning rate 0.05, hidden layers 8, seed 2". */
export function runTitle(axes: readonly SweepSetting[], values: readonly SweepValue[], seed: number): string {
  return `${describeValues(axes, values)}, seed ${seed}`
}

/**
 * "The best run is learning rate 0.05, hidden layers 8 with seed 2: best test accuracy 93.1 % at
 * epoch 4." (the core's best run: the highest best test accuracy); null when no run has a best epoch.
 */
export function bestSentence(axes: readonly SweepSetting[], run: { readonly values: readonly SweepValue[]; readonly settings: { readonly seed: number }; readonly history: readonly EpochMetrics[] } | null): string | null {
  const best = run ? bestEpoch(run.history) : null
  if (!run || !best) return null
  return `The best run is ${describeValues(axes, run.values)} with seed ${run.settings.seed}: ` +
    `best test accuracy ${formatPercent(best.testAccuracy)} at epoch ${best.epoch}.`
}

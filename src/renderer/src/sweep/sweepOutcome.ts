/**
 * What a sweep found, from its runs' histories: the core's results (sweepStats.ts: per value the
 * seeds' best test accuracies, their mean and spread; the heat map of two settings; the best run)
 * and the table of its runs sorted by best test accuracy, best first, with the best run marked.
 * Pure, so tested without a DOM.
 */
import { bestEpoch, finalMetrics } from '../../../core/runs/summary'
import { describeValues } from '../../../core/runs/sweepPlan'
import { rankRuns, sweepResults, type SweepResults, type SweepRunResult } from '../../../core/runs/sweepStats'
import type { SweepSetting } from '../../../core/runs/types'
import { formatPercent } from '../../../core/text/percent'
import { durationWords } from '../runs/runWords'
import type { LiveRun } from './sweepLive'
import { stateWords } from './sweepWords'

export interface OutcomeRow {
  readonly runId: number
  readonly recordId: string | null
  /** 1 for the best. */
  readonly rank: number
  readonly colour: string
  /** the run's values in words, and its seed. */
  readonly values: string
  readonly seed: number
  readonly state: string
  readonly bestAccuracy: string
  readonly bestEpoch: string
  readonly finalAccuracy: string
  readonly time: string
  readonly best: boolean
}

export interface SweepOutcome {
  readonly results: SweepResults
  /** every run, best first. */
  readonly rows: readonly OutcomeRow[]
  /** the best run, or null when no run has a best epoch. */
  readonly best: LiveRun | null
}

export function resultOf(run: LiveRun): SweepRunResult {
  return { values: run.values, repeat: run.repeat, best: bestEpoch(run.history), final: finalMetrics(run.history) }
}

/** The outcome of the sweep over `axes` whose runs are `runs` (in plan order). */
export function sweepOutcome(axes: readonly SweepSetting[], runs: readonly LiveRun[]): SweepOutcome {
  const results = runs.map(resultOf)
  const summary = sweepResults(results, axes)
  const rows = rankRuns(results).map((i, k): OutcomeRow => {
    const run = runs[i]
    const r = results[i]
    return {
      runId: run.runId,
      recordId: run.recordId,
      rank: k + 1,
      colour: run.colour,
      values: describeValues(axes, run.values),
      seed: run.settings.seed,
      state: stateWords(run.state, run.history, run.settings.epochs, run.problem),
      bestAccuracy: r.best ? formatPercent(r.best.testAccuracy) : '–',
      bestEpoch: r.best ? String(r.best.epoch) : '–',
      finalAccuracy: r.final ? formatPercent(r.final.testAccuracy) : '–',
      time: durationWords(run.history.reduce((s, m) => s + m.seconds, 0)),
      best: i === summary.best
    }
  })
  return { results: summary, rows, best: summary.best === null ? null : runs[summary.best] }
}

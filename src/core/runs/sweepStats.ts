/**
 * A finished sweep's results. Per swept setting and value: the best test accuracy of each run
 * with that value (a point per seed; "best" is the epoch with the lowest test loss), their mean,
 * their spread (min–max, and the sample standard deviation, √(Σ(x − mean)² / (n − 1)), 0 for one
 * point), and how many runs had no best epoch. For two settings, a heat map of the mean per
 * combination. The best run has the highest best test accuracy (on a tie the lower best test
 * loss, then the earlier run). noiseSentence says whether two values differ by more than the
 * seeds' spread.
 */
import { formatPercent } from '../text/percent'
import type { BestEpoch, RunMetrics, SweepSetting, SweepValue } from './types'
import { formatSettingValue, settingLabel } from './settingWords'
import { valueKey } from './sweepPlan'

/** One run of a sweep as the results need it. */
export interface SweepRunResult {
  /** its value of each swept setting, in the sweep's order. */
  readonly values: readonly SweepValue[]
  readonly repeat: number
  readonly best: BestEpoch | null
  readonly final: RunMetrics | null
}

/** The runs with one value of one setting. */
export interface ValueStats {
  readonly value: SweepValue
  /** e.g. "0.05", "100, 50". */
  readonly label: string
  /** the best test accuracy of each run with this value that has a best epoch, in run order. */
  readonly points: readonly number[]
  /** the runs with this value that have no best epoch (diverged, or not one epoch trained). */
  readonly failed: number
  /** of the points; null when there are none. */
  readonly mean: number | null
  readonly min: number | null
  readonly max: number | null
  readonly sd: number | null
}

export interface AxisStats {
  readonly setting: SweepSetting
  /** numbers and hidden layers in increasing order, names in the order the runs first used them. */
  readonly values: readonly ValueStats[]
}

/** The mean best test accuracy of each combination of two settings: means[row][column]. */
export interface HeatMap {
  readonly rows: AxisStats
  readonly columns: AxisStats
  /** null where no run of the combination has a best epoch. */
  readonly means: readonly (readonly (number | null)[])[]
}

export interface SweepResults {
  /** one per swept setting, in the sweep's order (for two settings, each over all values of the other). */
  readonly axes: readonly AxisStats[]
  /** when exactly two settings were swept. */
  readonly heatMap: HeatMap | null
  /** the index of the best run (see the header); null when no run has a best epoch. */
  readonly best: number | null
}

function stats(points: readonly number[]): Pick<ValueStats, 'mean' | 'min' | 'max' | 'sd'> {
  if (points.length === 0) return { mean: null, min: null, max: null, sd: null }
  const mean = points.reduce((a, b) => a + b, 0) / points.length
  const squares = points.reduce((a, x) => a + (x - mean) ** 2, 0)
  return { mean, min: Math.min(...points), max: Math.max(...points), sd: points.length < 2 ? 0 : Math.sqrt(squares / (points.length - 1)) }
}

function compareValues(a: SweepValue, b: SweepValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return a.length - b.length
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  }
  return 0
}

/** The distinct values of axis `k` (ordered as AxisStats says) and the runs with each. */
function groups(runs: readonly SweepRunResult[], k: number): { value: SweepValue; runs: number[] }[] {
  const byKey = new Map<string, { value: SweepValue; runs: number[] }>()
  runs.forEach((r, i) => {
    const key = valueKey(r.values[k])
    const g = byKey.get(key)
    if (g) g.runs.push(i)
    else byKey.set(key, { value: r.values[k], runs: [i] })
  })
  // Array.prototype.sort is stable: names (compared as equal) keep their first-use order
  return [...byKey.values()].sort((a, b) => compareValues(a.value, b.value))
}

function valueStats(setting: SweepSetting, value: SweepValue, indexes: readonly number[], runs: readonly SweepRunResult[]): ValueStats {
  const points: number[] = []
  for (const i of indexes) {
    const best = runs[i].best
    if (best !== null) points.push(best.testAccuracy)
  }
  return { value, label: formatSettingValue(setting, value), points, failed: indexes.length - points.length, ...stats(points) }
}

/** Whether run a is better than run b by the rule of the header (a run without a best epoch is worst). */
function ranksBefore(a: SweepRunResult, ia: number, b: SweepRunResult, ib: number): boolean {
  if (a.best === null || b.best === null) return a.best !== null || (b.best === null && ia < ib)
  if (a.best.testAccuracy !== b.best.testAccuracy) return a.best.testAccuracy > b.best.testAccuracy
  if (a.best.testLoss !== b.best.testLoss) return a.best.testLoss < b.best.testLoss
  return ia < ib
}

/** The runs' indexes from best to worst (the table sorted by best test accuracy). */
export function rankRuns(runs: readonly SweepRunResult[]): number[] {
  return runs.map((_, i) => i).sort((i, j) => (ranksBefore(runs[i], i, runs[j], j) ? -1 : ranksBefore(runs[j], j, runs[i], i) ? 1 : 0))
}

/** The index of the best run; null when no run has a best epoch. */
export function bestRun(runs: readonly SweepRunResult[]): number | null {
  let best: number | null = null
  runs.forEach((r, i) => {
    if (r.best !== null && (best === null || ranksBefore(r, i, runs[best], best))) best = i
  })
  return best
}

/** The results of a sweep over `axes` (see the header). */
export function sweepResults(runs: readonly SweepRunResult[], axes: readonly SweepSetting[]): SweepResults {
  const perAxis = axes.map((setting, k) => ({ setting, groups: groups(runs, k) }))
  const axisStats: AxisStats[] = perAxis.map(({ setting, groups: g }) => ({
    setting, values: g.map((v) => valueStats(setting, v.value, v.runs, runs))
  }))
  let heatMap: HeatMap | null = null
  if (axes.length === 2) {
    const columnOf = new Map(perAxis[1].groups.map((g, c) => [valueKey(g.value), c]))
    const means = perAxis[0].groups.map((row) => {
      const cells: number[][] = perAxis[1].groups.map(() => [])
      for (const i of row.runs) {
        const best = runs[i].best
        if (best !== null) cells[columnOf.get(valueKey(runs[i].values[1])) as number].push(best.testAccuracy)
      }
      return cells.map((points) => stats(points).mean)
    })
    heatMap = { rows: axisStats[0], columns: axisStats[1], means }
  }
  return { axes: axisStats, heatMap, best: bestRun(runs) }
}

function spread(v: ValueStats): string {
  return v.min === v.max ? formatPercent(v.min as number) : `${formatPercent(v.min as number)} to ${formatPercent(v.max as number)}`
}

/**
 * Whether two values of a setting differ by more than the spread of the seeds, e.g. "The
 * differences between learning rate 0.01 and 0.05 are within the spread of the seeds
 * (77.5 % to 79.0 % and 78.2 % to 80.1 %)."
 */
export function noiseSentence(setting: SweepSetting, a: ValueStats, b: ValueStats): string {
  const label = settingLabel(setting)
  const pair = `${label} ${a.label} and ${b.label}`
  if (a.points.length < 2 || b.points.length < 2) {
    return `With fewer than two seeds each, the difference between ${pair} cannot be told from noise: repeat each with more seeds.`
  }
  const [lo, hi] = (a.mean as number) <= (b.mean as number) ? [a, b] : [b, a]
  if ((hi.min as number) <= (lo.max as number)) {
    return `The differences between ${pair} are within the spread of the seeds (${spread(a)} and ${spread(b)}).`
  }
  const Label = label.charAt(0).toUpperCase() + label.slice(1)
  return `${Label} ${hi.label} did better than ${lo.label} by more than the spread of the seeds (best test accuracy ${spread(hi)} against ${spread(lo)}).`
}

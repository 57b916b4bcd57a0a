/**
 * Best test accuracy against one swept setting, as the results chart draws it: a point per seed
 * (each run's best test accuracy, in %), the mean of each value as a line, and the seeds' spread
 * (lowest to highest) as a band around it, so a user sees which differences are only noise. The
 * x axis: the values themselves, on a log scale when they are positive and span a factor of ten
 * or more (log-spaced learning rates, L2); evenly spaced labels for names, hidden layers, and
 * numbers with a 0 among values that span such a factor (L2 0, 0.0001, 0.001). Pure data shaping.
 */
import type { AxisStats, ValueStats } from '../../../core/runs/sweepStats'
import { noiseSentence } from '../../../core/runs/sweepStats'
import { settingLabel } from '../../../core/runs/settingWords'
import type { SweepValues } from '../../../core/runs/types'
import { formatPercent } from '../../../core/text/percent'
import { chipOf } from './axisText'

export interface BandPoint {
  readonly x: number
  /** best test accuracy in %. */
  readonly y: number
}

export type BandScale = 'log' | 'linear' | 'category'

/** One row of the table under the chart: the numbers the chart shows. */
export interface BandRow {
  readonly label: string
  readonly mean: string
  readonly spread: string
  /** "2 seeds", "2 seeds, 1 without a result". */
  readonly seeds: string
}

export interface ValueBand {
  /** "learning rate". */
  readonly label: string
  readonly scale: BandScale
  /** where each value sits on the x axis, and its label. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[]
  /** every run's best test accuracy. */
  readonly seeds: readonly BandPoint[]
  readonly mean: readonly BandPoint[]
  /** the band: the lowest and the highest seed of each value. */
  readonly low: readonly BandPoint[]
  readonly high: readonly BandPoint[]
  readonly rows: readonly BandRow[]
  /** whether the best two values differ by more than the seeds' spread; null with one value. */
  readonly noise: string | null
}

/** The x scale for these values (see the header); `spec` says whether they were a log range. */
export function bandScale(values: readonly ValueStats[], spec: SweepValues | null): BandScale {
  const numbers = values.map((v) => v.value)
  if (!numbers.every((v): v is number => typeof v === 'number')) return 'category'
  if (spec?.kind === 'range' && spec.scale === 'log') return 'log'
  const positive = numbers.filter((n) => n > 0)
  const spans = positive.length >= 2 && Math.max(...positive) / Math.min(...positive) >= 10
  if (!spans) return 'linear'
  return positive.length === numbers.length ? 'log' : 'category'
}

const pct = (share: number): number => 100 * share

function row(setting: AxisStats['setting'], v: ValueStats): BandRow {
  const n = v.points.length + v.failed
  const seeds = `${n} seed${n === 1 ? '' : 's'}${v.failed ? `, ${v.failed} without a result` : ''}`
  if (v.mean === null) return { label: chipOf(setting, v.value), mean: '–', spread: '–', seeds }
  const spread = v.points.length < 2 ? '–' : `${formatPercent(v.min!)} to ${formatPercent(v.max!)} (± ${(100 * v.sd!).toFixed(1)} points)`
  return { label: chipOf(setting, v.value), mean: formatPercent(v.mean), spread, seeds }
}

/** The two values with the highest means, best first; null when fewer than two have one. */
function bestTwo(values: readonly ValueStats[]): [ValueStats, ValueStats] | null {
  const ranked = values.filter((v) => v.mean !== null).sort((a, b) => b.mean! - a.mean!)
  return ranked.length >= 2 ? [ranked[0], ranked[1]] : null
}

/** The chart's data and table for one swept setting. */
export function valueBand(axis: AxisStats, spec: SweepValues | null): ValueBand {
  const scale = bandScale(axis.values, spec)
  const xOf = (v: ValueStats, i: number): number => (scale === 'category' ? i : (v.value as number))
  const seeds: BandPoint[] = []
  const mean: BandPoint[] = []
  const low: BandPoint[] = []
  const high: BandPoint[] = []
  axis.values.forEach((v, i) => {
    const x = xOf(v, i)
    for (const p of v.points) seeds.push({ x, y: pct(p) })
    if (v.mean === null) return
    mean.push({ x, y: pct(v.mean) })
    low.push({ x, y: pct(v.min!) })
    high.push({ x, y: pct(v.max!) })
  })
  const two = bestTwo(axis.values)
  return {
    label: settingLabel(axis.setting),
    scale,
    ticks: axis.values.map((v, i) => ({ x: xOf(v, i), label: chipOf(axis.setting, v.value) })),
    seeds, mean, low, high,
    rows: axis.values.map((v) => row(axis.setting, v)),
    noise: two ? noiseSentence(axis.setting, two[0], two[1]) : null
  }
}

/**
 * The metrics chart's lines for runs shown beside the current one: each ticked run's test loss
 * (solid) and test accuracy (dashed) in its colour, with a point shape of its own, and a diamond
 * on its best epoch (lowest test loss, core bestEpoch). Pure data shaping for chart.js, tested
 * without a canvas. `lineKind` tells the tooltip what a line is, so that it can say which run a
 * value belongs to and which epoch was its best.
 */
import type { ChartDataset, PointStyle } from 'chart.js'
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { bestEpoch } from '../../../core/runs/summary'
import { pointOf, type Point, type SeriesKey } from './metricSeries'

/** A run drawn beside the current one. */
export interface OverlayRun {
  readonly id: string
  /** its name for people, e.g. "lr 0.05". */
  readonly label: string
  /** a CSS colour. */
  readonly colour: string
  /** its place in the palette (runColours.ts), which also picks its point shape. */
  readonly slot: number
  readonly history: readonly EpochMetrics[]
}

export type LineDataset = ChartDataset<'line', Point[]>

/** What a line of the chart shows: one series of a run, or a run's best-epoch mark. */
export interface LineKind {
  /** null: the current run. */
  readonly run: string | null
  readonly series: SeriesKey | 'best'
  /** the run's best epoch (test loss lines and marks), or null. */
  readonly best: number | null
}

const kinds = new WeakMap<object, LineKind>()

/** What `dataset` shows, for lines made here and by the metrics chart; undefined for others. */
export function lineKind(dataset: object): LineKind | undefined {
  return kinds.get(dataset)
}

export function tagLine<D extends object>(dataset: D, kind: LineKind): D {
  kinds.set(dataset, kind)
  return dataset
}

/** Point shapes of ticked runs, in colour order, so colour is never the only cue. */
const SHAPES: readonly PointStyle[] = ['triangle', 'rect', 'circle', 'star', 'crossRot', 'rectRounded', 'cross']

export const BEST_LABEL = 'Best epoch'

/** A diamond at (epoch, test loss) of the best epoch; no line. */
export function bestMark(run: string | null, label: string, colour: string, surface: string, history: readonly EpochMetrics[]): LineDataset {
  const best = bestEpoch(history)
  return tagLine({
    label,
    data: best ? [{ x: best.epoch, y: best.testLoss }] : [],
    yAxisID: 'loss',
    showLine: false,
    borderColor: colour,
    backgroundColor: surface,
    borderWidth: 2.5,
    pointStyle: 'rectRot',
    pointRadius: 7,
    pointHoverRadius: 8
  }, { run, series: 'best', best: best?.epoch ?? null })
}

function line(run: OverlayRun, key: 'testLoss' | 'testAccuracy', shape: PointStyle, best: number | null): LineDataset {
  const accuracy = key === 'testAccuracy'
  const data: Point[] = []
  for (const m of run.history) {
    const p = pointOf(m, key)
    if (p) data.push(p)
  }
  return tagLine({
    label: `${run.label}: ${accuracy ? 'test accuracy' : 'test loss'}`,
    data,
    yAxisID: accuracy ? 'accuracy' : 'loss',
    borderColor: run.colour,
    backgroundColor: run.colour,
    borderDash: accuracy ? [6, 4] : [],
    borderWidth: 2,
    pointRadius: 2.5,
    pointStyle: shape,
    tension: 0,
    spanGaps: false
  }, { run: run.id, series: key, best })
}

/** Three datasets per run, in order: test loss, test accuracy, best-epoch mark. */
export function overlayDatasets(runs: readonly OverlayRun[], surface: string): LineDataset[] {
  return runs.flatMap((run) => {
    const shape = SHAPES[run.slot % SHAPES.length]
    const best = bestEpoch(run.history)?.epoch ?? null
    return [
      line(run, 'testLoss', shape, best),
      line(run, 'testAccuracy', shape, best),
      bestMark(run.id, `${run.label}: ${BEST_LABEL.toLowerCase()}`, run.colour, surface, run.history)
    ]
  })
}

/** The last epoch any of `runs` reached (0 for none). */
export function lastEpochOf(runs: readonly OverlayRun[]): number {
  let last = 0
  for (const r of runs) if (r.history.length > 0) last = Math.max(last, r.history[r.history.length - 1].epoch)
  return last
}

/**
 * The loss-and-accuracy chart: chart.js used directly, outside Vue's reactivity. Loss on the
 * left axis (solid lines, linear or log), accuracy in % on the right (dashed), train and test in
 * two colour-blind-safe colours, x in epochs; a diamond on the best epoch (lowest test loss) and
 * a dashed marker where training diverged. Points are appended one epoch at a time and drawn
 * without animation. Ticked runs from the Runs tab are drawn beside the current run
 * (runOverlay.ts); then every run has one colour, the current run the theme's text colour (its
 * training lines faint), and the page shows the legend of runs. A dotted line on the accuracy
 * axis marks the chance level of the data ("chance: 50 %", chanceLine.ts). Training figures
 * measured on a sample of the training pictures say so in their lines' names ("Train loss
 * (sample of 2,000 pictures)"), which the legend and the tooltip show.
 */
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartOptions, type ScaleOptionsByType
} from 'chart.js'
import type { ChanceLevel } from '../../../core/data/chanceLevel'
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { bestEpoch } from '../../../core/runs/summary'
import { trainMeasuredWords } from '../../../core/training/trainSample'
import { chanceLine, chanceLineOptions } from './chanceLine'
import { withAlpha, type ChartTheme } from './chartTheme'
import { divergenceMarker } from './divergenceMarker'
import { pointOf, SERIES_KEYS, type Point, type SeriesKey } from './metricSeries'
import { chartStyle, type ChartView } from './chartStyle'
import { BEST_LABEL, bestMark, lastEpochOf, lineKind, overlayDatasets, tagLine, type LineDataset, type OverlayRun } from './runOverlay'

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip)

export { themeFrom, type ChartTheme } from './chartTheme'

const LABELS: Record<SeriesKey, string> = {
  trainLoss: 'Train loss',
  testLoss: 'Test loss',
  trainAccuracy: 'Train accuracy',
  testAccuracy: 'Test accuracy'
}

export const DIVERGED_LABEL = 'Diverged here'

/** The current run's best-epoch mark comes after its four lines; ticked runs' lines after that. */
const BEST_INDEX = SERIES_KEYS.length
const OVERLAY_FROM = BEST_INDEX + 1

interface View extends ChartView {
  /** ticked runs are drawn beside the current one. */
  overlaid: boolean
  /** the current run's best epoch, or null. */
  currentBest: number | null
  /** the data's chance level, drawn on the accuracy axis; null draws none. */
  chance: ChanceLevel | null
  /** the current run's training sample in words ("2,000 pictures"), '' when it measures every training picture. */
  trainSample: string
}

/** The name of the current run's line `key`, with its sample when the training figures are a sample's. */
function lineLabel(key: SeriesKey, trainSample: string): string {
  return key.startsWith('train') && trainSample ? `${LABELS[key]} (sample of ${trainSample})` : LABELS[key]
}

/** The current run's line `key`: as always on its own, in the neutral colour beside other runs. */
function currentLook(key: SeriesKey, theme: ChartTheme, overlaid: boolean, trainSample: string): Pick<LineDataset, 'label' | 'borderColor' | 'backgroundColor' | 'borderWidth'> {
  const label = lineLabel(key, trainSample)
  if (!overlaid) {
    const colour = key.startsWith('train') ? theme.train : theme.test
    return { label, borderColor: colour, backgroundColor: colour, borderWidth: 2 }
  }
  const test = key.startsWith('test')
  const colour = test ? theme.text : withAlpha(theme.text, 0.35)
  return { label: `This run: ${label[0].toLowerCase()}${label.slice(1)}`, borderColor: colour, backgroundColor: colour, borderWidth: test ? 2.5 : 1.5 }
}

function datasets(theme: ChartTheme): LineDataset[] {
  const lines = SERIES_KEYS.map((key): LineDataset => {
    const accuracy = key.endsWith('Accuracy')
    return tagLine({
      ...currentLook(key, theme, false, ''),
      data: [],
      yAxisID: accuracy ? 'accuracy' : 'loss',
      borderDash: accuracy ? [6, 4] : [],
      pointRadius: 3,
      pointStyle: accuracy ? 'rect' : 'circle',
      tension: 0,
      spanGaps: false
    }, { run: null, series: key, best: null })
  })
  return [...lines, currentBestMark(theme, false, [])]
}

function currentBestMark(theme: ChartTheme, overlaid: boolean, history: readonly EpochMetrics[]): LineDataset {
  return bestMark(null, overlaid ? `This run: ${BEST_LABEL.toLowerCase()}` : BEST_LABEL, overlaid ? theme.text : theme.test, theme.surface, history)
}

/** A log axis's tick label: only 1, 2 and 5 times a power of ten are labelled, in at most 3 digits. */
export function logTick(value: number): string {
  if (!(value > 0)) return ''
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9)
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? String(Number(value.toPrecision(3))) : ''
}

/** The loss axis, linear from zero or logarithmic. */
export function lossScale(theme: ChartTheme, log: boolean, title: string): ScaleOptionsByType<'linear' | 'logarithmic'> {
  const common = {
    position: 'left' as const,
    title: { display: true, text: title, color: theme.muted },
    grid: { color: theme.grid }
  }
  return (log
    ? { ...common, type: 'logarithmic', ticks: { color: theme.muted, autoSkip: true, callback: (v: number | string) => logTick(Number(v)) } }
    : { ...common, type: 'linear', beginAtZero: true, ticks: { color: theme.muted } }) as unknown as ScaleOptionsByType<'linear' | 'logarithmic'>
}

function options(v: View): ChartOptions<'line'> {
  const { theme } = v
  return {
    animation: false,
    maintainAspectRatio: false,
    responsive: true,
    // every line's point at the epoch nearest the pointer: the tooltip lists every run there
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    parsing: false,
    normalized: true,
    scales: {
      x: {
        type: 'linear', min: 0, suggestedMax: Math.max(1, v.lastEpoch),
        title: { display: true, text: 'Epoch', color: theme.muted },
        ticks: { color: theme.muted, precision: 0 }, grid: { color: theme.grid }
      },
      loss: lossScale(theme, v.logScale, v.logScale ? 'Loss, log scale (lower is better)' : 'Loss (lower is better)'),
      accuracy: {
        type: 'linear', position: 'right', min: 0, max: 100, title: { display: true, text: 'Accuracy % (higher is better)', color: theme.muted },
        ticks: { color: theme.muted }, grid: { drawOnChartArea: false }
      }
    },
    plugins: {
      // beside other runs, the page's legend of runs takes over
      legend: {
        display: !v.overlaid,
        position: 'bottom',
        labels: { color: theme.text, usePointStyle: true, boxHeight: 7, filter: (item) => (item.datasetIndex ?? 0) < OVERLAY_FROM }
      },
      tooltip: {
        filter: (item) => lineKind(item.dataset)?.series !== 'best',
        callbacks: {
          title: (items) => (items.length ? `Epoch ${items[0].parsed.x}` : ''),
          label: (item) => {
            const accuracy = item.dataset.yAxisID === 'accuracy'
            const y = item.parsed.y ?? Number.NaN
            const kind = lineKind(item.dataset)
            const best = kind?.run === null ? v.currentBest : kind?.best
            const mark = kind?.series === 'testLoss' && best === item.parsed.x ? ' (best epoch)' : ''
            return `${item.dataset.label}: ${accuracy ? `${y.toFixed(1)} %` : y.toFixed(4)}${mark}`
          }
        }
      },
      divergenceMarker: { x: v.diverged, colour: theme.marker, label: DIVERGED_LABEL },
      chanceLine: chanceLineOptions(v.chance, 'accuracy', theme.muted)
    }
  }
}

export interface MetricsChart {
  /**
   * Shows exactly `history`: appends what is new, or redraws when it is another run. The x axis
   * reaches at least `plannedEpochs`, so a run's line grows from left to right.
   */
  show(history: readonly EpochMetrics[], plannedEpochs?: number): void
  /** Loss on a log scale (true) or a linear one from zero. */
  setLogScale(log: boolean): void
  /** Marks where training diverged (x in epochs), or removes the mark (null). */
  setDiverged(x: number | null): void
  /** Draws these runs beside the current one (none: the current run alone, as always). */
  setOverlay(runs: readonly OverlayRun[]): void
  /** Marks the data's chance level on the accuracy axis (null: no mark). */
  setChance(level: ChanceLevel | null): void
  /** Re-reads the colours (after the system switches between light and dark). */
  setTheme(theme: ChartTheme): void
  /** points on the current run's longest line (one per epoch with a finite value). */
  readonly points: number
  destroy(): void
}

export function createMetricsChart(canvas: HTMLCanvasElement, theme: ChartTheme): MetricsChart {
  const view: View = { theme, lastEpoch: 1, logScale: false, diverged: null, overlaid: false, currentBest: null, chance: null, trainSample: '' }
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line', data: { datasets: datasets(theme) }, options: options(view), plugins: [divergenceMarker, chanceLine]
  })
  let shown: readonly EpochMetrics[] = []
  let planned = 0
  let overlay: readonly OverlayRun[] = []

  const sameStart = (history: readonly EpochMetrics[]): boolean =>
    shown.length <= history.length && shown.every((m, i) => history[i] === m || history[i].epoch === m.epoch && history[i].trainLoss === m.trainLoss)
  const style = chartStyle(chart, view, options)
  const reachLastEpoch = (): void => {
    const current = shown.length === 0 ? 0 : shown[shown.length - 1].epoch
    style.setLastEpoch(Math.max(1, planned, current, lastEpochOf(overlay)))
  }
  const markBest = (): void => {
    const mark = currentBestMark(view.theme, view.overlaid, shown)
    chart.data.datasets[BEST_INDEX] = mark
    view.currentBest = lineKind(mark)?.best ?? null
  }
  /** the current run's colours and the ticked runs' lines, from the view. */
  const paint = (): void => {
    SERIES_KEYS.forEach((key, d) => Object.assign(chart.data.datasets[d], currentLook(key, view.theme, view.overlaid, view.trainSample)))
    markBest()
    chart.data.datasets.splice(OVERLAY_FROM, chart.data.datasets.length - OVERLAY_FROM, ...overlayDatasets(overlay, view.theme.surface))
  }

  return {
    show(history, plannedEpochs = 0) {
      const append = sameStart(history)
      SERIES_KEYS.forEach((key, d) => {
        const dataset = chart.data.datasets[d]
        if (!append) dataset.data = []
        for (let i = append ? shown.length : 0; i < history.length; i++) {
          const point = pointOf(history[i], key)
          if (point) dataset.data.push(point)
        }
      })
      shown = history.slice()
      planned = plannedEpochs
      const sample = trainMeasuredWords(history[history.length - 1]?.trainMeasured)
      if (sample !== view.trainSample) {
        view.trainSample = sample
        SERIES_KEYS.forEach((key, d) => (chart.data.datasets[d].label = currentLook(key, view.theme, view.overlaid, sample).label))
      }
      markBest()
      reachLastEpoch()
      chart.update('none')
    },
    setLogScale: style.setLogScale,
    setDiverged: style.setDiverged,
    setOverlay(runs) {
      overlay = runs
      view.overlaid = runs.length > 0
      paint()
      reachLastEpoch()
      style.restyle()
    },
    setChance(level) {
      if (view.chance?.label === level?.label && view.chance?.share === level?.share) return
      view.chance = level
      style.restyle()
    },
    setTheme(next) {
      view.theme = next
      paint()
      style.restyle()
    },
    get points() {
      return Math.max(0, ...chart.data.datasets.slice(0, SERIES_KEYS.length).map((dataset) => dataset.data.length))
    },
    destroy() {
      chart.destroy()
    }
  }
}

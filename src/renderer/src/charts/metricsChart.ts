/**
 * The loss-and-accuracy chart: chart.js used directly, outside Vue's reactivity. Loss on the
 * left axis (solid lines, linear or log), accuracy in % on the right (dashed), train and test in
 * two colour-blind-safe colours, x in epochs; a dashed marker where training diverged. Points
 * are appended one epoch at a time and drawn without animation.
 */
import {
  Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartDataset, type ChartOptions, type ScaleOptionsByType
} from 'chart.js'
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import type { ChartTheme } from './chartTheme'
import { divergenceMarker } from './divergenceMarker'
import { pointOf, SERIES_KEYS, type Point, type SeriesKey } from './metricSeries'
import { chartStyle, type ChartView } from './chartStyle'

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip)

export { themeFrom, type ChartTheme } from './chartTheme'

const LABELS: Record<SeriesKey, string> = {
  trainLoss: 'Train loss',
  testLoss: 'Test loss',
  trainAccuracy: 'Train accuracy',
  testAccuracy: 'Test accuracy'
}

export const DIVERGED_LABEL = 'Diverged here'

type LineDataset = ChartDataset<'line', Point[]>

const colourOf = (key: SeriesKey, theme: ChartTheme): string => (key.startsWith('train') ? theme.train : theme.test)

function datasets(theme: ChartTheme): LineDataset[] {
  return SERIES_KEYS.map((key) => {
    const accuracy = key.endsWith('Accuracy')
    return {
      label: LABELS[key],
      data: [],
      yAxisID: accuracy ? 'accuracy' : 'loss',
      borderColor: colourOf(key, theme),
      backgroundColor: colourOf(key, theme),
      borderDash: accuracy ? [6, 4] : [],
      borderWidth: 2,
      pointRadius: 3,
      pointStyle: accuracy ? 'rect' : 'circle',
      tension: 0,
      spanGaps: false
    }
  })
}

type View = ChartView

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
    interaction: { mode: 'index', intersect: false },
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
      legend: { position: 'bottom', labels: { color: theme.text, usePointStyle: true, boxHeight: 7 } },
      tooltip: {
        callbacks: {
          title: (items) => (items.length ? `Epoch ${items[0].parsed.x}` : ''),
          label: (item) => {
            const accuracy = item.dataset.yAxisID === 'accuracy'
            const y = item.parsed.y ?? Number.NaN
            return `${item.dataset.label}: ${accuracy ? `${y.toFixed(1)} %` : y.toFixed(4)}`
          }
        }
      },
      divergenceMarker: { x: v.diverged, colour: theme.marker, label: DIVERGED_LABEL }
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
  /** Re-reads the colours (after the system switches between light and dark). */
  setTheme(theme: ChartTheme): void
  /** points on the longest line (one per epoch with a finite value). */
  readonly points: number
  destroy(): void
}

export function createMetricsChart(canvas: HTMLCanvasElement, theme: ChartTheme): MetricsChart {
  const view: View = { theme, lastEpoch: 1, logScale: false, diverged: null }
  const chart = new Chart<'line', Point[]>(canvas, {
    type: 'line', data: { datasets: datasets(theme) }, options: options(view), plugins: [divergenceMarker]
  })
  let shown: readonly EpochMetrics[] = []

  const sameStart = (history: readonly EpochMetrics[]): boolean =>
    shown.length <= history.length && shown.every((m, i) => history[i] === m || history[i].epoch === m.epoch && history[i].trainLoss === m.trainLoss)
  const style = chartStyle(chart, view, options)

  return {
    show(history, plannedEpochs = 0) {
      const append = sameStart(history)
      chart.data.datasets.forEach((dataset, d) => {
        const key = SERIES_KEYS[d]
        if (!append) dataset.data = []
        for (let i = append ? shown.length : 0; i < history.length; i++) {
          const point = pointOf(history[i], key)
          if (point) dataset.data.push(point)
        }
      })
      style.setLastEpoch(Math.max(1, plannedEpochs, history.length === 0 ? 0 : history[history.length - 1].epoch))
      shown = history.slice()
      chart.update('none')
    },
    setLogScale: style.setLogScale,
    setDiverged: style.setDiverged,
    setTheme(next) {
      view.theme = next
      chart.data.datasets.forEach((dataset, d) => {
        dataset.borderColor = colourOf(SERIES_KEYS[d], next)
        dataset.backgroundColor = colourOf(SERIES_KEYS[d], next)
      })
      style.restyle()
    },
    get points() {
      return Math.max(0, ...chart.data.datasets.map((dataset) => dataset.data.length))
    },
    destroy() {
      chart.destroy()
    }
  }
}

/**
 * The live loss-and-accuracy chart: chart.js used directly, outside Vue's reactivity. Loss on
 * the left axis (solid lines), accuracy in % on the right (dashed), train and test in two
 * colour-blind-safe colours, x in epochs. Points are appended one epoch at a time.
 */
import {
  Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartDataset, type ChartOptions
} from 'chart.js'
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { pointOf, SERIES_KEYS, type Point, type SeriesKey } from './metricSeries'

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip)

/** Colours the chart takes from the page's CSS custom properties, so it follows light and dark. */
export interface ChartTheme {
  readonly text: string
  readonly muted: string
  readonly grid: string
  readonly train: string
  readonly test: string
}

/** The theme from the custom properties on `element` (--text, --muted, --grid, --series-train, --series-test). */
export function themeFrom(element: Element): ChartTheme {
  const style = getComputedStyle(element)
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback
  return {
    text: read('--text', '#1d232b'),
    muted: read('--muted', '#5b6572'),
    grid: read('--grid', 'rgba(127, 127, 127, 0.2)'),
    train: read('--series-train', '#0072b2'),
    test: read('--series-test', '#d55e00')
  }
}

const LABELS: Record<SeriesKey, string> = {
  trainLoss: 'Train loss',
  testLoss: 'Test loss',
  trainAccuracy: 'Train accuracy',
  testAccuracy: 'Test accuracy'
}

type LineDataset = ChartDataset<'line', Point[]>

function datasets(theme: ChartTheme): LineDataset[] {
  return SERIES_KEYS.map((key) => {
    const colour = key.startsWith('train') ? theme.train : theme.test
    const accuracy = key.endsWith('Accuracy')
    return {
      label: LABELS[key],
      data: [],
      yAxisID: accuracy ? 'accuracy' : 'loss',
      borderColor: colour,
      backgroundColor: colour,
      borderDash: accuracy ? [6, 4] : [],
      borderWidth: 2,
      pointRadius: 3,
      pointStyle: accuracy ? 'rect' : 'circle',
      tension: 0,
      spanGaps: false
    }
  })
}

/** `lastEpoch`: where the x axis ends at least (the epoch the run is heading for). */
function options(theme: ChartTheme, lastEpoch: number): ChartOptions<'line'> {
  const axisTitle = (text: string): { display: boolean; text: string; color: string } => ({ display: true, text, color: theme.muted })
  return {
    animation: { duration: 200 },
    maintainAspectRatio: false,
    responsive: true,
    interaction: { mode: 'index', intersect: false },
    parsing: false,
    normalized: true,
    scales: {
      x: {
        type: 'linear', min: 0, suggestedMax: Math.max(1, lastEpoch), title: axisTitle('Epoch'),
        ticks: { color: theme.muted, precision: 0, stepSize: 1 }, grid: { color: theme.grid }
      },
      loss: {
        type: 'linear', position: 'left', beginAtZero: true, title: axisTitle('Loss (lower is better)'),
        ticks: { color: theme.muted }, grid: { color: theme.grid }
      },
      accuracy: {
        type: 'linear', position: 'right', min: 0, max: 100, title: axisTitle('Accuracy % (higher is better)'),
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
      }
    }
  }
}

export interface MetricsChart {
  /**
   * Shows exactly `history`: appends what is new, or redraws when it is another run. The x axis
   * reaches at least `plannedEpochs`, so a run's line grows from left to right.
   */
  show(history: readonly EpochMetrics[], plannedEpochs?: number): void
  /** Re-reads the colours (after the system switches between light and dark). */
  setTheme(theme: ChartTheme): void
  /** points on the longest line (one per epoch with a finite value). */
  readonly points: number
  destroy(): void
}

export function createMetricsChart(canvas: HTMLCanvasElement, theme: ChartTheme): MetricsChart {
  let lastEpoch = 1
  const chart = new Chart<'line', Point[]>(canvas, { type: 'line', data: { datasets: datasets(theme) }, options: options(theme, lastEpoch) })
  let shown: readonly EpochMetrics[] = []

  const sameStart = (history: readonly EpochMetrics[]): boolean =>
    shown.length <= history.length && shown.every((m, i) => history[i] === m || history[i].epoch === m.epoch && history[i].trainLoss === m.trainLoss)

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
      lastEpoch = Math.max(1, plannedEpochs, history.length === 0 ? 0 : history[history.length - 1].epoch)
      const xScale = chart.options.scales?.x
      if (xScale) xScale.suggestedMax = lastEpoch
      shown = history.slice()
      chart.update(append ? undefined : 'none')
    },
    setTheme(next) {
      chart.data.datasets.forEach((dataset, d) => {
        const colour = SERIES_KEYS[d].startsWith('train') ? next.train : next.test
        dataset.borderColor = colour
        dataset.backgroundColor = colour
      })
      chart.options = options(next, lastEpoch)
      chart.update('none')
    },
    get points() {
      return Math.max(0, ...chart.data.datasets.map((dataset) => dataset.data.length))
    },
    destroy() {
      chart.destroy()
    }
  }
}

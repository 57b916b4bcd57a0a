/**
 * The per-batch loss chart: every batch's loss as a faint line and its smoothing (the debiased
 * moving average of core/viz/smoothing) as a solid one, x in epochs (batch k ends at
 * (k + 1) / batchesPerEpoch), loss linear from zero or on a log scale, and a dashed marker where
 * training diverged. Long runs are thinned for drawing (core/viz/downsample): spikes stay.
 */
import { Chart, type ChartDataset, type ChartOptions } from 'chart.js'
import { minMaxIndices, strideIndices } from '../../../core/viz/downsample'
import { smoothEma } from '../../../core/viz/smoothing'
import type { BatchLosses } from './batchLosses'
import { chartStyle, type ChartView } from './chartStyle'
import { withAlpha, type ChartTheme } from './chartTheme'
import { divergenceMarker } from './divergenceMarker'
import { DIVERGED_LABEL, lossScale } from './metricsChart'

/** points per line at most: enough for a sharp line on any screen. */
export const MAX_POINTS = 1600

interface BatchPoint {
  readonly x: number
  readonly y: number
  /** run-wide batch number, from 0. */
  readonly batch: number
}

interface View extends ChartView {
  batchesPerEpoch: number
}

function datasets(theme: ChartTheme): ChartDataset<'line', BatchPoint[]>[] {
  return [
    { label: 'Loss of each batch', data: [], borderColor: withAlpha(theme.train, 0.3), backgroundColor: withAlpha(theme.train, 0.3), borderWidth: 1 },
    { label: 'Smoothed', data: [], borderColor: theme.train, backgroundColor: theme.train, borderWidth: 2.5 }
  ].map((d) => ({ ...d, pointRadius: 0, pointHoverRadius: 3, tension: 0, spanGaps: false }))
}

function options(v: View): ChartOptions<'line'> {
  const { theme } = v
  return {
    animation: false,
    maintainAspectRatio: false,
    responsive: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    parsing: false,
    normalized: true,
    scales: {
      x: {
        type: 'linear', min: 0, suggestedMax: Math.max(1, v.lastEpoch),
        title: { display: true, text: 'Epoch', color: theme.muted },
        ticks: { color: theme.muted }, grid: { color: theme.grid }
      },
      y: lossScale(theme, v.logScale, v.logScale ? 'Loss, log scale' : 'Loss')
    },
    plugins: {
      legend: { position: 'bottom', labels: { color: theme.text, boxHeight: 2, boxWidth: 18 } },
      tooltip: {
        callbacks: {
          title: (items) => {
            const p = items[0]?.raw as BatchPoint | undefined
            if (!p) return ''
            const bpe = v.batchesPerEpoch
            return `Epoch ${Math.floor(p.batch / bpe) + 1}, batch ${(p.batch % bpe) + 1} of ${bpe}`
          },
          label: (item) => `${item.dataset.label}: ${(item.parsed.y ?? Number.NaN).toFixed(4)}`
        }
      },
      divergenceMarker: { x: v.diverged, colour: theme.marker, label: DIVERGED_LABEL }
    }
  }
}

export interface BatchLossChart {
  /** Draws `losses` with `smoothing` (0..0.999); the x axis reaches at least `plannedEpochs`. */
  show(losses: BatchLosses, smoothing: number, plannedEpochs: number): void
  /** The smoothed losses of the last show (the first `losses.count` entries). */
  readonly smoothed: Float32Array
  setLogScale(log: boolean): void
  setDiverged(x: number | null): void
  setTheme(theme: ChartTheme): void
  /** batches with a loss on the chart. */
  readonly points: number
  destroy(): void
}

export function createBatchLossChart(canvas: HTMLCanvasElement, theme: ChartTheme): BatchLossChart {
  const view: View = { theme, lastEpoch: 1, logScale: false, diverged: null, batchesPerEpoch: 1 }
  const chart = new Chart<'line', BatchPoint[]>(canvas, {
    type: 'line', data: { datasets: datasets(theme) }, options: options(view), plugins: [divergenceMarker]
  })
  let smoothed = new Float32Array(0)
  let points = 0
  const style = chartStyle(chart, view, options)

  return {
    show(losses, smoothing, plannedEpochs) {
      const n = losses.count
      const bpe = losses.batchesPerEpoch
      if (smoothed.length < n) smoothed = new Float32Array(losses.values.length)
      smoothEma(losses.values, smoothing, n, smoothed)
      const at = (values: Float32Array, indices: Uint32Array): BatchPoint[] =>
        Array.from(indices, (i) => ({ x: (i + 1) / bpe, y: values[i], batch: i }))
      const raw = minMaxIndices(losses.values, n, MAX_POINTS)
      chart.data.datasets[0].data = at(losses.values, raw)
      chart.data.datasets[1].data = at(smoothed, n <= MAX_POINTS ? raw : strideIndices(n, MAX_POINTS))
      points = n - losses.first
      view.batchesPerEpoch = bpe
      style.setLastEpoch(Math.max(1, plannedEpochs, n / bpe))
      chart.update('none')
    },
    get smoothed() {
      return smoothed
    },
    setLogScale: style.setLogScale,
    setDiverged: style.setDiverged,
    setTheme(next) {
      view.theme = next
      const [raw, smooth] = datasets(next)
      Object.assign(chart.data.datasets[0], { borderColor: raw.borderColor, backgroundColor: raw.backgroundColor })
      Object.assign(chart.data.datasets[1], { borderColor: smooth.borderColor, backgroundColor: smooth.backgroundColor })
      style.restyle()
    },
    get points() {
      return Math.max(0, points)
    },
    destroy() {
      chart.destroy()
    }
  }
}

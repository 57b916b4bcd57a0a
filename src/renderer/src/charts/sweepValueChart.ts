/**
 * Best test accuracy against one swept setting (valueBand.ts gives the data): the seeds' spread
 * as a band (lowest to highest seed), the mean of each value as a line with points, and every
 * seed as a hollow circle, so that a difference smaller than the band reads as noise. The x axis
 * is the setting's values (log or linear) or evenly spaced labels; ticks sit on the values tried.
 * A dotted line marks the data's chance level (chanceLine.ts), or its label at the edge when the
 * axis leaves it out.
 */
import {
  Chart, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip,
  type ChartDataset, type ChartOptions, type Scale
} from 'chart.js'
import type { ChanceLevel } from '../../../core/data/chanceLevel'
import type { BandPoint, ValueBand } from '../sweep/valueBand'
import { chanceLine, chanceLineOptions } from './chanceLine'
import { withAlpha, type ChartTheme } from './chartTheme'

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Legend, Tooltip)

type Dataset = ChartDataset<'line', BandPoint[]>

export const BAND_LABELS = { low: 'Lowest seed', band: 'Spread of the seeds', mean: 'Mean of the seeds', seeds: 'Each seed' } as const

/** The four datasets: the band's low edge, its high edge filled down to it, the mean, the seeds. */
export function bandDatasets(band: ValueBand, theme: ChartTheme): Dataset[] {
  return [
    { label: BAND_LABELS.low, data: [...band.low], borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, fill: false, borderColor: 'transparent' },
    {
      label: BAND_LABELS.band, data: [...band.high], borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, fill: '-1',
      borderColor: 'transparent', backgroundColor: withAlpha(theme.train, 0.2)
    },
    // points on the axis's ends (100 %) are drawn whole
    { label: BAND_LABELS.mean, data: [...band.mean], borderColor: theme.train, backgroundColor: theme.train, borderWidth: 2.5, pointRadius: 4, tension: 0, clip: 8 },
    {
      label: BAND_LABELS.seeds, data: [...band.seeds], showLine: false, borderColor: theme.text, backgroundColor: 'transparent',
      borderWidth: 1.5, pointRadius: 4, pointHoverRadius: 6, pointStyle: 'circle', clip: 8
    }
  ]
}

/** The x axis's extent: a little room beyond the first and last value. */
export function xExtent(band: ValueBand): { min: number; max: number } {
  const xs = band.ticks.map((t) => t.x)
  if (xs.length === 0) return { min: 0, max: 1 }
  const lo = Math.min(...xs)
  const hi = Math.max(...xs)
  if (band.scale === 'log') return { min: lo / 1.6, max: hi * 1.6 }
  if (band.scale === 'category') return { min: -0.5, max: xs.length - 0.5 }
  const pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(lo) * 0.1, 0.5)
  return { min: lo - pad, max: hi + pad }
}

/**
 * The y axis (percent): whole fives a little beyond the lowest and highest seed, so that small
 * differences show; a chance level outside it is named at the plot's edge (chanceLine.ts).
 */
export function yExtent(band: ValueBand): { min: number; max: number } {
  const ys = [...band.low, ...band.high, ...band.seeds].map((p) => p.y)
  if (ys.length === 0) return { min: 0, max: 100 }
  return { min: Math.max(0, 5 * Math.floor((Math.min(...ys) - 1) / 5)), max: Math.min(100, 5 * Math.ceil((Math.max(...ys) + 1) / 5)) }
}

function options(band: ValueBand, theme: ChartTheme, chance: ChanceLevel | null): ChartOptions<'line'> {
  const label = new Map(band.ticks.map((t) => [t.x, t.label]))
  const { min: yLo, max: yHi } = yExtent(band)
  return {
    animation: false,
    maintainAspectRatio: false,
    responsive: true,
    parsing: false,
    interaction: { mode: 'nearest', intersect: true },
    scales: {
      x: {
        type: band.scale === 'log' ? 'logarithmic' : 'linear',
        ...xExtent(band),
        title: { display: true, text: band.scale === 'log' ? `${band.label} (log scale)` : band.label, color: theme.muted },
        grid: { color: theme.grid },
        // ticks only on the values tried
        afterBuildTicks: (scale: Scale) => { scale.ticks = band.ticks.map((t) => ({ value: t.x })) },
        ticks: { color: theme.muted, autoSkip: false, callback: (v: number | string) => label.get(Number(v)) ?? '' }
      },
      y: {
        type: 'linear', min: yLo, max: yHi,
        title: { display: true, text: 'Best test accuracy %', color: theme.muted },
        grid: { color: theme.grid }, ticks: { color: theme.muted }
      }
    },
    plugins: {
      legend: {
        position: 'bottom',
        labels: { color: theme.text, usePointStyle: true, boxHeight: 7, filter: (item) => item.text !== BAND_LABELS.low }
      },
      tooltip: {
        filter: (item) => item.dataset.label !== BAND_LABELS.low && item.dataset.label !== BAND_LABELS.band,
        callbacks: {
          title: (items) => (items.length ? `${band.label} ${label.get(items[0].parsed.x ?? Number.NaN) ?? ''}` : ''),
          label: (item) => `${item.dataset.label}: ${(item.parsed.y ?? Number.NaN).toFixed(1)} %`
        }
      },
      chanceLine: chanceLineOptions(chance, 'y', theme.muted)
    }
  }
}

export interface SweepValueChart {
  /** Shows `band`, with the data's chance level marked (null: no mark). */
  show(band: ValueBand, chance?: ChanceLevel | null): void
  setTheme(theme: ChartTheme): void
  destroy(): void
}

export function createSweepValueChart(canvas: HTMLCanvasElement, theme: ChartTheme): SweepValueChart {
  let look = theme
  let shown: ValueBand | null = null
  let level: ChanceLevel | null = null
  const chart = new Chart<'line', BandPoint[]>(canvas, {
    type: 'line', data: { datasets: [] }, options: { animation: false, maintainAspectRatio: false }, plugins: [chanceLine]
  })
  const draw = (): void => {
    if (!shown) return
    chart.data.datasets = bandDatasets(shown, look)
    chart.options = options(shown, look, level)
    chart.update('none')
  }
  return {
    show(band, chance = null) {
      shown = band
      level = chance
      draw()
    },
    setTheme(next) {
      look = next
      draw()
    },
    destroy() {
      chart.destroy()
    }
  }
}

/**
 * What both line charts share about their looks: a view (theme, x extent, log scale, where
 * training diverged) from which their options are rebuilt, and the setters that change one part
 * of it and redraw without animation.
 */
import type { ChartOptions } from 'chart.js'
import type { ChartTheme } from './chartTheme'

export interface ChartView {
  theme: ChartTheme
  lastEpoch: number
  logScale: boolean
  /** x of the divergence marker, or null. */
  diverged: number | null
}

export interface ChartStyle {
  /** Rebuilds the options from the view and redraws. */
  restyle(): void
  setLogScale(log: boolean): void
  setDiverged(x: number | null): void
  /** The x axis reaches at least `epochs` (applied by the next update). */
  setLastEpoch(epochs: number): void
}

/** The part of a chart.js line chart the setters touch. */
interface Restylable {
  options: ChartOptions<'line'>
  update(mode: 'none'): void
}

export function chartStyle<V extends ChartView>(chart: Restylable, view: V, options: (v: V) => ChartOptions<'line'>): ChartStyle {
  const restyle = (): void => {
    chart.options = options(view)
    chart.update('none')
  }
  return {
    restyle,
    setLogScale(log) {
      if (view.logScale === log) return
      view.logScale = log
      restyle()
    },
    setDiverged(x) {
      if (view.diverged === x) return
      view.diverged = x
      restyle()
    },
    setLastEpoch(epochs) {
      view.lastEpoch = epochs
      const x = chart.options.scales?.x
      if (x) x.suggestedMax = epochs
    }
  }
}

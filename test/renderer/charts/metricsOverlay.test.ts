// @vitest-environment happy-dom
/**
 * The metrics chart itself (chart.js on a stand-in 2D context): the current run's best epoch is
 * marked; ticked runs are drawn beside it, every run in one colour, the current one in the
 * theme's text colour; the tooltip lists every run at the epoch under the pointer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMetricsChart, type MetricsChart } from '../../../src/renderer/src/charts/metricsChart'
import type { ChartTheme } from '../../../src/renderer/src/charts/chartTheme'
import type { OverlayRun } from '../../../src/renderer/src/charts/runOverlay'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { historyOf } from '../runs/fixtures'

const THEME: ChartTheme = { text: '#1d232b', muted: '#5b6572', grid: '#eeeeee', surface: '#ffffff', train: '#0072b2', test: '#d55e00', marker: '#cc79a7' }

/** A 2D context that does nothing, enough for chart.js to lay out and "draw". */
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const target: Record<string | symbol, unknown> = { canvas, measureText: () => ({ width: 10, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }) }
  return new Proxy(target, {
    get: (t, key) => (key in t ? t[key] : () => undefined),
    set: (t, key, value) => { t[key] = value; return true }
  }) as unknown as CanvasRenderingContext2D
}

interface ChartInternals {
  data: { datasets: { label?: string; data: { x: number; y: number }[]; borderColor?: unknown }[] }
  options: {
    interaction: unknown
    plugins: { legend: { display?: boolean }; tooltip: { filter: (i: unknown) => boolean; callbacks: { label: (i: unknown) => string } } } }
}

let canvas: HTMLCanvasElement
let chart: MetricsChart
let internals: ChartInternals

beforeEach(async () => {
  canvas = document.createElement('canvas')
  Object.assign(canvas.style, { width: '600px', height: '300px' })
  document.body.append(canvas)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) { return context(this) } as never)
  chart = createMetricsChart(canvas, THEME)
  const { Chart } = await import('chart.js')
  internals = Chart.getChart(canvas) as unknown as ChartInternals
})
afterEach(() => {
  chart.destroy()
  canvas.remove()
  vi.restoreAllMocks()
})

const labels = (): string[] => internals.data.datasets.map((d) => d.label ?? '')
const tooltipLines = (datasetIndex: number, x: number): string | null => {
  const dataset = internals.data.datasets[datasetIndex]
  const item = { dataset, datasetIndex, parsed: { x, y: dataset.data.find((p) => p.x === x)?.y } }
  return internals.options.plugins.tooltip.filter(item) ? internals.options.plugins.tooltip.callbacks.label(item) : null
}

describe('the metrics chart beside other runs', () => {
  it('marks the current run’s best epoch, and keeps it marked as the run trains on', () => {
    chart.show(historyOf(10, 0.8, 6), 12)
    expect(labels()).toEqual(['Train loss', 'Test loss', 'Train accuracy', 'Test accuracy', 'Best epoch'])
    expect(internals.data.datasets[4].data).toEqual([{ x: 5, y: 1 / 6 }])
    expect(tooltipLines(1, 5)).toBe('Test loss: 0.1667 (best epoch)')
    expect(tooltipLines(1, 6)).toBe('Test loss: 0.5500')
    expect(tooltipLines(4, 5), 'the mark itself is not listed twice').toBeNull()
    expect(internals.options.plugins.legend.display).toBe(true)
    expect(chart.points).toBe(10)
  })

  it('draws ticked runs in their colours and the current run in the text colour, and goes back when they are unticked', () => {
    chart.show(historyOf(4), 4)
    const runs: OverlayRun[] = [
      { id: 'aaaaaa', label: 'lr 0.05', colour: RUN_COLOURS[0], slot: 0, history: historyOf(12, 0.81, 9) },
      { id: 'bbbbbb', label: 'hidden 100', colour: RUN_COLOURS[1], slot: 1, history: historyOf(6, 0.75) }
    ]
    chart.setOverlay(runs)
    expect(labels()).toEqual([
      'This run: train loss', 'This run: test loss', 'This run: train accuracy', 'This run: test accuracy', 'This run: best epoch',
      'lr 0.05: test loss', 'lr 0.05: test accuracy', 'lr 0.05: best epoch',
      'hidden 100: test loss', 'hidden 100: test accuracy', 'hidden 100: best epoch'
    ])
    expect(internals.data.datasets[1].borderColor).toBe(THEME.text)
    expect(internals.data.datasets[0].borderColor).toBe('rgba(29, 35, 43, 0.35)')
    expect(internals.data.datasets[5].borderColor).toBe(RUN_COLOURS[0])
    expect(internals.data.datasets[7].data, 'lr 0.05 was best at epoch 8').toEqual([{ x: 8, y: 1 / 9 }])
    expect(internals.options.plugins.legend.display, 'the page shows the legend of runs').toBe(false)
    expect(internals.options.interaction, 'every line’s point at the epoch nearest the pointer').toEqual({ mode: 'nearest', axis: 'x', intersect: false })
    // at epoch 3 the tooltip lists the current run and both ticked runs
    expect([1, 5, 6, 8].map((i) => tooltipLines(i, 3))).toEqual([
      'This run: test loss: 0.2500', 'lr 0.05: test loss: 0.2500', 'lr 0.05: test accuracy: 77.7 %', 'hidden 100: test loss: 0.2500'
    ])
    expect(tooltipLines(5, 8)).toBe('lr 0.05: test loss: 0.1111 (best epoch)')
    expect(chart.points, 'points count the current run only').toBe(4)

    chart.setOverlay([])
    expect(labels()).toEqual(['Train loss', 'Test loss', 'Train accuracy', 'Test accuracy', 'Best epoch'])
    expect(internals.data.datasets[1].borderColor).toBe(THEME.test)
    expect(internals.options.plugins.legend.display).toBe(true)
  })
})

describe('the metrics chart of a run whose training figures are a sample\'s', () => {
  const sampled = historyOf(3).map((m) => ({ ...m, trainMeasured: 2000 }))

  it('names the sample in the training lines, their legend and tooltip, and only there', () => {
    chart.show(sampled, 5)
    expect(labels()).toEqual([
      'Train loss (sample of 2,000 pictures)', 'Test loss', 'Train accuracy (sample of 2,000 pictures)', 'Test accuracy', 'Best epoch'
    ])
    expect(tooltipLines(2, 2)).toBe('Train accuracy (sample of 2,000 pictures): 85.0 %')
    expect(tooltipLines(3, 2)).toBe('Test accuracy: 75.0 %')
    chart.setOverlay([{ id: 'aaaaaa', label: 'lr 0.05', colour: RUN_COLOURS[0], slot: 0, history: historyOf(4) }])
    expect(labels().slice(0, 4)).toEqual([
      'This run: train loss (sample of 2,000 pictures)', 'This run: test loss', 'This run: train accuracy (sample of 2,000 pictures)', 'This run: test accuracy'
    ])
  })

  it('drops the words for a run measured on every training picture', () => {
    chart.show(sampled, 5)
    chart.show(historyOf(2), 5)
    expect(labels()).toEqual(['Train loss', 'Test loss', 'Train accuracy', 'Test accuracy', 'Best epoch'])
  })
})

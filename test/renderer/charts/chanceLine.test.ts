// @vitest-environment happy-dom
/**
 * The chance level on the accuracy charts (chart.js on a stand-in 2D context that records what is
 * drawn): the Training tab's loss-and-accuracy chart and the sweep's best-accuracy chart draw a
 * dotted line at the chance level with its name, none without one; the sweep chart's axis stays
 * on its results and names a level it leaves out at its edge.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { chanceLevel } from '../../../src/core/data/chanceLevel'
import { sweepResults } from '../../../src/core/runs/sweepStats'
import type { ChartTheme } from '../../../src/renderer/src/charts/chartTheme'
import { createMetricsChart } from '../../../src/renderer/src/charts/metricsChart'
import { createSweepValueChart, yExtent } from '../../../src/renderer/src/charts/sweepValueChart'
import { datasetChance } from '../../../src/renderer/src/dataset/chance'
import { valueBand } from '../../../src/renderer/src/sweep/valueBand'
import type { DatasetInfo } from '../../../src/shared/payloads'
import { historyOf } from '../runs/fixtures'

const THEME: ChartTheme = { text: '#1d232b', muted: '#5b6572', grid: '#eeeeee', surface: '#ffffff', train: '#0072b2', test: '#d55e00', marker: '#cc79a7' }
const TEN = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

interface Drawn { texts: { text: string; x: number; y: number; fillStyle: unknown }[]; dashedLines: { from: [number, number]; to: [number, number]; dash: number[] }[] }
let drawn: Drawn

/** A 2D context that records the text drawn and the straight dashed lines stroked. */
function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  let dash: number[] = []
  let path: [number, number][] = []
  const target: Record<string | symbol, unknown> = {
    canvas,
    measureText: (t: string) => ({ width: 6 * t.length, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    setLineDash: (d: number[]) => { dash = d },
    getLineDash: () => dash,
    beginPath: () => { path = [] },
    moveTo: (x: number, y: number) => { path = [[x, y]] },
    lineTo: (x: number, y: number) => { path.push([x, y]) },
    stroke: () => { if (dash.length && path.length === 2) drawn.dashedLines.push({ from: path[0], to: path[1], dash }) },
    fillText: (text: string, x: number, y: number) => { drawn.texts.push({ text, x, y, fillStyle: target.fillStyle }) }
  }
  return new Proxy(target, {
    get: (t, key) => (key in t ? t[key] : () => undefined),
    set: (t, key, value) => { t[key] = value; return true }
  }) as unknown as CanvasRenderingContext2D
}

let canvas: HTMLCanvasElement
let box: HTMLDivElement
beforeEach(() => {
  drawn = { texts: [], dashedLines: [] }
  // a box of 600×300 px, which happy-dom does not lay out by itself
  box = document.createElement('div')
  box.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 600, bottom: 300, width: 600, height: 300, toJSON: () => ({}) })
  canvas = document.createElement('canvas')
  box.append(canvas)
  document.body.append(box)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) { return context(this) } as never)
})
afterEach(() => {
  box.remove()
  vi.restoreAllMocks()
})

const chanceTexts = (): string[] => drawn.texts.map((t) => t.text).filter((t) => /^(chance|always saying)/.test(t))

describe('the chance level on the loss-and-accuracy chart', () => {
  it('is a dotted line across the plot at 10 % for ten even classes, named "chance: 10 %"', async () => {
    const chart = createMetricsChart(canvas, THEME)
    chart.show(historyOf(3, 0.25), 10)
    expect(chanceTexts()).toEqual([])
    drawn = { texts: [], dashedLines: [] }
    chart.setChance(chanceLevel(TEN, Array(10).fill(100)))
    expect(chanceTexts()).toEqual(['chance: 10\u00a0%'])
    const { Chart } = await import('chart.js')
    const scales = Chart.getChart(canvas)!.scales
    const y = scales.accuracy.getPixelForValue(10)
    const line = drawn.dashedLines.find((l) => l.from[1] === y && l.to[1] === y)
    expect(line, 'a horizontal dotted line at 10 % on the accuracy axis').toBeDefined()
    expect(line!.from[0]).toBeCloseTo(Chart.getChart(canvas)!.chartArea.left)
    expect(line!.to[0]).toBeCloseTo(Chart.getChart(canvas)!.chartArea.right)
    expect(drawn.texts.find((t) => t.text.startsWith('chance'))!.fillStyle).toBe(THEME.muted)
    chart.destroy()
  })

  it('names the largest class for uneven classes, and goes when there is no dataset', () => {
    const chart = createMetricsChart(canvas, THEME)
    chart.setChance(chanceLevel(['dog', 'cat'], [27, 73]))
    expect(chanceTexts()).toEqual(['always saying cat: 73\u00a0%'])
    drawn = { texts: [], dashedLines: [] }
    chart.setChance(null)
    expect(chanceTexts()).toEqual([])
    chart.destroy()
  })
})

describe('the chance level on the sweep\'s best-accuracy chart', () => {
  const band = valueBand(sweepResults([0.001, 0.01].flatMap((lr, i) => [0, 1].map((repeat) => ({
    values: [lr], repeat, final: null,
    best: { epoch: 1, trainLoss: 0.3, trainAccuracy: 0.8, testLoss: 0.4, testAccuracy: 0.7 + 0.05 * i + 0.02 * repeat }
  }))), ['learningRate']).axes[0], null)

  it('keeps its axis on the results and names a chance level below it at the edge, or draws the line when it is inside', () => {
    expect(yExtent(band)).toEqual({ min: 65, max: 80 })
    const chart = createSweepValueChart(canvas, THEME)
    chart.show(band, chanceLevel(['night', 'day'], [50, 50]))
    expect(chanceTexts()).toEqual(['chance: 50\u00a0%, below this axis'])
    expect(drawn.dashedLines.filter((l) => l.from[1] === l.to[1])).toEqual([])
    drawn = { texts: [], dashedLines: [] }
    chart.show(band, chanceLevel(['dog', 'cat'], [28, 72]))
    expect(chanceTexts()).toEqual(['always saying cat: 72\u00a0%'])
    chart.destroy()
  })
})

describe('the dataset in use', () => {
  it('gives the chance level of its test split', () => {
    const info = { classes: [{ index: 0, name: 'dog', train: 80, test: 20 }, { index: 1, name: 'cat', train: 240, test: 60 }] } as unknown as DatasetInfo
    expect(datasetChance(info)?.label).toBe('always saying cat: 75\u00a0%')
    expect(datasetChance(null)).toBeNull()
  })
})

/**
 * One small chart of a sweep run (small multiples): test loss (solid) and test accuracy (dashed)
 * per epoch in the run's colour, as on the overlay; accuracy on a fixed 0–100 % scale so that the
 * runs' charts compare at a glance, loss from 0 to the run's highest finite loss; x from epoch 0
 * to the run's planned epochs. Drawn with the 2D canvas directly (dozens of these update a few
 * times a second, which a full chart library would make heavy); smallChartLines is the geometry,
 * pure and tested without a canvas.
 */
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { withAlpha, type ChartTheme } from './chartTheme'

export interface Pixel {
  readonly x: number
  readonly y: number
}

/** The plot's box inside the canvas, in CSS pixels. */
export interface PlotBox {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

export interface SmallChartLines {
  /** runs of points; a loss that is not a number breaks its line. */
  readonly loss: readonly (readonly Pixel[])[]
  readonly accuracy: readonly (readonly Pixel[])[]
  /** the loss at the top of the plot. */
  readonly lossTop: number
}

/** Where each epoch's test loss and test accuracy go in `box`, for a run of `epochs` epochs. */
export function smallChartLines(history: readonly EpochMetrics[], epochs: number, box: PlotBox): SmallChartLines {
  const lastEpoch = Math.max(1, epochs, history.length ? history[history.length - 1].epoch : 0)
  let lossTop = 0
  for (const m of history) if (Number.isFinite(m.testLoss)) lossTop = Math.max(lossTop, m.testLoss)
  lossTop = lossTop > 0 ? lossTop * 1.1 : 1
  const x = (epoch: number): number => box.left + (epoch / lastEpoch) * box.width
  const y = (share: number): number => box.top + (1 - Math.min(1, Math.max(0, share))) * box.height
  const runs = (value: (m: EpochMetrics) => number): Pixel[][] => {
    const out: Pixel[][] = []
    let current: Pixel[] = []
    for (const m of history) {
      const v = value(m)
      if (!Number.isFinite(v)) {
        if (current.length) out.push(current)
        current = []
        continue
      }
      current.push({ x: x(m.epoch), y: y(v) })
    }
    if (current.length) out.push(current)
    return out
  }
  return { loss: runs((m) => m.testLoss / lossTop), accuracy: runs((m) => m.testAccuracy), lossTop }
}

export interface SmallRunChart {
  show(history: readonly EpochMetrics[], epochs: number, colour: string): void
  setTheme(theme: ChartTheme): void
  destroy(): void
}

const PAD = { left: 4, right: 4, top: 6, bottom: 4 }

export function createSmallRunChart(canvas: HTMLCanvasElement, theme: ChartTheme): SmallRunChart {
  let look = theme
  let shown: { history: readonly EpochMetrics[]; epochs: number; colour: string } = { history: [], epochs: 1, colour: theme.text }

  const draw = (): void => {
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    const ratio = globalThis.devicePixelRatio || 1
    const width = canvas.clientWidth || 160
    const height = canvas.clientHeight || 70
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio)
      canvas.height = Math.round(height * ratio)
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    ctx.clearRect(0, 0, width, height)
    const box: PlotBox = { left: PAD.left, top: PAD.top, width: width - PAD.left - PAD.right, height: height - PAD.top - PAD.bottom }
    // 0, 50 and 100 % accuracy
    ctx.strokeStyle = look.grid
    ctx.lineWidth = 1
    ctx.setLineDash([])
    for (const share of [0, 0.5, 1]) {
      const gy = Math.round(box.top + (1 - share) * box.height) + 0.5
      ctx.beginPath()
      ctx.moveTo(box.left, gy)
      ctx.lineTo(box.left + box.width, gy)
      ctx.stroke()
    }
    const lines = smallChartLines(shown.history, shown.epochs, box)
    const stroke = (runs: readonly (readonly Pixel[])[], dash: number[], colour: string): void => {
      ctx.strokeStyle = colour
      ctx.fillStyle = colour
      ctx.lineWidth = 2
      ctx.setLineDash(dash)
      for (const run of runs) {
        ctx.beginPath()
        run.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)))
        ctx.stroke()
        if (run.length === 1) ctx.fillRect(run[0].x - 1.5, run[0].y - 1.5, 3, 3)
      }
    }
    stroke(lines.loss, [], shown.colour)
    stroke(lines.accuracy, [5, 3], withAlpha(shown.colour, 0.85))
  }

  return {
    show(history, epochs, colour) {
      shown = { history, epochs, colour }
      draw()
    },
    setTheme(next) {
      look = next
      draw()
    },
    destroy() {
      const ctx = canvas.getContext('2d')
      ctx?.clearRect(0, 0, canvas.width, canvas.height)
    }
  }
}

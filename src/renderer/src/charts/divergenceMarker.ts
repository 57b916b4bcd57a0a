/**
 * A chart.js plugin that draws a dashed vertical line with a label at one x value: where training
 * diverged (the loss stopped being a sensible number). Set per chart through
 * options.plugins.divergenceMarker = { x, colour, label }; x null draws nothing.
 */
import type { ChartType, Plugin } from 'chart.js'

export interface MarkerOptions {
  x: number | null
  colour: string
  label: string
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    divergenceMarker?: Partial<MarkerOptions>
  }
}

export const divergenceMarker: Plugin<'line', Partial<MarkerOptions>> = {
  id: 'divergenceMarker',
  afterDatasetsDraw(chart, _args, options) {
    const { x, colour = '#cc79a7', label = '' } = options
    const scale = chart.scales.x
    if (x === null || x === undefined || !scale) return
    const px = scale.getPixelForValue(x)
    const { top, bottom, left, right } = chart.chartArea
    if (!(px >= left && px <= right)) return
    const ctx = chart.ctx
    ctx.save()
    ctx.strokeStyle = colour
    ctx.fillStyle = colour
    ctx.lineWidth = 2
    ctx.setLineDash([5, 4])
    ctx.beginPath()
    ctx.moveTo(px, top)
    ctx.lineTo(px, bottom)
    ctx.stroke()
    ctx.setLineDash([])
    ctx.font = '600 12px system-ui, sans-serif'
    const width = ctx.measureText(label).width
    // the label sits beside the line, on whichever side has room
    const onLeft = px + 6 + width > right
    ctx.textAlign = onLeft ? 'right' : 'left'
    ctx.textBaseline = 'top'
    ctx.fillText(label, onLeft ? px - 6 : px + 6, top + 4)
    ctx.restore()
  }
}

/**
 * A chart.js plugin that draws the chance level (src/core/data/chanceLevel.ts) as a dotted
 * horizontal line across the plot on an accuracy axis, labelled at its right end ("chance: 50 %",
 * "always saying cat: 73 %"), so an accuracy reads against what guessing gets; on an axis that
 * leaves the level out, the label alone says so at the plot's edge ("chance: 50 %, below this
 * axis"). Set per chart through options.plugins.chanceLine = { y, scale, colour, label }; y null
 * draws nothing.
 */
import type { ChartType, Plugin } from 'chart.js'
import type { ChanceLevel } from '../../../core/data/chanceLevel'

export interface ChanceLineOptions {
  /** the level in the axis's units (percent), or null. */
  y: number | null
  /** the id of the accuracy axis. */
  scale: string
  colour: string
  label: string
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    chanceLine?: Partial<ChanceLineOptions>
  }
}

/** The plugin's options for `level` on the axis `scale` (in percent); nothing when there is no level. */
export function chanceLineOptions(level: ChanceLevel | null, scale: string, colour: string): Partial<ChanceLineOptions> {
  return level ? { y: 100 * level.share, scale, colour, label: level.label } : { y: null }
}

export const chanceLine: Plugin<'line', Partial<ChanceLineOptions>> = {
  id: 'chanceLine',
  // under the lines, so the runs' points stay on top
  beforeDatasetsDraw(chart, _args, options) {
    const { y, scale: id = 'y', colour = '#5b6572', label = '' } = options
    const scale = chart.scales[id]
    if (y === null || y === undefined || !scale) return
    const py = scale.getPixelForValue(y)
    const { top, bottom, left, right } = chart.chartArea
    const ctx = chart.ctx
    if (!(py >= top && py <= bottom)) {
      // an axis zoomed to the results (the sweep's) may leave the level out: say where it is
      ctx.save()
      ctx.fillStyle = colour
      ctx.font = '600 12px system-ui, sans-serif'
      ctx.textAlign = 'right'
      ctx.textBaseline = py > bottom ? 'bottom' : 'top'
      ctx.fillText(`${label}${py > bottom ? ', below this axis' : ', above this axis'}`, right - 4, py > bottom ? bottom - 4 : top + 4)
      ctx.restore()
      return
    }
    ctx.save()
    ctx.strokeStyle = colour
    ctx.fillStyle = colour
    ctx.lineWidth = 1.5
    ctx.setLineDash([2, 4])
    ctx.beginPath()
    ctx.moveTo(left, py)
    ctx.lineTo(right, py)
    ctx.stroke()
    ctx.setLineDash([])
    ctx.font = '600 12px system-ui, sans-serif'
    ctx.textAlign = 'right'
    // above the line, unless that would leave the plot
    const above = py - 4 - 12 >= top
    ctx.textBaseline = above ? 'bottom' : 'top'
    ctx.fillText(label, right - 4, above ? py - 4 : py + 4)
    ctx.restore()
  }
}

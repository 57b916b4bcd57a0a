/** The heat map of two settings as a table: means in the cells, viridis colours with readable text, the best cell marked, a legend. */
import { describe, expect, it } from 'vitest'
import { sweepResults } from '../../../src/core/runs/sweepStats'
import { heatView, textOn, viridis, VIRIDIS } from '../../../src/renderer/src/sweep/heatMap'
import { sweepOutcome } from '../../../src/renderer/src/sweep/sweepOutcome'
import { liveRuns } from '../../../src/renderer/src/sweep/sweepLive'
import { finishedGrid } from './fixtures'

describe('the heat map', () => {
  it('has a cell per combination with its mean written in it, the lowest dark and the highest light, and one best cell', () => {
    const status = finishedGrid()
    const { results } = sweepOutcome(status.axes, liveRuns(status))
    const view = heatView(results.heatMap!)
    expect(view.rowLabel).toBe('learning rate')
    expect(view.columnLabel).toBe('hidden layers')
    expect(view.rows).toEqual(['0.01', '0.05', '0.1'])
    expect(view.columns).toEqual(['4', '8'])
    expect(view.cells.map((r) => r.map((c) => c.text))).toEqual([
      ['80.5\u00a0%', '82.5\u00a0%'], ['86.5\u00a0%', '90.5\u00a0%'], ['84.5\u00a0%', '85.5\u00a0%']
    ])
    expect(view.cells.flat().filter((c) => c.best).map((c) => c.text)).toEqual(['90.5\u00a0%'])
    expect(view.cells[0][0].background).toBe(viridis(0))
    expect(view.cells[1][1].background).toBe(viridis(1))
    expect(view.cells[0][0].foreground, 'white on dark purple').toBe('#ffffff')
    expect(view.cells[1][1].foreground, 'black on yellow').toBe('#000000')
    expect(view.legend).toEqual({ low: '80.5\u00a0%', high: '90.5\u00a0%', gradient: `linear-gradient(to right, ${VIRIDIS.join(', ')})` })
  })

  it('leaves a combination without results blank, and marks only the first of equal best cells', () => {
    const view = heatView({ ...sweepResults([], ['learningRate', 'hidden']), rows: { setting: 'learningRate', values: [] }, columns: { setting: 'hidden', values: [] }, means: [[0.8, null], [0.8, 0.7]] } as never)
    expect(view.cells[0][1]).toMatchObject({ text: '–', background: 'transparent', best: false })
    expect(view.cells.flat().filter((c) => c.best)).toHaveLength(1)
    expect(view.cells[0][0].best).toBe(true)
  })

  it('interpolates viridis and picks the text colour with more contrast', () => {
    expect(viridis(0)).toBe('rgb(68, 1, 84)')
    expect(viridis(1)).toBe('rgb(253, 231, 37)')
    expect(viridis(0.5)).toBe('rgb(33, 145, 140)')
    expect(viridis(-3)).toBe(viridis(0))
    expect(textOn('rgb(33, 145, 140)')).toBe('#000000')
    expect(textOn('rgb(59, 82, 139)')).toBe('#ffffff')
  })
})

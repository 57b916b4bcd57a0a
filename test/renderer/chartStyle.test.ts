import { describe, expect, it } from 'vitest'
import type { ChartOptions } from 'chart.js'
import { chartStyle, type ChartView } from '../../src/renderer/src/charts/chartStyle'
import type { ChartTheme } from '../../src/renderer/src/charts/chartTheme'

function fake() {
  const chart = { options: { scales: { x: {} } } as ChartOptions<'line'>, updates: 0, update() { this.updates++ } }
  const view: ChartView = { theme: {} as ChartTheme, lastEpoch: 1, logScale: false, diverged: null }
  const built: ChartView[] = []
  const style = chartStyle(chart, view, (v) => { built.push({ ...v }); return { scales: { x: {} } } })
  return { chart, view, built, style }
}

describe('chartStyle', () => {
  it('rebuilds the options and redraws only when a setting really changes', () => {
    const { chart, built, style } = fake()
    style.setLogScale(false)
    style.setDiverged(null)
    expect(chart.updates).toBe(0)
    style.setLogScale(true)
    style.setDiverged(3.5)
    expect(chart.updates).toBe(2)
    expect(built[1]).toMatchObject({ logScale: true, diverged: 3.5 })
  })

  it('stretches the x axis to the planned epochs', () => {
    const { chart, view, style } = fake()
    style.setLastEpoch(12)
    expect(view.lastEpoch).toBe(12)
    expect((chart.options.scales?.x as { suggestedMax?: number }).suggestedMax).toBe(12)
  })
})

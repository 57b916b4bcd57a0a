// @vitest-environment happy-dom
/**
 * The Runs table laid out in Chromium in a 1024-pixel window's tab (640 px): with seven settings
 * differing, the full table is wider than that; compact, it fits, and every run's whole name shows.
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import RunsTable from '../../../src/renderer/src/components/RunsTable.vue'
import { runRows, tableColumns } from '../../../src/renderer/src/runs/runTable'
import { record } from '../runs/fixtures'
import { chromiumPath, inChromium } from './chromiumLayout'

const records = Array.from({ length: 6 }, (_, i) => record({
  id: `run00${i}`,
  name: `sweep c0oixi: learning rate 0.0${i + 1}, hidden layers ${4 + i}, seed ${i}`,
  fingerprint: i % 2 ? 'ab12' : 'cd34',
  settings: { hidden: [4 + i], learningRate: 0.01 * (i + 1), batchSize: 100 + i, epochs: 3 + i, threads: 1 + (i % 3), seed: i }
}))
const rows = runRows(records)
const { columns } = tableColumns(rows, true)

const layout = (compact: boolean): Promise<{ table: number; cut: string[] }> => {
  const wrapper = mount(RunsTable, { props: { rows, columns, slots: new Map(), sort: null, formLocked: false, compact } })
  return inChromium(wrapper, 'src/renderer/src/components/RunsTable.vue', 640, (page) => page.evaluate(() => ({
    table: document.querySelector('table')!.getBoundingClientRect().width,
    cut: [...document.querySelectorAll<HTMLElement>('tbody th[scope=row], tbody th[scope=row] *')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > 640)
      .map((e) => e.innerText)
  })))
}

describe.skipIf(!chromiumPath)('RunsTable in Chromium', () => {
  it('fits a 640-pixel box when compact, with the settings in one column and every name whole', async () => {
    expect(columns.filter((c) => c.setting).length, 'six settings differ').toBe(6)
    const full = await layout(false)
    expect(full.table, 'the full table is wider than the box').toBeGreaterThan(640)
    const compact = await layout(true)
    expect(compact.table).toBeLessThanOrEqual(640)
    expect(compact.cut).toEqual([])
  }, 60_000)
})

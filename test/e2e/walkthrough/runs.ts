/**
 * Runs side by side: two runs recorded in the app's run store (their run.json written as the
 * store writes it, core serializeManifest: "lr 0.01" and "lr 0.05", which overfits from epoch 9) appear in
 * the Runs tab; ticking both puts them on the Training tab's chart beside the current run in
 * their colours, with the legend and the sentence of what changed and what it did; the table
 * sorts by a column from the keyboard; both themes.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { SEED_DEFAULTS, type EpochMetrics } from '../../../src/core/nn/hyperparameters'
import { serializeManifest } from '../../../src/core/runs/manifest'
import { bestEpoch, finalMetrics } from '../../../src/core/runs/summary'
import { RUN_SCHEMA_VERSION, type RunManifest } from '../../../src/core/runs/types'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { openTab, type Walk } from './walk'

const EPOCHS = 14
const row = (epoch: number, trainLoss: number, testLoss: number, trainAccuracy: number, testAccuracy: number): EpochMetrics =>
  ({ epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds: 1.2 })

/** lr 0.01: still learning at the end, 78 % after 14 epochs. */
const steady = Array.from({ length: EPOCHS }, (_, i) => row(i + 1, 0.7 - 0.018 * (i + 1), 0.7 - 0.015 * (i + 1), 0.66 + 0.01 * (i + 1), 0.64 + 0.01 * (i + 1)))
/** lr 0.05: best at epoch 8 (81 %), then test loss rises while training loss falls. */
const fast = Array.from({ length: EPOCHS }, (_, i) => {
  const e = i + 1
  return e <= 8 ? row(e, 0.6 - 0.03 * e, 0.62 - 0.025 * e, 0.68 + 0.02 * e, 0.65 + 0.02 * e) : row(e, 0.6 - 0.03 * e, 0.42 + 0.02 * (e - 8), 0.68 + 0.02 * e, 0.81 - 0.005 * (e - 8))
})

function recorded(id: string, name: string, learningRate: number, history: EpochMetrics[], startedAt: Date): RunManifest {
  return {
    schema: RUN_SCHEMA_VERSION,
    id,
    name,
    startedAt: startedAt.toISOString(),
    endedAt: new Date(startedAt.getTime() + 20_000).toISOString(),
    status: 'finished',
    dataset: { name: 'Demo: day and night landscapes', fingerprint: '5eed0001', trainCount: 10000, testCount: 2000, classNames: ['night', 'day'], classes: 'all', testFraction: null },
    settings: { ...SEED_DEFAULTS, learningRate, epochs: EPOCHS, threads: 2 },
    kernel: 'wasm-simd',
    history,
    best: bestEpoch(history),
    final: finalMetrics(history),
    seconds: history.length * 1.2,
    continuedFrom: null,
    sweep: null,
    writer: { pid: process.pid, host: hostname() },
    appVersion: '0.1.0'
  }
}

/**
 * Records the two runs in the run store of browser mode's settings home (one folder per run,
 * named by its id, holding run.json; docs/runs.md); their ids, older first. The id of the second
 * starts with a digit, as ids may.
 */
export async function recordTwoRuns(configHome: string): Promise<[string, string]> {
  const runs = join(configHome, 'nn-scratch', 'runs')
  const now = Date.now()
  const manifests = [
    recorded('e2ea01', 'lr 0.01', 0.01, steady, new Date(now - 3_600_000)),
    recorded('4e2eb2', 'lr 0.05', 0.05, fast, new Date(now - 1_800_000))
  ]
  for (const m of manifests) {
    await mkdir(join(runs, m.id), { recursive: true })
    await writeFile(join(runs, m.id, 'run.json'), serializeManifest(m))
  }
  return [manifests[0].id, manifests[1].id]
}

/** Pixels of the metrics chart within a small distance of `hex`. */
function pixelsOf(page: Page, hex: string): Promise<number> {
  return page.evaluate((colour) => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid=metrics-chart] canvas')!
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
    let n = 0
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40 && data[i + 3] > 200) n++
    return n
  }, hex)
}

export async function compareTwoRuns({ page, shot }: Walk, configHome: string): Promise<void> {
  const [a, b] = await recordTwoRuns(configHome)
  const panel = await openTab(page, 'Runs')
  const table = panel.getByTestId('runs-table')
  await table.locator(`tr[data-run="${b}"]`).waitFor()
  expect(await panel.getByTestId('runs-store').innerText()).toMatch(/^\d+ runs, [\d.<]+ MB in .*nn-scratch\/runs$/)
  expect(await table.getByRole('rowheader').allInnerTexts().then((t) => t.map((s) => s.replace('✎', '').trim()).filter((s) => s.startsWith('lr '))), 'newest first')
    .toEqual(['lr 0.05', 'lr 0.01'])
  expect(await table.locator('thead th[data-column]').evaluateAll((th) => th.map((h) => h.getAttribute('data-column'))), 'only what differs').toContain('learningRate')
  expect(await table.locator('thead th[data-column=seed]').count()).toBe(0)

  await openTab(page, 'Training')
  const alone = await pixelsOf(page, RUN_COLOURS[0])
  await openTab(page, 'Runs')
  await page.getByLabel(`Show run ${a} on the charts`, { exact: true }).check()
  await page.getByLabel(`Show run ${b} on the charts`, { exact: true }).check()
  const sentence = '“lr 0.05” used learning rate 0.05 instead of 0.01: best test accuracy 81.0\u00a0% instead of 78.0\u00a0%, and it began to overfit at epoch 9.'
  expect(await panel.getByTestId('run-comparison').innerText()).toBe(sentence)
  // sorted by best test accuracy from the keyboard: the header's button, Enter
  await table.locator('th[data-column=bestAccuracy] button').focus()
  await page.keyboard.press('Enter')
  expect(await table.locator('th[data-column=bestAccuracy]').getAttribute('aria-sort')).toBe('descending')
  await shot('runs-table')

  const training = await openTab(page, 'Training')
  const chart = training.getByTestId('metrics-chart')
  expect(await chart.getAttribute('data-overlay')).toBe(`${a} ${b}`)
  expect(await training.getByTestId('run-legend').locator('li').allInnerTexts()).toEqual(['This run', 'lr 0.01', 'lr 0.05'])
  expect(await training.getByTestId('chart-comparison').innerText()).toBe(sentence)
  await page.waitForTimeout(400)
  expect(await pixelsOf(page, RUN_COLOURS[0]), 'the first ticked run is drawn in its colour').toBeGreaterThan(alone + 100)
  expect(await pixelsOf(page, RUN_COLOURS[1]), 'and the second in its own').toBeGreaterThan(100)
  // the tooltip at epoch 9 lists every run there
  const box = (await chart.locator('canvas').boundingBox())!
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.5)
  await shot('runs-overlay')

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.mouse.move(0, 0)
  await shot('dark-runs-overlay')
  await openTab(page, 'Runs')
  await shot('dark-runs-table')
  await page.emulateMedia({ colorScheme: 'light' })
  // the later steps see the current run alone
  await page.getByLabel(`Show run ${a} on the charts`, { exact: true }).uncheck()
  await page.getByLabel(`Show run ${b} on the charts`, { exact: true }).uncheck()
  expect(await chart.getAttribute('data-overlay')).toBe('')
}

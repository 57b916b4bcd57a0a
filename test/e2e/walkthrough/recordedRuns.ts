/**
 * The studio records its own runs: two short trainings on the demo that differ only in the
 * learning rate (0.01, then 0.05) appear at the top of the Runs tab as finished, recorded by the
 * training process as they ran. The newer is the current run (always on the charts); ticking the
 * older draws it beside it, and the sentence says what the learning rate did, in the numbers the
 * two really reached.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { trainNewNetwork } from '../page'
import { openTab, type Walk } from './walk'

const EPOCHS = 2

/** Trains a new network at the learning rate `rate`, to its end. */
async function trainAt(page: Page, rate: string): Promise<void> {
  await page.getByLabel('Learning rate', { exact: true }).fill(rate)
  await trainNewNetwork(page)
}

/** The ids of the runs the Runs tab lists now. */
async function listedRuns(page: Page): Promise<string[]> {
  await openTab(page, 'Runs')
  return page.locator('[data-testid=runs-table] tbody tr[data-run]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run') ?? ''))
}

export async function recordTwoStudioRuns({ page, shot }: Walk): Promise<void> {
  const before = new Set(await listedRuns(page))
  await openTab(page, 'Training')
  await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS))
  await trainAt(page, '0.01')
  await trainAt(page, '0.05')

  const panel = await openTab(page, 'Runs')
  const table = panel.getByTestId('runs-table')
  // the two runs just trained, recorded by the training process (the table keeps the order chosen earlier)
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=runs-table] tr[data-run]').length >= n, before.size + 2)
  const added = (await listedRuns(page)).filter((id) => !before.has(id))
  expect(added).toHaveLength(2)
  const nameOf = async (id: string): Promise<string> => {
    const row = table.locator(`tbody tr[data-run="${id}"]`)
    await row.filter({ hasText: 'finished' }).waitFor()
    return row.getByRole('rowheader').innerText()
  }
  const names = await Promise.all(added.map(nameOf))
  for (const name of names) expect(name).toMatch(/^Demo: day and night landscapes: hidden \d+, learning rate 0\.0[15], seed \d+/)
  const older = added[names.findIndex((n) => n.includes('learning rate 0.01'))]
  const newer = added[names.findIndex((n) => n.includes('learning rate 0.05'))]
  expect(older && newer).toBeTruthy()
  await page.getByLabel(`Show run ${older} on the charts`, { exact: true }).check()
  const sentence = await panel.getByTestId('run-comparison').innerText()
  expect(sentence).toMatch(/^“.+learning rate 0\.05.+” used learning rate 0\.05 instead of 0\.01: best test accuracy (>|<)?[\d.]+\u00a0% instead of (>|<)?[\d.]+\u00a0%/)

  const training = await openTab(page, 'Training')
  // the current run (the newer) is drawn by the chart itself, its record never twice
  expect(await training.getByTestId('metrics-chart').getAttribute('data-overlay')).toBe(older)
  expect(await training.getByTestId('chart-comparison').innerText()).toBe(sentence)
  await shot('recorded-runs-overlay')
  await openTab(page, 'Runs')
  await shot('recorded-runs-table')
}

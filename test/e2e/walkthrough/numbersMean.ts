/**
 * Saying what the numbers mean (issue 11): on the demo's two even classes the Training tab's
 * accuracy axis carries a dotted "chance: 50 %" line (and so do the sweep's charts of accuracy,
 * or name it at their edge), which the chart's description says too; the Runs tab says settings as the form does (ReLU,
 * Centred, He); and a file that is not a model is refused in plain words, with no "tensor list".
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { openTab, type Walk } from './walk'

const CHANCE = 'chance: 50\u00a0%'

/** Does `open`, answering "Discard" if the studio asks first, then waits for `until`. */
async function afterAsking(page: Page, open: () => Promise<void>, until: () => Promise<void>): Promise<void> {
  const question = page.getByRole('dialog')
  await open()
  await Promise.race([question.waitFor().then(() => question.getByRole('button', { name: /^Discard/ }).click()), until()])
  await until()
}

export async function sayWhatTheNumbersMean({ page, shot }: Walk): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  await afterAsking(page, () => page.getByRole('button', { name: 'Use demo', exact: true }).click(),
    () => page.getByTestId('dataset-name').filter({ hasText: /^Demo/ }).waitFor())

  // the Training tab: the line at 50 % for two even classes, named, and said to screen readers
  await openTab(page, 'Training')
  const chart = page.getByTestId('metrics-chart')
  await page.waitForFunction((c) => document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-chance') === c, CHANCE)
  expect(await chart.locator('canvas').getAttribute('aria-label')).toContain(`A dotted line marks the accuracy without learning, ${CHANCE}.`)
  await shot('chance-level-training')

  // the sweep's charts of accuracy carry the same line
  await openTab(page, 'Sweep')
  for (const id of ['sweep-value-chart', 'sweep-overlay']) {
    const charts = page.getByTestId(id)
    for (let i = 0; i < await charts.count(); i++) expect(await charts.nth(i).getAttribute('data-chance'), id).toBe(CHANCE)
  }
  if (await page.getByTestId('sweep-value-chart').count()) {
    await page.getByTestId('sweep-value-chart').first().scrollIntoViewIfNeeded()
    await shot('chance-level-sweep')
  }

  // the Runs tab: settings as the form writes them
  await openTab(page, 'Runs')
  const same = page.getByTestId('runs-same')
  if (await same.count()) {
    const text = await same.innerText()
    expect(text).not.toMatch(/\b(relu|leaky-relu|tanh|sigmoid|centre|standardise|he|xavier)\b(?!-)/)
    expect(text).not.toMatch(/input scaling scale\b/)
  }

  // a file that is not a model: what is wrong and what to do, in plain words
  await openTab(page, 'Training')
  const notice = page.getByTestId('notice').filter({ hasText: /This file is not a model file/ }).first()
  await afterAsking(page, async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open model…' }).click()])
    await chooser.setFiles({ name: 'notes.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('{"these are": "notes, not a model"}') })
  }, () => notice.waitFor())
  const message = await notice.innerText()
  expect(message).toContain('Choose a model file saved by NN Scratch')
  expect(message).not.toMatch(/\btensor|header|JSON|dtype/i)
  await shot('plain-model-message')
}

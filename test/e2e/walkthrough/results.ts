/**
 * The Results tab after the run: the heading agrees with the status line, the confusion matrix
 * counts every test picture once, the prediction grid shows pictures with answers and marks,
 * and a mix-up cell opens its pictures, most confident mistakes first.
 */
import { expect } from 'vitest'
import { canvases, openTab, statusText, type Walk } from './walk'
import { formatPercent as percent } from '../../../src/core/text/percent'

/** "97 %" → 0.97, ">99 %" → 0.995, "<1 %" → 0.005, from a picture's label "(97 % sure)". */
function sureness(label: string): number {
  const m = /\((>|<)?(\d+)\u00a0% sure\)/.exec(label)
  if (!m) throw new Error(`no "sure" in ${label}`)
  return (Number(m[2]) + (m[1] === '>' ? 0.5 : m[1] === '<' ? -0.5 : 0)) / 100
}

export async function readTheResults({ page, shot }: Walk, epochs: number, testCount: number): Promise<void> {
  const panel = await openTab(page, 'Results')
  const heading = panel.getByTestId('results-heading')
  await heading.filter({ hasText: `After epoch ${epochs}:` }).waitFor()
  expect(await heading.innerText()).toMatch(/^After epoch \d+: [<>]?\d+\.\d\u00a0% of the test pictures right · loss \d+\.\d{3}$/)
  const [right, total] = /^(\d+) of the (\d+) test pictures are right/.exec(await panel.getByTestId('results-summary').innerText())!.slice(1).map(Number)
  expect(total).toBe(testCount)
  const status = /Test accuracy ([<>]?\d+\.\d\u00a0%)/.exec(await statusText(page))?.[1]
  expect(status, 'the Results tab and the status line agree').toBe(percent(right / total))

  const table = panel.getByRole('table', { name: /^Confusion matrix of the test pictures/ })
  const cells = table.getByRole('button', { name: /^true (night|day), predicted (night|day): \d+ pictures?$/ })
  expect(await cells.count()).toBe(4)
  const counts = (await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')!)))
    .map((l) => ({ label: l, count: Number(/: (\d+) pictures?$/.exec(l)![1]), right: /true (\w+), predicted \1:/.test(l) }))
  expect(counts.reduce((s, c) => s + c.count, 0), 'every test picture counted once').toBe(testCount)
  expect(await table.locator('tbody td.acc').allInnerTexts(), 'accuracy per class').toHaveLength(2)

  const grid = panel.getByTestId('prediction-grid')
  await grid.getByTestId('prediction').first().waitFor()
  const cards = await grid.getByTestId('prediction').allInnerTexts()
  expect(cards).toHaveLength(24)
  for (const c of cards) expect(c, 'a sign and a word, not colour alone').toMatch(/^[✓✗]\s*(night|day)\s*[<>]?\d+\u00a0%\s*(right|wrong: (night|day))$/)
  for (const p of await canvases(page, '[data-testid=prediction-grid] canvas')) expect(p.distinct).toBeGreaterThan(20)
  await shot('results')

  // the biggest mix-up: its pictures, the network's surest mistakes first
  const worst = counts.filter((c) => !c.right).sort((a, b) => b.count - a.count)[0]
  await table.getByRole('button', { name: worst.label, exact: true }).click()
  await panel.getByTestId('results-cell-title').filter({ hasText: worst.label.replace(/^true/, 'True') }).waitFor()
  const shown = Math.min(worst.count, 24)
  await page.waitForFunction((n) => document.querySelector('[data-testid=prediction-grid]')?.getAttribute('data-count') === String(n), shown)
  if (shown > 0) {
    const labels = await grid.locator('canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')!))
    for (const l of labels) expect(l).toMatch(/, wrong, it is (night|day)\.$/)
    const sure = labels.map(sureness)
    for (let i = 1; i < sure.length; i++) expect(sure[i], `most confident first: ${sure.join(', ')}`).toBeLessThanOrEqual(sure[i - 1])
  } else {
    await panel.getByTestId('results-cell-note').filter({ hasText: /^No \w+ picture was taken for \w+\.$/ }).waitFor()
  }
  await shot('results-mistakes')
  await panel.getByRole('button', { name: 'Show all test pictures' }).click()
  await panel.getByTestId('results-cell-title').waitFor({ state: 'detached' })
}

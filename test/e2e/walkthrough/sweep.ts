/**
 * A sweep from the studio, on the demo: learning rate 0.01, 0.05, 0.1 × hidden 4, 8, two seeds
 * each, three epochs (12 runs, seconds in all). The builder shows the values as chips and what it
 * will cost; while it runs, a small chart per run fills in and the progress counts the runs;
 * at the end, the best run is named, best test accuracy is charted against each setting with
 * the seeds' spread, the heat map has six cells and one best, the table lists the 12 runs best
 * first; Open makes the best run's network the current one. Both themes.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { canvases, openTab, type Walk } from './walk'

const EPOCHS = 3
const RATES = ['0.01', '0.05', '0.1']
const HIDDEN = ['4', '8']

/** Opens the demo again (the step before trained on another dataset), answering the question about unsaved work. */
async function backToTheDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use demo' }).click()
  const question = page.getByRole('dialog')
  await Promise.race([
    question.waitFor().then(() => question.getByRole('button', { name: /^Discard/ }).click()),
    page.getByTestId('dataset-name').filter({ hasText: 'Demo' }).waitFor()
  ])
  await page.getByTestId('dataset-name').filter({ hasText: 'Demo' }).waitFor()
}

const sweepState = (page: Page): Promise<string | null> => page.getByTestId('sweep-panel').getAttribute('data-sweep')

export async function sweepAndOpenTheBest({ page, shot }: Walk): Promise<void> {
  await backToTheDemo(page)
  await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS))
  const panel = await openTab(page, 'Sweep')

  // the builder: the values as chips, a second setting, the cost
  await panel.locator('input[name=sweep-list-0]').fill(RATES.join(', '))
  await panel.getByRole('button', { name: '+ Add a second setting' }).click()
  expect(await panel.locator('select[name=sweep-setting-1]').inputValue()).toBe('hidden')
  await panel.locator('input[name=sweep-list-1]').fill(HIDDEN.join(' | '))
  expect(await panel.locator('[data-axis="0"] [data-testid=sweep-chips] .chip').allInnerTexts()).toEqual(RATES)
  expect(await panel.locator('[data-axis="1"] [data-testid=sweep-chips] .chip').allInnerTexts()).toEqual(HIDDEN)
  expect(await panel.getByTestId('sweep-seeds').innerText()).toMatch(/^Each combination is trained with seeds 1 and 2,/)
  const cost = panel.getByTestId('sweep-cost')
  await cost.filter({ hasText: / epochs, .* on this computer/ }).waitFor()
  expect(await cost.innerText()).toMatch(new RegExp(`^12 runs × ${EPOCHS} epochs, (about \\d+ (s|min)|less than a second) on this computer`))
  await shot('sweep-builder')

  // while it runs: the runs' small charts fill in, the progress counts them
  await panel.getByRole('button', { name: 'Start sweep' }).click()
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sweep-run]').length === 12)
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=sweep-run-state]')].some((s) => /epoch \d|finished/.test(s.textContent ?? '')))
  expect(await panel.getByTestId('sweep-progress').innerText()).toMatch(/^\d+ of 12 runs done/)
  await shot('sweep-running')
  await page.waitForFunction(() => document.querySelector('[data-testid=sweep-panel]')?.getAttribute('data-sweep') !== 'running', null, { timeout: 35_000 })
  expect(await sweepState(page)).toBe('finished')
  // the small charts and the overlay drew every run (a blank canvas has one colour)
  await page.waitForTimeout(400)
  const small = await canvases(page, '[data-testid=sweep-run] canvas')
  expect(small).toHaveLength(12)
  for (const c of small) expect(c.distinct, 'a small chart drew its run').toBeGreaterThan(2)
  expect((await panel.getByTestId('sweep-overlay').getAttribute('data-overlay'))?.split(' ')).toHaveLength(12)

  // the results
  expect(await panel.getByTestId('sweep-progress').innerText()).toMatch(/^All 12 runs done in /)
  const best = await panel.getByTestId('sweep-best').innerText()
  expect(best).toMatch(/^The best run is learning rate (0\.01|0\.05|0\.1), hidden layers [48] with seed [12]: best test accuracy [<>]?\d+\.\d\u00a0% at epoch [1-3]\.$/)
  const charts = panel.getByTestId('sweep-value-chart')
  expect(await charts.evaluateAll((f) => f.map((e) => e.getAttribute('data-setting')))).toEqual(['learning rate', 'hidden layers'])
  expect(await charts.first().locator('canvas').getAttribute('data-scale')).toBe('log')
  expect(await charts.first().locator('tbody th').allInnerTexts()).toEqual(RATES)
  expect(await charts.first().getByTestId('sweep-noise').innerText()).toMatch(/^(The differences between learning rate|Learning rate) /)
  const heat = panel.getByTestId('sweep-heat-map')
  expect(await heat.locator('tbody td').count()).toBe(6)
  expect(await heat.locator('td[data-best]').count()).toBe(1)
  const rows = panel.getByTestId('sweep-runs-table').locator('tbody tr')
  expect(await rows.count()).toBe(12)
  expect(await rows.first().getAttribute('class')).toContain('best')
  const accuracies = (await rows.locator('td:nth-child(5)').allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, '')))
  expect(accuracies, 'best test accuracy first').toEqual([...accuracies].sort((a, b) => b - a))
  await shot('sweep-results')
  // the tab's panel scrolls (scrollIntoView would move the whole window, whose overflow is hidden)
  await heat.evaluate((e) => {
    const scroller = e.closest('[role=tabpanel]')!
    scroller.scrollTop += e.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8
  })
  await shot('sweep-heat-map-and-runs')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot('dark-sweep-heat-map-and-runs')
  await page.emulateMedia({ colorScheme: 'light' })

  // the best run's network becomes the current one: its curves and its settings
  const [, rate, hidden] = /learning rate ([\d.]+), hidden layers (\d+)/.exec(best)!
  await rows.first().getByRole('button', { name: 'Open' }).click()
  // the network trained before the sweep was not saved: opening a run asks first
  const question = page.getByRole('dialog')
  await Promise.race([
    question.waitFor().then(() => question.getByRole('button', { name: 'Open without saving' }).click()),
    page.getByRole('tab', { name: 'Training', selected: true }).waitFor()
  ])
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points')) === n, EPOCHS)
  expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe(rate)
  expect(await page.getByLabel('Units in hidden layer 1').inputValue()).toBe(hidden)
  await openTab(page, 'Training')
  await shot('sweep-best-opened')
}

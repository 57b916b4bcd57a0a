/**
 * Training as a user watches it: the epoch chart grows point by point and the batch-loss chart
 * fills in; pause; the learning rate changed while paused; one epoch stepped (the Results tab
 * shows that epoch's answers); resume to the end; the batch-loss smoothing slider redraws the
 * smoothed line.
 */
import { expect } from 'vitest'
import { recordChartPoints, studioState, waitForState } from '../page'
import { canvases, openTab, statusText, type Walk } from './walk'

/** enough epochs that Pause reaches the run well before it ends. */
export const EPOCHS = 30
/** the learning rate set while paused. */
export const PAUSED_RATE = '0.005'

const points = (w: Walk): Promise<number> => studioState(w.page).then((s) => s.points)

export async function trainPauseStepResume(w: Walk): Promise<void> {
  const { page, shot } = w
  await openTab(page, 'Training')
  await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS))
  const seen = await recordChartPoints(page)
  await page.getByRole('button', { name: 'Train a new network' }).click()
  await waitForState(page, 'running')
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points')) >= 2)

  await page.getByRole('button', { name: 'Pause training' }).click()
  await waitForState(page, 'paused')
  expect(await statusText(page)).toMatch(new RegExp(`^Paused at epoch \\d+ of ${EPOCHS}`))
  // the charts redraw a few times a second: let the last epoch before the pause land
  await page.waitForTimeout(500)
  const pausedAt = await points(w)
  expect(pausedAt).toBeLessThan(EPOCHS)
  expect(Number(await page.getByTestId('batch-loss-chart').getAttribute('data-points')), 'the batch losses so far').toBeGreaterThan(10)
  await page.waitForTimeout(500)
  expect(await points(w), 'the chart does not move while paused').toBe(pausedAt)

  // while paused, the learning rate can change (it applies on resume); the network's shape cannot
  const rate = page.getByLabel('Learning rate', { exact: true })
  expect(await rate.isEditable()).toBe(true)
  expect(await page.getByLabel('Units in hidden layer 1').isDisabled()).toBe(true)
  await rate.fill(PAUSED_RATE)
  await page.getByText('Paused: changes to the learning rate, momentum and L2 apply on resume.').waitFor()
  await shot('training-paused')

  // one epoch, then paused again
  await page.getByRole('button', { name: 'Step one epoch' }).click()
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points')) === n, pausedAt + 1)
  await waitForState(page, 'paused')
  expect(await statusText(page)).toMatch(new RegExp(`^Paused at epoch ${pausedAt + 1} of ${EPOCHS}, after its last batch`))
  // the Results tab follows the run: it shows this very epoch's answers
  const results = await openTab(page, 'Results')
  await results.getByTestId('results-heading').filter({ hasText: `After epoch ${pausedAt + 1}:` }).waitFor()
  expect(await results.getByTestId('prediction').count()).toBe(24)
  await openTab(page, 'Training')

  await page.getByRole('button', { name: 'Resume training' }).click()
  await waitForState(page, 'finished', 30_000)
  expect(await statusText(page)).toMatch(new RegExp(`^Finished: trained ${EPOCHS} epochs\\. Test accuracy [<>]?\\d+\\.\\d\u00a0%\\.`))
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points')) === n, EPOCHS)
  const counts = await seen()
  expect(counts.at(-1)).toBe(EPOCHS)
  expect(counts.length, `the chart grew point by point: ${counts.join(', ')}`).toBeGreaterThanOrEqual(4)
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1])
  expect(await rate.inputValue(), 'the rate set while paused stays').toBe(PAUSED_RATE)

  // the smoothing slider redraws the smoothed line over the faint raw one
  const chart = '[data-testid=batch-loss-chart] canvas'
  await page.waitForTimeout(400)
  const before = (await canvases(page, chart))[0]
  await page.getByLabel('Smoothing of the batch loss').fill('0')
  await page.waitForTimeout(400)
  const raw = (await canvases(page, chart))[0]
  expect(raw.digest, 'smoothing 0 draws another line').not.toBe(before.digest)
  await page.getByLabel('Smoothing of the batch loss').fill('0.9')
  await shot('training-finished')
}

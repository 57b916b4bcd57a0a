/**
 * Never stale (issue 11): a network trained on the two-class demo, then a ten-class file opened,
 * is set aside plainly (one notice, its curves gone, Continue and Step off, the status line and the
 * Results tab saying why, never "tells apart 10 classes" until Refresh); the notices stack below
 * the tabs, over no card; back on the demo it is the current network again, with its results at
 * once. Saved and reopened, it shows "what training changed" since the run began and every
 * batch's loss, as before it was saved.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { RESULTS, ROOT } from '../browserMode'
import { studioState, waitForState } from '../page'
import { canvases, openTab, statusText, type Walk } from './walk'

const field = (page: Page, name: string) => page.getByLabel(name, { exact: true })
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const enabled = (page: Page, name: string): Promise<boolean> => button(page, name).isEnabled()
const batchPoints = (page: Page): Promise<number> =>
  page.getByTestId('batch-loss-chart').getAttribute('data-points').then(Number)

/** Does `open`, answering "Discard" if the studio asks first, and waits for the dataset named `name`. */
async function openDataset(page: Page, open: () => Promise<void>, name: RegExp): Promise<void> {
  const question = page.getByRole('dialog')
  const named = page.getByTestId('dataset-name').filter({ hasText: name })
  await open()
  await Promise.race([question.waitFor().then(() => question.getByRole('button', { name: /^Discard/ }).click()), named.waitFor()])
  await named.waitFor()
}

/** Which notices lie over what shows of a card (its box clipped by the areas that scroll it). */
function noticesOverCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const over: string[] = []
    const cards = [...document.querySelectorAll<HTMLElement>('.card, [data-card], .panel')].filter((c) => c.offsetParent !== null)
    for (const n of document.querySelectorAll<HTMLElement>('[data-testid=notice]')) {
      const a = n.getBoundingClientRect()
      for (const c of cards) {
        if (c.contains(n)) continue
        // what shows of the card: its box within every ancestor that clips it (the tabs' area scrolls)
        const r = c.getBoundingClientRect()
        const b = { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
        for (let p = c.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflow === 'visible') continue
          const q = p.getBoundingClientRect()
          b.left = Math.max(b.left, q.left)
          b.top = Math.max(b.top, q.top)
          b.right = Math.min(b.right, q.right)
          b.bottom = Math.min(b.bottom, q.bottom)
        }
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) over.push(`${n.innerText.slice(0, 40)} over ${c.className}`)
      }
    }
    return over
  })
}

export async function neverStale({ page, shot }: Walk): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 })
  // the notes of earlier steps stay until dismissed (the ten-class step set a network aside too)
  const dismiss = page.getByRole('button', { name: 'Dismiss this message' })
  for (let i = 0; i < 20 && await dismiss.count(); i++) await dismiss.first().click({ timeout: 2000 }).catch(() => undefined)
  await openDataset(page, () => button(page, 'Use demo').click(), /^Demo/)
  await openTab(page, 'Training')
  await field(page, 'Epochs').fill('2')
  await button(page, 'Train a new network').click()
  const question = page.getByRole('dialog')
  await Promise.race([question.waitFor().then(() => question.getByRole('button', { name: /^Discard/ }).click()), waitForState(page, 'running')])
  await waitForState(page, 'finished', 30_000)
  // the chart draws a few times a second: its last batches land just after the end
  let trainedPoints = -1
  for (let seen = await batchPoints(page); seen !== trainedPoints; seen = await batchPoints(page)) {
    trainedPoints = seen
    await page.waitForTimeout(500)
  }
  expect(trainedPoints).toBeGreaterThan(0)
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Save model…').click()])
  const saved = join(RESULTS, 'e2e-never-stale.safetensors')
  await download.saveAs(saved)

  // the ten-class file with all ten classes: the two-class network does not fit
  await openDataset(page, () => page.getByTestId('dataset-file').setInputFiles(join(ROOT, 'test/fixtures/sample_cifar10.bin')), /sample_cifar10\.bin/)
  const data = await openTab(page, 'Data')
  const picker = data.getByTestId('class-picker')
  // the file opens with the classes picked last time (all ten, in the walk before); else all ten now
  const all = picker.getByRole('button', { name: 'All 10' })
  if (await all.isEnabled()) {
    await all.click()
    await picker.getByRole('button', { name: 'Use these classes' }).click()
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=data-panel] tbody th').length === 10)
  await page.getByTestId('status-text').filter({ hasText: /set aside/ }).waitFor()
  expect(await statusText(page)).toMatch(/^The network from before tells apart 2 classes, but sample_cifar10\.bin has 10, so it is set aside/)
  expect(await statusText(page)).not.toMatch(/Test accuracy/)
  expect(await enabled(page, 'Continue training this network'), 'Continue is off').toBe(false)
  expect(await enabled(page, 'Step one epoch'), 'Step is off').toBe(false)
  expect(await enabled(page, 'Train a new network')).toBe(true)
  const notices = page.getByTestId('notice').filter({ hasText: /but sample_cifar10\.bin has 10, so it is set aside/ })
  expect(await notices.count(), 'said once').toBe(1)
  expect(await notices.getByTestId('notice-count').count(), 'and not counted twice').toBe(0)
  await openTab(page, 'Training')
  expect((await studioState(page)).points, 'its curves are not the current run’s').toBe(0)
  expect(await batchPoints(page)).toBe(0)
  expect(await noticesOverCards(page), 'the notices cover no card').toEqual([])
  expect(await page.evaluate(() => !!document.querySelector('footer [data-testid=notices]')), 'in the page’s last row').toBe(true)
  await shot('never-stale-set-aside')
  const results = await openTab(page, 'Results')
  await results.getByTestId('results-set-aside').waitFor()
  expect(await results.getByTestId('results-error').count()).toBe(0)
  expect(await results.innerText()).not.toMatch(/tells apart 10 classes/)

  // the demo again: the network fits, its curves and results come back without Refresh
  await openDataset(page, () => button(page, 'Use demo').click(), /^Demo/)
  await results.getByTestId('results-heading').filter({ hasText: /After epoch 2/ }).waitFor()
  expect(await results.getByTestId('results-error').count()).toBe(0)
  expect(await enabled(page, 'Continue training this network')).toBe(true)
  await openTab(page, 'Training')
  expect((await studioState(page)).points).toBe(2)

  // reopened from its file: "what training changed" since the run began, and every batch's loss
  await button(page, 'Reset the network').click()
  await page.waitForFunction(() => document.querySelector('[data-testid=metrics-chart]')?.getAttribute('data-points') === '0')
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, 'Open model…').click()])
  await chooser.setFiles(saved)
  await page.getByText(/^Opened .*\.safetensors/).first().waitFor()
  await page.waitForFunction((n) => document.querySelector('[data-testid=batch-loss-chart]')?.getAttribute('data-points') === String(n), trainedPoints)
  const training = await openTab(page, 'Training')
  await training.getByText('What training changed', { exact: true }).click()
  await training.locator('.views label.on').filter({ hasText: 'What training changed' }).waitFor()
  // measured from the start it was saved with, the change has a picture in every tile; measured
  // from the weights as opened (the old way), it would be zero everywhere: one flat colour a tile
  await page.waitForTimeout(400)
  const tiles = await canvases(page, '[data-testid=compact-weight-tile]')
  expect(tiles.length).toBeGreaterThan(0)
  expect(tiles.every((t) => t.distinct > 16), 'every tile shows what training changed').toBe(true)
  await shot('never-stale-reopened')
}

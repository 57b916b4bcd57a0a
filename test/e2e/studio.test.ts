/**
 * End to end, as a user would: browser mode (`npm run web`) driven by Debian's Chromium through
 * playwright-core. The demo dataset opens by itself; the user sets 15 hidden units and 8 epochs,
 * trains, watches the chart grow one point per epoch and 15 weight pictures appear, pauses and
 * resumes, saves the model (a download), trains something else, opens the saved model again and
 * sees the same weights and metrics, then opens a file of random bytes and reads a plain error.
 * Screenshots go to test-results/e2e-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, CHROMIUM_ARGS, findChromium, RESULTS, startBrowserMode, type BrowserMode } from './browserMode'
import { gallery, recordChartPoints, settle, studioState, waitForState } from './page'

/** enough epochs that Pause reaches the run before it ends, even on a fast machine. */
const EPOCHS = 8

const executablePath = findChromium()
if (!executablePath && process.env.CI) {
  throw new Error('The end-to-end test needs Chromium at /usr/bin/chromium (Debian package "chromium", installed by .ci/run). Install it, or set CHROMIUM_PATH.')
}
if (!executablePath) console.warn('Skipping the end-to-end test: no Chromium at /usr/bin/chromium (apt-get install chromium).')

describe.skipIf(!executablePath)('the studio in browser mode', () => {
  let app: BrowserMode | undefined
  let browser: Browser | undefined
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true })
    buildApp()
    app = await startBrowserMode()
    browser = await chromium.launch({ executablePath: executablePath!, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
    // a script error or a Content-Security-Policy refusal shows up here
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    await page.goto(app.url)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  }, 30_000)

  it('opens on the demo dataset without choosing a file', async () => {
    await page.getByTestId('dataset-name').filter({ hasText: 'Demo' }).waitFor()
    await page.getByText(/^Ready to train on Demo/).waitFor()
    expect(await page.getByLabel('Hidden units', { exact: true }).inputValue()).toBe('15')
    expect(await page.getByLabel('Learning rate', { exact: true }).inputValue()).toBe('0.01')
  })

  it('trains: the chart grows point by point, 15 weight pictures appear, pause and resume work', async () => {
    await page.getByLabel('Hidden units', { exact: true }).fill('15')
    await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS))
    const points = await recordChartPoints(page)
    await page.getByRole('button', { name: 'Train a new network' }).click()
    await waitForState(page, 'running')

    await page.getByRole('button', { name: 'Pause training' }).click()
    await waitForState(page, 'paused')
    await page.getByText(new RegExp(`^Paused at epoch \\d+ of ${EPOCHS}`)).waitFor()
    const pausedAt = (await studioState(page)).points
    await page.waitForTimeout(700)
    expect((await studioState(page)).points, 'the chart does not move while paused').toBe(pausedAt)
    expect(pausedAt).toBeLessThan(EPOCHS)

    await page.getByRole('button', { name: 'Resume training' }).click()
    await waitForState(page, 'finished', 120_000)
    await page.getByText(new RegExp(`^Finished: trained ${EPOCHS} epochs\\. Test accuracy \\d+\\.\\d %\\.`)).waitFor()

    const seen = await points()
    expect(seen.at(-1)).toBe(EPOCHS)
    // one point more at a time (never a jump straight to the end), strictly increasing
    expect(seen.length, `chart point counts seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3)
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1])

    const tiles = await gallery(page)
    expect(tiles.count).toBe(15)
    expect(tiles.pixels).toHaveLength(15)
    // every tile is a real picture: opaque and not one flat colour
    for (const p of tiles.pixels) expect(p.distinct).toBeGreaterThan(10)
    await settle(page)
    await page.screenshot({ path: join(RESULTS, 'e2e-training.png') })
  })

  it('saves the model and opens it again with the same weights and metrics', async () => {
    const before = await gallery(page)
    const metricsBefore = (await studioState(page)).chartLabel
    expect(metricsBefore).toMatch(new RegExp(`^${EPOCHS} epochs so far\\. After epoch ${EPOCHS}: test accuracy`))

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model…' }).click()])
    const saved = join(RESULTS, 'e2e-model.safetensors')
    await download.saveAs(saved)
    const bytes = readFileSync(saved)
    expect(download.suggestedFilename()).toMatch(/\.safetensors$/)
    expect(bytes.subarray(8, 9).toString()).toBe('{') // a safetensors header follows its 8-byte length

    // something else in between: one epoch of another seed gives other weights and another history
    await page.getByLabel('Epochs', { exact: true }).fill('1')
    await page.getByLabel('Seed', { exact: true }).fill('7')
    await page.getByRole('button', { name: 'Train a new network' }).click()
    await page.getByText(/^Finished: trained 1 epoch\./).waitFor({ timeout: 60_000 })
    await page.waitForFunction((f) => document.querySelector('[data-testid=weight-gallery]')?.getAttribute('data-fingerprint') !== f, before.fingerprint)
    expect((await studioState(page)).points).toBe(1)

    await page.getByTestId('model-file').setInputFiles(saved)
    await page.getByText(/^Opened .*\.safetensors\./).waitFor()
    await page.waitForFunction((f) => document.querySelector('[data-testid=weight-gallery]')?.getAttribute('data-fingerprint') === f, before.fingerprint)
    const after = await gallery(page)
    expect(after.pixels).toEqual(before.pixels)
    const state = await studioState(page)
    expect(state.points).toBe(EPOCHS)
    expect(state.chartLabel).toBe(metricsBefore)
    expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe(String(EPOCHS))
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('1')
    await settle(page)
    await page.screenshot({ path: join(RESULTS, 'e2e-reloaded.png') })
  })

  it('explains in plain words why a file of random bytes is not a dataset', async () => {
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 73 + 41) % 256))
    await page.getByTestId('dataset-file').setInputFiles({ name: 'noise.bin', mimeType: 'application/octet-stream', buffer: noise })
    const alert = page.locator('[data-testid=notice][data-level=error]')
    await alert.waitFor()
    const message = (await alert.innerText()).trim()
    expect(message).toMatch(/noise\.bin|dataset|file/i)
    expect(message).not.toMatch(/Error:|TypeError|undefined|null|\bat .*:\d+|Something went wrong inside/)
    // the demo is still loaded and the page still works
    expect(await page.getByTestId('dataset-name').innerText()).toMatch(/^Demo/)
    await page.screenshot({ path: join(RESULTS, 'e2e-error.png') })
    await alert.getByRole('button', { name: 'Dismiss this message' }).click()
    await alert.waitFor({ state: 'detached' })
  })

  it('follows a dark system theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    expect(background).toBe('rgb(18, 22, 28)')
    await settle(page)
    await page.screenshot({ path: join(RESULTS, 'e2e-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('met no script errors or refused content along the way', () => {
    expect(problems).toEqual([])
    expect(app?.output()).not.toMatch(/Error:|\bat .*:\d+:\d+/)
  })
})

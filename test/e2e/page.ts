/**
 * What the end-to-end test reads off the studio page: the state the root element shows, the
 * chart's point count over time, and the weight gallery's pictures as the canvases hold them.
 */
import type { Page } from 'playwright-core'

export interface StudioState {
  /** data-state of the studio: 'connecting', 'idle', 'running', 'paused' or 'finished'. */
  readonly state: string
  /** points on the metrics chart. */
  readonly points: number
  /** the chart's description for screen readers (the latest metrics in words). */
  readonly chartLabel: string
}

export function studioState(page: Page): Promise<StudioState> {
  return page.evaluate(() => {
    const chart = document.querySelector('[data-testid=metrics-chart]')
    return {
      state: document.querySelector('.studio')?.getAttribute('data-state') ?? '',
      points: Number(chart?.getAttribute('data-points') ?? Number.NaN),
      chartLabel: chart?.querySelector('canvas')?.getAttribute('aria-label') ?? ''
    }
  })
}

export async function waitForState(page: Page, state: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((s) => document.querySelector('.studio')?.getAttribute('data-state') === s, state, { timeout })
}

/**
 * Starts recording every value the chart's point count takes (a MutationObserver in the page),
 * and returns the function that reads the values seen so far, in order.
 */
export async function recordChartPoints(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const chart = document.querySelector('[data-testid=metrics-chart]')
    if (!chart) throw new Error('no metrics chart on the page')
    const seen: number[] = [Number(chart.getAttribute('data-points'))]
    new MutationObserver(() => {
      const n = Number(chart.getAttribute('data-points'))
      if (n !== seen[seen.length - 1]) seen.push(n)
    }).observe(chart, { attributes: true, attributeFilter: ['data-points'] })
    ;(window as unknown as { __chartPoints: number[] }).__chartPoints = seen
  })
  return () => page.evaluate(() => [...(window as unknown as { __chartPoints: number[] }).__chartPoints])
}

export interface TilePixels {
  /** a short digest of the tile's RGBA bytes, to compare tiles exactly. */
  readonly digest: string
  /** how many different colours the tile has. */
  readonly distinct: number
}

export interface Gallery {
  readonly count: number
  readonly fingerprint: string
  readonly pixels: TilePixels[]
}

/** The weight tiles as drawn: every canvas's 32×32 pixels read back with getImageData. */
export function gallery(page: Page): Promise<Gallery> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid=weight-gallery]')
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid=weight-tile]')]
    const pixels = canvases.map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let h = 0x811c9dc5
      const colours = new Set<number>()
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
        for (let k = 0; k < 4; k++) h = Math.imul(h ^ data[i + k], 0x01000193)
      }
      return { digest: (h >>> 0).toString(16), distinct: colours.size }
    })
    return { count: Number(root?.getAttribute('data-tiles')), fingerprint: root?.getAttribute('data-fingerprint') ?? '', pixels }
  })
}

/** Lets the chart's short animations and the progress bar's transition finish before a screenshot. */
export async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(500)
}

/**
 * Presses "Train a new network", answers the question about unsaved work when it comes, and waits
 * for the run's end: the root's state leaves 'finished' when the run starts and comes back to it
 * when it ends (a short run may never show 'running' between two looks).
 */
export async function trainNewNetwork(page: Page): Promise<void> {
  const ended = page.evaluate(() => new Promise<void>((resolve) => {
    const root = document.querySelector('.studio')
    let left = false
    if (!root) return
    new MutationObserver(() => {
      const state = root.getAttribute('data-state')
      if (state !== 'finished') left = true
      else if (left) resolve()
    }).observe(root, { attributes: true, attributeFilter: ['data-state'] })
  }))
  await page.getByRole('button', { name: 'Train a new network' }).click()
  const question = page.getByRole('dialog')
  const asked = await Promise.race([question.waitFor().then(() => true, () => false), ended.then(() => false)])
  if (asked) await question.getByRole('button', { name: 'Discard and train' }).click()
  await ended
}

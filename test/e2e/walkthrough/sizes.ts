/**
 * The studio at every window size (issue 11): with the studio as the walk left it (a trained
 * network, recorded runs, a sweep, tried pictures), every tab at 1024×640, 1280×800, 1920×1080,
 * 2560×1440 and a 1280×800 window zoomed to 125 % (1024×640 CSS pixels at 1.25 device pixels each):
 *   - nothing scrolls sideways: the page is no wider than the window, and no element's edge
 *     passes it (an element inside its own scrolling container may: a wide table scrolls there);
 *   - nothing overlaps: no two cards (the elements marked data-card) overlap, and nothing a card
 *     holds passes its edges (a chart's axis drawn over its neighbour, a clipped title);
 *   - the run controls (Train … Reset) are all in view, and the settings show Seed and Threads
 *     or scroll within themselves;
 *   - a table's row names are whole, and the Data tab's samples stand at least three a row.
 * Every tab at every size is saved as test-results/e2e-<nn>-size-<w>x<h>[-zoom125]-<tab>.png;
 * the window is 1280×800 again at the end.
 */
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Walk } from './walk'

export interface WindowSize {
  /** the window in CSS pixels. */
  readonly width: number
  readonly height: number
  /** device pixels per CSS pixel: 1.25 is a 1280×800 window zoomed to 125 %. */
  readonly scale: number
}

export const SIZES: readonly WindowSize[] = [
  { width: 1024, height: 640, scale: 1 },
  { width: 1280, height: 800, scale: 1 },
  { width: 1920, height: 1080, scale: 1 },
  { width: 2560, height: 1440, scale: 1 },
  { width: 1024, height: 640, scale: 1.25 }
]

/** the walk's own window, put back after each size. */
const WALK_SIZE = { width: 1280, height: 800 }

const TABS = ['Training', 'Weights', 'Results', 'Try', 'Runs', 'Sweep', 'Data'] as const

/** The run controls, by their visible text; every one stays in view at every size. */
const RUN_CONTROLS = ['Train', 'Pause', 'Resume', 'Step', 'Stop', 'Same start', 'Continue', 'Reset']

export const sizeName = (s: WindowSize): string => `${s.width}x${s.height}${s.scale === 1 ? '' : `-zoom${Math.round(s.scale * 100)}`}`

/**
 * Sets the window to `s`; returns how to put it back to the walk's own. The zoom is Chromium's
 * device metrics override, as a zoomed window reports it (devicePixelRatio 1.25); it lasts as
 * long as its session, so the session stays open until the size is put back (and the walk's
 * size is then set again: Playwright's own override went with it).
 */
export async function setSize(page: Page, s: WindowSize): Promise<() => Promise<void>> {
  await page.setViewportSize({ width: s.width, height: s.height })
  const cdp = s.scale === 1 ? null : await page.context().newCDPSession(page)
  await cdp?.send('Emulation.setDeviceMetricsOverride', { width: s.width, height: s.height, deviceScaleFactor: s.scale, mobile: false })
  await page.waitForFunction(([w, h, r]) => innerWidth === w && innerHeight === h && devicePixelRatio === r, [s.width, s.height, s.scale] as const)
  return async () => {
    if (cdp) {
      await cdp.send('Emulation.clearDeviceMetricsOverride')
      await cdp.detach()
      // Playwright sends a size only when it changes
      await page.setViewportSize({ width: WALK_SIZE.width - 1, height: WALK_SIZE.height })
    }
    await page.setViewportSize({ width: WALK_SIZE.width, height: WALK_SIZE.height })
    await page.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h && devicePixelRatio === 1, [WALK_SIZE.width, WALK_SIZE.height] as const)
  }
}

/**
 * What does not fit the window, in words (empty when all is well), read in the page: the page's
 * sideways scroll, elements past the window's edges, overlapping cards, what passes its card's
 * edges, run controls out of view, and Seed and Threads hidden with nothing to scroll to them.
 */
export function layoutProblems(page: Page, runControls: readonly string[]): Promise<string[]> {
  return page.evaluate((controls) => {
    const problems: string[] = []
    const W = innerWidth
    const H = innerHeight
    const SLACK = 0.5
    const name = (e: Element): string => {
      const id = e.id ? `#${e.id}` : ''
      const test = e.getAttribute('data-testid') ? `[data-testid=${e.getAttribute('data-testid')}]` : ''
      const card = e.getAttribute('data-card') ? `[data-card=${e.getAttribute('data-card')}]` : ''
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : ''
      const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)
      return `<${e.tagName.toLowerCase()}${id}${test}${card}${cls}>${text ? ` "${text}"` : ''}`
    }
    const shown = (e: Element): boolean => {
      const r = e.getBoundingClientRect()
      if (r.width < 1 || r.height < 1) return false
      // not in a closed <details>, not visibility: hidden, not the screen readers' words
      return e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) && !e.closest('.sr-only')
    }
    /** the page's own regions: they may scroll up and down, never sideways. */
    const regions = [...document.querySelectorAll('[role=tabpanel], aside, aside *')].filter((e) => {
      const x = getComputedStyle(e).overflowX
      return x === 'auto' || x === 'scroll'
    })
    /** the nearest ancestor (below `stop`) that scrolls sideways by design (a wide table's box), or null. */
    const scroller = (e: Element, stop: Element | null): Element | null => {
      for (let p = e.parentElement; p && p !== stop; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX
        if ((x === 'auto' || x === 'scroll') && !regions.includes(p)) return p
      }
      return null
    }

    const page = document.scrollingElement!
    if (page.scrollWidth > W) problems.push(`the page scrolls sideways: ${page.scrollWidth} px wide in a ${W} px window`)
    for (const r of regions) {
      if (r.getBoundingClientRect().width > 0 && r.scrollWidth > r.clientWidth + 1) problems.push(`${name(r)} scrolls sideways: ${r.scrollWidth} px in ${r.clientWidth}`)
    }

    const all = [...document.body.querySelectorAll('*')].filter(shown)
    for (const e of all) {
      const r = e.getBoundingClientRect()
      if (r.right <= W + SLACK && r.left >= -SLACK) continue
      const s = scroller(e, null)
      if (s && s.getBoundingClientRect().right <= W + SLACK) continue
      problems.push(`${name(e)} passes the window's edge: ${Math.round(r.left)}–${Math.round(r.right)} of ${W} px`)
    }

    const cards = all.filter((e) => e.hasAttribute('data-card'))
    for (let i = 0; i < cards.length; i++) {
      const a = cards[i].getBoundingClientRect()
      for (let j = i + 1; j < cards.length; j++) {
        if (cards[i].contains(cards[j]) || cards[j].contains(cards[i])) continue
        const b = cards[j].getBoundingClientRect()
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (x > 1 && y > 1) problems.push(`${name(cards[i])} and ${name(cards[j])} overlap by ${Math.round(x)}×${Math.round(y)} px`)
      }
      // what a card holds stays within it: sideways always, up and down unless it scrolls there (the card or a box in it)
      for (const e of cards[i].querySelectorAll('*')) {
        if (!shown(e) || scroller(e, cards[i])) continue
        let scrolls = false
        for (let p = e.parentElement; p && !scrolls; p = p === cards[i] ? null : p.parentElement) {
          const y = getComputedStyle(p).overflowY
          scrolls = y === 'auto' || y === 'scroll'
        }
        const r = e.getBoundingClientRect()
        const out = Math.max(a.left - r.left, r.right - a.right, scrolls ? 0 : a.top - r.top, scrolls ? 0 : r.bottom - a.bottom)
        if (out > 1) problems.push(`${name(e)} passes the edge of ${name(cards[i])} by ${Math.round(out)} px`)
      }
    }

    // a table's row names are whole: not cut, and in view within the table's box
    for (const cell of all.filter((e) => e.matches('tbody th[scope=row]'))) {
      const box = scroller(cell, null)?.getBoundingClientRect() ?? new DOMRect(0, 0, W, H)
      const r = cell.getBoundingClientRect()
      if (r.left < box.left - SLACK || r.right > box.right + SLACK) problems.push(`${name(cell)} is not in view in its table's box`)
      for (const t of [cell, ...cell.querySelectorAll('*')]) {
        if (t.scrollWidth > t.clientWidth + 1 && getComputedStyle(t).overflowX !== 'visible') problems.push(`${name(t)} is cut: ${t.scrollWidth} px of text in ${t.clientWidth}`)
      }
    }

    const side = document.querySelector('aside')
    for (const label of controls) {
      const button = [...(side?.querySelectorAll('button') ?? [])].find((b) => (b.textContent ?? '').trim() === label)
      if (!button) { problems.push(`no ${label} button among the run controls`); continue }
      const r = button.getBoundingClientRect()
      if (r.top < -SLACK || r.left < -SLACK || r.bottom > H + SLACK || r.right > W + SLACK) problems.push(`the ${label} button is out of view: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${W}×${H}`)
    }
    for (const label of ['Seed', 'Threads']) {
      const field = [...(side?.querySelectorAll('input') ?? [])].find((i) => i.labels?.[0]?.textContent?.trim() === label || i.getAttribute('aria-label') === label)
      if (!field) { problems.push(`no ${label} field in the settings`); continue }
      const box = field.closest('.side-form') ?? field.parentElement!
      const r = field.getBoundingClientRect()
      const b = box.getBoundingClientRect()
      const inView = r.top >= b.top - SLACK && r.bottom <= b.bottom + SLACK
      if (!inView && box.scrollHeight <= box.clientHeight) problems.push(`the ${label} field is hidden and its panel does not scroll to it`)
    }
    return problems
  }, runControls)
}

/** How many of the first class's sample pictures stand side by side on the Data tab. */
function picturesAcross(page: Page): Promise<number> {
  return page.evaluate(() => {
    const pictures = [...document.querySelectorAll('[data-testid=sample-grid] .pictures')][0]?.children ?? []
    const tops = [...pictures].map((p) => Math.round(p.getBoundingClientRect().top))
    return tops.filter((t) => t === tops[0]).length
  })
}

/** Every tab at one window size: saved, and nothing out of the window or over another. */
export async function fitEveryTab({ page, shot }: Walk, size: WindowSize): Promise<void> {
  const restore = await setSize(page, size)
  try {
    const problems: string[] = []
    for (const name of TABS) {
      const tab = page.getByRole('tab', { name, exact: true })
      await tab.click()
      await page.locator(`#${await tab.getAttribute('aria-controls')}`).waitFor({ state: 'visible' })
      await shot(`size-${sizeName(size)}-${name.toLowerCase()}`)
      for (const p of await layoutProblems(page, RUN_CONTROLS)) problems.push(`${name}: ${p}`)
      if (name === 'Data') {
        const across = await picturesAcross(page)
        if (across < 3) problems.push(`Data: the sample pictures of a class fall to ${across} a row`)
      }
    }
    expect(problems, `at ${sizeName(size)}`).toEqual([])
  } finally {
    await restore()
  }
}

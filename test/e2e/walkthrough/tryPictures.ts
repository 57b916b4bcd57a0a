/**
 * The Try tab at the end of the walk: three new pictures — a night-like landscape (PNG) and a
 * day-like one (JPEG), 400×300, drawn here with sharp, and a JPEG cut short — are asked of the
 * network trained last (whichever dataset it learnt): each readable picture gets its card (the
 * original, what the network sees, a bar per class adding up to 100 %, the contribution map with
 * its legend), the damaged file says why it could not be used. Then a recorded run on the demo,
 * trained earlier in the walk, is compared side by side: it tells the night picture from the day one.
 */
import sharp from 'sharp'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { canvases, type Walk } from './walk'

/** A landscape like the demo's at 400×300: sky, a sun or a moon, hills; stars at night, clouds by day. */
function landscapeSvg(day: boolean): string {
  const sky = day ? '#8cc4f0' : '#0b1236'
  const ground = day ? '#3f9a3a' : '#0f1f12'
  const light = day ? '<circle cx="300" cy="70" r="34" fill="#ffe14a"/>' : '<circle cx="90" cy="65" r="22" fill="#e8e8d0"/>'
  const extras = day
    ? '<ellipse cx="120" cy="80" rx="60" ry="18" fill="#ffffff"/><ellipse cx="200" cy="50" rx="40" ry="12" fill="#ffffff"/>'
    : [[40, 30], [160, 40], [220, 90], [330, 35], [370, 110], [260, 20], [130, 120]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="2" fill="#ffffff"/>`).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="${sky}"/>${light}${extras}` +
    `<path d="M0 190 Q 100 160 200 185 T 400 180 V 300 H 0 Z" fill="${ground}"/></svg>`
}

async function newPictures(): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const night = await sharp(Buffer.from(landscapeSvg(false))).png().toBuffer()
  const day = await sharp(Buffer.from(landscapeSvg(true))).jpeg({ quality: 90 }).toBuffer()
  // a photo cut short in the middle of its data
  const broken = day.subarray(0, Math.floor(day.length / 3))
  return [
    { name: 'night-hills.png', mimeType: 'image/png', buffer: night },
    { name: 'day-hills.jpg', mimeType: 'image/jpeg', buffer: day },
    { name: 'broken-photo.jpg', mimeType: 'image/jpeg', buffer: broken }
  ]
}

async function openTryTab(page: Page): Promise<Locator> {
  const tab = page.getByRole('tab', { name: 'Try', exact: true })
  await tab.click()
  const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`)
  await panel.waitFor({ state: 'visible' })
  return panel
}

/** The shares a card's bars give, in the order shown, e.g. [0.97, 0.03]. */
async function shares(card: Locator): Promise<number[]> {
  const labels = await card.getByTestId('class-bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('aria-label') ?? ''))
  return labels.map((l) => Number(/: [<>]?(\d+\.\d)\u00a0%$/.exec(l)![1]) / 100)
}

export async function tryNewPictures({ page, shot }: Walk): Promise<void> {
  const panel = await openTryTab(page)
  await panel.getByTestId('try-drop').waitFor()
  await panel.getByTestId('try-pictures').setInputFiles(await newPictures())
  const cards = panel.getByTestId('try-card')
  await page.waitForFunction(() => document.querySelector('[data-testid=try-cards]')?.getAttribute('data-count') === '3')
  await page.waitForFunction(() => document.querySelector('[data-testid=try-panel]')?.getAttribute('data-busy') === 'false')

  const broken = cards.filter({ has: page.getByTestId('try-problem') })
  expect(await broken.count()).toBe(1)
  expect(await broken.getAttribute('data-name')).toBe('broken-photo.jpg')
  expect(await broken.getByTestId('try-problem').innerText()).toMatch(/^NN Scratch could not use this file: [A-Z][^\n]*\.$/)
  expect(await broken.getByTestId('try-problem').innerText()).not.toMatch(/sharp|vips|Error|\bat .*:\d+/)

  // the current network's classes are named as the dataset's are now ("48 training, 12 test pictures · Sunny / Sea")
  const classes = (await page.getByTestId('dataset-summary').innerText()).split(' · ').pop()!.split(' / ').sort()
  for (const name of ['night-hills.png', 'day-hills.jpg']) {
    const card = panel.locator(`[data-testid=try-card][data-name="${name}"]`)
    const named = await card.getByTestId('class-bar').evaluateAll((bars) => bars.map((b) => b.querySelector('.name')?.textContent ?? ''))
    expect(named.sort(), 'the classes as the Data tab names them').toEqual(classes)
    // the original, decoded by the browser at twice the card's width, the aspect kept (400×300)
    await expect.poll(() => card.getByTestId('try-original').evaluate((c: HTMLCanvasElement) => [c.width, c.height])).toEqual([340, 255])
    const p = await shares(card)
    expect(p.length, 'a bar per class').toBeGreaterThanOrEqual(2)
    expect(p.reduce((s, v) => s + v, 0), `${name}: the shares add up to all`).toBeCloseTo(1, 1)
    for (let i = 1; i < p.length; i++) expect(p[i], 'the answer first').toBeLessThanOrEqual(p[i - 1])
    expect(await card.getByTestId('try-says').innerText()).toMatch(/^It says \S/)
  }
  // the originals, what the network sees and its maps: real pictures, many colours each
  const drawn = await canvases(page, '[data-testid=try-card][data-problem=false] canvas')
  expect(drawn).toHaveLength(2 * 3)
  for (const c of drawn) expect(c.distinct).toBeGreaterThan(20)
  const legend = await panel.getByTestId('contribution-legend').innerText()
  expect(legend).toContain('Red: pixels that pushed the network towards its answer')
  expect(legend).toContain('Blue: pixels that pushed it away')
  await shot('try-pictures')

  // a recorded run on the demo, side by side: it tells night from day
  const runs = panel.getByTestId('try-run')
  const demoRun = await runs.locator('option[data-dataset^="Demo"]').first().getAttribute('value')
  expect(demoRun, 'a recorded demo run to compare').toBeTruthy()
  await runs.selectOption(demoRun!)
  await expect.poll(() => panel.getByTestId('try-model').count()).toBe(2)
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=try-card][data-name="night-hills.png"] [data-testid=try-answer]').length === 2)
  await page.waitForFunction(() => document.querySelector('[data-testid=try-panel]')?.getAttribute('data-busy') === 'false')
  const answers = async (name: string): Promise<string[]> =>
    panel.locator(`[data-testid=try-card][data-name="${name}"] [data-testid=try-answer]`).evaluateAll((as) => as.map((a) => a.getAttribute('data-answer') ?? ''))
  expect((await answers('night-hills.png'))[1]).toBe('night')
  expect((await answers('day-hills.jpg'))[1]).toBe('day')
  await shot('try-compare')
}

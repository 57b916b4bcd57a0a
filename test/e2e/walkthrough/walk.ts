/**
 * What every step of the end-to-end walkthrough shares: the page, numbered screenshots under
 * test-results/ (e2e-01-data.png, …), and small readers of what the page shows (a canvas's
 * pixels, a tab, the status line) that the steps would otherwise each spell out.
 */
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { RESULTS } from '../browserMode'

export interface Walk {
  readonly page: Page
  /** Lets animations settle, then saves test-results/e2e-<nn>-<name>.png; returns its path. */
  shot(name: string): Promise<string>
  /** every screenshot saved so far, in order. */
  readonly shots: string[]
}

export function walk(page: Page): Walk {
  const shots: string[] = []
  return {
    page,
    shots,
    async shot(name) {
      await page.waitForTimeout(400)
      const path = join(RESULTS, `e2e-${String(shots.length + 1).padStart(2, '0')}-${name}.png`)
      await page.screenshot({ path })
      shots.push(path)
      return path
    }
  }
}

/** Opens a tab of the main area by its name and waits until its panel shows. */
export async function openTab(page: Page, name: 'Training' | 'Weights' | 'Results' | 'Runs' | 'Sweep' | 'Data'): Promise<Locator> {
  const tab = page.getByRole('tab', { name, exact: true })
  await tab.click()
  const panel = page.locator(`#${await tab.getAttribute('aria-controls')}`)
  await panel.waitFor({ state: 'visible' })
  return panel
}

export async function statusText(page: Page): Promise<string> {
  return (await page.getByTestId('status-text').innerText()).trim()
}

export interface CanvasPixels {
  /** FNV-1a of the RGBA bytes, to tell drawings apart exactly. */
  readonly digest: string
  /** how many different colours it holds. */
  readonly distinct: number
}

/** The pixels of every canvas matching `selector`, read back with getImageData. */
export function canvases(page: Page, selector: string): Promise<CanvasPixels[]> {
  return page.evaluate((sel) => [...document.querySelectorAll<HTMLCanvasElement>(sel)].map((c) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let h = 0x811c9dc5
    const colours = new Set<number>()
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
      for (let k = 0; k < 4; k++) h = Math.imul(h ^ data[i + k], 0x01000193)
    }
    return { digest: (h >>> 0).toString(16), distinct: colours.size }
  }), selector)
}

/** A number attribute of the first element matching `selector`. */
export async function numberAttribute(page: Page, selector: string, name: string): Promise<number> {
  return Number(await page.locator(selector).first().getAttribute(name))
}

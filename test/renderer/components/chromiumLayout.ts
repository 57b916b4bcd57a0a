/**
 * A mounted component as Chromium lays it out, for what only real layout shows (text cut short,
 * something sticking out): happy-dom has no layout, so the HTML a test mounted goes into a
 * headless Chromium page with base.css and the component's own scoped styles, compiled by
 * @vue/compiler-sfc with the scope id the mounted elements carry, as the app's build does.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compileStyle, parse } from '@vue/compiler-sfc'
import type { VueWrapper } from '@vue/test-utils'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, findChromium, ROOT } from '../../e2e/browserMode'

export const chromiumPath = findChromium()

/** The <style scoped> blocks of the SFC at `path` (from the repository root), scoped to `id` (data-v-…). */
function scopedCss(path: string, id: string): string {
  const { descriptor } = parse(readFileSync(join(ROOT, path), 'utf8'), { filename: path })
  return descriptor.styles.map((s) => {
    const r = compileStyle({ source: s.content, filename: path, id, scoped: s.scoped })
    if (r.errors.length) throw r.errors[0]
    return r.code
  }).join('\n')
}

/**
 * Opens `wrapper`'s HTML, `width` pixels wide, with base.css and the styles of `sfc` (the mounted
 * component's file), runs `look` on the page, and closes Chromium again.
 */
export async function inChromium<T>(wrapper: VueWrapper, sfc: string, width: number, look: (page: Page) => Promise<T>): Promise<T> {
  const id = (wrapper.element as Element).getAttributeNames().find((a) => a.startsWith('data-v-'))
  if (!id) throw new Error(`the root of ${sfc} has no scope id: is its <style> scoped?`)
  const css = readFileSync(join(ROOT, 'src/renderer/src/base.css'), 'utf8') + '\n' + scopedCss(sfc, id)
  const browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: width + 40, height: 800 } })
    await page.setContent(`<!doctype html><html lang="en"><head><style>${css}</style></head><body><div id="host" style="width: ${width}px">${wrapper.html()}</div></body></html>`)
    return await look(page)
  } finally {
    await browser.close()
  }
}

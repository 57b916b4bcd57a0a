/**
 * base.css's colours in both themes: every colour used for text reads at WCAG AA (4.5:1) on the
 * page's surfaces, the ratio axe-core's color-contrast rule checks. The warning amber (3.6:1) and
 * the vermillion of a vote against (3.9:1) failed it on white.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(join(import.meta.dirname, '../../src/renderer/src/base.css'), 'utf8')

/** The custom properties of the first block after `start`. */
function properties(start: string): Record<string, string> {
  const at = css.indexOf(start)
  const block = css.slice(css.indexOf('{', at + start.length - 1) + 1, css.indexOf('}', at))
  return Object.fromEntries([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]))
}

const light = properties(':root {')
const dark = { ...light, ...properties('@media (prefers-color-scheme: dark) {\n  :root {') }

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const TEXT = ['--text', '--muted', '--danger', '--warning', '--vote-for', '--vote-against', '--accent']
const ON = ['--surface', '--background']

describe('base.css colours', () => {
  it.each([['light', light], ['dark', dark]] as const)('reads at 4.5:1 or more in the %s theme', (_, theme) => {
    const low: string[] = []
    for (const text of TEXT) {
      for (const on of ON) {
        expect(theme[text], text).toMatch(/^#[0-9a-f]{6}$/)
        const ratio = contrast(theme[text], theme[on])
        if (ratio < 4.5) low.push(`${text} ${theme[text]} on ${on} ${theme[on]}: ${ratio.toFixed(2)}`)
      }
    }
    // the buttons that go ahead: their text on their colour
    for (const fill of ['--accent', '--danger']) {
      const ratio = contrast(theme['--accent-text'], theme[fill])
      if (ratio < 4.5) low.push(`--accent-text on ${fill}: ${ratio.toFixed(2)}`)
    }
    expect(low).toEqual([])
  })
})

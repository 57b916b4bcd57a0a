/**
 * WCAG 2.5.3 "label in name", as axe-core's label-content-name-mismatch checks it: an element
 * named by aria-label must hold its visible text in that name, so that people who say what they
 * see ("click 37") reach it. Returns "aria-label ← visible text" for each element that does not;
 * text of symbols alone (‹, ✎) has nothing to say aloud, and axe leaves it out too.
 */
import type { VueWrapper } from '@vue/test-utils'

/** letters, digits and single spaces, lower case: what is said aloud ("Delete…" is "delete"). */
const words = (s: string): string => s.replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase()

export function labelsWithoutTheirText(wrapper: VueWrapper): string[] {
  return wrapper.findAll('button[aria-label], a[aria-label], [role=button][aria-label]')
    .map((e) => ({ name: words(e.attributes('aria-label')!), text: words(e.text()) }))
    .filter(({ name, text }) => text !== '' && !name.includes(text))
    .map(({ name, text }) => `${name} ← ${text}`)
}

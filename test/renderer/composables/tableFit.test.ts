/** A table wider than its box turns compact, and full again only once the box is as wide as it needed. */
import { describe, expect, it } from 'vitest'
import { FULL_TABLE, nextFit } from '../../../src/renderer/src/composables/useTableFit'

describe('whether a table fits its box', () => {
  it('stays full while it fits, turns compact when wider, remembering the width it needed', () => {
    expect(nextFit(FULL_TABLE, 900, 880)).toBe(FULL_TABLE)
    expect(nextFit(FULL_TABLE, 900, 901), 'a pixel of rounding is not too wide').toBe(FULL_TABLE)
    expect(nextFit(FULL_TABLE, 900, 1215)).toEqual({ compact: true, needs: 1215 })
  })

  it('turns full again only once the box is as wide as the full table needed: no flicker in between', () => {
    const compact = nextFit(FULL_TABLE, 900, 1215)
    // the compact table is narrower: it fits, but the full one still would not
    expect(nextFit(compact, 900, 640)).toBe(compact)
    expect(nextFit(compact, 1214, 640)).toBe(compact)
    expect(nextFit(compact, 1215, 640)).toBe(FULL_TABLE)
  })

  it('leaves a hidden box (another tab open) as it was', () => {
    const compact = nextFit(FULL_TABLE, 900, 1215)
    expect(nextFit(compact, 0, 0)).toBe(compact)
    expect(nextFit(FULL_TABLE, 0, 1215)).toBe(FULL_TABLE)
  })
})

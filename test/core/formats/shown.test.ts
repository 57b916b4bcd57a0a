import { describe, expect, it } from 'vitest'
import { MAX_SHOWN, shownName, shownNames } from '../../../src/core/formats/shown'

describe('shownName and shownNames', () => {
  it('quotes a name, replaces control characters and keeps other text as it is', () => {
    expect(shownName('x_train')).toBe('"x_train"')
    expect(shownName('a\nb\u0000c\u007f')).toBe('"a?b?c?"')
    expect(shownName('données é 猫')).toBe('"données é 猫"')
  })

  it('cuts a long name to MAX_SHOWN characters', () => {
    expect(shownName('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(MAX_SHOWN)}…"`)
  })

  it('lists at most eight names, or as many as asked, and says how many more', () => {
    const names = Array.from({ length: 11 }, (_, i) => `n${i}`)
    expect(shownNames(names.slice(0, 2))).toBe('"n0", "n1"')
    expect(shownNames(names)).toBe('"n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", and 3 more')
    expect(shownNames(names, 2)).toBe('"n0", "n1", and 9 more')
  })
})

import { describe, expect, it } from 'vitest'
import { parsePyLiteral } from '../../../src/core/formats/pyLiteral'

describe('parsePyLiteral', () => {
  it('reads the dict numpy writes into a .npy header', () => {
    const v = parsePyLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }   ")
    expect(v).toEqual(new Map<string, unknown>([['descr', '<f4'], ['fortran_order', false], ['shape', [3, 4]]]))
  })

  it('reads tuples of every length, lists, None, escapes and negative numbers', () => {
    expect(parsePyLiteral('()')).toEqual([])
    expect(parsePyLiteral('(7,)')).toEqual([7])
    expect(parsePyLiteral("[('a', '<i4'), ('b', [1, -2])]")).toEqual([['a', '<i4'], ['b', [1, -2]]])
    expect(parsePyLiteral('None')).toBeNull()
    expect(parsePyLiteral(String.raw`'it\'s \\ "x"'`)).toBe('it\'s \\ "x"')
  })

  it('refuses anything that is not a plain literal', () => {
    for (const text of [
      "__import__('os')", '{1: 2}', '(1, 2', '1.5', '3j', "'open", '{"a" 1}', '(1 2)', 'True False',
      '[' .repeat(100) + ']'.repeat(100), "'\\x41'"
    ]) {
      expect(() => parsePyLiteral(text), text).toThrow(/Python literal/)
    }
  })
})

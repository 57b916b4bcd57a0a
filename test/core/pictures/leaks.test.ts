import { describe, expect, it } from 'vitest'
import { findLeaks } from '../../../src/core/pictures/leaks'

/** count rows of `inputs` bytes, row i derived from seeds[i] (xorshift32). */
function rows(seeds: readonly number[], inputs: number, offset = 0): Uint8Array {
  const buf = new Uint8Array(offset + seeds.length * inputs)
  const x = buf.subarray(offset)
  seeds.forEach((seed, r) => {
    let s = seed * 2654435761 || 1
    for (let i = 0; i < inputs; i++) {
      s ^= s << 13
      s ^= s >>> 17
      s ^= s << 5
      x[r * inputs + i] = s & 255
    }
  })
  return x
}

describe('findLeaks', () => {
  it('finds the test rows identical to training rows, with the first such training row', () => {
    const train = rows([1, 2, 3, 4, 2], 3072)
    const test = rows([5, 2, 6, 4, 4], 3072)
    expect(findLeaks(train, 5, test, 5, 3072)).toEqual([
      { test: 1, train: 1 },
      { test: 3, train: 3 },
      { test: 4, train: 3 }
    ])
  })

  it('finds nothing when no row repeats, and nothing in empty splits', () => {
    expect(findLeaks(rows([1, 2, 3], 3072), 3, rows([4, 5], 3072), 2, 3072)).toEqual([])
    expect(findLeaks(new Uint8Array(0), 0, rows([1], 3072), 1, 3072)).toEqual([])
    expect(findLeaks(rows([1], 3072), 1, new Uint8Array(0), 0, 3072)).toEqual([])
  })

  it('tells rows that differ in one byte apart', () => {
    const train = rows([7], 3072)
    const test = train.slice()
    test[3071] ^= 1
    expect(findLeaks(train, 1, test, 1, 3072)).toEqual([])
    test[3071] ^= 1
    expect(findLeaks(train, 1, test, 1, 3072)).toEqual([{ test: 0, train: 0 }])
  })

  it('reads rows that do not start on a 4-byte boundary, and odd row widths', () => {
    const train = rows([1, 2, 3], 3072, 1)
    const test = rows([3, 9], 3072, 3)
    expect(findLeaks(train, 3, test, 2, 3072)).toEqual([{ test: 0, train: 2 }])
    expect(findLeaks(rows([1, 2, 3], 3072), 3, test, 2, 3072)).toEqual([{ test: 0, train: 2 }])
    expect(findLeaks(train, 3, rows([3, 2], 3072), 2, 3072)).toEqual([{ test: 0, train: 2 }, { test: 1, train: 1 }])
    expect(findLeaks(rows([1, 2], 7), 2, rows([2, 1, 3], 7), 3, 7)).toEqual([{ test: 0, train: 1 }, { test: 1, train: 0 }])
  })

  it('finds thousands of leaks among many rows', () => {
    const n = 5000
    const train = rows(Array.from({ length: n }, (_, i) => i + 1), 3072)
    const test = rows(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i + 1 : n + i + 1)), 3072)
    const leaks = findLeaks(train, n, test, n, 3072)
    expect(leaks).toHaveLength(n / 2)
    expect(leaks.every((l) => l.test === l.train && l.test % 2 === 0)).toBe(true)
  })

  it('throws RangeError when the rows do not fit the arrays', () => {
    expect(() => findLeaks(new Uint8Array(10), 1, new Uint8Array(0), 0, 3072)).toThrow(RangeError)
  })
})

describe('findLeaks with many copies of one picture', () => {
  it('stays fast when the training split holds the same picture thousands of times', () => {
    const n = 20000
    const train = new Uint8Array(n * 3072) // all black
    const test = new Uint8Array(n * 3072)
    const started = performance.now()
    const leaks = findLeaks(train, n, test, n, 3072)
    expect(leaks).toHaveLength(n)
    expect(leaks[n - 1]).toEqual({ test: n - 1, train: 0 })
    // quadratic work (20,000 × 20,000 row comparisons) would take minutes
    expect(performance.now() - started).toBeLessThan(20_000)
  })
})

import { describe, it, expect } from 'vitest'
import { stratifiedSplit, stratifiedSplitInPlace, testCountForClass } from '../../../src/core/data/split'
import { classCounts } from '../../../src/core/data/dataset'

/** count rows of `inputs` bytes; row i is filled with i % 256 and labelled labels[i]. */
function rows(labels: number[], inputs: number): { x: Uint8Array; y: Uint8Array } {
  const x = new Uint8Array(labels.length * inputs)
  for (let i = 0; i < labels.length; i++) x.fill(i % 256, i * inputs, (i + 1) * inputs)
  return { x, y: Uint8Array.from(labels) }
}

describe('stratifiedSplit', () => {
  // 50 of class 0, 30 of class 1, 15 of class 2, 1 of class 3
  const labels = [...Array(50).fill(0), ...Array(30).fill(1), ...Array(15).fill(2), 3]
  const { x, y } = rows(labels, 4)

  it('keeps each class in proportion', () => {
    const { train, test } = stratifiedSplit(x, y, 4, 0.2, 7)
    expect(classCounts(test, 4)).toEqual([10, 6, 3, 0])
    expect(classCounts(train, 4)).toEqual([40, 24, 12, 1])
    expect(train.count + test.count).toBe(96)
    expect(train.x.length).toBe(train.count * 4)
  })

  it('moves whole rows with their labels', () => {
    const { train, test } = stratifiedSplit(x, y, 4, 0.2, 7)
    const seen = new Set<number>()
    for (const s of [train, test]) {
      for (let r = 0; r < s.count; r++) {
        const i = s.x[r * 4]
        expect(s.x[r * 4 + 3]).toBe(i)
        expect(s.y[r]).toBe(labels[i])
        seen.add(i)
      }
    }
    expect(seen.size).toBe(96)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const a = stratifiedSplit(x, y, 4, 0.2, 7)
    const b = stratifiedSplit(x, y, 4, 0.2, 7)
    const c = stratifiedSplit(x, y, 4, 0.2, 8)
    expect(Array.from(a.test.x)).toEqual(Array.from(b.test.x))
    expect(Array.from(a.test.x)).not.toEqual(Array.from(c.test.x))
  })

  it('keeps rows in their original order within each split', () => {
    const { train } = stratifiedSplit(x, y, 4, 0.2, 3)
    for (let r = 1; r < train.count; r++) expect(train.x[r * 4]).toBeGreaterThan(train.x[(r - 1) * 4])
  })

  it('gives every class with two or more examples at least one test example', () => {
    expect(testCountForClass(2, 0.2)).toBe(1)
    expect(testCountForClass(3, 0.01)).toBe(1)
    expect(testCountForClass(1, 0.5)).toBe(0)
    expect(testCountForClass(10, 0.99)).toBe(9)
    const small = rows([0, 0, 1, 1, 1], 2)
    const { test } = stratifiedSplit(small.x, small.y, 2, 0.1, 1)
    expect(classCounts(test, 2)).toEqual([1, 1])
  })

  it('refuses a test share outside 0..1', () => {
    expect(() => stratifiedSplit(x, y, 4, 1.5, 1)).toThrow(/between 0 and 1 \(for example 0.2 for 20%\); it was 1.5/)
    expect(() => stratifiedSplit(x, y, 4, 0, 1)).toThrow(/between 0 and 1/)
  })
})

describe('stratifiedSplitInPlace', () => {
  it('makes the split stratifiedSplit makes, the training rows moved within x and only the test rows copied, into room', () => {
    const labels = Array.from({ length: 300 }, (_, i) => (i * 7) % 3)
    for (const seed of [0, 5]) {
      const { x, y } = rows(labels, 12)
      const expected = stratifiedSplit(x.slice(), y, 12, 0.25, seed)
      const asked: number[] = []
      const split = stratifiedSplitInPlace(x, y, 12, 0.25, seed, (bytes) => { asked.push(bytes); return new Uint8Array(bytes) })
      expect(Array.from(split.train.x)).toEqual(Array.from(expected.train.x))
      expect(Array.from(split.train.y)).toEqual(Array.from(expected.train.y))
      expect(Array.from(split.test.x)).toEqual(Array.from(expected.test.x))
      expect(Array.from(split.test.y)).toEqual(Array.from(expected.test.y))
      expect(split.train.x.buffer).toBe(x.buffer)
      expect(split.train.x.byteOffset).toBe(x.byteOffset)
      expect(asked).toEqual([expected.test.count * 12])
    }
  })
})

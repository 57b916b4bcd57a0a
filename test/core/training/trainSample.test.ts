import { describe, expect, it } from 'vitest'
import { Rng } from '../../../src/core/random/rng'
import { sampleRng, sampleRows, TRAIN_SAMPLE_MIN, trainMeasuredWords, trainSampleSize } from '../../../src/core/training/trainSample'

/** n labels, `counts[c]` of class c, in a seeded random order. */
function labels(counts: number[], seed: number): Uint8Array {
  const y = new Uint8Array(counts.reduce((a, b) => a + b, 0))
  let i = 0
  counts.forEach((k, c) => y.fill(c, i, (i += k)))
  const order = Uint32Array.from(y.keys())
  new Rng(seed).shuffle(order)
  return Uint8Array.from(order, (j) => y[j])
}

function draw(y: Uint8Array, size: number, seed: number): Uint32Array {
  const rows = new Uint32Array(size)
  sampleRows(y, y.length, sampleRng(seed), rows)
  return rows
}

describe('trainSampleSize', () => {
  it('is as many pictures as the test set, at least 2,000 and at most all of them', () => {
    expect(TRAIN_SAMPLE_MIN).toBe(2000)
    expect(trainSampleSize(50_000, 10_000, false)).toBe(10_000)
    expect(trainSampleSize(50_000, 100, false)).toBe(2000)
    expect(trainSampleSize(50_000, 2001, false)).toBe(2001)
    expect(trainSampleSize(2001, 100, false)).toBe(2000)
    expect(trainSampleSize(2001, 5000, false)).toBe(2001)
    expect(trainSampleSize(10_000, 10_000, false)).toBe(10_000)
  })

  it('is every picture up to 2,000 of them, and when the test split is the training split', () => {
    expect(trainSampleSize(2000, 10, false)).toBe(2000)
    expect(trainSampleSize(1999, 10, false)).toBe(1999)
    expect(trainSampleSize(0, 0, false)).toBe(0)
    expect(trainSampleSize(50_000, 50_000, true)).toBe(50_000)
    expect(trainSampleSize(50_000, 100, true)).toBe(50_000)
  })
})

describe('sampleRows', () => {
  it('keeps each class its share of the training split, within one picture, summing to the sample', () => {
    for (const counts of [[5000, 3000, 2000], [3333, 3333, 3334], [9000, 1000], [7, 4993], [2500, 0, 2500, 1, 4]]) {
      const y = labels(counts, 1)
      const n = y.length
      for (const size of [2000, 2001, 1, n - 1]) {
        const rows = draw(y, size, 3)
        const got = counts.map(() => 0)
        for (const r of rows) got[y[r]]++
        expect(got.reduce((a, b) => a + b, 0)).toBe(size)
        counts.forEach((k, c) => expect(Math.abs(got[c] - (size * k) / n)).toBeLessThan(1))
      }
    }
  })

  it('gives the leftover pictures to the largest remainders', () => {
    // 2000 · (3333, 3333, 3334) / 10000 = 666.6, 666.6, 666.8: floors 1998, then classes 2 and 0
    const y = labels([3333, 3333, 3334], 2)
    const got = [0, 0, 0]
    for (const r of draw(y, 2000, 4)) got[y[r]]++
    expect(got).toEqual([667, 666, 667])
  })

  it('gives distinct rows in ascending order, spread over the whole split', () => {
    const y = labels([6000, 4000], 5)
    const rows = draw(y, 2000, 6)
    for (let i = 1; i < rows.length; i++) expect(rows[i]).toBeGreaterThan(rows[i - 1])
    expect(rows[rows.length - 1]).toBeLessThan(10_000)
    // uniform within each class: the sample's rows are spread, not the first 2,000
    expect(rows.filter((r) => r < 5000).length).toBeGreaterThan(800)
    expect(rows.filter((r) => r >= 5000).length).toBeGreaterThan(800)
  })

  it('is the same rows for a seed and other rows for another seed', () => {
    const y = labels([6000, 4000], 7)
    expect(draw(y, 2000, 11)).toEqual(draw(y, 2000, 11))
    const a = draw(y, 2000, 11)
    const b = draw(y, 2000, 12)
    expect(a).not.toEqual(b)
    // the two samples share about a fifth of their rows, as independent draws do
    const inA = new Set(a)
    const shared = b.filter((r) => inA.has(r)).length
    expect(shared).toBeGreaterThan(250)
    expect(shared).toBeLessThan(550)
  })

  it('is every row when the sample is the whole split', () => {
    const y = labels([30, 20], 8)
    expect(Array.from(draw(y, 50, 1))).toEqual(Array.from({ length: 50 }, (_, i) => i))
  })
})

describe('trainMeasuredWords', () => {
  it('names the sample only when it is not every picture', () => {
    expect(trainMeasuredWords(2000, 10_000)).toBe('2,000 of 10,000 pictures')
    expect(trainMeasuredWords(12_345)).toBe('12,345 pictures')
    expect(trainMeasuredWords(undefined, 10_000)).toBe('')
    expect(trainMeasuredWords(undefined)).toBe('')
    expect(trainMeasuredWords(10_000, 10_000)).toBe('')
  })
})

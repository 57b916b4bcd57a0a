import { describe, expect, it } from 'vitest'
import { minMaxIndices, strideIndices } from '../../../src/core/viz/downsample'

describe('downsampling a long series', () => {
  it('keeps every index of a short series', () => {
    expect(Array.from(minMaxIndices([3, 1, 2], 3, 10))).toEqual([0, 1, 2])
    expect(Array.from(minMaxIndices([3, 1, 2, 7], 2, 10))).toEqual([0, 1])
  })

  it('keeps each bucket’s lowest and highest value in order, so spikes survive', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 417 ? 50 : i === 903 ? -5 : Math.sin(i)))
    const kept = Array.from(minMaxIndices(values, values.length, 100))
    expect(kept.length).toBeLessThanOrEqual(100)
    expect(kept).toContain(417)
    expect(kept).toContain(903)
    expect(kept).toEqual([...kept].sort((a, b) => a - b))
  })

  it('keeps a gap where a value is not a number', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 55 ? Number.NaN : i))
    expect(Array.from(minMaxIndices(values, 100, 10))).toContain(55)
  })

  it('takes every k-th index and the last for a smooth line', () => {
    expect(Array.from(strideIndices(10, 4))).toEqual([0, 3, 6, 9])
    expect(Array.from(strideIndices(11, 4))).toEqual([0, 3, 6, 9, 10])
    expect(Array.from(strideIndices(3, 100))).toEqual([0, 1, 2])
    expect(strideIndices(0, 5)).toHaveLength(0)
  })
})

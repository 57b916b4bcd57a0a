import { describe, expect, it } from 'vitest'
import { affineOf, fitScaling, scaleRows, STD_FLOOR } from '../../../src/core/data/scaling'

// three rows of four features: feature 0 varies, feature 3 is flat
const x = Uint8Array.from([0, 10, 255, 7, 51, 20, 255, 7, 102, 30, 0, 7])
const split = { x, y: new Uint8Array(3), count: 3 }
const rows = Uint32Array.from([0, 1, 2])

function scaled(mode: 'scale' | 'centre' | 'standardise'): Float32Array {
  const out = new Float32Array(12)
  scaleRows(x, 4, rows, 0, 3, affineOf(fitScaling(mode, split, 4)), out)
  return out
}

describe('input scaling', () => {
  it('scale maps pixels to p/255', () => {
    const s = scaled('scale')
    expect(s[2]).toBeCloseTo(1, 6)
    expect(s[4]).toBeCloseTo(51 / 255, 6)
  })

  it('centre subtracts the per-feature training mean of p/255', () => {
    const s = scaled('centre')
    // feature 0 mean = 51/255: rows become -0.2, 0, +0.2
    expect(s[0]).toBeCloseTo(-0.2, 6)
    expect(s[4]).toBeCloseTo(0, 6)
    expect(s[8]).toBeCloseTo(0.2, 6)
    for (let k = 0; k < 4; k++) expect(s[k] + s[4 + k] + s[8 + k]).toBeCloseTo(0, 5)
  })

  it('standardise gives unit variance and keeps a flat feature finite', () => {
    const s = scaled('standardise')
    for (const k of [0, 1, 2]) {
      const v = [s[k], s[4 + k], s[8 + k]]
      expect(v.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 4)
    }
    expect(s[3]).toBeCloseTo(0, 5)
    expect(fitScaling('standardise', split, 4).std[3]).toBeCloseTo(STD_FLOOR, 9)
  })

  it('is fitted on the rows it is given only', () => {
    const firstTwo = fitScaling('centre', { x: x.subarray(0, 8), y: new Uint8Array(2), count: 2 }, 4)
    expect(firstTwo.mean[0]).toBeCloseTo(25.5 / 255, 6)
  })
})

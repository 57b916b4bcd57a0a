import { describe, expect, it } from 'vitest'
import { changeShare, weightChange } from '../../../src/core/viz/weightChange'

describe('what training changed', () => {
  it('is the weights now minus the weights at the start', () => {
    const W0 = new Float32Array([1, -1, 0.5, 0])
    const W = new Float32Array([1.5, -1, 0, 2])
    expect(Array.from(weightChange(W, W0))).toEqual([0.5, 0, -0.5, 2])
    const out = new Float32Array(4)
    expect(weightChange(W, W, out)).toBe(out)
    expect(Array.from(out)).toEqual([0, 0, 0, 0])
    expect(() => weightChange(W, new Float32Array(3))).toThrow(RangeError)
  })

  it('measures the change against the size of the start', () => {
    const W0 = new Float32Array([3, 4])
    expect(changeShare(W0, W0)).toBe(0)
    expect(changeShare(new Float32Array([3, 9]), W0)).toBeCloseTo(1, 6)
    expect(changeShare(new Float32Array([1, 1]), new Float32Array(2))).toBeNaN()
  })
})

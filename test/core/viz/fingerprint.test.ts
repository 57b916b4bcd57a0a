import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../../src/core/viz/fingerprint'

describe('fingerprint', () => {
  it('is FNV-1a of the bytes, as 8 hex digits', () => {
    // FNV-1a of no bytes is the offset basis; of the four zero bytes of 0.0f a known value
    expect(fingerprint()).toBe('811c9dc5')
    expect(fingerprint(new Float32Array(1))).toBe('4b95f515')
  })

  it('tells equal weights from weights one bit apart', () => {
    const a = Float32Array.from([0.5, -1.25, 3])
    const b = Float32Array.from([0.5, -1.25, 3])
    expect(fingerprint(a)).toBe(fingerprint(b))
    const bits = new Uint32Array(b.buffer)
    bits[1] ^= 1
    expect(fingerprint(a)).not.toBe(fingerprint(b))
  })

  it('reads only the view it is given and covers every array in order', () => {
    const big = Float32Array.from([9, 1, 2, 9])
    expect(fingerprint(big.subarray(1, 3))).toBe(fingerprint(Float32Array.from([1, 2])))
    const x = Float32Array.from([1])
    const y = Float32Array.from([2])
    expect(fingerprint(x, y)).toBe(fingerprint(Float32Array.from([1, 2])))
    expect(fingerprint(x, y)).not.toBe(fingerprint(y, x))
  })
})

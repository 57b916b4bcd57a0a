import { describe, expect, it } from 'vitest'
import { BytesHash } from '../../../src/core/data/bytesHash'

const digest = (...arrays: Uint8Array[]): string => arrays.reduce((h, a) => h.update(a), new BytesHash()).digest()

/** `bytes` starting `shift` bytes into a buffer of its own (an unaligned view when shift is not a multiple of 4). */
function at(bytes: Uint8Array, shift: number): Uint8Array {
  const view = new Uint8Array(bytes.length + shift).subarray(shift)
  view.set(bytes)
  return view
}

const sample = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7919 + 13) & 0xff)

describe('BytesHash', () => {
  it('is 16 hex digits, the same on every run (records made by any process compare)', () => {
    expect(digest(sample(1000), Uint8Array.of(0, 1, 1, 0))).toBe(digest(sample(1000), Uint8Array.of(0, 1, 1, 0)))
    expect(digest(sample(1000))).toMatch(/^[0-9a-f]{16}$/)
    expect(digest(new Uint8Array(0))).toBe('327f4e13eecc4cc8')
    expect(digest(sample(10))).toBe(digest(sample(10)))
  })

  it('reads an array the same wherever it starts in its buffer', () => {
    for (const n of [0, 1, 3, 4, 7, 64, 1001, 70_001]) {
      const bytes = sample(n)
      const expected = digest(bytes)
      for (const shift of [1, 2, 3, 4, 5]) expect(digest(at(bytes, shift)), `${n} bytes shifted by ${shift}`).toBe(expected)
    }
  })

  it('changes with any one byte, the last few included', () => {
    const bytes = sample(1027)
    const seen = new Set([digest(bytes)])
    for (const i of [0, 1, 2, 3, 4, 511, 1020, 1023, 1024, 1025, 1026]) {
      const changed = bytes.slice()
      changed[i] ^= 1
      seen.add(digest(changed))
      seen.add(digest(at(changed, 1)))
    }
    expect(seen.size).toBe(12)
  })

  it('tells bytes moved from one array to the next apart', () => {
    const whole = sample(16)
    expect(digest(whole.subarray(0, 8), whole.subarray(8))).not.toBe(digest(whole.subarray(0, 12), whole.subarray(12)))
    expect(digest(whole)).not.toBe(digest(whole, new Uint8Array(0)))
  })
})

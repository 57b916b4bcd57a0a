import { constants, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { inflateExactly, MAX_DEFLATE_RATIO, type Inflated } from '../../../src/core/formats/inflate'

/** Deterministic test data of several kinds: noise, a short cycle, skewed (long Huffman codes), zeros, smooth. */
function data(kind: number, n: number, seed = 1): Uint8Array {
  let s = seed
  const rnd = (): number => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    if (kind === 0) b[i] = (rnd() * 256) | 0
    else if (kind === 1) b[i] = (i * 7) % 13
    else if (kind === 2) b[i] = rnd() < 0.9 ? 65 : (rnd() * 256) | 0
    else if (kind === 3) b[i] = 0
    else b[i] = ((i >> 6) + ((rnd() * 4) | 0)) & 0xff
  }
  return b
}

const reason = (r: Inflated): string => (r.ok ? 'ok' : r.reason)

describe('inflateExactly', () => {
  const strategies = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE]

  it('unpacks what zlib packs: stored, fixed and dynamic blocks, every level and strategy, byte for byte', () => {
    for (const n of [0, 1, 100, 70_000, 300_000]) {
      for (let kind = 0; kind < 5; kind++) {
        for (const level of [0, 1, 6, 9]) {
          for (const strategy of strategies) {
            const plain = data(kind, n)
            const r = inflateExactly(deflateRawSync(plain, { level, strategy }), n)
            expect(r.ok && Buffer.compare(r.bytes, plain) === 0, `n ${n} kind ${kind} level ${level} strategy ${strategy}`).toBe(true)
          }
        }
      }
    }
  })

  it('says the data stops in the middle wherever it is cut', () => {
    for (let kind = 0; kind < 5; kind++) {
      for (const level of [0, 1, 9]) {
        const plain = data(kind, 70_000)
        const packed = deflateRawSync(plain, { level })
        for (let cut = 0; cut < packed.length; cut += Math.max(1, Math.floor(packed.length / 40))) {
          expect(reason(inflateExactly(packed.subarray(0, cut), plain.length)), `kind ${kind} level ${level} cut ${cut}`).toBe('cut-off')
        }
      }
    }
  })

  it('stops at the declared size: a stream of 256 MiB declared as 1 KB is refused after 1 KB', () => {
    const bomb = deflateRawSync(new Uint8Array(256 * 1024 * 1024), { level: 1 })
    expect(bomb.length * MAX_DEFLATE_RATIO).toBeGreaterThan(256 * 1024)
    const started = performance.now()
    expect(reason(inflateExactly(bomb, 1024))).toBe('longer')
    expect(performance.now() - started).toBeLessThan(100)
    const plain = data(4, 5000)
    const packed = deflateRawSync(plain)
    expect(reason(inflateExactly(packed, 4999))).toBe('longer')
    expect(reason(inflateExactly(packed, 5001))).toBe('shorter')
  })

  it('refuses what is not deflate data, without throwing', () => {
    const bad: Array<[string, number[]]> = [
      ['block type 3', [0x07]],
      ['stored length and its complement disagree', [0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5]],
      // final fixed block whose first symbol copies 3 bytes from 1 back, before anything was written
      ['a distance before the start', [0x03, 0x02, 0x00]],
      // final dynamic block declaring 288 literal/length codes
      ['more than 286 literal codes', [0xfd, 0xff, 0xff, 0xff]]
    ]
    for (const [what, bytes] of bad) expect(reason(inflateExactly(Uint8Array.from(bytes), 5)), what).toBe('damaged')
    // random damage to real streams: always an answer, never an exception
    for (let i = 0; i < 2000; i++) {
      const packed = new Uint8Array(deflateRawSync(data(i % 5, 3000, i)))
      for (let k = 0; k < 3; k++) packed[(i * 7919 + k * 104729) % packed.length] ^= 1 << ((i + k) % 8)
      const r = inflateExactly(packed, 3000)
      expect(typeof r.ok).toBe('boolean')
    }
  })
})

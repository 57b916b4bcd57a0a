import { describe, expect, it } from 'vitest'
import {
  drawTile, layerRange, TILE_BYTES, TILE_PIXELS, TILE_WEIGHTS, tileCount, tileRange, tileStats, weightTiles
} from '../../../src/core/viz/weightImage'

/** W1 for `units` units where unit u's weight k is f(u, k). */
function weights(units: number, f: (u: number, k: number) => number): Float32Array {
  const W = new Float32Array(units * TILE_WEIGHTS)
  for (let u = 0; u < units; u++) for (let k = 0; k < TILE_WEIGHTS; k++) W[u * TILE_WEIGHTS + k] = f(u, k)
  return W
}

/** RGBA of pixel (row, col) of a tile. */
function pixel(rgba: Uint8ClampedArray, row: number, col: number): number[] {
  const o = 4 * (32 * row + col)
  return Array.from(rgba.subarray(o, o + 4))
}

describe('weight images', () => {
  it('read the red, green and blue planes row by row into one pixel', () => {
    // unit 1: red plane 0, green plane 0.5, blue plane 1, except pixel (2, 3) which is (1, 0, 0.5)
    const W = weights(2, (u, k) => (u === 0 ? 7 : [0, 0.5, 1][Math.floor(k / TILE_PIXELS)]))
    const p = 2 * 32 + 3
    W.set([1], TILE_WEIGHTS + p)
    W.set([0], TILE_WEIGHTS + TILE_PIXELS + p)
    W.set([0.5], TILE_WEIGHTS + 2 * TILE_PIXELS + p)
    const rgba = drawTile(W, 1, { lo: 0, hi: 1 })
    expect(rgba.length).toBe(TILE_BYTES)
    expect(pixel(rgba, 0, 0)).toEqual([0, 128, 255, 255])
    expect(pixel(rgba, 31, 31)).toEqual([0, 128, 255, 255])
    expect(pixel(rgba, 2, 3)).toEqual([255, 0, 128, 255])
    // row-major: (3, 2) is a different pixel from (2, 3)
    expect(pixel(rgba, 3, 2)).toEqual([0, 128, 255, 255])
  })

  it("'tile' stretches each unit's own min..max to 0..255", () => {
    // unit 0 spans -2..2, unit 1 spans 10..11: both get full contrast
    const W = weights(2, (u, k) => (u === 0 ? -2 + (4 * k) / (TILE_WEIGHTS - 1) : 10 + k / (TILE_WEIGHTS - 1)))
    const tiles = weightTiles(W, 'tile')
    for (const t of tiles) {
      expect(pixel(t.rgba, 0, 0)[0]).toBe(0)
      expect(pixel(t.rgba, 31, 31)[2]).toBe(255)
    }
    expect(tiles[0].stats.min).toBeCloseTo(-2, 6)
    expect(tiles[1].stats.max).toBeCloseTo(11, 5)
  })

  it("'global' uses one scale, so a small unit stays faint beside a big one", () => {
    const W = weights(2, (u, k) => (u === 0 ? (k % 2 === 0 ? -4 : 4) : (k % 2 === 0 ? -1 : 1)))
    expect(layerRange(W)).toEqual({ lo: -4, hi: 4 })
    const [big, small] = weightTiles(W, 'global')
    expect(pixel(big.rgba, 0, 0)[0]).toBe(0) // -4
    expect(pixel(big.rgba, 0, 1)[0]).toBe(255) // +4
    expect(pixel(small.rgba, 0, 0)[0]).toBe(96) // -1 → 255·3/8 = 95.6
    expect(pixel(small.rgba, 0, 1)[0]).toBe(159) // +1 → 255·5/8 = 159.4
  })

  it("'zero' draws 0 as grey and scales both signs by the largest |w|", () => {
    // weights 0, +1 and -3 (the largest magnitude): -3 → 0, 0 → grey 128, +1 → 170
    const W = weights(1, (_, k) => [0, 1, -3][k % 3])
    const rgba = weightTiles(W, 'zero')[0].rgba
    const values = new Set<number>()
    for (let i = 0; i < TILE_BYTES; i++) if (i % 4 !== 3) values.add(rgba[i])
    expect([...values].sort((a, b) => a - b)).toEqual([0, 128, 170])
    expect(tileRange('zero', { norm: 1, min: -3, max: 1 })).toEqual({ lo: -3, hi: 3 })
    // a unit with only positive weights is never darker than grey
    const positive = weightTiles(weights(1, (_, k) => (k % 2) * 0.25), 'zero')[0].rgba
    expect(Math.min(...Array.from(positive))).toBe(128)
  })

  it('draws a flat unit mid grey in every mode instead of dividing by zero', () => {
    const W = weights(1, () => 0.3)
    for (const mode of ['tile', 'global'] as const) {
      const rgba = weightTiles(W, mode)[0].rgba
      expect(pixel(rgba, 5, 5)).toEqual([128, 128, 128, 255])
    }
    const zeros = weightTiles(weights(1, () => 0), 'zero')[0].rgba
    expect(pixel(zeros, 0, 0)).toEqual([128, 128, 128, 255])
  })

  it('clamps weights outside the range and keeps alpha opaque', () => {
    const W = weights(1, (_, k) => (k < TILE_PIXELS ? 5 : -5))
    const rgba = drawTile(W, 0, { lo: -1, hi: 1 })
    expect(pixel(rgba, 0, 0)).toEqual([255, 0, 0, 255])
  })

  it('tile statistics are the norm, min and max of one unit', () => {
    const W = weights(2, (u, k) => (u === 1 ? (k === 0 ? 3 : k === 1 ? -4 : 0) : 100))
    expect(tileStats(W, 1)).toEqual({ norm: 5, min: -4, max: 3 })
    expect(tileStats(W, 0).norm).toBeCloseTo(100 * Math.sqrt(TILE_WEIGHTS), 2)
  })

  it('writes into a given buffer and refuses wrong shapes', () => {
    const W = weights(3, (u) => u)
    expect(tileCount(W)).toBe(3)
    const out = new Uint8ClampedArray(TILE_BYTES)
    expect(drawTile(W, 2, { lo: 0, hi: 2 }, out)).toBe(out)
    expect(out[0]).toBe(255)
    expect(() => tileCount(new Float32Array(TILE_WEIGHTS + 1))).toThrow(RangeError)
    expect(() => drawTile(W, 3, { lo: 0, hi: 1 })).toThrow(RangeError)
    expect(() => drawTile(W, 0, { lo: 0, hi: 1 }, new Uint8ClampedArray(10))).toThrow(RangeError)
    expect(() => tileRange('global', tileStats(W, 0))).toThrow()
  })
})

import { describe, expect, it } from 'vitest'
import { PICTURE_INPUTS, PICTURE_RGBA_BYTES, pictureCount, pictureRgba } from '../../../src/core/data/picture'

describe('a dataset row as a picture', () => {
  // two rows; in row 1, red = column, green = row, blue = 200 everywhere
  const x = new Uint8Array(2 * PICTURE_INPUTS)
  for (let p = 0; p < 1024; p++) {
    x[PICTURE_INPUTS + p] = p % 32
    x[PICTURE_INPUTS + 1024 + p] = Math.floor(p / 32)
    x[PICTURE_INPUTS + 2048 + p] = 200
  }

  it('reads the three colour planes into RGBA pixels, row by row, opaque', () => {
    const rgba = pictureRgba(x, 1)
    expect(rgba.length).toBe(PICTURE_RGBA_BYTES)
    const at = (row: number, col: number): number[] => Array.from(rgba.subarray(4 * (32 * row + col), 4 * (32 * row + col) + 4))
    expect(at(0, 0)).toEqual([0, 0, 200, 255])
    expect(at(3, 17)).toEqual([17, 3, 200, 255])
    expect(at(31, 31)).toEqual([31, 31, 200, 255])
    expect(Array.from(pictureRgba(x, 0).subarray(0, 8))).toEqual([0, 0, 0, 255, 0, 0, 0, 255])
  })

  it('writes into a given buffer and checks its inputs', () => {
    const out = new Uint8ClampedArray(PICTURE_RGBA_BYTES)
    expect(pictureRgba(x, 1, out)).toBe(out)
    expect(pictureCount(x)).toBe(2)
    expect(() => pictureRgba(x, 2)).toThrow(RangeError)
    expect(() => pictureRgba(new Uint8Array(100), 0)).toThrow(/not rows of 3072/)
    expect(() => pictureRgba(x, 0, new Uint8ClampedArray(4))).toThrow(/4096 bytes/)
  })
})

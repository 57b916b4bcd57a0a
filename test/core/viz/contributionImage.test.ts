/** The contribution map as a picture: red towards, blue away, in proportion to the largest push, over a faint grey copy. */
import { describe, expect, it } from 'vitest'
import { AWAY_RGB, contributionRgba, FAINT, TOWARDS_RGB } from '../../../src/core/viz/contributionImage'

/** A value as a canvas byte (rounded to nearest, halves to even, as Uint8ClampedArray does). */
const byte = (v: number): number => Uint8ClampedArray.of(v)[0]

describe('contributionRgba', () => {
  it('colours each pixel by its push, the strongest in full colour, over a faint grey copy of the picture', () => {
    const map = new Float32Array(1024)
    map[0] = 4
    map[1] = -4
    map[2] = 2
    const x = new Uint8Array(3072)
    // pixel 3 is black, pixel 4 white: faint copies are light grey and white
    x.fill(255, 4, 5).fill(255, 1024 + 4, 1024 + 5).fill(255, 2048 + 4, 2048 + 5)
    const rgba = contributionRgba(map, x)
    const px = (p: number): number[] => Array.from(rgba.subarray(4 * p, 4 * p + 4))
    expect(px(0)).toEqual([...TOWARDS_RGB, 255])
    expect(px(1)).toEqual([...AWAY_RGB, 255])
    const faintBlack = byte(255 - FAINT * 255)
    expect(px(2)).toEqual([0, 1, 2].map((c) => byte((255 - FAINT * 255 + TOWARDS_RGB[c]) / 2)).concat(255))
    expect(px(3)).toEqual([faintBlack, faintBlack, faintBlack, 255])
    expect(px(4)).toEqual([255, 255, 255, 255])
  })

  it('draws only the faint picture when nothing pushed', () => {
    const rgba = contributionRgba(new Float32Array(1024), new Uint8Array(3072))
    expect(new Set(rgba.filter((_, i) => i % 4 !== 3))).toEqual(new Set([byte(255 - FAINT * 255)]))
  })
})

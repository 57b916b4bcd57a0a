import { describe, expect, it } from 'vitest'
import { PICTURE_INPUTS } from '../../../src/core/data/picture'
import { MAX_RESIZE_SIDE, resizeGeometry, resizePicture } from '../../../src/core/pictures/resize'
import { PAD_RGB, RESIZE_MODES, type ResizeMode, type RgbPicture } from '../../../src/core/pictures/types'

/** A seeded picture of random bytes (xorshift32). */
function randomPicture(width: number, height: number, seed = 1): RgbPicture {
  const rgb = new Uint8Array(width * height * 3)
  let s = seed >>> 0 || 1
  for (let i = 0; i < rgb.length; i++) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    rgb[i] = (s >>> 0) & 255
  }
  return { width, height, rgb }
}

function uniform(width: number, height: number, rgb: readonly [number, number, number]): RgbPicture {
  const out = new Uint8Array(width * height * 3)
  for (let p = 0; p < width * height; p++) out.set(rgb, 3 * p)
  return { width, height, rgb: out }
}

/** Each pixel repeated k times across and down (nearest-neighbour enlargement). */
function enlarge(src: RgbPicture, k: number): RgbPicture {
  const width = src.width * k
  const height = src.height * k
  const rgb = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = 3 * (Math.floor(y / k) * src.width + Math.floor(x / k))
      rgb.set(src.rgb.subarray(from, from + 3), 3 * (y * width + x))
    }
  }
  return { width, height, rgb }
}

/** A 32×32 picture as dataset row: planar R, G, B. */
function planar(src: RgbPicture): Uint8Array {
  const out = new Uint8Array(PICTURE_INPUTS)
  for (let p = 0; p < 1024; p++) {
    for (let c = 0; c < 3; c++) out[c * 1024 + p] = src.rgb[3 * p + c]
  }
  return out
}

function resized(src: RgbPicture, mode: ResizeMode): Uint8Array {
  const out = new Uint8Array(PICTURE_INPUTS)
  resizePicture(src, mode, out)
  return out
}

/**
 * The twin: the same definition computed directly in two dimensions, in whole 1/64ths of a source
 * pixel. Output pixel (ox, oy) covers a square of the source plane; each source pixel adds its
 * overlap area times its value, the rest of the square is pad colour; then round half up.
 */
function reference(src: RgbPicture, mode: ResizeMode): Uint8Array {
  const { width: w, height: h } = src
  const spanX = mode === 'crop' ? Math.min(w, h) : mode === 'pad' ? Math.max(w, h) : w
  const spanY = mode === 'crop' ? Math.min(w, h) : mode === 'pad' ? Math.max(w, h) : h
  const lenX = 2 * spanX
  const lenY = 2 * spanY
  const offX = 32 * (w - spanX)
  const offY = 32 * (h - spanY)
  const out = new Uint8Array(PICTURE_INPUTS)
  const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0))
  for (let oy = 0; oy < 32; oy++) {
    for (let ox = 0; ox < 32; ox++) {
      const x0 = offX + ox * lenX
      const y0 = offY + oy * lenY
      const sums = [0, 0, 0]
      let covered = 0
      for (let y = 0; y < h; y++) {
        const wy = overlap(y0, y0 + lenY, 64 * y, 64 * y + 64)
        if (wy === 0) continue
        for (let x = 0; x < w; x++) {
          const a = wy * overlap(x0, x0 + lenX, 64 * x, 64 * x + 64)
          covered += a
          for (let c = 0; c < 3; c++) sums[c] += a * src.rgb[3 * (y * w + x) + c]
        }
      }
      const area = lenX * lenY
      for (let c = 0; c < 3; c++) {
        const num = sums[c] + (area - covered) * PAD_RGB[c]
        out[c * 1024 + oy * 32 + ox] = Math.floor((2 * num + area) / (2 * area))
      }
    }
  }
  return out
}

describe('resizePicture', () => {
  it('gives back a 32×32 picture from its exact 2× and 3× nearest-neighbour enlargements, in every mode', () => {
    const small = randomPicture(32, 32, 7)
    const want = planar(small)
    for (const k of [2, 3]) {
      const big = enlarge(small, k)
      for (const mode of RESIZE_MODES) expect(resized(big, mode)).toEqual(want)
    }
  })

  it('keeps a 32×32 picture as it is, in every mode', () => {
    const pic = randomPicture(32, 32, 11)
    for (const mode of RESIZE_MODES) expect(resized(pic, mode)).toEqual(planar(pic))
  })

  it('writes planar red, then green, then blue', () => {
    const out = resized(uniform(40, 40, [10, 200, 30]), 'crop')
    expect(out.subarray(0, 1024).every((v) => v === 10)).toBe(true)
    expect(out.subarray(1024, 2048).every((v) => v === 200)).toBe(true)
    expect(out.subarray(2048, 3072).every((v) => v === 30)).toBe(true)
    // one red pixel at the top left of a 32×32 picture lands at index 0 of the red plane only
    const pic = uniform(32, 32, [0, 0, 0])
    pic.rgb[3 * 33] = 255 // row 1, column 1: red
    pic.rgb[3 * 33 + 2] = 9 // and a little blue
    const one = resized(pic, 'squash')
    expect(one[33]).toBe(255)
    expect(one[1024 + 33]).toBe(0)
    expect(one[2048 + 33]).toBe(9)
    expect(one.reduce((s, v) => s + v, 0)).toBe(264)
  })

  it('crops the centre square of a wide picture exactly', () => {
    const pic = randomPicture(64, 32, 3)
    const centre = new Uint8Array(32 * 32 * 3)
    for (let y = 0; y < 32; y++) centre.set(pic.rgb.subarray(3 * (y * 64 + 16), 3 * (y * 64 + 48)), 3 * 32 * y)
    expect(resized(pic, 'crop')).toEqual(planar({ width: 32, height: 32, rgb: centre }))
    // and of a tall one
    const tall = randomPicture(32, 64, 4)
    expect(resized(tall, 'crop')).toEqual(planar({ width: 32, height: 32, rgb: tall.rgb.slice(3 * 32 * 16, 3 * 32 * 48) }))
  })

  it('squashes a 64×32 picture by averaging horizontal pairs only (rounding halves up)', () => {
    const pic = randomPicture(64, 32, 5)
    const out = resized(pic, 'squash')
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        for (let c = 0; c < 3; c++) {
          const a = pic.rgb[3 * (y * 64 + 2 * x) + c]
          const b = pic.rgb[3 * (y * 64 + 2 * x + 1) + c]
          expect(out[c * 1024 + y * 32 + x]).toBe(Math.floor((a + b + 1) / 2))
        }
      }
    }
  })

  it('pads a 64×32 picture with bands of 8 black rows above and below, the picture averaged between', () => {
    const pic = randomPicture(64, 32, 6)
    const out = resized(pic, 'pad')
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        for (let c = 0; c < 3; c++) {
          const v = out[c * 1024 + y * 32 + x]
          if (y < 8 || y >= 24) {
            expect(v).toBe(PAD_RGB[c])
          } else {
            let sum = 0
            for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) sum += pic.rgb[3 * ((2 * (y - 8) + dy) * 64 + 2 * x + dx) + c]
            expect(v).toBe(Math.floor((sum + 2) / 4))
          }
        }
      }
    }
  })

  it('mixes picture and pad colour by area where an output pixel is partly covered', () => {
    // 32×21 at scale 1 leaves bands of 5.5 rows: the picture covers rows 5.5 to 26.5
    const out = resized(uniform(32, 21, [200, 100, 50]), 'pad')
    // rows 0..4 pad, row 5 half pad half picture, rows 6..25 picture, row 26 half, 27..31 pad
    expect(out[5 * 32]).toBe(100)
    expect(out[1024 + 5 * 32]).toBe(50)
    expect(out[2048 + 5 * 32]).toBe(25)
    expect(out[4 * 32]).toBe(0)
    expect(out[6 * 32]).toBe(200)
    expect(out[26 * 32]).toBe(100)
    expect(out[27 * 32]).toBe(0)
  })

  it('gives a uniform picture of any size its colour, in every mode but pad', () => {
    for (const [w, h] of [[37, 23], [1, 1], [5, 500], [500, 5], [33, 31], [3, 3], [1000, 999]]) {
      const colour: [number, number, number] = [17, 130, 254]
      for (const mode of ['crop', 'squash'] as const) {
        const out = resized(uniform(w, h, colour), mode)
        for (let c = 0; c < 3; c++) expect(out.subarray(c * 1024, (c + 1) * 1024).every((v) => v === colour[c])).toBe(true)
      }
    }
  })

  it('gives a uniform square picture of any size its colour in pad too, and a 1×1 picture a uniform colour', () => {
    for (const side of [1, 2, 7, 45, 300]) {
      const out = resized(uniform(side, side, [90, 91, 92]), 'pad')
      for (let c = 0; c < 3; c++) expect(out.subarray(c * 1024, (c + 1) * 1024).every((v) => v === 90 + c)).toBe(true)
    }
  })

  it('keeps the mean colour within rounding for non-integer ratios', () => {
    for (const [w, h] of [[45, 45], [47, 33], [100, 77]]) {
      const pic = randomPicture(w, h, w * h)
      const out = resized(pic, 'squash')
      for (let c = 0; c < 3; c++) {
        let inMean = 0
        for (let p = 0; p < w * h; p++) inMean += pic.rgb[3 * p + c]
        inMean /= w * h
        let outMean = 0
        for (let p = 0; p < 1024; p++) outMean += out[c * 1024 + p]
        outMean /= 1024
        expect(Math.abs(outMean - inMean)).toBeLessThanOrEqual(0.5)
      }
    }
  })

  it('agrees exactly with a direct two-dimensional computation of the same areas', () => {
    const sizes = [[45, 45], [47, 33], [33, 47], [100, 77], [7, 3], [3, 50], [1, 1], [31, 2], [65, 64], [129, 40]]
    for (const [w, h] of sizes) {
      const pic = randomPicture(w, h, 31 * w + h)
      for (const mode of RESIZE_MODES) expect(resized(pic, mode), `${w}×${h} ${mode}`).toEqual(reference(pic, mode))
    }
  })

  it('enlarges a small picture with a box filter: a 16×16 picture doubled pixel for pixel', () => {
    const small = randomPicture(16, 16, 9)
    expect(resized(small, 'crop')).toEqual(planar(enlarge(small, 2)))
  })

  it('writes at outAt and touches nothing else', () => {
    const out = new Uint8Array(3 * PICTURE_INPUTS).fill(7)
    resizePicture(uniform(50, 40, [1, 2, 3]), 'crop', out, PICTURE_INPUTS)
    expect(out.subarray(0, PICTURE_INPUTS).every((v) => v === 7)).toBe(true)
    expect(out.subarray(2 * PICTURE_INPUTS).every((v) => v === 7)).toBe(true)
    expect(out[PICTURE_INPUTS]).toBe(1)
    expect(out[2 * PICTURE_INPUTS - 1]).toBe(3)
  })

  it('gives the same answer when called again after a bigger picture (its tables are reused)', () => {
    const a = randomPicture(47, 33, 2)
    const first = resized(a, 'pad')
    resized(randomPicture(900, 700, 3), 'crop')
    expect(resized(a, 'pad')).toEqual(first)
  })

  it('handles a long thin picture in every mode', () => {
    const pic = uniform(3000, 2, [255, 255, 255])
    const pad = resized(pic, 'pad')
    // the picture is 32 × 0.0213 output pixels tall: the middle rows hold a little white
    expect(pad[15 * 32]).toBe(3)
    expect(pad[16 * 32]).toBe(3)
    expect(pad[14 * 32]).toBe(0)
    expect(resized(pic, 'crop').every((v) => v === 255)).toBe(true)
  })

  it('throws RangeError for a picture without pixels, too few bytes, or too little room', () => {
    const out = new Uint8Array(PICTURE_INPUTS)
    expect(() => resizePicture({ width: 0, height: 5, rgb: new Uint8Array(0) }, 'crop', out)).toThrow(RangeError)
    expect(() => resizePicture({ width: 5, height: 0, rgb: new Uint8Array(0) }, 'crop', out)).toThrow(RangeError)
    expect(() => resizePicture({ width: 2.5, height: 2, rgb: new Uint8Array(30) }, 'crop', out)).toThrow(RangeError)
    expect(() => resizePicture({ width: 4, height: 4, rgb: new Uint8Array(47) }, 'squash', out)).toThrow(RangeError)
    expect(() => resizePicture({ width: MAX_RESIZE_SIDE + 1, height: 1, rgb: new Uint8Array(3) }, 'pad', out)).toThrow(RangeError)
    expect(() => resizePicture(uniform(4, 4, [1, 1, 1]), 'crop', out, 1)).toThrow(RangeError)
    expect(() => resizePicture(uniform(4, 4, [1, 1, 1]), 'stretch' as ResizeMode, out)).toThrow(RangeError)
  })
})

describe('resizeGeometry', () => {
  it('says which part of the picture each mode uses and where it lands', () => {
    expect(resizeGeometry(640, 480, 'crop')).toEqual({
      source: { x: 80, y: 0, width: 480, height: 480 },
      target: { x: 0, y: 0, width: 32, height: 32 }
    })
    expect(resizeGeometry(3, 6, 'crop').source).toEqual({ x: 0, y: 1.5, width: 3, height: 3 })
    expect(resizeGeometry(640, 480, 'squash')).toEqual({
      source: { x: 0, y: 0, width: 640, height: 480 },
      target: { x: 0, y: 0, width: 32, height: 32 }
    })
    expect(resizeGeometry(64, 32, 'pad')).toEqual({
      source: { x: 0, y: 0, width: 64, height: 32 },
      target: { x: 0, y: 8, width: 32, height: 16 }
    })
    expect(resizeGeometry(21, 32, 'pad').target).toEqual({ x: 5.5, y: 0, width: 21, height: 32 })
    expect(() => resizeGeometry(0, 3, 'crop')).toThrow(RangeError)
  })
})

import { describe, expect, it } from 'vitest'
import { resizePicture } from '../../../src/core/pictures/resize'
import type { RgbPicture } from '../../../src/core/pictures/types'
import { decodePicture } from '../../../src/node/pictures/decode'
import { pictureTo32 } from '../../../src/node/pictures/picture32'
import * as F from '../../support/pictureFixtures'

/** Planar [3, 32, 32] of a 32×32 interleaved picture. */
function planar(p: RgbPicture): Uint8Array {
  const out = new Uint8Array(3072)
  for (let i = 0; i < 1024; i++) for (let c = 0; c < 3; c++) out[c * 1024 + i] = p.rgb[3 * i + c]
  return out
}

/** Each pixel of `p` repeated `k` × `k` times. */
function enlarge(p: RgbPicture, k: number): RgbPicture {
  const w = p.width * k
  const h = p.height * k
  const rgb = new Uint8Array(w * h * 3)
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) rgb.set(p.rgb.subarray(3 * (Math.floor(r / k) * p.width + Math.floor(c / k)), 3 * (Math.floor(r / k) * p.width + Math.floor(c / k)) + 3), 3 * (r * w + c))
  }
  return { width: w, height: h, rgb }
}

/** A photo-like scene: a disc, stripes, gradients. */
function scene(w: number, h: number): RgbPicture {
  const rgb = new Uint8Array(w * h * 3)
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const o = 3 * (r * w + c)
      const disc = (c - w / 2) ** 2 + (r - h / 2) ** 2 < (h / 3) ** 2
      rgb[o] = disc ? 220 : 40 + 100 * (Math.floor(c / (w / 40)) % 2)
      rgb[o + 1] = Math.round((255 * r) / h)
      rgb[o + 2] = Math.round(128 + 100 * Math.sin(c / 17) * Math.cos(r / 23))
    }
  }
  return { width: w, height: h, rgb }
}

describe('pictureTo32', () => {
  it('a 2× nearest-neighbour enlargement of a 32×32 picture comes back exactly, in every mode', async () => {
    const small = F.knownPicture(32, 32)
    const file = await F.pngRgb(enlarge(small, 2))
    for (const mode of ['crop', 'squash', 'pad'] as const) expect(await pictureTo32(file, mode)).toEqual(planar(small))
  })

  it('writes into the given array at the given place', async () => {
    const file = await F.pngRgb(F.knownPicture(32, 32))
    const out = new Uint8Array(3 * 3072).fill(7)
    const got = await pictureTo32(file, 'crop', out, 3072)
    expect(got).toBe(out)
    expect(out.subarray(0, 3072).every((v) => v === 7)).toBe(true)
    expect(out.subarray(3072, 6144)).toEqual(planar(F.knownPicture(32, 32)))
    expect(out.subarray(6144).every((v) => v === 7)).toBe(true)
  })

  it('a phone photo (EXIF orientation 6) is resized upright', async () => {
    const upright = F.knownPicture(64, 48)
    const got = await pictureTo32(await F.jpegOriented(upright, 6), 'squash')
    const want = new Uint8Array(3072)
    resizePicture(upright, 'squash', want, 0)
    let max = 0
    for (let i = 0; i < 3072; i++) max = Math.max(max, Math.abs(got[i] - want[i]))
    expect(max).toBeLessThanOrEqual(6)
  })

  it('shrinking a large photo while decoding stays within a few levels of the unshrunk result', async () => {
    const file = await F.jpegPhoto(scene(2048, 1536), 90)
    for (const mode of ['crop', 'squash', 'pad'] as const) {
      const shrunk = await pictureTo32(file, mode)
      const full = new Uint8Array(3072)
      resizePicture(await decodePicture(file), mode, full, 0)
      let max = 0
      let sum = 0
      for (let i = 0; i < 3072; i++) {
        const d = Math.abs(shrunk[i] - full[i])
        sum += d
        max = Math.max(max, d)
      }
      expect(sum / 3072).toBeLessThan(2)
      expect(max).toBeLessThanOrEqual(16)
    }
  })
})

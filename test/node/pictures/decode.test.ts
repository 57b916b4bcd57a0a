import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import { ALPHA_BACKGROUND_RGB, type RgbPicture } from '../../../src/core/pictures/types'
import {
  decodePicture, MAX_PICTURE_PIXELS, PictureError, shrinkFactor
} from '../../../src/node/pictures/decode'
import * as F from '../../support/pictureFixtures'

const known = F.knownPicture(48, 32)

async function expectClose(file: Uint8Array, want: RgbPicture, maxMean: number, maxAny: number): Promise<void> {
  const got = await decodePicture(file)
  const d = F.pictureDifference(got, want)
  expect(d.mean).toBeLessThanOrEqual(maxMean)
  expect(d.max).toBeLessThanOrEqual(maxAny)
}

async function reasonFor(file: Uint8Array | string): Promise<string> {
  try {
    await decodePicture(file)
  } catch (e) {
    expect(e).toBeInstanceOf(PictureError)
    expect((e as Error).message).not.toMatch(/vips|sharp|libpng|Input/i)
    return (e as PictureError).reason
  }
  throw new Error('decoded a file that should fail')
}

describe('decodePicture: every format comes out as the known picture', () => {
  it('JPEG baseline and progressive, within JPEG tolerance', async () => {
    await expectClose(await F.jpegBaseline(known), known, 1.5, 8)
    await expectClose(await F.jpegProgressive(known), known, 1.5, 8)
  })

  it('CMYK JPEG, converted to sRGB', async () => {
    const got = await decodePicture(await F.jpegCmyk(known))
    expect(got.width).toBe(48)
    expect(F.pictureDifference(got, known).mean).toBeLessThanOrEqual(12)
  })

  it('PNG (RGB, palette, grey, 16-bit) exactly', async () => {
    await expectClose(await F.pngRgb(known), known, 0, 0)
    const blocks = F.blockPicture()
    await expectClose(await F.pngPalette(blocks), blocks, 0, 0)
    const grey = F.greyPicture()
    const got = await decodePicture(await F.pngGrey(grey))
    expect(got.rgb.length).toBe(32 * 32 * 3)
    expect(F.pictureDifference(got, grey).max).toBe(0)
    await expectClose(await F.png16(known), known, 0, 0)
  })

  it('PNG with alpha, composited on the stated background', async () => {
    await expectClose(await F.pngAlpha(known), F.alphaComposited(known, ALPHA_BACKGROUND_RGB), 0.5, 1)
  })

  it('WebP (lossless exactly, lossy closely), TIFF exactly, AVIF closely', async () => {
    await expectClose(await F.webpLossless(known), known, 0, 0)
    await expectClose(await F.webpLossy(known), known, 3, 16)
    await expectClose(await F.tiff(known), known, 0, 0)
    await expectClose(await F.avif(known), known, 3, 16)
  })

  it('GIF exactly, and an animated GIF gives its first frame', async () => {
    const blocks = F.blockPicture()
    await expectClose(await F.gif(blocks), blocks, 0, 0)
    await expectClose(await F.gifAnimated(blocks), blocks, 0, 0)
  })

  it('BMP written by hand (24-bit, bottom-up) exactly', async () => {
    await expectClose(F.bmp24(known), known, 0, 0)
  })

  it('BMP of 32 bits, of 8 bits with a palette, and stored top-down, exactly', async () => {
    const odd = F.knownPicture(37, 5) // rows that need padding
    await expectClose(F.bmp(odd, { bits: 32 }), odd, 0, 0)
    await expectClose(F.bmp(odd, { bits: 24, topDown: true }), odd, 0, 0)
    const blocks = F.blockPicture(30, 17)
    await expectClose(F.bmp(blocks, { bits: 8 }), blocks, 0, 0)
    await expectClose(F.bmp(blocks, { bits: 8, topDown: true }), blocks, 0, 0)
  })

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('a JPEG with EXIF orientation %i comes out upright', async (o) => {
    const file = await F.jpegOriented(known, o)
    const got = await decodePicture(file)
    expect([got.width, got.height]).toEqual([48, 32])
    const d = F.pictureDifference(got, known)
    expect(d.mean).toBeLessThanOrEqual(1.5)
    expect(d.max).toBeLessThanOrEqual(8)
  })

  it('reads a path on disk like the bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nn-decode-'))
    await writeFile(join(dir, 'a.png'), await F.pngRgb(known))
    expect(F.pictureDifference(await decodePicture(join(dir, 'a.png')), known).max).toBe(0)
  })
})

describe('decodePicture: bad files get a plain reason', () => {
  it('truncated JPEG and PNG', async () => {
    expect(await reasonFor(F.truncated(await F.jpegBaseline(known)))).toBe('the picture is damaged or cut short')
    expect(await reasonFor(F.truncated(await F.pngRgb(known)))).toBe('the picture is damaged or cut short')
  })

  it('a compressed BMP and a BMP cut short', async () => {
    expect(await reasonFor(F.bmp(F.blockPicture(), { bits: 8, compression: 1 }))).toMatch(/a kind of BMP .* NN Scratch cannot read/)
    expect(await reasonFor(F.truncated(F.bmp24(known)))).toBe('the picture is damaged or cut short')
  })

  it('random bytes, a text file, an empty file', async () => {
    expect(await reasonFor(F.randomBytes(5000))).toBe('not a picture format NN Scratch can read')
    expect(await reasonFor(F.textFile())).toBe('not a picture format NN Scratch can read')
    expect(await reasonFor(new Uint8Array(0))).toBe('the file is empty')
  })

  it('a decompression bomb is refused by its declared size, before decoding', async () => {
    const bomb = F.pngBomb()
    expect(bomb.length).toBeLessThan(20_000)
    const before = process.memoryUsage().rss
    expect(await reasonFor(bomb)).toBe('a picture of 100000 × 100000 pixels, more than the 50 million NN Scratch reads')
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024)
    // a BMP header declaring too many pixels too
    const big = F.bmp24(F.knownPicture(4, 4))
    new DataView(big.buffer).setInt32(18, 20000, true)
    new DataView(big.buffer).setInt32(22, 20000, true)
    expect(await reasonFor(big)).toMatch(/20000 × 20000 pixels/)
    expect(MAX_PICTURE_PIXELS).toBe(50_000_000)
  })

  it('the limit lets a 48-megapixel phone photo through and refuses one pixel row more than 50 million', async () => {
    // headers only (one row of pixels is there): under the limit the picture is decoded and found cut short
    expect(await reasonFor(F.pngBomb(8064, 6048, 1))).toBe('the picture is damaged or cut short')
    expect(await reasonFor(F.pngBomb(10000, 5001, 1))).toBe('a picture of 10000 × 5001 pixels, more than the 50 million NN Scratch reads')
  })

  it('HEIC photos: said plainly, by name or by content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nn-decode-'))
    await writeFile(join(dir, 'IMG_0001.HEIC'), F.randomBytes(100))
    expect(await reasonFor(join(dir, 'IMG_0001.HEIC'))).toBe('HEIC photos cannot be read yet')
    const box = new Uint8Array(64)
    box.set(new TextEncoder().encode('ftypheic'), 4)
    const e = (await decodePicture(box).catch((x: unknown) => x)) as PictureError
    expect(e.message).toMatch(/export them as JPEG/i)
    // a PNG that was only named .heic is read
    await writeFile(join(dir, 'renamed.heic'), await F.pngRgb(known))
    expect(F.pictureDifference(await decodePicture(join(dir, 'renamed.heic')), known).max).toBe(0)
  })

  it('a missing file is a plain UserError', async () => {
    const e = await decodePicture('/no/such/picture.jpg').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).code).toBe('no-such-file')
  })
})

describe('shrinking very large pictures while decoding', () => {
  it('only from 8× the target on the shorter side, never below 4×', () => {
    expect(shrinkFactor(255, 4000)).toBe(1)
    expect(shrinkFactor(640, 480)).toBe(3)
    expect(shrinkFactor(256, 256)).toBe(2)
    expect(shrinkFactor(8064, 6048)).toBe(47)
    for (const [w, h] of [[640, 480], [4032, 3024], [300, 9000]]) {
      const k = shrinkFactor(w, h)
      expect(Math.min(w, h) / k).toBeGreaterThanOrEqual(128)
    }
  })

  it('decodes a large JPEG to the shrunk size', async () => {
    const big = await F.jpegPhoto(F.knownPicture(1024, 768))
    const got = await decodePicture(big, { shrink: true })
    expect([got.width, got.height]).toEqual([171, 128])
    const full = await decodePicture(big)
    expect([full.width, full.height]).toEqual([1024, 768])
  })
})

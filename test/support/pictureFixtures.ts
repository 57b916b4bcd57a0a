/**
 * Picture fixtures built in code (issue 10: no downloaded photos): a known RGB picture written in
 * every format NN Scratch reads (with sharp; BMP by hand, since sharp cannot write it), JPEGs with
 * each EXIF orientation of a picture whose upright form is known, damaged files, a decompression
 * bomb (a PNG header declaring 100000 × 100000 pixels, a few KB), and folder trees on disk.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { deflateSync } from 'node:zlib'
import sharp, { type Sharp } from 'sharp'
import type { RgbPicture } from '../../src/core/pictures/types'

/**
 * A smooth picture with no symmetry: red grows to the right, green grows downwards, blue varies
 * gently along the diagonal. Any rotation or mirror of it is far from it, and JPEG keeps it close.
 */
export function knownPicture(width = 32, height = 32): RgbPicture {
  const rgb = new Uint8Array(width * height * 3)
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const o = 3 * (r * width + c)
      rgb[o] = Math.round(20 + (215 * c) / Math.max(1, width - 1))
      rgb[o + 1] = Math.round(30 + (200 * r) / Math.max(1, height - 1))
      rgb[o + 2] = Math.round(128 + 60 * Math.sin((r + c) / (width + height) * Math.PI))
    }
  }
  return { width, height, rgb }
}

/** A picture of at most 4 flat colours in 8×8 blocks: what palette formats (GIF, palette PNG) keep exactly. */
export function blockPicture(width = 32, height = 32): RgbPicture {
  const colours = [[200, 30, 40], [20, 160, 60], [30, 40, 220], [240, 220, 20]]
  const rgb = new Uint8Array(width * height * 3)
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const k = colours[((r >> 3) * 3 + (c >> 3)) % 4]
      rgb.set(k, 3 * (r * width + c))
    }
  }
  return { width, height, rgb }
}

/** A grey version: each pixel's three channels equal. */
export function greyPicture(width = 32, height = 32): RgbPicture {
  const rgb = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) {
    const r = Math.floor(i / width)
    const c = i % width
    rgb.fill(Math.round(10 + (230 * (r + c)) / (width + height - 2)), 3 * i, 3 * i + 3)
  }
  return { width, height, rgb }
}

function raw(p: RgbPicture, channels: 3 | 4 = 3) {
  return { raw: { width: p.width, height: p.height, channels } }
}

function fromPicture(p: RgbPicture): Sharp {
  return sharp(Buffer.from(p.rgb.buffer, p.rgb.byteOffset, p.rgb.byteLength), raw(p))
}

async function bytes(s: Sharp): Promise<Uint8Array> {
  const b = await s.toBuffer()
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

export const jpegBaseline = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).jpeg({ quality: 100, chromaSubsampling: '4:4:4' }))
export const jpegProgressive = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).jpeg({ quality: 100, chromaSubsampling: '4:4:4', progressive: true }))
/** An ordinary 4:2:0 photo-quality JPEG (what cameras write). */
export const jpegPhoto = (p: RgbPicture, quality = 85): Promise<Uint8Array> =>
  bytes(fromPicture(p).jpeg({ quality }))
export const jpegCmyk = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).toColourspace('cmyk').jpeg({ quality: 100, chromaSubsampling: '4:4:4' }))
export const pngRgb = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).png())
/** A palette PNG; exact for pictures of at most 256 colours (blockPicture). */
export const pngPalette = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).png({ palette: true, colours: 256, dither: 0 }))
/** A one-channel grey PNG of the picture's red channel (use greyPicture). */
export const pngGrey = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).extractChannel(0).toColourspace('b-w').png())
/** A 16-bit PNG: each value v stored as v·257, which goes back to v exactly. */
export const png16 = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).toColourspace('rgb16').png())
export const webpLossless = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).webp({ lossless: true }))
export const webpLossy = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).webp({ quality: 100 }))
export const gif = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).gif({ dither: 0 }))
export const tiff = (p: RgbPicture): Promise<Uint8Array> => bytes(fromPicture(p).tiff({ compression: 'lzw' }))
export const avif = (p: RgbPicture): Promise<Uint8Array> =>
  bytes(fromPicture(p).avif({ quality: 100, chromaSubsampling: '4:4:4' }))

/** A two-frame animated GIF: `first`, then its colours inverted. */
export async function gifAnimated(first: RgbPicture): Promise<Uint8Array> {
  const both = new Uint8Array(first.rgb.length * 2)
  both.set(first.rgb, 0)
  for (let i = 0; i < first.rgb.length; i++) both[first.rgb.length + i] = 255 - first.rgb[i]
  const s = sharp(Buffer.from(both.buffer), {
    raw: { width: first.width, height: first.height * 2, channels: 3, pageHeight: first.height }
  })
  return bytes(s.gif({ dither: 0, delay: [100, 100] }))
}

/** Alpha used by pngAlpha: opaque left third, half transparent middle, fully transparent right. */
export function alphaAt(c: number, width: number): number {
  return c < width / 3 ? 255 : c < (2 * width) / 3 ? 128 : 0
}

/** A PNG with an alpha channel (alphaAt). */
export async function pngAlpha(p: RgbPicture): Promise<Uint8Array> {
  const rgba = new Uint8Array(p.width * p.height * 4)
  for (let i = 0; i < p.width * p.height; i++) {
    rgba.set(p.rgb.subarray(3 * i, 3 * i + 3), 4 * i)
    rgba[4 * i + 3] = alphaAt(i % p.width, p.width)
  }
  return bytes(sharp(Buffer.from(rgba.buffer), raw(p, 4)).png())
}

/** What pngAlpha's picture looks like composited on `background`. */
export function alphaComposited(p: RgbPicture, background: readonly number[]): RgbPicture {
  const rgb = new Uint8Array(p.rgb.length)
  for (let i = 0; i < p.width * p.height; i++) {
    const a = alphaAt(i % p.width, p.width) / 255
    for (let k = 0; k < 3; k++) rgb[3 * i + k] = Math.round(p.rgb[3 * i + k] * a + background[k] * (1 - a))
  }
  return { width: p.width, height: p.height, rgb }
}

/** A 24-bit BMP (BITMAPINFOHEADER, bottom-up rows, BGR, rows padded to 4 bytes), written by hand. */
export function bmp24(p: RgbPicture): Uint8Array {
  return bmp(p, { bits: 24 })
}

export interface BmpOptions {
  /** 24 (BGR), 32 (BGRx) or 8 (a palette of the picture's colours, at most 256). */
  readonly bits: 8 | 24 | 32
  /** rows stored top row first (a negative height) instead of bottom row first. */
  readonly topDown?: boolean
  /** the compression field (0: none; 1: RLE8, which NN Scratch does not read). */
  readonly compression?: number
}

/** A BMP of the picture (BITMAPINFOHEADER, rows padded to 4 bytes), written by hand. */
export function bmp(p: RgbPicture, o: BmpOptions): Uint8Array {
  const palette: number[] = []
  const index = new Map<number, number>()
  if (o.bits === 8) {
    for (let i = 0; i < p.width * p.height; i++) {
      const key = (p.rgb[3 * i] << 16) | (p.rgb[3 * i + 1] << 8) | p.rgb[3 * i + 2]
      if (!index.has(key)) { index.set(key, palette.length); palette.push(key) }
    }
    if (palette.length > 256) throw new Error('an 8-bit BMP holds at most 256 colours')
  }
  const stride = Math.ceil((p.width * o.bits) / 32) * 4
  const dataAt = 54 + 4 * palette.length
  const size = dataAt + stride * p.height
  const out = new Uint8Array(size)
  const v = new DataView(out.buffer)
  out[0] = 0x42 // 'B'
  out[1] = 0x4d // 'M'
  v.setUint32(2, size, true)
  v.setUint32(10, dataAt, true)
  v.setUint32(14, 40, true) // header size
  v.setInt32(18, p.width, true)
  v.setInt32(22, o.topDown ? -p.height : p.height, true)
  v.setUint16(26, 1, true) // planes
  v.setUint16(28, o.bits, true)
  v.setUint32(30, o.compression ?? 0, true)
  v.setUint32(34, stride * p.height, true)
  v.setInt32(38, 2835, true)
  v.setInt32(42, 2835, true)
  v.setUint32(46, palette.length, true)
  palette.forEach((key, k) => {
    out[54 + 4 * k] = key & 0xff
    out[54 + 4 * k + 1] = (key >> 8) & 0xff
    out[54 + 4 * k + 2] = key >> 16
  })
  const bytesPer = o.bits >> 3
  for (let r = 0; r < p.height; r++) {
    const row = dataAt + (o.topDown ? r : p.height - 1 - r) * stride
    for (let c = 0; c < p.width; c++) {
      const s = 3 * (r * p.width + c)
      if (o.bits === 8) {
        out[row + c] = index.get((p.rgb[s] << 16) | (p.rgb[s + 1] << 8) | p.rgb[s + 2]) as number
      } else {
        out[row + bytesPer * c] = p.rgb[s + 2]
        out[row + bytesPer * c + 1] = p.rgb[s + 1]
        out[row + bytesPer * c + 2] = p.rgb[s]
      }
    }
  }
  return out
}

/**
 * The stored pixels for EXIF orientation `o` (1–8): the picture that, turned as the tag says,
 * shows `upright`. (2: mirrored; 3: turned 180°; 4: upside down mirrored; 5: transposed;
 * 6: shown turned 90° clockwise; 7: transverse; 8: shown turned 90° anticlockwise.)
 */
export function storedForOrientation(upright: RgbPicture, o: number): RgbPicture {
  const { width: W, height: H } = upright
  const swap = o >= 5
  const w = swap ? H : W
  const h = swap ? W : H
  const rgb = new Uint8Array(upright.rgb.length)
  // for each upright pixel (r, c), where it is stored (sr, sc)
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      let sr: number
      let sc: number
      switch (o) {
        case 1: sr = r; sc = c; break
        case 2: sr = r; sc = W - 1 - c; break
        case 3: sr = H - 1 - r; sc = W - 1 - c; break
        case 4: sr = H - 1 - r; sc = c; break
        case 5: sr = c; sc = r; break
        case 6: sr = W - 1 - c; sc = r; break
        case 7: sr = W - 1 - c; sc = H - 1 - r; break
        default: sr = c; sc = H - 1 - r; break // 8
      }
      rgb.set(upright.rgb.subarray(3 * (r * W + c), 3 * (r * W + c) + 3), 3 * (sr * w + sc))
    }
  }
  return { width: w, height: h, rgb }
}

/** A JPEG whose EXIF orientation is `o` and whose upright form is `upright`. */
export function jpegOriented(upright: RgbPicture, o: number): Promise<Uint8Array> {
  const stored = storedForOrientation(upright, o)
  return bytes(fromPicture(stored).jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).withMetadata({ orientation: o }))
}

/** The first `fraction` of a file: a download cut short. */
export function truncated(file: Uint8Array, fraction = 0.5): Uint8Array {
  return file.slice(0, Math.floor(file.length * fraction))
}

/** `n` bytes of seeded noise (what a random file named .jpg holds). */
export function randomBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n)
  let s = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0
    s ^= s >>> 17
    s ^= s << 5; s >>>= 0
    out[i] = s & 0xff
  }
  return out
}

export const textFile = (): Uint8Array => new TextEncoder().encode('These are my notes about the cat pictures.\n')

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(b: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/**
 * A decompression bomb: a valid PNG header declaring `width` × `height` 8-bit grey pixels, with
 * the first `rows` rows of zeros deflated (a few KB); a decoder that believed it would set aside
 * width·height bytes.
 */
export function pngBomb(width = 100000, height = 100000, rows = 64): Uint8Array {
  const ihdr = new Uint8Array(13)
  const v = new DataView(ihdr.buffer)
  v.setUint32(0, width)
  v.setUint32(4, height)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 0 // grey
  const raw = new Uint8Array(rows * (width + 1)) // filter byte 0 + zeros per row
  const idat = new Uint8Array(deflateSync(raw, { level: 9 }))
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0))
  ]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** Largest and mean absolute difference between two pictures of the same size. */
export function pictureDifference(a: RgbPicture, b: RgbPicture): { max: number; mean: number } {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`pictures differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`)
  }
  let max = 0
  let sum = 0
  for (let i = 0; i < a.rgb.length; i++) {
    const d = Math.abs(a.rgb[i] - b.rgb[i])
    sum += d
    if (d > max) max = d
  }
  return { max, mean: sum / a.rgb.length }
}

/** A file's contents in a folder layout: bytes, or a symbolic link to another path. */
export type FolderFile = Uint8Array | string | { readonly linkTo: string }

/**
 * Write a folder tree into a new temporary folder and return its path. `layout` maps
 * '/'-separated relative paths to contents (a string is written as text); a path ending in '/'
 * makes an empty folder.
 */
export async function makePictureFolder(
  layout: Readonly<Record<string, FolderFile | null>>,
  root?: string
): Promise<string> {
  const base = root ?? (await mkdtemp(join(tmpdir(), 'nn-pictures-')))
  for (const [path, content] of Object.entries(layout)) {
    const full = join(base, ...path.split('/'))
    if (path.endsWith('/') || content === null) {
      await mkdir(full, { recursive: true })
      continue
    }
    await mkdir(dirname(full), { recursive: true })
    if (typeof content === 'string') await writeFile(full, content)
    else if (content instanceof Uint8Array) await writeFile(full, content)
    else await symlink(content.linkTo, full)
  }
  return base
}

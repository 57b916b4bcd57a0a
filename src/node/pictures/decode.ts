/**
 * One picture file to RGB pixels (docs/pictures.md, step 1), with sharp (libvips): the EXIF
 * orientation applied, the first frame of an animation, alpha composited on ALPHA_BACKGROUND_RGB,
 * grey to three equal channels, 16-bit to 8-bit, CMYK to sRGB; out comes RgbPicture, interleaved
 * [height, width, 3]. The declared size is read first and a picture over MAX_PICTURE_PIXELS is
 * refused before any pixel is decoded. With `shrink`, a very large picture is shrunk by libvips
 * by a whole factor k while it is decoded (a JPEG's shrink-on-load by 2, 4 or 8 in the DCT, then a
 * cubic reduce for the rest), only when the rectangle that resize mode uses is at least
 * SHRINK_FROM × 32 on both sides, and never below KEEP_AT_LEAST × 32.
 * Every failure is a PictureError with a plain reason, never the decoder's own text.
 */
import { availableParallelism } from 'node:os'
import { extname } from 'node:path'
import type { Metadata, default as SharpModule } from 'sharp'
import { PICTURE_SIDE } from '../../core/data/picture'
import { UserError } from '../../core/errors'
import { ALPHA_BACKGROUND_RGB, type RgbPicture } from '../../core/pictures/types'
import { readBytes } from '../readSource'
import { bmpSize, isBmp, readBmp } from './bmp'

/** The most pixels a picture may have: a 48-megapixel phone photo (8064 × 6048) fits. */
export const MAX_PICTURE_PIXELS = 50_000_000
/** Shrink while decoding only when the mode's rectangle is at least this many times PICTURE_SIDE on both sides… */
export const SHRINK_FROM = 8
/** …and never below this many times PICTURE_SIDE, so the area average that follows stays exact enough. */
export const KEEP_AT_LEAST = 4

// Each picture is decoded on one of libuv's threads, several pictures at once (importFolder.ts);
// libvips' own threads per picture (concurrency) would only compete with them, and no file is
// ever read twice (no cache). libuv has 4 threads unless told otherwise before its first use: one
// per core is asked for here, which takes effect when this module loads before any file is read
// (the command line, the training process); where the pool has started already it stays at 4.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism()))

type Sharp = typeof SharpModule
let sharpLoading: Promise<Sharp> | null = null

/** The plain message when sharp (its native libvips) cannot load on this computer. */
export function noPictureLibrary(): UserError {
  return new UserError(
    'no-picture-library',
    'Pictures cannot be read on this computer: the picture library NN Scratch uses (sharp) did not load. ' +
      'Install NN Scratch again (npm install), or open a dataset file instead of pictures.'
  )
}

/**
 * sharp, loaded on first use rather than with this module: a computer where its native library
 * cannot load still opens dataset files and trains; only pictures then get noPictureLibrary.
 */
export function loadSharp(): Promise<Sharp> {
  sharpLoading ??= import('sharp').then(
    (m) => {
      const sharp = ((m as { default?: Sharp }).default ?? m) as Sharp
      sharp.cache(false)
      sharp.concurrency(1)
      return sharp
    },
    () => {
      sharpLoading = null
      throw noPictureLibrary()
    }
  )
  return sharpLoading
}

/** A picture that cannot be used; `reason` is the plain words a list of skipped files shows. */
export class PictureError extends UserError {
  readonly reason: string

  constructor(code: string, reason: string, advice: string) {
    super(code, `This picture cannot be read: ${reason}. ${advice}`)
    this.reason = reason
  }
}

const damaged = (): PictureError =>
  new PictureError('damaged-picture', 'the picture is damaged or cut short', 'Copy it again, or open and save it again in a picture program.')
const notAPicture = (): PictureError =>
  new PictureError('not-a-picture', 'not a picture format NN Scratch can read', 'Save it as JPEG or PNG.')
const emptyFile = (): PictureError => new PictureError('empty-file', 'the file is empty', 'Copy the picture again.')
const heic = (): PictureError =>
  new PictureError('heic', 'HEIC photos cannot be read yet', 'Export them as JPEG (on a phone: Settings, Camera, Formats, Most Compatible).')
const bmpUnsupported = (): PictureError =>
  new PictureError('unsupported-bmp', 'a kind of BMP (compressed, or with an unusual number of colours) NN Scratch cannot read', 'Save it as PNG.')

/** A picture over MAX_PICTURE_PIXELS, with its size in the reason. */
export function tooManyPixels(width: number, height: number): PictureError {
  return new PictureError(
    'too-many-pixels',
    `a picture of ${width} × ${height} pixels, more than the ${MAX_PICTURE_PIXELS / 1e6} million NN Scratch reads`,
    'Make it smaller in a picture program first.'
  )
}

export interface DecodeOptions {
  /** Allow shrinking a very large picture by a whole factor while decoding (shrinkFactor); for a 32×32 resize. */
  readonly shrink?: boolean
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])

/** Named like a HEIC photo (the name is only a hint: a file that is really a JPEG is read). */
function heicName(name: string | null): boolean {
  return name !== null && ['.heic', '.heif'].includes(extname(name).toLowerCase())
}

/** An ISO base media file whose brand is HEIC (iPhone photos). AVIF files say 'avif'. */
function isHeic(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  const box = String.fromCharCode(...bytes.subarray(4, 12))
  return box.startsWith('ftyp') && HEIC_BRANDS.has(box.slice(4))
}

/** Starts like a JPEG, PNG, GIF, WebP or TIFF file (so a failure means damage, not another format). */
function looksLikePicture(b: Uint8Array): boolean {
  const at = (i: number, text: string): boolean => [...text].every((ch, k) => b[i + k] === ch.charCodeAt(0))
  return (b[0] === 0xff && b[1] === 0xd8) || (b[0] === 0x89 && at(1, 'PNG')) || at(0, 'GIF8') ||
    (at(0, 'RIFF') && at(8, 'WEBP')) || at(0, 'II*') || at(0, 'MM\0*')
}

/**
 * The whole factor to shrink by while decoding a picture shown `width` × `height` (upright): 1
 * unless the rectangle the resize mode uses is at least SHRINK_FROM × PICTURE_SIDE on both sides;
 * then the largest k that keeps both its sides at least KEEP_AT_LEAST × PICTURE_SIDE. The shorter
 * side decides for every mode: it is crop's square's side, and the whole picture's (squash, pad)
 * shorter side, and one k shrinks both axes (pad keeps the aspect).
 */
export function shrinkFactor(width: number, height: number): number {
  const side = Math.min(width, height)
  if (side < SHRINK_FROM * PICTURE_SIDE) return 1
  return Math.floor(side / (KEEP_AT_LEAST * PICTURE_SIDE))
}

async function fromBytes(bytes: Uint8Array, name: string | null, options: DecodeOptions): Promise<RgbPicture> {
  if (bytes.length === 0) throw emptyFile()
  if (isBmp(bytes)) {
    const size = bmpSize(bytes)
    if (size !== null && size.width * size.height > MAX_PICTURE_PIXELS) throw tooManyPixels(size.width, size.height)
    const b = readBmp(bytes, MAX_PICTURE_PIXELS)
    if (b === 'damaged') throw damaged()
    if (b === 'unsupported') throw bmpUnsupported()
    if ('tooLarge' in b) throw tooManyPixels(b.tooLarge.width, b.tooLarge.height)
    return b
  }
  if (isHeic(bytes)) throw heic()
  const sharp = await loadSharp()
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // failOn 'error': a cut-short file fails; the harmless warnings many cameras' files carry do not
  const settings = { failOn: 'error' as const, limitInputPixels: MAX_PICTURE_PIXELS, pages: 1, page: 0, sequentialRead: true }
  let meta: Metadata
  try {
    meta = await sharp(input, { ...settings, limitInputPixels: false }).metadata()
  } catch {
    throw heicName(name) ? heic() : looksLikePicture(bytes) ? damaged() : notAPicture()
  }
  if (!(meta.width > 0 && meta.height > 0)) throw damaged()
  if (meta.width * meta.height > MAX_PICTURE_PIXELS) throw tooManyPixels(meta.width, meta.height)
  const upright = meta.autoOrient ?? { width: meta.width, height: meta.height }
  let s = sharp(input, settings).autoOrient()
  const k = options.shrink === true ? shrinkFactor(upright.width, upright.height) : 1
  if (k > 1) {
    s = s.resize({
      width: Math.max(1, Math.round(upright.width / k)),
      height: Math.max(1, Math.round(upright.height / k)),
      fit: 'fill',
      kernel: 'cubic' // as close to the exact area average as lanczos3 here, and 10-15 % less work per photo
    })
  }
  const [r, g, b] = ALPHA_BACKGROUND_RGB
  try {
    const { data, info } = await s
      .flatten({ background: { r, g, b } })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) throw damaged()
    return { width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }
  } catch (e) {
    if (e instanceof PictureError) throw e
    throw damaged()
  }
}

/**
 * Decode a picture file (its bytes, or its path on disk) to RGB. Throws PictureError for a file
 * that is not a usable picture, and readBytes' UserError when the file cannot be read.
 */
export async function decodePicture(input: Uint8Array | string, options: DecodeOptions = {}): Promise<RgbPicture> {
  if (typeof input === 'string') return fromBytes(await readBytes(input), input, options)
  return fromBytes(input, null, options)
}

/** How many pictures to decode at once by default: one per core, and one more to keep them busy. */
export function defaultConcurrency(): number {
  return availableParallelism() + 1
}

/**
 * BMP pictures, which libvips' prebuilt build in sharp does not load (it has no ImageMagick):
 * the file header is read here and its rows handed to sharp as raw RGB. Only the forms that
 * Windows Paint and most programs write are read: uncompressed (BI_RGB) 24- and 32-bit, and 8-,
 * 4- and 1-bit with a palette; rows bottom-up (height > 0) or top-down (height < 0), each padded
 * to 4 bytes. Anything else gets a plain reason. Sizes are checked before anything is allocated.
 *   bytes 0-1 "BM"; 10: uint32 offset of the pixels; 14: header size (≥ 40);
 *   18: int32 width; 22: int32 height; 28: uint16 bits per pixel; 30: uint32 compression;
 *   46: uint32 palette colours (0: 2^bits); the palette (B, G, R, 0) follows the header.
 */
import type { RgbPicture } from '../../core/pictures/types'

/** Why a BMP cannot be read, in plain words (decode.ts turns it into a PictureError). */
export type BmpProblem = 'damaged' | 'unsupported' | { readonly tooLarge: { width: number; height: number } }

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d
}

/** The width and height a BMP declares, or null when its header is cut short. */
export function bmpSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 26) return null
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) }
}

/** Decode a BMP to RGB, refusing more than `maxPixels`; a problem instead of a picture when it cannot. */
export function readBmp(bytes: Uint8Array, maxPixels: number): RgbPicture | BmpProblem {
  if (bytes.length < 54) return 'damaged'
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dataAt = v.getUint32(10, true)
  const headerSize = v.getUint32(14, true)
  const width = v.getInt32(18, true)
  const rawHeight = v.getInt32(22, true)
  const bits = v.getUint16(28, true)
  const compression = headerSize >= 40 ? v.getUint32(30, true) : 0
  if (headerSize < 40 || width <= 0 || rawHeight === 0) return 'unsupported'
  const height = Math.abs(rawHeight)
  if (width * height > maxPixels) return { tooLarge: { width, height } }
  if (compression !== 0 || ![1, 4, 8, 24, 32].includes(bits)) return 'unsupported'
  const stride = Math.ceil((width * bits) / 32) * 4
  if (dataAt + stride * height > bytes.length) return 'damaged'

  let palette: Uint8Array | null = null
  if (bits <= 8) {
    const colours = v.getUint32(46, true) || 1 << bits
    const at = 14 + headerSize
    if (colours > 1 << bits || at + 4 * colours > dataAt) return 'damaged'
    palette = bytes.subarray(at, at + 4 * colours)
  }
  const rgb = new Uint8Array(width * height * 3)
  for (let r = 0; r < height; r++) {
    const row = dataAt + (rawHeight > 0 ? height - 1 - r : r) * stride
    for (let c = 0; c < width; c++) {
      const o = 3 * (r * width + c)
      if (palette === null) {
        const s = row + c * (bits >> 3)
        rgb[o] = bytes[s + 2]
        rgb[o + 1] = bytes[s + 1]
        rgb[o + 2] = bytes[s]
      } else {
        const bit = c * bits
        const index = (bytes[row + (bit >> 3)] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1)
        if (4 * index + 2 >= palette.length) return 'damaged'
        rgb[o] = palette[4 * index + 2]
        rgb[o + 1] = palette[4 * index + 1]
        rgb[o + 2] = palette[4 * index]
      }
    }
  }
  return { width, height, rgb }
}

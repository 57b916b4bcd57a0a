/**
 * THE one path from a picture file to what the network sees (docs/pictures.md): decode (with
 * sharp, decode.ts) then resize to 32×32 by exact area averaging (core's resize.ts), written
 * channel-planar — [3, 32, 32] uint8, the dataset row layout. The import, the studio's Try tab and
 * `nn-scratch predict` all call pictureTo32, so a new picture is treated exactly as the training ones.
 */
import { PICTURE_INPUTS } from '../../core/data/picture'
import { resizePicture } from '../../core/pictures/resize'
import { RESIZE_MODES, type ResizeMode } from '../../core/pictures/types'
import { decodePicture } from './decode'

/**
 * The picture (its bytes or its path) as 3072 planar bytes, written into `out` at `outAt` (a new
 * array when `out` is not given) and returned. Throws decode.ts' PictureError for a bad picture.
 */
export async function pictureTo32(
  input: Uint8Array | string, mode: ResizeMode, out?: Uint8Array, outAt = 0
): Promise<Uint8Array> {
  const picture = await decodePicture(input, { shrink: true })
  const target = out ?? new Uint8Array(PICTURE_INPUTS)
  resizePicture(picture, mode, target, outAt)
  return target
}

/** The picture through every resize mode (one decode): what the studio's resize preview shows. */
export async function pictureInEveryMode(input: Uint8Array | string): Promise<Record<ResizeMode, Uint8Array>> {
  const picture = await decodePicture(input, { shrink: true })
  const out = {} as Record<ResizeMode, Uint8Array>
  for (const mode of RESIZE_MODES) {
    out[mode] = new Uint8Array(PICTURE_INPUTS)
    resizePicture(picture, mode, out[mode], 0)
  }
  return out
}

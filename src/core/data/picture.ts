/**
 * A dataset row as a picture: row r of x: [rows, 3072] uint8 is 32×32 colour, channel-planar
 * (1024 red, then 1024 green, then 1024 blue values, each 32 rows of 32), so pixel p = 32·row +
 * col is (x[r, p], x[r, 1024 + p], x[r, 2048 + p]). Output: RGBA bytes [32, 32, 4], opaque, the
 * layout putImageData takes; shown pixel for pixel, scaled up without smoothing.
 */

export const PICTURE_SIDE = 32
const PLANE = PICTURE_SIDE * PICTURE_SIDE
/** uint8 values per picture row: three colour planes. */
export const PICTURE_INPUTS = 3 * PLANE
/** bytes of one RGBA picture. */
export const PICTURE_RGBA_BYTES = 4 * PLANE

/** How many whole picture rows x holds, checking that it is [rows, 3072]. */
export function pictureCount(x: Uint8Array): number {
  if (x.length % PICTURE_INPUTS !== 0) throw new RangeError(`${x.length} pixel values are not rows of ${PICTURE_INPUTS}`)
  return x.length / PICTURE_INPUTS
}

/** Writes row `row` of x as RGBA bytes into `out` and returns it. */
export function pictureRgba(x: Uint8Array, row: number, out: Uint8ClampedArray = new Uint8ClampedArray(PICTURE_RGBA_BYTES)): Uint8ClampedArray {
  if (!Number.isInteger(row) || row < 0 || row >= pictureCount(x)) throw new RangeError(`row ${row} is outside 0..${pictureCount(x) - 1}`)
  if (out.length !== PICTURE_RGBA_BYTES) throw new RangeError(`a picture needs ${PICTURE_RGBA_BYTES} bytes, not ${out.length}`)
  const r = row * PICTURE_INPUTS
  const g = r + PLANE
  const b = g + PLANE
  for (let p = 0; p < PLANE; p++) {
    const o = 4 * p
    out[o] = x[r + p]
    out[o + 1] = x[g + p]
    out[o + 2] = x[b + p]
    out[o + 3] = 255
  }
  return out
}

/**
 * The contribution map as a picture: per pixel p of a 32×32 picture, c_p (contributions.ts
 * perPixel: [1024], how much the pixel pushed the answer's score) drawn over a faint grey copy of
 * the picture x: [3072] channel-planar uint8.
 *   grey  g_p = 0.299·R + 0.587·G + 0.114·B,  faint f_p = 255 − FAINT·(255 − g_p)  (a light copy)
 *   share t_p = |c_p| / max_q |c_q|  (0 everywhere when every c is 0)
 *   colour = (1 − t_p)·f_p + t_p·(RED if c_p > 0, BLUE if c_p < 0)
 * so red pixels pushed towards the answer, blue ones away, and the strongest is full colour.
 * Output: RGBA bytes [32, 32, 4], opaque, the layout putImageData takes.
 */

const SIDE = 32
const PIXELS = SIDE * SIDE
/** How much of the picture's darkness the faint copy keeps. */
export const FAINT = 0.3
/** Towards the answer, and away from it. */
export const TOWARDS_RGB: readonly [number, number, number] = [214, 39, 40]
export const AWAY_RGB: readonly [number, number, number] = [31, 119, 180]

/** The largest |c_p|: what full colour stands for. */
export function largestContribution(map: Float32Array): number {
  let m = 0
  for (let p = 0; p < map.length; p++) m = Math.max(m, Math.abs(map[p]))
  return m
}

export function contributionRgba(map: Float32Array, x: Uint8Array, out: Uint8ClampedArray = new Uint8ClampedArray(4 * PIXELS)): Uint8ClampedArray {
  if (map.length !== PIXELS || x.length !== 3 * PIXELS) throw new RangeError(`a contribution map needs ${PIXELS} values and ${3 * PIXELS} pixel bytes`)
  const largest = largestContribution(map)
  for (let p = 0; p < PIXELS; p++) {
    const g = 0.299 * x[p] + 0.587 * x[PIXELS + p] + 0.114 * x[2 * PIXELS + p]
    const f = 255 - FAINT * (255 - g)
    const c = map[p]
    const t = largest > 0 ? Math.abs(c) / largest : 0
    const colour = c > 0 ? TOWARDS_RGB : AWAY_RGB
    const o = 4 * p
    out[o] = (1 - t) * f + t * colour[0]
    out[o + 1] = (1 - t) * f + t * colour[1]
    out[o + 2] = (1 - t) * f + t * colour[2]
    out[o + 3] = 255
  }
  return out
}

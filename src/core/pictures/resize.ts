/**
 * Any picture to 32×32 by exact area averaging, written channel-planar (the dataset row layout of
 * src/core/data/picture.ts: 1024 red, 1024 green, 1024 blue, each 32 rows of 32).
 *   out[c, oy, ox] = round( Σ_j Σ_i wy[oy, j]·wx[ox, i]·src[j, i, c] + (1 − cx[ox]·cy[oy])·PAD_RGB[c] )
 *   wx[ox, i] = |[i, i+1) ∩ Fx(ox)| / |Fx(ox)|,  cx[ox] = Σ_i wx[ox, i]  (the same along y)
 * Output pixel o of an axis with n source pixels has the footprint Fx(o) = [off + o·span/32,
 * off + (o+1)·span/32), off = (n − span)/2, where span is the source length the 32 outputs cover:
 * the shorter side (crop), n (squash), the longer side (pad: the part outside [0, n) is PAD_RGB).
 * Footprints start at whole multiples of 1/64 of a source pixel, so every sum is an integer held
 * exactly in a double and the rounding (half up) is exact. Pictures smaller than 32 use the same
 * rule (a box filter): an output pixel inside one source pixel copies it, one across two mixes them.
 */
import { PICTURE_INPUTS, PICTURE_SIDE } from '../data/picture'
import { PAD_RGB, RESIZE_MODES, type ResizeMode, type RgbPicture } from './types'

/** The longest side resize accepts: keeps every weighted sum below 2^53 (exact in a double). */
export const MAX_RESIZE_SIDE = 1 << 20

const PLANE = PICTURE_SIDE * PICTURE_SIDE
/** Positions along an axis are counted in 1/UNIT of a source pixel. */
const UNIT = 64

/** A rectangle; fractional positions and sizes are allowed. */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** Where a mode takes a picture from and where it puts it: source in the picture's pixels, target in the 32×32 output's. */
export interface ResizeGeometry {
  readonly source: Rect
  readonly target: Rect
}

function checkSize(width: number, height: number): void {
  for (const [what, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_RESIZE_SIDE) {
      throw new RangeError(`a picture's ${what} must be a whole number from 1 to ${MAX_RESIZE_SIDE}, not ${v}`)
    }
  }
}

function checkMode(mode: ResizeMode): void {
  if (!RESIZE_MODES.includes(mode)) throw new RangeError(`unknown resize mode ${String(mode)}`)
}

/** The source length the 32 outputs of each axis cover (see the header). */
function spanOf(width: number, height: number, mode: ResizeMode): number | null {
  if (mode === 'crop') return Math.min(width, height)
  if (mode === 'pad') return Math.max(width, height)
  return null
}

/**
 * Which part of a width×height picture a mode uses (crop: the largest centred square; squash and
 * pad: all of it) and where it lands in the 32×32 output (pad: the fitted, centred rectangle).
 */
export function resizeGeometry(width: number, height: number, mode: ResizeMode): ResizeGeometry {
  checkSize(width, height)
  checkMode(mode)
  const full = { x: 0, y: 0, width: PICTURE_SIDE, height: PICTURE_SIDE }
  if (mode === 'squash') return { source: { x: 0, y: 0, width, height }, target: full }
  const span = spanOf(width, height, mode) as number
  if (mode === 'crop') {
    return { source: { x: (width - span) / 2, y: (height - span) / 2, width: span, height: span }, target: full }
  }
  const tw = (PICTURE_SIDE * width) / span
  const th = (PICTURE_SIDE * height) / span
  return {
    source: { x: 0, y: 0, width, height },
    target: { x: (PICTURE_SIDE - tw) / 2, y: (PICTURE_SIDE - th) / 2, width: tw, height: th }
  }
}

/**
 * One axis's weights: output o takes source pixels index[first[o] .. first[o] + count[o]) with
 * weights weight[…] (in UNITs; they sum to cover[o]); len is every footprint's length in UNITs.
 */
interface AxisTable {
  readonly first: Int32Array
  readonly count: Int32Array
  readonly cover: Float64Array
  index: Int32Array
  weight: Float64Array
  len: number
}

function newAxis(): AxisTable {
  return {
    first: new Int32Array(PICTURE_SIDE),
    count: new Int32Array(PICTURE_SIDE),
    cover: new Float64Array(PICTURE_SIDE),
    index: new Int32Array(0),
    weight: new Float64Array(0),
    len: 0
  }
}

// scratch kept between calls (grown when a bigger picture comes): resize allocates nothing else
const axisX = newAxis()
const axisY = newAxis()
/** acc[c·32 + ox]: one output row's weighted sums per colour. */
const acc = new Float64Array(3 * PICTURE_SIDE)

/** Fills `t` for an axis of n source pixels whose 32 outputs cover `span` of them, centred. */
function buildAxis(t: AxisTable, n: number, span: number): void {
  // the outputs overlap n + 31 source pixels at most when shrinking, 2 each when enlarging
  const capacity = n + 2 * PICTURE_SIDE
  if (t.index.length < capacity) {
    t.index = new Int32Array(capacity)
    t.weight = new Float64Array(capacity)
  }
  const len = (span * UNIT) / PICTURE_SIDE // span/32 source pixels, in UNITs (= 2·span)
  const off = ((n - span) * UNIT) / 2
  const end = n * UNIT
  t.len = len
  let k = 0
  for (let o = 0; o < PICTURE_SIDE; o++) {
    const a = Math.max(off + o * len, 0)
    const b = Math.min(off + (o + 1) * len, end)
    t.first[o] = k
    let cover = 0
    for (let i = Math.floor(a / UNIT); i * UNIT < b; i++) {
      const w = Math.min(b, (i + 1) * UNIT) - Math.max(a, i * UNIT)
      t.index[k] = i
      t.weight[k] = w
      cover += w
      k++
    }
    t.count[o] = k - t.first[o]
    t.cover[o] = cover
  }
}

/** round(num / den) for whole numbers 0 ≤ num, 0 < den, half up, exactly. */
function roundDiv(num: number, den: number): number {
  const twice = 2 * den
  const top = 2 * num + den
  let q = Math.floor(top / twice)
  if (q * twice > top) q--
  else if ((q + 1) * twice <= top) q++
  return q
}

/**
 * Writes the 32×32 channel-planar picture (3072 values) that `mode` makes of `src` into
 * out[outAt .. outAt + 3072). Throws RangeError for an empty or oversized picture, too few
 * rgb bytes, or too little room in `out`.
 */
export function resizePicture(src: RgbPicture, mode: ResizeMode, out: Uint8Array, outAt = 0): void {
  const { width, height, rgb } = src
  checkSize(width, height)
  checkMode(mode)
  if (rgb.length < width * height * 3) {
    throw new RangeError(`a ${width}×${height} picture needs ${width * height * 3} RGB bytes, not ${rgb.length}`)
  }
  if (!Number.isInteger(outAt) || outAt < 0 || outAt + PICTURE_INPUTS > out.length) {
    throw new RangeError(`no room for ${PICTURE_INPUTS} values at ${outAt} in an array of ${out.length}`)
  }
  const span = spanOf(width, height, mode)
  buildAxis(axisX, width, span ?? width)
  buildAxis(axisY, height, span ?? height)
  const den = axisX.len * axisY.len
  const { first: xFirst, count: xCount, index: xIndex, weight: xWeight, cover: xCover } = axisX
  const { first: yFirst, count: yCount, index: yIndex, weight: yWeight, cover: yCover } = axisY
  const G = PICTURE_SIDE
  const B = 2 * PICTURE_SIDE
  for (let oy = 0; oy < PICTURE_SIDE; oy++) {
    acc.fill(0)
    const yEnd = yFirst[oy] + yCount[oy]
    for (let ky = yFirst[oy]; ky < yEnd; ky++) {
      const row = yIndex[ky] * width * 3
      const wy = yWeight[ky]
      for (let ox = 0; ox < PICTURE_SIDE; ox++) {
        let r = 0
        let g = 0
        let b = 0
        const xEnd = xFirst[ox] + xCount[ox]
        for (let kx = xFirst[ox]; kx < xEnd; kx++) {
          const p = row + 3 * xIndex[kx]
          const w = xWeight[kx]
          r += w * rgb[p]
          g += w * rgb[p + 1]
          b += w * rgb[p + 2]
        }
        acc[ox] += wy * r
        acc[G + ox] += wy * g
        acc[B + ox] += wy * b
      }
    }
    const at = outAt + oy * PICTURE_SIDE
    for (let ox = 0; ox < PICTURE_SIDE; ox++) {
      const pad = den - xCover[ox] * yCover[oy]
      out[at + ox] = roundDiv(acc[ox] + pad * PAD_RGB[0], den)
      out[at + PLANE + ox] = roundDiv(acc[G + ox] + pad * PAD_RGB[1], den)
      out[at + 2 * PLANE + ox] = roundDiv(acc[B + ox] + pad * PAD_RGB[2], den)
    }
  }
}

/**
 * Weight images: hidden unit u of the first layer, W1[u, :] with W1: [hidden, 3072], drawn as a
 * 32×32 colour picture. Its 3072 weights are three planes of 1024 row-major values (red, green,
 * blue), so pixel p = 32·row + col takes (W[u, p], W[u, 1024 + p], W[u, 2048 + p]).
 * A weight w becomes a byte v = 255 · (w − lo) / (hi − lo), clamped to 0..255, where
 *   'tile'   lo, hi = min, max of this unit's weights      (full contrast per tile)
 *   'global' lo, hi = min, max over every unit's weights   (tiles comparable)
 *   'zero'   lo, hi = −m, m with m = max |w| of this unit  (grey = 0, symmetric)
 * A flat range (hi = lo) draws mid grey. Output: RGBA bytes [32, 32, 4], alpha opaque.
 */

export const TILE_SIDE = 32
export const TILE_PIXELS = TILE_SIDE * TILE_SIDE
/** weights per unit: three colour planes of TILE_PIXELS. */
export const TILE_WEIGHTS = 3 * TILE_PIXELS
/** bytes of one RGBA tile, the length putImageData expects for 32×32. */
export const TILE_BYTES = 4 * TILE_PIXELS

export type WeightNormalisation = 'tile' | 'global' | 'zero'
export const WEIGHT_NORMALISATIONS: readonly WeightNormalisation[] = ['tile', 'global', 'zero']

export interface TileStats {
  /** Euclidean norm ‖W[u, :]‖₂. */
  readonly norm: number
  readonly min: number
  readonly max: number
}

/** The value range a tile's bytes span: lo maps to 0, hi to 255. */
export interface ValueRange {
  readonly lo: number
  readonly hi: number
}

/** How many whole tiles W1 holds, checking it is [units, 3072]. */
export function tileCount(W: Float32Array): number {
  if (W.length % TILE_WEIGHTS !== 0) {
    throw new RangeError(`first-layer weights of length ${W.length} are not rows of ${TILE_WEIGHTS}`)
  }
  return W.length / TILE_WEIGHTS
}

function checkUnit(W: Float32Array, unit: number): void {
  if (!Number.isInteger(unit) || unit < 0 || unit >= tileCount(W)) {
    throw new RangeError(`unit ${unit} is outside 0..${tileCount(W) - 1}`)
  }
}

/** Norm, min and max of unit `unit`'s 3072 weights. NaN weights make the norm NaN. */
export function tileStats(W: Float32Array, unit: number): TileStats {
  checkUnit(W, unit)
  const start = unit * TILE_WEIGHTS
  let min = Infinity
  let max = -Infinity
  let sumSq = 0
  for (let i = start; i < start + TILE_WEIGHTS; i++) {
    const w = W[i]
    if (w < min) min = w
    if (w > max) max = w
    sumSq += w * w
  }
  return { norm: Math.sqrt(sumSq), min, max }
}

/** Min and max over every weight of every unit: the range of 'global' mode. */
export function layerRange(W: Float32Array): ValueRange {
  tileCount(W)
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < W.length; i++) {
    const w = W[i]
    if (w < lo) lo = w
    if (w > hi) hi = w
  }
  return { lo, hi }
}

/** The range unit `unit` is drawn with in `mode`; `layer` is layerRange(W), needed for 'global'. */
export function tileRange(mode: WeightNormalisation, stats: TileStats, layer?: ValueRange): ValueRange {
  switch (mode) {
    case 'tile':
      return { lo: stats.min, hi: stats.max }
    case 'global':
      if (!layer) throw new Error("'global' normalisation needs the layer's range")
      return layer
    case 'zero': {
      const m = Math.max(Math.abs(stats.min), Math.abs(stats.max))
      return { lo: -m, hi: m }
    }
  }
}

/**
 * Writes unit `unit` of W as RGBA bytes into `out` (TILE_BYTES long) over `range`, and returns
 * `out`. Weights outside the range clamp to 0 or 255; NaN draws 0.
 */
export function drawTile(W: Float32Array, unit: number, range: ValueRange, out: Uint8ClampedArray = new Uint8ClampedArray(TILE_BYTES)): Uint8ClampedArray {
  checkUnit(W, unit)
  if (out.length !== TILE_BYTES) throw new RangeError(`a tile needs ${TILE_BYTES} bytes, not ${out.length}`)
  const span = range.hi - range.lo
  const flat = !(span > 0) || !Number.isFinite(span)
  const gain = flat ? 0 : 255 / span
  const offset = flat ? 127.5 : -range.lo * gain
  const r = unit * TILE_WEIGHTS
  const g = r + TILE_PIXELS
  const b = g + TILE_PIXELS
  for (let p = 0; p < TILE_PIXELS; p++) {
    const o = 4 * p
    // Uint8ClampedArray rounds half to even and clamps, which is the mapping we want.
    out[o] = W[r + p] * gain + offset
    out[o + 1] = W[g + p] * gain + offset
    out[o + 2] = W[b + p] * gain + offset
    out[o + 3] = 255
  }
  return out
}

export interface WeightTile {
  readonly unit: number
  readonly stats: TileStats
  /** RGBA bytes [32, 32, 4]. */
  readonly rgba: Uint8ClampedArray
}

/** Every unit of W1 as a tile in `mode`: the whole gallery in one call. */
export function weightTiles(W: Float32Array, mode: WeightNormalisation): WeightTile[] {
  const units = tileCount(W)
  const layer = mode === 'global' ? layerRange(W) : undefined
  const tiles: WeightTile[] = []
  for (let unit = 0; unit < units; unit++) {
    const stats = tileStats(W, unit)
    tiles.push({ unit, stats, rgba: drawTile(W, unit, tileRange(mode, stats, layer)) })
  }
  return tiles
}

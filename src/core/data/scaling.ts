/**
 * Input scaling, fitted on the training split only and saved with the model.
 *   scale:       x = p / 255
 *   centre:      x = p / 255 − mean_k            (mean_k of p/255 over training rows; default)
 *   standardise: x = (p / 255 − mean_k) / std_k  (std_k floored at 1e-3 so flat pixels stay finite)
 * p: [rows, inputs] uint8; x: [rows, inputs] float32. Being affine per feature,
 * x_k = p_k · gain_k + offset_k with gain_k = 1/(255·s_k) and offset_k = −mean_k/s_k.
 */
import type { Split } from './dataset'

export type ScalingMode = 'scale' | 'centre' | 'standardise'
export const SCALING_MODES: readonly ScalingMode[] = ['scale', 'centre', 'standardise']

export interface Scaling {
  readonly mode: ScalingMode
  /** mean: [inputs] of p/255 over the training rows (zeros for 'scale'). */
  readonly mean: Float32Array
  /** std: [inputs] of p/255 over the training rows (ones unless 'standardise'). */
  readonly std: Float32Array
}

export const STD_FLOOR = 1e-3

/** Fit the statistics of `mode` on the training split. */
export function fitScaling(mode: ScalingMode, train: Split, inputs: number): Scaling {
  const mean = new Float32Array(inputs)
  const std = new Float32Array(inputs).fill(1)
  if (mode === 'scale' || train.count === 0) return { mode, mean, std }
  const sum = new Float64Array(inputs)
  const sumSq = new Float64Array(inputs)
  for (let r = 0; r < train.count; r++) {
    const row = r * inputs
    for (let k = 0; k < inputs; k++) {
      const p = train.x[row + k]
      sum[k] += p
      sumSq[k] += p * p
    }
  }
  for (let k = 0; k < inputs; k++) {
    const m = sum[k] / train.count
    mean[k] = m / 255
    if (mode === 'standardise') {
      const variance = Math.max(0, sumSq[k] / train.count - m * m)
      std[k] = Math.max(STD_FLOOR, Math.sqrt(variance) / 255)
    }
  }
  return { mode, mean, std }
}

/** Per-feature affine form x_k = p_k · gain_k + offset_k, computed once per scaling. */
export interface AffineScaling {
  /** gain: [inputs] */
  readonly gain: Float32Array
  /** offset: [inputs] */
  readonly offset: Float32Array
}

export function affineOf(s: Scaling): AffineScaling {
  const n = s.mean.length
  const gain = new Float32Array(n)
  const offset = new Float32Array(n)
  for (let k = 0; k < n; k++) {
    gain[k] = 1 / (255 * s.std[k])
    offset[k] = -s.mean[k] / s.std[k]
  }
  return { gain, offset }
}

/**
 * Scale rows of uint8 pixels into out: [rows.length, inputs] float32.
 * rows: indices into split.x; only rows[start .. start+count) are used.
 */
export function scaleRows(
  x: Uint8Array, inputs: number, rows: Uint32Array, start: number, count: number,
  affine: AffineScaling, out: Float32Array
): void {
  const { gain, offset } = affine
  for (let r = 0; r < count; r++) {
    const src = rows[start + r] * inputs
    const dst = r * inputs
    for (let k = 0; k < inputs; k++) out[dst + k] = x[src + k] * gain[k] + offset[k]
  }
}

/**
 * Output losses, computed from the logits z in a numerically stable form (no log(0), no NaN).
 *   sigmoid (2 classes, z: [rows, 1]):  L = 1/N Σ max(z,0) − z·y + log(1 + e^(−|z|))
 *                                       = −1/N Σ y·log σ(z) + (1−y)·log(1−σ(z))
 *                                       ∂L/∂z = (σ(z) − y) / N
 *   softmax (K classes, z: [rows, K]):  L = 1/N Σ logΣ_k e^(z_k) − z_y
 *                                       ∂L/∂z_k = (softmax(z)_k − [k = y]) / N
 * The L2 penalty is not part of the reported loss. Accuracy: σ(z) > 0.5 (z > 0), or arg-max.
 */
import { sigmoid } from './activations'

export interface LossSums {
  /** Σ per-row loss (not yet divided by the row count). */
  lossSum: number
  /** number of rows classified correctly. */
  correct: number
}

/**
 * Loss and accuracy sums of `rows` rows, and when dz is given, dz = ∂(mean loss)/∂z over
 * `divisor` rows. z, dz: [rows, units]; y: labels; rowIndex maps row r to y[rowIndex[start + r]].
 */
export function outputLoss(
  units: number, z: Float32Array, y: Uint8Array, rowIndex: Uint32Array, start: number, rows: number,
  dz: Float32Array | null, divisor: number, out: LossSums
): void {
  let lossSum = 0
  let correct = 0
  if (units === 1) {
    for (let r = 0; r < rows; r++) {
      const zr = z[r]
      const t = y[rowIndex[start + r]]
      lossSum += (zr > 0 ? zr : 0) - zr * t + Math.log1p(Math.exp(-Math.abs(zr)))
      if ((zr > 0 ? 1 : 0) === t) correct++
      if (dz !== null) dz[r] = (sigmoid(zr) - t) / divisor
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const o = r * units
      const t = y[rowIndex[start + r]]
      let max = z[o]
      let arg = 0
      for (let k = 1; k < units; k++) if (z[o + k] > max) { max = z[o + k]; arg = k }
      let sum = 0
      for (let k = 0; k < units; k++) sum += Math.exp(z[o + k] - max)
      lossSum += Math.log(sum) + max - z[o + t]
      if (arg === t) correct++
      if (dz !== null) {
        for (let k = 0; k < units; k++) {
          const p = Math.exp(z[o + k] - max) / sum
          dz[o + k] = (p - (k === t ? 1 : 0)) / divisor
        }
      }
    }
  }
  out.lossSum = lossSum
  out.correct = correct
}

/** Probabilities from logits in place: σ(z) for one unit, softmax across units otherwise. */
export function probabilities(units: number, z: Float32Array, p: Float32Array, rows: number): void {
  if (units === 1) {
    for (let r = 0; r < rows; r++) p[r] = sigmoid(z[r])
    return
  }
  for (let r = 0; r < rows; r++) {
    const o = r * units
    let max = z[o]
    for (let k = 1; k < units; k++) if (z[o + k] > max) max = z[o + k]
    let sum = 0
    for (let k = 0; k < units; k++) sum += Math.exp(z[o + k] - max)
    for (let k = 0; k < units; k++) p[o + k] = Math.exp(z[o + k] - max) / sum
  }
}

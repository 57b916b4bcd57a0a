/**
 * Hidden-layer activations, applied elementwise in place over [rows, units] buffers.
 *   relu:       a = max(0, z)            a' = 1 if z > 0 else 0
 *   leaky-relu: a = z if z > 0 else αz   a' = 1 if z > 0 else α      (α = 0.01)
 *   tanh:       a = tanh z               a' = 1 − a²
 *   sigmoid:    a = 1 / (1 + e^(−z))     a' = a(1 − a)
 * activationBackward inverts activate: dz = da ⊙ a'(z), written over da.
 * The ReLU pair picks with a 0/1 factor (s = [z > 0]) rather than a branch: half the signs of a
 * hidden layer are negative at random, which a branch mispredicts (about 4x slower); for a
 * finite z the values are the same bits (+ 0 turns the −0 of a negative z times 0 into 0).
 */
import type { Activation } from './network'

export const LEAKY_SLOPE = 0.01

/** Numerically stable logistic function. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z))
  const e = Math.exp(z)
  return e / (1 + e)
}

/** a[0..n) = act(z[0..n)). */
export function activate(kind: Activation, z: Float32Array, a: Float32Array, n: number): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = z[i]
        a[i] = v * +(v > 0) + 0
      }
      return
    case 'leaky-relu':
      for (let i = 0; i < n; i++) {
        const v = z[i]
        const s = +(v > 0)
        a[i] = v * (s + (1 - s) * LEAKY_SLOPE)
      }
      return
    case 'tanh':
      for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i])
      return
    case 'sigmoid':
      for (let i = 0; i < n; i++) a[i] = sigmoid(z[i])
      return
  }
}

/** Backward of `activate`: d[i] = d[i] · act'(z[i]) given z and a = act(z). */
export function activationBackward(
  kind: Activation, z: Float32Array, a: Float32Array, d: Float32Array, n: number
): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < n; i++) d[i] = d[i] * +(z[i] > 0) + 0
      return
    case 'leaky-relu':
      for (let i = 0; i < n; i++) {
        const s = +(z[i] > 0)
        d[i] *= s + (1 - s) * LEAKY_SLOPE
      }
      return
    case 'tanh':
      for (let i = 0; i < n; i++) d[i] *= 1 - a[i] * a[i]
      return
    case 'sigmoid':
      for (let i = 0; i < n; i++) d[i] *= a[i] * (1 - a[i])
      return
  }
}

/**
 * Hidden-layer activations, applied elementwise in place over [rows, units] buffers.
 *   relu:       a = max(0, z)            a' = 1 if z > 0 else 0
 *   leaky-relu: a = z if z > 0 else αz   a' = 1 if z > 0 else α      (α = 0.01)
 *   tanh:       a = tanh z               a' = 1 − a²
 *   sigmoid:    a = 1 / (1 + e^(−z))     a' = a(1 − a)
 * activationBackward inverts activate: dz = da ⊙ a'(z), written over da.
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
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0
      return
    case 'leaky-relu':
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : LEAKY_SLOPE * z[i]
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
      for (let i = 0; i < n; i++) if (!(z[i] > 0)) d[i] = 0
      return
    case 'leaky-relu':
      for (let i = 0; i < n; i++) if (!(z[i] > 0)) d[i] *= LEAKY_SLOPE
      return
    case 'tanh':
      for (let i = 0; i < n; i++) d[i] *= 1 - a[i] * a[i]
      return
    case 'sigmoid':
      for (let i = 0; i < n; i++) d[i] *= a[i] * (1 - a[i])
      return
  }
}

/**
 * Mini-batch SGD with momentum in the seed's form, per parameter tensor θ with gradient g:
 *   v = μ·v + (1 − μ)·g;   θ = θ − η·v;   velocities start at zero.
 * vW[l]: [outputs_l, inputs_l], vb[l]: [outputs_l].
 */
import type { Network } from './network'

export interface Velocities {
  readonly vW: Float32Array[]
  readonly vb: Float32Array[]
}

/** Zero velocities for layers ≥ `from` (lower layers get empty placeholders). */
export function createVelocities(net: Network, from = 0): Velocities {
  return {
    vW: net.layers.map((l, i) => new Float32Array(i < from ? 0 : l.W.length)),
    vb: net.layers.map((l, i) => new Float32Array(i < from ? 0 : l.b.length))
  }
}

export function resetVelocities(v: Velocities): void {
  for (const t of v.vW) t.fill(0)
  for (const t of v.vb) t.fill(0)
}

function update(theta: Float32Array, v: Float32Array, g: Float32Array, lr: number, mu: number): void {
  const keep = 1 - mu
  for (let i = 0; i < theta.length; i++) {
    const vi = mu * v[i] + keep * g[i]
    v[i] = vi
    theta[i] -= lr * vi
  }
}

/** One momentum step for layers ≥ `from` given gradients dW, db (L2 already added). */
export function momentumStep(
  net: Network, v: Velocities, dW: Float32Array[], db: Float32Array[], lr: number, mu: number, from = 0
): void {
  for (let l = from; l < net.layers.length; l++) {
    update(net.layers[l].W, v.vW[l], dW[l], lr, mu)
    update(net.layers[l].b, v.vb[l], db[l], lr, mu)
  }
}

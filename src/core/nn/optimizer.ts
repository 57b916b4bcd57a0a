/**
 * Mini-batch SGD with momentum in the seed's form, with L2 weight decay: every parameter θ, with
 * gradient g of the mean batch loss, velocity v (zero at the start), learning rate η, momentum μ
 * and L2 penalty λ, takes the step
 *   v = μ·v + (1 − μ)·(g + λθ);   θ = θ − η·v
 * written once, here (nextVelocity, nextParameter); the first layer's update in the engine
 * (engine/kernels.ts, engine/firstLayer.ts, the AssemblyScript `update`) takes the same step.
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

/** v = μ·v + (1 − μ)·(g + λθ): one parameter's velocity after the step (g without the L2 term). */
export function nextVelocity(v: number, g: number, theta: number, mu: number, l2: number): number {
  return mu * v + (1 - mu) * (g + l2 * theta)
}

/** θ = θ − η·v: one parameter after the step, v its new velocity (nextVelocity). */
export function nextParameter(theta: number, v: number, lr: number): number {
  return theta - lr * v
}

/** The step of every element of θ: [n] with velocity v and gradient g (L2 already in g: λ = 0 here). */
function update(theta: Float32Array, v: Float32Array, g: Float32Array, lr: number, mu: number): void {
  for (let i = 0; i < theta.length; i++) {
    const vi = nextVelocity(v[i], g[i], theta[i], mu, 0)
    v[i] = vi
    theta[i] = nextParameter(theta[i], vi, lr)
  }
}

/** One momentum step for layers ≥ `from` given gradients dW, db that already hold λθ (passes.ts, backward). */
export function momentumStep(
  net: Network, v: Velocities, dW: Float32Array[], db: Float32Array[], lr: number, mu: number, from = 0
): void {
  for (let l = from; l < net.layers.length; l++) {
    update(net.layers[l].W, v.vW[l], dW[l], lr, mu)
    update(net.layers[l].b, v.vb[l], db[l], lr, mu)
  }
}

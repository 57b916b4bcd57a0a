/**
 * Workspace: every buffer one forward/backward pass needs, allocated once per
 * (network, batch capacity) and reused by every batch.
 *   x:  [capacity, inputs]       scaled input rows (A_0)
 *   z[l], a[l], dz[l]: [capacity, outputs_l]  pre-activation, activation, ∂L/∂z of layer l
 *   dW[l]: [outputs_l, inputs_l], db[l]: [outputs_l]  gradients (plus λ·θ after backward)
 */
import type { Network } from './network'

export interface Workspace {
  readonly capacity: number
  readonly x: Float32Array
  readonly z: Float32Array[]
  readonly a: Float32Array[]
  readonly dz: Float32Array[]
  readonly dW: Float32Array[]
  readonly db: Float32Array[]
}

export function createWorkspace(net: Network, capacity: number, withGradients = true): Workspace {
  const layers = net.layers
  return {
    capacity,
    x: new Float32Array(capacity * net.arch.inputs),
    z: layers.map((l) => new Float32Array(capacity * l.outputs)),
    a: layers.map((l) => new Float32Array(capacity * l.outputs)),
    dz: withGradients ? layers.map((l) => new Float32Array(capacity * l.outputs)) : [],
    dW: withGradients ? layers.map((l) => new Float32Array(l.W.length)) : [],
    db: withGradients ? layers.map((l) => new Float32Array(l.b.length)) : []
  }
}

/**
 * Forward and backward passes of the whole network over one batch held in a Workspace.
 *   forward:  Z_l = A_{l−1}·W_lᵀ + b_l;  A_l = act(Z_l) for hidden l;  the output layer keeps
 *             its logits Z_L (loss.ts turns them into σ or softmax).
 *   backward: dZ_L from the loss; for l = L..1: dW_l = dZ_lᵀ·A_{l−1}, db_l = Σ dZ_l;
 *             dZ_{l−1} = (dZ_l·W_l) ⊙ act'(Z_{l−1})  — the backward of the forward lines above;
 *             then the L2 term of the update: dW_l += λ·W_l, db_l += λ·b_l (biases included).
 * In training, layers 1..L run here and layer 0 runs on the engine (engine/firstLayer.ts, its
 * kernels fed uint8 pixels); for layer 0 this is the reference: the gradient checks
 * (test/core/nn/gradcheck.test.ts) check this backward against the loss, and the trainer's tests
 * and the golden trajectory (test/core/training/) tie the engine's layer 0 to it.
 */
import { activate, activationBackward } from './activations'
import { denseForward, denseInputGrad, denseWeightGrad } from './dense'
import { outputLoss, type LossSums } from './loss'
import type { Network } from './network'
import type { Workspace } from './workspace'

/**
 * Forward over rows [0, rows) from layer `from` (whose input is ws.x for 0, else ws.a[from − 1]);
 * logits land in ws.z[last].
 */
export function forward(net: Network, ws: Workspace, rows: number, from = 0): void {
  const layers = net.layers
  const last = layers.length - 1
  let input = from === 0 ? ws.x : ws.a[from - 1]
  for (let l = from; l <= last; l++) {
    const layer = layers[l]
    denseForward(input, layer.W, layer.b, ws.z[l], rows, layer.inputs, layer.outputs)
    if (l < last) {
      activate(net.arch.activation, ws.z[l], ws.a[l], rows * layer.outputs)
      input = ws.a[l]
    }
  }
}

/**
 * Loss of the batch (mean over its `rows` rows) and, in ws.dW / ws.db for layers ≥ `lowest`,
 * the gradient of that mean loss plus λ·θ; ws.dz[l] for every l ≥ lowest − 1 (so with
 * lowest = 1 the caller gets ∂L/∂Z of layer 0 and updates that layer itself).
 * Call after forward with the same rows. Labels: y[rowIndex[start + r]].
 */
export function backward(
  net: Network, ws: Workspace, y: Uint8Array, rowIndex: Uint32Array, start: number, rows: number,
  l2: number, sums: LossSums, lowest = 0
): number {
  const layers = net.layers
  const last = layers.length - 1
  outputLoss(layers[last].outputs, ws.z[last], y, rowIndex, start, rows, ws.dz[last], rows, sums)
  for (let l = last; l >= lowest; l--) {
    const layer = layers[l]
    const input = l === 0 ? ws.x : ws.a[l - 1]
    denseWeightGrad(ws.dz[l], input, ws.dW[l], ws.db[l], rows, layer.inputs, layer.outputs)
    if (l > 0) {
      const below = layers[l - 1]
      denseInputGrad(ws.dz[l], layer.W, ws.dz[l - 1], rows, layer.inputs, layer.outputs)
      activationBackward(net.arch.activation, ws.z[l - 1], ws.a[l - 1], ws.dz[l - 1], rows * below.outputs)
    }
    if (l2 !== 0) {
      const dW = ws.dW[l]
      const W = layer.W
      for (let i = 0; i < W.length; i++) dW[i] += l2 * W[i]
      const db = ws.db[l]
      const b = layer.b
      for (let i = 0; i < b.length; i++) db[i] += l2 * b[i]
    }
  }
  return sums.lossSum / rows
}

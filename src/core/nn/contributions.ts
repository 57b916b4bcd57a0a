/**
 * The contribution map: how much each input value of one picture pushed one class's score.
 *   score s_c: the logit of class c — z for class 1 and −z for class 0 of a two-class (sigmoid)
 *   network, z_c of a softmax one.  x̃ = p·gain + offset, i.e. (p/255 − mean)/std: [inputs].
 *   ReLU, leaky ReLU: with the picture's gates fixed, D_l = diag(act'(Z_l)), the network is linear:
 *     s = Σ_i x̃_i·w_i + constant,  w = ∂s/∂x̃ = W_1ᵀD_1 ⋯ W_LᵀeS,  constant = Σ_l δ_l·b_l  (δ_l = ∂s/∂Z_l),
 *     so perInput_i = x̃_i·w_i splits the score exactly (exact: true).
 *   tanh, sigmoid: perInput_i = x̃_i·∂s/∂x̃_i (gradient × input, an approximation; exact: false),
 *     and constant = s − Σ_i perInput_i, the part it leaves unexplained.
 *   perPixel: [pixels] = the three colour values of each pixel summed, for planar colour inputs
 *     (3072 = 32×32 red, then green, then blue); null when the inputs are not three planes.
 */
import { affineOf, type Scaling } from '../data/scaling'
import { activate, activationBackward } from './activations'
import { denseForward, denseInputGrad } from './dense'
import { outputUnits, type Activation, type Network } from './network'

export interface Contributions {
  /** the class whose score is split. */
  readonly classIndex: number
  /** s_c for this picture (the logit; see the header for the two-class sign). */
  readonly score: number
  /** perInput: [inputs], x̃_i · ∂s/∂x̃_i. */
  readonly perInput: Float32Array
  /** what no input accounts for: the biases through the fixed gates (exact), or s − Σ perInput. */
  readonly constant: number
  /** perPixel: [inputs / 3], the three colour planes summed; null unless inputs are 3 planes. */
  readonly perPixel: Float32Array | null
  /** true for ReLU and leaky ReLU, where Σ perInput + constant = score exactly. */
  readonly exact: boolean
}

/** The activations whose networks are linear once the picture's gates are fixed. */
export function isPiecewiseLinear(activation: Activation): boolean {
  return activation === 'relu' || activation === 'leaky-relu'
}

/** Contributions of one picture row p: [inputs] uint8, through `net` with its scaling, to class c. */
export function contributions(p: Uint8Array, net: Network, scaling: Scaling, c: number): Contributions {
  const inputs = net.arch.inputs
  if (p.length !== inputs) throw new RangeError(`contributions: the picture has ${p.length} values, the network takes ${inputs}`)
  const { gain, offset } = affineOf(scaling)
  const x = new Float32Array(inputs)
  for (let i = 0; i < inputs; i++) x[i] = p[i] * gain[i] + offset[i]
  return contributionsOfScaled(x, net, c)
}

/** Contributions of one already scaled input row x̃: [inputs] to class c. */
export function contributionsOfScaled(x: Float32Array, net: Network, c: number): Contributions {
  const { arch, layers } = net
  const last = layers.length - 1
  if (!(Number.isInteger(c) && c >= 0 && c < arch.classes)) throw new RangeError(`contributions: class ${c} is not one of the network's ${arch.classes}`)

  // forward, one row: Z_l = A_{l−1}·W_lᵀ + b_l, A_l = act(Z_l); Z_L holds the logits
  const Z = layers.map((l) => new Float32Array(l.outputs))
  const A = layers.map((l) => new Float32Array(l.outputs))
  let input = x
  for (let l = 0; l <= last; l++) {
    denseForward(input, layers[l].W, layers[l].b, Z[l], 1, layers[l].inputs, layers[l].outputs)
    if (l < last) {
      activate(arch.activation, Z[l], A[l], layers[l].outputs)
      input = A[l]
    }
  }

  // δ_L = ∂s/∂Z_L: the unit vector of class c (for two classes, ±1 on the one logit)
  const twoClass = outputUnits(arch) === 1
  const deltaL = new Float32Array(layers[last].outputs)
  if (twoClass) deltaL[0] = c === 1 ? 1 : -1
  else deltaL[c] = 1
  const score = twoClass ? deltaL[0] * Z[last][0] : Z[last][c]

  // backward: constant += δ_l·b_l;  g = δ_l·W_l = ∂s/∂A_{l−1};  δ_{l−1} = g ⊙ act'(Z_{l−1})
  let delta = deltaL
  let constant = 0
  let g = new Float32Array(0)
  for (let l = last; l >= 0; l--) {
    const layer = layers[l]
    for (let o = 0; o < layer.outputs; o++) constant += delta[o] * layer.b[o]
    g = new Float32Array(layer.inputs)
    denseInputGrad(delta, layer.W, g, 1, layer.inputs, layer.outputs)
    if (l > 0) {
      activationBackward(arch.activation, Z[l - 1], A[l - 1], g, layers[l - 1].outputs)
      delta = g
    }
  }

  // g = w = ∂s/∂x̃: [inputs]
  const perInput = new Float32Array(arch.inputs)
  let explained = 0
  for (let i = 0; i < arch.inputs; i++) {
    perInput[i] = x[i] * g[i]
    explained += perInput[i]
  }
  const exact = isPiecewiseLinear(arch.activation)
  return {
    classIndex: c,
    score,
    perInput,
    constant: exact ? constant : score - explained,
    perPixel: sumColourPlanes(perInput),
    exact
  }
}

/** perPixel[k] = v[k] + v[k + P] + v[k + 2P] for planar colour values v: [3·P]; null otherwise. */
export function sumColourPlanes(v: Float32Array): Float32Array | null {
  if (v.length === 0 || v.length % 3 !== 0) return null
  const P = v.length / 3
  const out = new Float32Array(P)
  for (let k = 0; k < P; k++) out[k] = v[k] + v[k + P] + v[k + 2 * P]
  return out
}

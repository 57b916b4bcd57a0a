/**
 * Network: the architecture and the parameters of a fully connected classifier.
 *   layer l: Z_l = A_{l-1} · W_lᵀ + b_l,  A_l = act(Z_l);   A_0 = x: [batch, inputs]
 *   W_l: [outputs_l, inputs_l] row-major in one Float32Array, b_l: [outputs_l].
 * Hidden layers use the chosen activation; the output is one sigmoid unit for two classes
 * (binary cross-entropy) or `classes` softmax units for more (cross-entropy).
 * Initialisation: He N(0, 2/fan_in) or Xavier N(0, 2/(fan_in+fan_out)), biases 0, seeded.
 */
import { Rng } from '../random/rng'

export type Activation = 'relu' | 'leaky-relu' | 'tanh' | 'sigmoid'
export const ACTIVATIONS: readonly Activation[] = ['relu', 'leaky-relu', 'tanh', 'sigmoid']
export type InitScheme = 'he' | 'xavier'

export interface Architecture {
  /** inputs per example, e.g. 3072. */
  readonly inputs: number
  /** widths of the hidden layers, e.g. [15] for the seed network. */
  readonly hidden: readonly number[]
  readonly activation: Activation
  /** number of classes: 2 gives one sigmoid output, more give softmax outputs. */
  readonly classes: number
}

export interface Layer {
  readonly inputs: number
  readonly outputs: number
  /** W: [outputs, inputs] row-major. */
  readonly W: Float32Array
  /** b: [outputs]. */
  readonly b: Float32Array
}

export interface Network {
  readonly arch: Architecture
  /** layers[0] .. layers[hidden.length - 1] are hidden; the last is the output layer. */
  readonly layers: Layer[]
}

export function outputUnits(arch: Architecture): number {
  return arch.classes === 2 ? 1 : arch.classes
}

/** Layer widths from input to output, e.g. [3072, 15, 1]. */
export function layerSizes(arch: Architecture): number[] {
  return [arch.inputs, ...arch.hidden, outputUnits(arch)]
}

/** A network with every parameter zero, shaped by `arch`. */
export function createNetwork(arch: Architecture): Network {
  const sizes = layerSizes(arch)
  const layers: Layer[] = []
  for (let l = 1; l < sizes.length; l++) {
    layers.push({
      inputs: sizes[l - 1],
      outputs: sizes[l],
      W: new Float32Array(sizes[l] * sizes[l - 1]),
      b: new Float32Array(sizes[l])
    })
  }
  return { arch, layers }
}

/** Seeded initialisation in place: weights from N(0, σ²), biases zero. */
export function initialise(net: Network, scheme: InitScheme, seed: number): void {
  const rng = new Rng(seed)
  for (const layer of net.layers) {
    const variance = scheme === 'he' ? 2 / layer.inputs : 2 / (layer.inputs + layer.outputs)
    const sigma = Math.sqrt(variance)
    for (let i = 0; i < layer.W.length; i++) layer.W[i] = sigma * rng.normal()
    layer.b.fill(0)
  }
}

export function parameterCount(net: Network): number {
  let n = 0
  for (const layer of net.layers) n += layer.W.length + layer.b.length
  return n
}

export function cloneNetwork(net: Network): Network {
  return {
    arch: { ...net.arch, hidden: [...net.arch.hidden] },
    layers: net.layers.map((l) => ({ inputs: l.inputs, outputs: l.outputs, W: l.W.slice(), b: l.b.slice() }))
  }
}

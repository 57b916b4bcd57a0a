/**
 * Weights as .npz for NumPy users, in the seed notebook's orientation (x @ W1 + b1):
 *   W1: [inputs, hidden_1], b1: [1, hidden_1], W2: [hidden_1, hidden_2 or units], b2: [1, ...], ...
 *   W_k (NumPy) = W_{k-1}ᵀ (ours: [outputs, inputs]); all '<f4' on export.
 * The export also holds the input scaling, scaling_mean and scaling_std [inputs] ('<f4', so that
 * x = (pixels / 255 − scaling_mean) / scaling_std), the hidden activation's name and the class
 * names, so the README's NumPy lines give the model's answers from this file alone.
 * Import reads the layer sizes from the shapes, accepts b as [H] or [1, H] and float16/32/64,
 * and checks that the shapes chain into one network. One output unit means two classes.
 */
import { UserError } from '../errors'
import { toFloat64, type NdArray } from '../formats/ndarray'
import { openNpz, writeNpz } from '../formats/npz'
import { textNpyInput, type NpyInput } from '../formats/npy'
import type { Scaling } from '../data/scaling'
import type { Activation, Layer, Network } from '../nn/network'

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function littleEndianBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  const out = new Uint8Array(values.length * 4)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true)
  return out
}

/** What an .npz export holds: the network, the scaling its inputs need, and the class names when known. */
export interface NpzExport {
  readonly network: Network
  readonly scaling: Scaling
  readonly classNames?: readonly string[] | null
}

/**
 * Encode the network's weights as W1, b1, W2, b2, ... in NumPy orientation, with scaling_mean,
 * scaling_std, activation and (when known) class_names.
 */
export function exportNpz({ network: net, scaling, classNames }: NpzExport): Uint8Array {
  if (scaling.mean.length !== net.arch.inputs || scaling.std.length !== net.arch.inputs) {
    throw new Error(`exportNpz: scaling of ${scaling.mean.length} inputs for a network of ${net.arch.inputs}`)
  }
  const arrays: Record<string, NpyInput> = {}
  net.layers.forEach((layer, l) => {
    const { inputs, outputs, W } = layer
    const Wt = new Float32Array(inputs * outputs) // Wt: [inputs, outputs]
    for (let o = 0; o < outputs; o++) {
      for (let i = 0; i < inputs; i++) Wt[i * outputs + o] = W[o * inputs + i]
    }
    arrays[`W${l + 1}`] = { dtype: '<f4', shape: [inputs, outputs], data: littleEndianBytes(Wt) }
    arrays[`b${l + 1}`] = { dtype: '<f4', shape: [1, outputs], data: littleEndianBytes(layer.b) }
  })
  arrays.scaling_mean = { dtype: '<f4', shape: [net.arch.inputs], data: littleEndianBytes(scaling.mean) }
  arrays.scaling_std = { dtype: '<f4', shape: [net.arch.inputs], data: littleEndianBytes(scaling.std) }
  arrays.activation = textNpyInput([net.arch.activation])
  if (classNames) arrays.class_names = textNpyInput(classNames)
  return writeNpz(arrays)
}

/** What the caller knows about the network the weights must fit; every field optional. */
export interface NpzExpectation {
  /** values per example of the dataset. */
  readonly inputs?: number
  readonly hidden?: readonly number[]
  /** classes of the dataset: 2 needs one output unit, more need one unit per class. */
  readonly classes?: number
  /** the hidden activation of the new network; default 'relu', as in the seed. */
  readonly activation?: Activation
}

function badWeights(message: string): UserError {
  return new UserError('bad-weights', message)
}

const shapeText = (shape: readonly number[]): string => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`

/** Decimal values of a weight array, in C order, refusing integers and NaN/infinity. */
function decimals(a: NdArray, name: string): Float64Array {
  if (a.dtype.kind !== 'f') {
    throw badWeights(
      `${name} in this .npz file holds whole numbers or true/false values; weights must be decimals ` +
        `(float32 or float64). In NumPy: ${name} = ${name}.astype(numpy.float32), then save again.`
    )
  }
  const values = toFloat64(a)
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw badWeights(`${name} in this .npz file holds values that are not numbers (NaN or infinity). Use weights from a training run that worked.`)
    }
  }
  return values
}

/** Read W1, b1, W2, b2, ... and build a network from their shapes. */
export function importNpz(bytes: Uint8Array, expected: NpzExpectation = {}): Network {
  // only W1, b1, ... are read; the export's scaling, activation and class names are for NumPy users
  const archive = openNpz(bytes)
  const names = new Set(archive.names)
  let depth = 0
  while (names.has(`W${depth + 1}`)) depth++
  if (depth === 0) {
    throw badWeights(
      `This .npz file has no W1 array, so it holds no weights NN Scratch can use (it holds: ${archive.names.join(', ')}). ` +
        'It should hold W1, b1, W2, b2 (and W3, b3, ... for more layers), for example from ' +
        'numpy.savez(file, W1=W1, b1=b1, W2=W2, b2=b2).'
    )
  }
  for (const name of names) {
    const m = /^([Wb])(\d+)$/.exec(name)
    if (m && Number(m[2]) > depth) {
      const missing = m[1] === 'W' && Number(m[2]) > depth + 1 ? `W${depth + 1}` : `W${m[2]}`
      throw badWeights(`This .npz file has ${name} but no ${missing}, so its layers do not form one network. Save every layer: W1, b1, W2, b2, ...`)
    }
  }

  const layers: Layer[] = []
  for (let k = 1; k <= depth; k++) {
    const Wa = archive.read(`W${k}`)
    const ba = names.has(`b${k}`) ? archive.read(`b${k}`) : null
    if (!ba) throw badWeights(`This .npz file has W${k} but no b${k}. Save the biases of every layer too.`)
    if (Wa.shape.length !== 2 || Wa.shape[0] === 0 || Wa.shape[1] === 0) {
      throw badWeights(`W${k} in this .npz file should be a table [inputs, units] but has shape ${shapeText(Wa.shape)}.`)
    }
    const [inputs, outputs] = Wa.shape
    const prev = layers[k - 2]
    if (prev && prev.outputs !== inputs) {
      throw badWeights(
        `W${k} in this .npz file has ${inputs} rows but W${k - 1} has ${prev.outputs} columns; each weight ` +
          'table must take as many inputs as the one before gives outputs, so the file does not describe one network.'
      )
    }
    const bOk = (ba.shape.length === 1 && ba.shape[0] === outputs) ||
      (ba.shape.length === 2 && ba.shape[0] === 1 && ba.shape[1] === outputs)
    if (!bOk) {
      throw badWeights(
        `b${k} in this .npz file should have ${outputs} values, shape (${outputs},) or (1, ${outputs}) like ` +
          `the columns of W${k}, but has shape ${shapeText(ba.shape)}.`
      )
    }
    const Wn = decimals(Wa, `W${k}`) // Wn: [inputs, outputs]
    const W = new Float32Array(outputs * inputs) // W: [outputs, inputs]
    for (let i = 0; i < inputs; i++) {
      for (let o = 0; o < outputs; o++) W[o * inputs + i] = Wn[i * outputs + o]
    }
    layers.push({ inputs, outputs, W, b: Float32Array.from(decimals(ba, `b${k}`)) })
  }
  return { arch: architectureOf(layers, expected), layers }
}

function architectureOf(layers: Layer[], expected: NpzExpectation): Network['arch'] {
  const inputs = layers[0].inputs
  const hidden = layers.slice(0, -1).map((l) => l.outputs)
  const units = layers[layers.length - 1].outputs
  const last = `W${layers.length}`
  if (units === 2) {
    throw badWeights(
      `The last weight table in this .npz file (${last}) has 2 columns. NN Scratch uses one output unit for two ` +
        `classes (and one unit per class for three or more), so ${last} should have shape (${layers[layers.length - 1].inputs}, 1).`
    )
  }
  const classes = units === 1 ? 2 : units
  if (expected.inputs !== undefined && expected.inputs !== inputs) {
    throw badWeights(
      `The weights in this .npz file take ${inputs} inputs (W1 has ${inputs} rows), but the images in this ` +
        `dataset have ${expected.inputs} values each. Use weights trained on images of the same size.`
    )
  }
  if (expected.hidden !== undefined && expected.hidden.join(',') !== hidden.join(',')) {
    throw badWeights(
      `The weights in this .npz file have hidden layers of [${hidden.join(', ')}] units, but [${expected.hidden.join(', ')}] ` +
        'were asked for. Leave the hidden sizes out to use the file\'s, or choose matching weights.'
    )
  }
  if (expected.classes !== undefined && expected.classes !== classes) {
    const unitText = units === 1 ? '1 output unit (for 2 classes)' : `${units} output units (for ${units} classes)`
    throw badWeights(
      `The weights in this .npz file end in ${unitText}, but this dataset has ${expected.classes} classes. ` +
        'Use weights trained on the same classes.'
    )
  }
  return { inputs, hidden, activation: expected.activation ?? 'relu', classes }
}

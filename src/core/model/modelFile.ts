/**
 * The native model file: one .safetensors file holding a SavedModel.
 *   layers.{l}.weight: [outputs_l, inputs_l]  F32 (PyTorch nn.Linear layout, l from 0)
 *   layers.{l}.bias:   [outputs_l]            F32
 *   scaling.mean, scaling.std: [inputs]       F32   (x = (p/255 − mean) / std)
 *   start.layers.0.weight:     [outputs_0, inputs] F32  optional: layers.0.weight when training began
 *   batch_losses:              [n]                F32  optional: every batch's loss, n ≤ MAX_BATCH_LOSSES
 *   __metadata__: format, format_version, architecture, hyperparameters, ..., resize (modelMetadata.ts)
 * decodeModel trusts nothing: every shape is checked against the architecture it describes.
 */
import { UserError } from '../errors'
import { layerSizes, outputUnits, type Architecture, type Layer } from '../nn/network'
import type { SavedModel } from './model'
import {
  checkFormat, damagedModel, encodeMetadata, parseAppVersion, parseArchitecture, parseClassNames,
  parseHistory, parseHyperparameters, parseResize, parseScalingMode
} from './modelMetadata'
import { readSafetensors, writeSafetensors, type Tensor } from './safetensors'

type F32Tensor = { dtype: 'F32'; shape: number[]; data: Float32Array }

/** The most batch losses a model file may hold (64 MB of float32): about 1,600 epochs of 50,000 pictures in batches of 5. */
export const MAX_BATCH_LOSSES = 16_000_000

export function encodeModel(m: SavedModel): Uint8Array {
  const tensors: Record<string, F32Tensor> = {}
  m.network.layers.forEach((layer, l) => {
    tensors[`layers.${l}.weight`] = { dtype: 'F32', shape: [layer.outputs, layer.inputs], data: layer.W }
    tensors[`layers.${l}.bias`] = { dtype: 'F32', shape: [layer.outputs], data: layer.b }
  })
  const inputs = m.network.arch.inputs
  tensors['scaling.mean'] = { dtype: 'F32', shape: [inputs], data: m.scaling.mean }
  tensors['scaling.std'] = { dtype: 'F32', shape: [inputs], data: m.scaling.std }
  const first = m.network.layers[0]
  if (m.startWeights && m.startWeights.length === first.W.length) {
    tensors['start.layers.0.weight'] = { dtype: 'F32', shape: [first.outputs, first.inputs], data: m.startWeights }
  }
  if (m.batchLosses && m.batchLosses.length > 0 && m.batchLosses.length <= MAX_BATCH_LOSSES) {
    tensors.batch_losses = { dtype: 'F32', shape: [m.batchLosses.length], data: m.batchLosses }
  }
  const metadata = encodeMetadata({
    arch: m.network.arch,
    hyperparameters: m.hyperparameters,
    scaling: m.scaling.mode,
    classNames: m.classNames,
    history: m.history,
    appVersion: m.appVersion,
    resize: m.resize
  })
  return writeSafetensors(tensors, metadata)
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']

/** "first weight table", ..., "last weight table" for the output layer. */
function tableName(arch: Architecture, l: number, kind: 'weight table' | 'bias list'): string {
  if (l === arch.hidden.length) return `last ${kind}`
  return `${ORDINALS[l] ?? `number ${l + 1}`} ${kind}`
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** A size as people write it: "3 × 4", "90 numbers". */
const sizeText = (shape: readonly number[]): string => (shape.length === 1 ? count(shape[0], 'number') : shape.join(' × '))

/** The input scaling's two lists, in words. */
const SCALING_WORDS = { mean: 'input scaling averages', std: 'input scaling spreads' } as const

/** What the architecture says about the width of layer l (-1: the inputs). */
function widthClaim(arch: Architecture, l: number): string {
  if (l < 0) return `each example has ${arch.inputs} inputs`
  if (l === arch.hidden.length) {
    const units = outputUnits(arch)
    return `it has ${arch.classes} classes, so its output layer should have ${count(units, 'unit')},`
  }
  if (arch.hidden.length === 1) return `it has ${arch.hidden[0]} hidden units`
  return `hidden layer ${l + 1} has ${arch.hidden[l]} units`
}

function requireTensor(tensors: Map<string, Tensor>, name: string, what: string): Tensor {
  const t = tensors.get(name)
  if (!t) throw damagedModel(`has no ${what}`)
  tensors.delete(name)
  return t
}

function requireFinite(t: Tensor, what: string): void {
  for (let i = 0; i < t.data.length; i++) {
    if (!Number.isFinite(t.data[i])) {
      throw new UserError(
        'not-finite',
        `This model file has ${what} that are not numbers (NaN or infinity). The training that made it ` +
          'went wrong (try again with a smaller learning rate), or the file is damaged.'
      )
    }
  }
}

function decodeLayers(arch: Architecture, tensors: Map<string, Tensor>): Layer[] {
  const sizes = layerSizes(arch)
  const layers: Layer[] = []
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [inputs, outputs] = [sizes[l], sizes[l + 1]]
    const weightName = tableName(arch, l, 'weight table')
    const W = requireTensor(tensors, `layers.${l}.weight`, weightName)
    const b = requireTensor(tensors, `layers.${l}.bias`, tableName(arch, l, 'bias list'))
    if (W.shape.length !== 2) throw damagedModel(`has a ${weightName} that is not a table (its size is ${sizeText(W.shape)})`)
    if (W.shape[0] !== outputs) throw damagedModel(`says ${widthClaim(arch, l)} but its ${weightName} has ${count(W.shape[0], 'row')}`)
    if (W.shape[1] !== inputs) throw damagedModel(`says ${widthClaim(arch, l - 1)} but its ${weightName} has ${count(W.shape[1], 'column')}`)
    if (b.shape.length !== 1 || b.shape[0] !== outputs) {
      throw damagedModel(`says ${widthClaim(arch, l)} but its ${tableName(arch, l, 'bias list')} is ${sizeText(b.shape)}`)
    }
    requireFinite(W, `weights in its ${weightName}`)
    requireFinite(b, `biases in its ${tableName(arch, l, 'bias list')}`)
    layers.push({ inputs, outputs, W: W.data, b: b.data })
  }
  return layers
}

function decodeScalingTensor(arch: Architecture, tensors: Map<string, Tensor>, key: 'mean' | 'std'): Float32Array {
  const t = requireTensor(tensors, `scaling.${key}`, SCALING_WORDS[key])
  if (t.shape.length !== 1 || t.shape[0] !== arch.inputs) {
    throw damagedModel(`says each example has ${arch.inputs} inputs but its ${SCALING_WORDS[key]} are ${sizeText(t.shape)}`)
  }
  for (let k = 0; k < t.data.length; k++) {
    const v = t.data[k]
    if (!Number.isFinite(v) || (key === 'std' && v <= 0)) throw damagedModel(`has ${SCALING_WORDS[key]} that cannot be used`)
  }
  return t.data
}

/** The optional starting weights of the first layer: the shape of layers.0.weight, every one a number. */
function decodeStartWeights(first: Layer, tensors: Map<string, Tensor>): Float32Array | undefined {
  const t = tensors.get('start.layers.0.weight')
  if (!t) return undefined
  tensors.delete('start.layers.0.weight')
  if (t.shape.length !== 2 || t.shape[0] !== first.outputs || t.shape[1] !== first.inputs) {
    throw damagedModel(`has starting weights of ${sizeText(t.shape)} for a first weight table of ${first.outputs} × ${first.inputs}`)
  }
  requireFinite(t, 'starting weights')
  return t.data
}

/** The optional batch losses: one list of at most MAX_BATCH_LOSSES (NaN allowed: a batch whose loss blew up). */
function decodeBatchLosses(tensors: Map<string, Tensor>): Float32Array | undefined {
  const t = tensors.get('batch_losses')
  if (!t) return undefined
  tensors.delete('batch_losses')
  if (t.shape.length !== 1) throw damagedModel(`has batch losses that are not a list (their size is ${sizeText(t.shape)})`)
  if (t.shape[0] > MAX_BATCH_LOSSES) throw damagedModel(`holds ${t.shape[0]} batch losses, more than the ${MAX_BATCH_LOSSES} a model file may hold`)
  return t.data
}

/** Read a model file written by encodeModel, checking that every part fits together. */
export function decodeModel(bytes: Uint8Array): SavedModel {
  const { tensors, metadata } = readSafetensors(bytes)
  checkFormat(metadata)
  const arch = parseArchitecture(metadata)
  const classNames = parseClassNames(metadata, arch.classes)
  const layers = decodeLayers(arch, tensors)
  const scaling = {
    mode: parseScalingMode(metadata),
    mean: decodeScalingTensor(arch, tensors, 'mean'),
    std: decodeScalingTensor(arch, tensors, 'std')
  }
  const startWeights = decodeStartWeights(layers[0], tensors)
  const batchLosses = decodeBatchLosses(tensors)
  const [extra] = tensors.keys()
  if (extra !== undefined) throw damagedModel(`holds a part ("${extra}") that its description does not mention`)
  const resize = parseResize(metadata)
  return {
    network: { arch, layers },
    scaling,
    classNames,
    hyperparameters: parseHyperparameters(metadata),
    history: parseHistory(metadata),
    appVersion: parseAppVersion(metadata),
    ...(resize === undefined ? {} : { resize }),
    ...(startWeights ? { startWeights } : {}),
    ...(batchLosses ? { batchLosses } : {})
  }
}

/** "32×32 colour" or "28×28 grey" when the count is a square image, else ''. */
function imageShape(values: number): string {
  const side = (n: number): number => (Number.isInteger(Math.sqrt(n)) ? Math.sqrt(n) : 0)
  if (values % 3 === 0 && side(values / 3)) return ` (${side(values / 3)}×${side(values / 3)} colour)`
  if (side(values)) return ` (${side(values)}×${side(values)} grey)`
  return ''
}

/**
 * Whether a model can be used on a dataset with `inputs` values per image and `classes` classes.
 * Returns null when it fits, else a message saying what differs and what to do.
 */
export function checkModelFitsDataset(
  model: { readonly network: { readonly arch: Architecture } },
  inputs: number,
  classes: number
): string | null {
  const arch = model.network.arch
  if (arch.inputs !== inputs) {
    return (
      `This model was trained on images of ${arch.inputs} values${imageShape(arch.inputs)}, but the images in ` +
      `this dataset have ${inputs} values${imageShape(inputs)}. Choose a dataset with images of the same ` +
      'size, or train a new model on this dataset.'
    )
  }
  if (arch.classes !== classes) {
    return (
      `This model tells apart ${arch.classes} classes, but this dataset has ${classes}. Choose a dataset ` +
      'with the same classes, or train a new model on this dataset.'
    )
  }
  return null
}

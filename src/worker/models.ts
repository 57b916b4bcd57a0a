/**
 * Model files in the worker: reading a .safetensors model or .npz weights (told apart by their
 * first bytes, "PK" being a zip) and writing the current network in either format.
 */
import type { Dataset } from '../core/data/dataset'
import type { Scaling } from '../core/data/scaling'
import { UserError } from '../core/errors'
import { APP_VERSION, type SavedModel } from '../core/model/model'
import { checkModelFitsDataset, decodeModel, encodeModel } from '../core/model/modelFile'
import { exportNpz, importNpz } from '../core/model/npzWeights'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import type { ResizeMode } from '../core/pictures/types'
import { parameterCount, type Network } from '../core/nn/network'
import type { ModelFormat, ModelInfo, UploadFile } from '../shared/payloads'

/** A network with what is known about it. */
export interface HeldNetwork {
  readonly network: Network
  /** null for .npz weights, which carry no scaling. */
  readonly scaling: Scaling | null
  readonly classNames: readonly string[] | null
  readonly hyperparameters: Hyperparameters | null
  readonly history: readonly EpochMetrics[]
  /** how new pictures become 32×32 for it (absent: DEFAULT_RESIZE). */
  readonly resize?: ResizeMode
}

/** What a model file keeps of its training besides the network: the first layer's start and every batch's loss. */
export interface TrainingTrace {
  readonly startWeights?: Float32Array
  readonly batchLosses?: Float32Array
}

export interface OpenedModel extends HeldNetwork, TrainingTrace {
  readonly name: string
  readonly kind: ModelInfo['kind']
  readonly appVersion: string | null
}

const isZip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x50 && b[1] === 0x4b

export function openModel(file: UploadFile, dataset: Dataset | null): OpenedModel {
  if (file.bytes.length === 0) {
    throw new UserError('empty', `The file ${file.name} is empty (0 bytes). Choose a model saved by NN Scratch (.safetensors) or NumPy weights (.npz).`)
  }
  if (isZip(file.bytes)) {
    const network = importNpz(file.bytes, dataset ? { inputs: dataset.inputs, classes: dataset.classNames.length } : {})
    return { name: file.name, kind: 'weights', network, scaling: null, classNames: null, hyperparameters: null, history: [], appVersion: null }
  }
  const m = decodeModel(file.bytes)
  return {
    name: file.name, kind: 'model', network: m.network, scaling: m.scaling, classNames: m.classNames,
    hyperparameters: m.hyperparameters, history: m.history, appVersion: m.appVersion, resize: m.resize,
    startWeights: m.startWeights, batchLosses: m.batchLosses
  }
}

export function modelInfo(m: OpenedModel, dataset: Dataset | null): ModelInfo {
  const arch = m.network.arch
  return {
    name: m.name,
    kind: m.kind,
    inputs: arch.inputs,
    hidden: [...arch.hidden],
    activation: arch.activation,
    classes: arch.classes,
    classNames: m.classNames ? [...m.classNames] : Array.from({ length: arch.classes }, (_, i) => `class ${i}`),
    hyperparameters: m.hyperparameters,
    history: [...m.history],
    appVersion: m.appVersion,
    parameterCount: parameterCount(m.network),
    mismatch: dataset ? checkModelFitsDataset(m, dataset.inputs, Math.max(2, dataset.classNames.length)) : null
  }
}

/** A model file's name, e.g. "demo-15-hidden-10-epochs.safetensors". */
export function modelFileName(net: Network, epochs: number, datasetName: string, format: ModelFormat): string {
  const hidden = net.arch.hidden.join('-') || 'no'
  return `${fileStem(datasetName)}-${hidden}-hidden-${epochs}-epochs.${format}`
}

/** The bytes of a .safetensors model (everything) or .npz weights (the network, its input scaling and class names). */
export function modelBytes(model: Omit<SavedModel, 'appVersion'>, format: ModelFormat): Uint8Array {
  return format === 'npz' ? exportNpz(model) : encodeModel({ ...model, appVersion: APP_VERSION })
}

/** "Demo: day and night landscapes" → "demo"; "cifar_2class_py2.p" → "cifar_2class_py2". */
function fileStem(name: string): string {
  const first = name.split(':')[0].replace(/\.[A-Za-z0-9]+$/, '')
  const stem = first.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40)
  return stem || 'model'
}

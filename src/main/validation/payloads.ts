/**
 * Checks of the contract's payloads: hyperparameters and training configs (core's HYPER_LIMITS,
 * which checkHyperparameters holds training to, so a request that passes here is refused by core
 * only for reasons that need the dataset), dataset options, prediction queries, uploaded files.
 */
import { SCALING_MODES } from '../../core/data/scaling'
import { HYPER_LIMITS, type Hyperparameters } from '../../core/nn/hyperparameters'
import { ACTIVATIONS, type InitScheme } from '../../core/nn/network'
import { LIMITS } from '../../shared/ipc'
import type { DataSource, DatasetOptions, PredictionQuery, StepSettings, TrainConfig, UploadFile } from '../../shared/payloads'
import { MAX_THREADS } from '../../shared/settings'
import { bad, boolean, bytes, fields, list, number, object, oneOf, optional, string } from './check'

const INITS: readonly InitScheme[] = ['he', 'xavier']
const HYPER_KEYS = ['hidden', 'activation', 'learningRate', 'batchSize', 'momentum', 'l2', 'epochs', 'seed', 'shuffle', 'init', 'scaling']

export function stepSettings(value: unknown, what = 'the settings'): StepSettings {
  const o = fields(value, what, ['learningRate', 'momentum', 'l2'])
  return {
    learningRate: number(o.learningRate, 'the learning rate', HYPER_LIMITS.learningRate),
    momentum: number(o.momentum, 'momentum', HYPER_LIMITS.momentum),
    l2: number(o.l2, 'the L2 penalty', HYPER_LIMITS.l2)
  }
}

function hyperFields(o: Record<string, unknown>): Hyperparameters {
  return {
    hidden: list(o.hidden, 'the hidden layers', HYPER_LIMITS.hiddenLayers.max,
      (v, w) => number(v, `${w} (units)`, HYPER_LIMITS.hiddenUnits)),
    activation: oneOf(o.activation, 'the activation', ACTIVATIONS),
    ...stepSettings({ learningRate: o.learningRate, momentum: o.momentum, l2: o.l2 }),
    batchSize: number(o.batchSize, 'the batch size', HYPER_LIMITS.batchSize),
    epochs: number(o.epochs, 'the number of epochs', HYPER_LIMITS.epochs),
    seed: number(o.seed, 'the seed', HYPER_LIMITS.seed),
    shuffle: boolean(o.shuffle, 'shuffle'),
    init: oneOf(o.init, 'the initialisation', INITS),
    scaling: oneOf(o.scaling, 'the input scaling', SCALING_MODES)
  }
}

export function hyperparameters(value: unknown, what = 'the hyperparameters'): Hyperparameters {
  return hyperFields(fields(value, what, HYPER_KEYS))
}

export function threads(value: unknown): number {
  return number(value, 'the number of threads', { min: 0, max: MAX_THREADS, integer: true })
}

export function trainConfig(value: unknown): TrainConfig {
  const o = fields(value, 'the training settings', [...HYPER_KEYS, 'threads'])
  return { ...hyperFields(o), threads: threads(o.threads) }
}

export function datasetOptions(value: unknown): DatasetOptions {
  const o = fields(value, 'the dataset options', ['classes', 'testFraction'])
  const classes = o.classes === 'all' ? 'all' : list(o.classes, 'the classes', 256,
    (v, w) => number(v, w, { min: 0, max: 255, integer: true }))
  return {
    classes,
    testFraction: number(o.testFraction, 'the test share', { min: 0, max: 1, aboveMin: true, belowMax: true })
  }
}

export function uploadFile(value: unknown, what = 'the file'): UploadFile {
  const o = fields(value, what, ['name', 'bytes'])
  return { name: string(o.name, `${what}'s name`, LIMITS.maxNameLength), bytes: bytes(o.bytes, what, LIMITS.maxUploadBytes) }
}

export function dataSource(value: unknown): DataSource {
  const kind = oneOf(object(value, 'the dataset').kind, 'the dataset kind', ['file', 'folder'] as const)
  if (kind === 'file') {
    const o = fields(value, 'the dataset file', ['kind', 'name', 'bytes'])
    const file = uploadFile({ name: o.name, bytes: o.bytes }, 'the dataset file')
    return { kind, ...file }
  }
  const o = fields(value, 'the dataset folder', ['kind', 'name', 'files'])
  let total = 0
  const files = list(o.files, 'the folder\'s files', 10_000, (v, w) => {
    const f = uploadFile(v, w)
    total += f.bytes.length
    if (total > LIMITS.maxUploadBytes) throw bad('the folder\'s files', `at most ${LIMITS.maxUploadBytes} bytes in all`, total)
    return f
  })
  return { kind, name: string(o.name, 'the folder\'s name', LIMITS.maxNameLength), files }
}

export function predictionQuery(value: unknown): PredictionQuery {
  const o = fields(value, 'the prediction query', ['split', 'actual', 'predicted', 'order', 'offset', 'limit'])
  const classNumber = (v: unknown): number => number(v, 'a class number', { min: 0, max: 255, integer: true })
  return {
    split: oneOf(o.split, 'the split', ['train', 'test'] as const),
    actual: optional(o.actual, classNumber),
    predicted: optional(o.predicted, classNumber),
    order: oneOf(o.order, 'the order', ['index', 'confident-mistakes'] as const),
    offset: number(o.offset, 'the offset', { min: 0, max: 1e9, integer: true }),
    limit: number(o.limit, 'the limit', { min: 1, max: LIMITS.maxPredictions, integer: true })
  }
}

/**
 * The text half of a model file: the safetensors `__metadata__` map (string → string).
 *   format: "nn-scratch-model", format_version: "1",
 *   architecture: JSON {inputs, hidden: [..], activation, classes},  hyperparameters: JSON,
 *   scaling: mode ("scale" | "centre" | "standardise"),  class_names: JSON [..],
 *   history: JSON [{epoch, trainLoss, ...}] (NaN is written as null; trainMeasured, the pictures a
 *     training sample had, is optional, absent in older models),  app_version: "0.1.0",
 *   resize: "crop" | "squash" | "pad", optional: how new pictures become 32×32 for this model (the
 *     mode of the picture folder it was trained on); absent for a model trained on a dataset file,
 *     whose new pictures use DEFAULT_RESIZE. Being optional, it needs no new format version.
 * Parsing checks every field and says plainly what is missing or wrong.
 */
import { SCALING_MODES, type ScalingMode } from '../data/scaling'
import { UserError } from '../errors'
import type { EpochMetrics, Hyperparameters } from '../nn/hyperparameters'
import { ACTIVATIONS, type Activation, type Architecture } from '../nn/network'
import { RESIZE_MODES, type ResizeMode } from '../pictures/types'

export const MODEL_FORMAT = 'nn-scratch-model'
export const MODEL_FORMAT_VERSION = 1

/** "This model file <what>, so it is damaged. Save the model again, or copy the file again." */
export function damagedModel(what: string): UserError {
  return new UserError('damaged', `This model file ${what}, so it is damaged. Save the model again, or copy the file again.`)
}

function parseJson(metadata: Record<string, string>, key: string, what: string): unknown {
  const text = metadata[key]
  if (text === undefined) throw damagedModel(`has no ${what}`)
  try {
    return JSON.parse(text)
  } catch {
    throw damagedModel(`has a ${what} that cannot be read`)
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const isCount = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min

function checkActivation(a: unknown): Activation {
  if (typeof a !== 'string') throw damagedModel('does not say which activation its hidden layers use')
  if ((ACTIVATIONS as readonly string[]).includes(a)) return a as Activation
  throw new UserError(
    'unknown-activation',
    `This model file uses the activation "${a}", which this version of NN Scratch does not know. ` +
      'Update NN Scratch, or train the model again.'
  )
}

/** Refuse files that are not ours or are newer than this app. */
export function checkFormat(metadata: Record<string, string>): void {
  if (metadata.format !== MODEL_FORMAT) {
    throw new UserError(
      'not-nn-scratch',
      'This .safetensors file was not made by NN Scratch (it has no NN Scratch description). ' +
        'Open a model saved by NN Scratch, or import plain weights as .npz.'
    )
  }
  const version = Number(metadata.format_version)
  if (!Number.isSafeInteger(version) || version < 1) throw damagedModel('has no readable format version')
  if (version > MODEL_FORMAT_VERSION) {
    throw new UserError(
      'newer-format',
      `This model file was saved by a newer version of NN Scratch (model format ${version}). ` +
        'Update NN Scratch to open it.'
    )
  }
}

export function parseArchitecture(metadata: Record<string, string>): Architecture {
  const a = parseJson(metadata, 'architecture', 'description of the network')
  if (!isObject(a)) throw damagedModel('has a description of the network that cannot be read')
  if (!isCount(a.inputs, 1)) throw damagedModel('does not say how many inputs the network takes')
  if (!Array.isArray(a.hidden) || !a.hidden.every((h) => isCount(h, 1))) {
    throw damagedModel('does not say how many hidden units the network has')
  }
  if (!isCount(a.classes, 2)) throw damagedModel('does not say how many classes the network tells apart')
  return { inputs: a.inputs, hidden: a.hidden as number[], activation: checkActivation(a.activation), classes: a.classes }
}

export function parseClassNames(metadata: Record<string, string>, classes: number): string[] {
  const names = parseJson(metadata, 'class_names', 'list of class names')
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw damagedModel('has a list of class names that cannot be read')
  }
  if (names.length !== classes) {
    throw damagedModel(`says it tells apart ${classes} classes but names ${names.length}`)
  }
  return names as string[]
}

export function parseScalingMode(metadata: Record<string, string>): ScalingMode {
  const mode = metadata.scaling
  if (!(SCALING_MODES as readonly string[]).includes(mode)) throw damagedModel('has no readable input scaling')
  return mode as ScalingMode
}

export function parseHyperparameters(metadata: Record<string, string>): Hyperparameters {
  const h = parseJson(metadata, 'hyperparameters', 'record of training settings')
  if (!isObject(h)) throw damagedModel('has a record of training settings that cannot be read')
  const bad = (field: string): UserError => damagedModel(`has a training setting "${field}" that cannot be read`)
  for (const field of ['learningRate', 'momentum', 'l2', 'seed'] as const) {
    if (typeof h[field] !== 'number' || !Number.isFinite(h[field])) throw bad(field)
  }
  if (!isCount(h.batchSize, 1)) throw bad('batchSize')
  if (!isCount(h.epochs, 0)) throw bad('epochs')
  if (typeof h.shuffle !== 'boolean') throw bad('shuffle')
  if (h.init !== 'he' && h.init !== 'xavier') throw bad('init')
  if (!(SCALING_MODES as readonly string[]).includes(h.scaling as string)) throw bad('scaling')
  if (!Array.isArray(h.hidden) || !h.hidden.every((n) => isCount(n, 1))) throw bad('hidden')
  checkActivation(h.activation)
  return h as unknown as Hyperparameters
}

const METRICS = ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy', 'seconds'] as const

export function parseHistory(metadata: Record<string, string>): EpochMetrics[] {
  const history = parseJson(metadata, 'history', 'training history')
  if (!Array.isArray(history)) throw damagedModel('has a training history that cannot be read')
  return history.map((row, i) => {
    if (!isObject(row) || !isCount(row.epoch, 0)) throw damagedModel(`has an unreadable training history (row ${i + 1})`)
    const out: Record<string, number> = { ...(row as Record<string, number>), epoch: row.epoch }
    for (const key of METRICS) {
      const v = row[key]
      if (v !== null && typeof v !== 'number') throw damagedModel(`has an unreadable training history (row ${i + 1})`)
      out[key] = v === null ? NaN : v
    }
    // pictures of the training sample the training figures were measured on; absent in older models
    if (row.trainMeasured !== undefined && !isCount(row.trainMeasured, 1)) throw damagedModel(`has an unreadable training history (row ${i + 1})`)
    return out as unknown as EpochMetrics
  })
}

export function parseAppVersion(metadata: Record<string, string>): string {
  const v = metadata.app_version
  if (typeof v !== 'string' || v.length === 0) throw damagedModel('does not say which version of NN Scratch saved it')
  return v
}

/** The resize mode for new pictures, or undefined when the file names none (then DEFAULT_RESIZE applies). */
export function parseResize(metadata: Record<string, string>): ResizeMode | undefined {
  const mode = metadata.resize
  if (mode === undefined) return undefined
  if (!(RESIZE_MODES as readonly string[]).includes(mode)) throw damagedModel('has a picture resize mode that cannot be read')
  return mode as ResizeMode
}

/** The `__metadata__` strings for a model; numbers that are NaN become null in JSON. */
export function encodeMetadata(m: {
  arch: Architecture
  hyperparameters: Hyperparameters
  scaling: ScalingMode
  classNames: readonly string[]
  history: readonly EpochMetrics[]
  appVersion: string
  resize?: ResizeMode
}): Record<string, string> {
  const metadata: Record<string, string> = {
    format: MODEL_FORMAT,
    format_version: String(MODEL_FORMAT_VERSION),
    architecture: JSON.stringify({
      inputs: m.arch.inputs, hidden: m.arch.hidden, activation: m.arch.activation, classes: m.arch.classes
    }),
    hyperparameters: JSON.stringify(m.hyperparameters),
    scaling: m.scaling,
    class_names: JSON.stringify(m.classNames),
    history: JSON.stringify(m.history),
    app_version: m.appVersion
  }
  if (m.resize !== undefined) metadata.resize = m.resize
  return metadata
}

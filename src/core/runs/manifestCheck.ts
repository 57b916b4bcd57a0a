/**
 * The checks of run.json, field by field: a value parsed from JSON in, a typed part of a
 * RunManifest out, or a plain UserError ('damaged-run') naming the field in words. Numbers must be
 * finite and in range; the four metrics of an epoch may also be null, which run.json uses for a
 * value that is not a number (a diverged run's NaN or infinite loss; read back as NaN); an epoch's
 * trainMeasured (pictures of a training sample) is optional, absent in older records.
 * manifest.ts puts these together; the limits on sizes are here, beside the checks that use them.
 */
import { MAX_CLASSES } from '../data/assemble'
import { SCALING_MODES, type ScalingMode } from '../data/scaling'
import { UserError } from '../errors'
import { checkHyperparameters, type EpochMetrics } from '../nn/hyperparameters'
import { ACTIVATIONS, type Activation } from '../nn/network'
import { RESIZE_MODES, type ResizeMode } from '../pictures/types'
import type { RunDataset, RunMetrics, RunSettings, RunSweepRef, SweepSetting, SweepValue } from './types'

/** The most epochs a run's history may hold. */
export const MAX_HISTORY_EPOCHS = 100_000
/** The longest name, dataset name, class name, kernel or version kept in run.json. */
export const MAX_TEXT_LENGTH = 1000
/** The most hidden layers a recorded network may have. */
export const MAX_RECORDED_LAYERS = 64
/** The most threads a recorded run may have used. */
export const MAX_RECORDED_THREADS = 1024
/** Run ids: 6 letters and digits, also the run folder's name (see docs/runs.md). */
export const RUN_ID_PATTERN = /^[a-z0-9]{6}$/

const SWEEP_SETTINGS: readonly SweepSetting[] = ['learningRate', 'l2', 'momentum', 'batchSize', 'hidden', 'activation', 'scaling', 'epochs']
type MetricKey = 'trainLoss' | 'trainAccuracy' | 'testLoss' | 'testAccuracy'
const METRIC_WORDS: Record<MetricKey, string> = {
  trainLoss: 'training loss', trainAccuracy: 'training accuracy', testLoss: 'test loss', testAccuracy: 'test accuracy'
}

export type Json = Record<string, unknown>

/** "Its run.json is damaged: <what>." */
export function damagedRun(what: string): UserError {
  return new UserError('damaged-run', `Its run.json is damaged: ${what}.`)
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function object(v: unknown, what: string): Json {
  if (!isObject(v)) throw damagedRun(`${what} is missing or not a record`)
  return v
}

export function text(v: unknown, what: string, allowEmpty = true): string {
  if (typeof v !== 'string') throw damagedRun(`${what} is missing or not text`)
  if (!allowEmpty && v.length === 0) throw damagedRun(`${what} is empty`)
  if (v.length > MAX_TEXT_LENGTH) throw damagedRun(`${what} is longer than ${MAX_TEXT_LENGTH} characters`)
  return v
}

export function finite(v: unknown, what: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw damagedRun(`${what} is missing or not a number`)
  if (v < min || v > max) throw damagedRun(`${what} (${v}) is outside ${min} to ${max}`)
  return v
}

export function whole(v: unknown, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(v)) throw damagedRun(`${what} is missing or not a whole number`)
  return finite(v, what, min, max)
}

export function boolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw damagedRun(`${what} is missing or not true or false`)
  return v
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw damagedRun(`${what} is missing or not one of ${allowed.join(', ')}`)
  }
  return v as T
}

export function time(v: unknown, what: string): string {
  const t = text(v, what, false)
  if (!/^\d{4}-\d\d-\d\dT/.test(t) || !Number.isFinite(Date.parse(t))) throw damagedRun(`${what} is not a date and time`)
  return t
}

export function runId(v: unknown, what: string): string {
  if (typeof v !== 'string' || !RUN_ID_PATTERN.test(v)) throw damagedRun(`${what} is not a run id (6 letters and digits)`)
  return v
}

/** A metric: a number in range, or null for "not a number" (read as NaN). */
function metric(v: unknown, key: MetricKey, where: string): number {
  if (v === null) return NaN
  const what = `${where} ${METRIC_WORDS[key]}`
  return key === 'trainLoss' || key === 'testLoss' ? finite(v, what, 0) : finite(v, what, 0, 1)
}

export function metrics(v: unknown, where: string): RunMetrics {
  const o = object(v, where)
  return {
    trainLoss: metric(o.trainLoss, 'trainLoss', where),
    trainAccuracy: metric(o.trainAccuracy, 'trainAccuracy', where),
    testLoss: metric(o.testLoss, 'testLoss', where),
    testAccuracy: metric(o.testAccuracy, 'testAccuracy', where),
    ...(o.trainMeasured === undefined ? {} : { trainMeasured: whole(o.trainMeasured, `${where} count of training pictures measured`, 1) })
  }
}

/** Epochs in increasing order, each a whole number from 1. */
export function history(v: unknown): EpochMetrics[] {
  if (!Array.isArray(v)) throw damagedRun('the history of epochs is missing or not a list')
  if (v.length > MAX_HISTORY_EPOCHS) throw damagedRun(`the history has ${v.length} epochs, more than the ${MAX_HISTORY_EPOCHS} a run may have`)
  const out: EpochMetrics[] = []
  let last = 0
  for (let i = 0; i < v.length; i++) {
    const row = object(v[i], `row ${i + 1} of the history`)
    const epoch = whole(row.epoch, `the epoch number of row ${i + 1} of the history`, 1)
    if (epoch <= last) throw damagedRun(`the history's epochs are not in order (epoch ${epoch} after ${last})`)
    last = epoch
    const where = `epoch ${epoch}'s`
    out.push({ epoch, ...metrics(row, where), seconds: finite(row.seconds, `${where} seconds`, 0) })
  }
  return out
}

export function dataset(v: unknown): RunDataset {
  const d = object(v, 'the dataset')
  const classNames = d.classNames
  if (!Array.isArray(classNames) || classNames.length < 2 || classNames.length > MAX_CLASSES) {
    throw damagedRun(`the dataset's class names are missing or not a list of 2 to ${MAX_CLASSES} names`)
  }
  const names = classNames.map((n, i) => text(n, `the dataset's class name ${i + 1}`))
  let classes: readonly number[] | 'all'
  if (d.classes === 'all') classes = 'all'
  else {
    if (!Array.isArray(d.classes) || d.classes.length !== names.length) {
      throw damagedRun('the dataset\'s chosen classes are missing or not one class number per class name')
    }
    classes = d.classes.map((c) => whole(c, 'a chosen class number of the dataset', 0, MAX_CLASSES - 1))
    if (new Set(classes).size !== classes.length) throw damagedRun('the dataset\'s chosen classes name a class twice')
  }
  const fingerprint = text(d.fingerprint, 'the dataset\'s fingerprint', false)
  if (!/^[0-9a-f]+$/.test(fingerprint)) throw damagedRun('the dataset\'s fingerprint is not hexadecimal')
  return {
    name: text(d.name, 'the dataset\'s name'),
    fingerprint,
    trainCount: whole(d.trainCount, 'the number of training pictures', 1),
    testCount: whole(d.testCount, 'the number of test pictures', 0),
    classNames: names,
    classes,
    testFraction: d.testFraction === null ? null : share(d.testFraction),
    // absent for a dataset file (and in records made before pictures from folders)
    ...(d.resize === undefined ? {} : { resize: oneOf<ResizeMode>(d.resize, RESIZE_MODES, 'the pictures\' resize mode') })
  }
}

function share(v: unknown): number {
  const f = finite(v, 'the share set aside for testing')
  if (!(f > 0 && f < 1)) throw damagedRun(`the share set aside for testing (${f}) is not between 0 and 1`)
  return f
}

function hidden(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || v.length > MAX_RECORDED_LAYERS) {
    throw damagedRun(`${what} are missing or not a list of at most ${MAX_RECORDED_LAYERS} widths`)
  }
  return v.map((u) => whole(u, `a width in ${what}`, 1))
}

export function settings(v: unknown, trainCount: number): RunSettings {
  const s = object(v, 'the settings')
  const out: RunSettings = {
    hidden: hidden(s.hidden, 'the hidden layers'),
    activation: oneOf<Activation>(s.activation, ACTIVATIONS, 'the activation'),
    learningRate: finite(s.learningRate, 'the learning rate'),
    batchSize: whole(s.batchSize, 'the batch size', 1),
    momentum: finite(s.momentum, 'the momentum'),
    l2: finite(s.l2, 'the L2 penalty'),
    epochs: whole(s.epochs, 'the number of epochs', 0),
    seed: whole(s.seed, 'the seed', 0),
    shuffle: boolean(s.shuffle, 'whether the pictures were shuffled'),
    init: oneOf(s.init, ['he', 'xavier'] as const, 'the initialisation'),
    scaling: oneOf<ScalingMode>(s.scaling, SCALING_MODES, 'the input scaling'),
    threads: whole(s.threads, 'the thread count', 1, MAX_RECORDED_THREADS)
  }
  try {
    checkHyperparameters(out, trainCount)
  } catch (e) {
    if (e instanceof UserError) throw damagedRun(`its settings cannot have been trained (${e.message})`)
    throw e
  }
  return out
}

function sweepValue(v: unknown, setting: SweepSetting): SweepValue {
  const what = `a swept value of ${setting}`
  switch (setting) {
    case 'hidden': return hidden(v, 'the swept hidden layers')
    case 'activation': return oneOf<Activation>(v, ACTIVATIONS, what)
    case 'scaling': return oneOf<ScalingMode>(v, SCALING_MODES, what)
    case 'batchSize': case 'epochs': return whole(v, what, 0)
    default: return finite(v, what)
  }
}

export function sweepRef(v: unknown): RunSweepRef | null {
  if (v === null) return null
  const s = object(v, 'the sweep it belongs to')
  const id = text(s.id, 'the sweep\'s id', false)
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw damagedRun('the sweep\'s id is not letters and digits')
  if (!Array.isArray(s.axes) || s.axes.length < 1 || s.axes.length > SWEEP_SETTINGS.length) {
    throw damagedRun('the sweep\'s settings are missing or not a list')
  }
  const axes = s.axes.map((a) => oneOf(a, SWEEP_SETTINGS, 'a swept setting'))
  if (new Set(axes).size !== axes.length) throw damagedRun('the sweep names a setting twice')
  if (!Array.isArray(s.values) || s.values.length !== axes.length) {
    throw damagedRun('the sweep\'s values are missing or not one value per swept setting')
  }
  const values = s.values.map((value, i) => sweepValue(value, axes[i]))
  return {
    id, axes, values,
    repeat: whole(s.repeat, 'the sweep repetition', 0),
    halted: boolean(s.halted, 'whether the sweep halted the run')
  }
}

/** The row of `history` with this epoch number, or undefined. */
export function rowOf(history: readonly EpochMetrics[], epoch: number): EpochMetrics | undefined {
  // epochs are increasing, so a binary search would do; histories are short enough not to need one
  return history.find((m) => m.epoch === epoch)
}

/** Whether two metrics are the same numbers, NaN equal to NaN. */
export function sameMetrics(a: RunMetrics, b: RunMetrics): boolean {
  return (Object.keys(METRIC_WORDS) as MetricKey[]).every((k) => Object.is(a[k], b[k]) || (a[k] === b[k])) && a.trainMeasured === b.trainMeasured
}

/** Refuses JSON nested deeper than `limit` before JSON.parse spends time on it (run.json nests 5 deep). */
export function checkDepth(json: string, limit: number): void {
  let depth = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) throw damagedRun(`it is nested more than ${limit} levels deep, which no run record is`)
    } else if (c === 0x5d || c === 0x7d) depth--
  }
}

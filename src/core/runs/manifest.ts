/**
 * run.json and user.json as text: parseManifest checks every field (manifestCheck.ts) and that
 * the parts agree (the best and final epochs are those of the history, a sweep run's values are
 * its settings, only a running run has no end time); serializeManifest writes the fields in one
 * fixed order, one history epoch per line. A metric that is not a number (a diverged run's NaN or
 * infinite loss) is written as null and read back as NaN. Also the builders the recorder uses:
 * newManifest, withEpoch (appends an epoch and recomputes best, final and seconds), ended.
 * Limits: a run.json of at most MAX_MANIFEST_BYTES, nested at most 16 deep, with at most
 * MAX_HISTORY_EPOCHS epochs; a user.json of at most MAX_USER_FIELDS_BYTES.
 */
import { UserError } from '../errors'
import type { EpochMetrics } from '../nn/hyperparameters'
import {
  checkDepth, damagedRun, dataset, finite, history as checkHistory, isObject, MAX_HISTORY_EPOCHS,
  MAX_TEXT_LENGTH, metrics, object, oneOf, runId, sameMetrics, settings as checkSettings, sweepRef, text, time, whole
} from './manifestCheck'
import { bestEpoch, finalMetrics } from './summary'
import {
  RUN_SCHEMA_VERSION, type BestEpoch, type RunDataset, type RunManifest, type RunMetrics, type RunSettings,
  type RunStatus, type RunSweepRef, type RunUserFields
} from './types'
import { formatCount } from '../text/count'

export { MAX_HISTORY_EPOCHS, RUN_ID_PATTERN } from './manifestCheck'

/**
 * The largest run.json read. A history row takes at most about 200 characters, so 100,000 epochs
 * (MAX_HISTORY_EPOCHS) take about 20 MB; 32 MiB leaves room for the rest. A store checks a file's
 * size against this before reading it.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024
/** The largest user.json read (a name and a star). */
export const MAX_USER_FIELDS_BYTES = 64 * 1024
const MAX_DEPTH = 16

const STATUSES: readonly RunStatus[] = ['running', 'finished', 'stopped', 'diverged', 'interrupted']

/**
 * The checked manifest of a run.json's text. Throws UserError: 'newer-run' when a newer NN Scratch
 * wrote it, 'run-too-large' past the size limit, 'damaged-run' saying what is wrong otherwise.
 */
export function parseManifest(json: string): RunManifest {
  if (json.length > MAX_MANIFEST_BYTES) {
    throw new UserError('run-too-large', `Its run.json is ${(json.length / 1024 ** 2).toFixed(1)} MB, more than the ${MAX_MANIFEST_BYTES / 1024 ** 2} MB a run record may take, so it was not read.`)
  }
  checkDepth(json, MAX_DEPTH)
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw damagedRun('it is not complete (it may have been cut short)')
  }
  const o = object(value, 'its content')
  if (Number.isSafeInteger(o.schema) && (o.schema as number) > RUN_SCHEMA_VERSION) {
    throw new UserError('newer-run', `This run was made by a newer NN Scratch (run format ${o.schema as number}). Update NN Scratch to see it.`)
  }
  if (o.schema !== RUN_SCHEMA_VERSION) throw damagedRun('it has no run format this NN Scratch knows')

  const status = oneOf(o.status, STATUSES, 'the status')
  const endedAt = o.endedAt === null ? null : time(o.endedAt, 'the end time')
  if (status === 'running' && endedAt !== null) throw damagedRun('it says the run is still training but also when it ended')
  if ((status === 'finished' || status === 'stopped' || status === 'diverged') && endedAt === null) {
    throw damagedRun(`it says the run ${status === 'finished' ? 'finished' : `was ${status}`} but not when`)
  }
  const data = dataset(o.dataset)
  const s = checkSettings(o.settings, data.trainCount)
  const h = checkHistory(o.history)
  const best = o.best === null ? null : { epoch: whole(object(o.best, 'the best epoch').epoch, 'the best epoch', 1), ...metrics(o.best, 'the best epoch\'s') }
  const final = o.final === null ? null : metrics(o.final, 'the final')
  const expectedBest = bestEpoch(h)
  if (!sameBest(best, expectedBest)) throw damagedRun('the best epoch it names is not the one of its history')
  const expectedFinal = finalMetrics(h)
  if (!(final === null ? expectedFinal === null : expectedFinal !== null && sameMetrics(final, expectedFinal))) {
    throw damagedRun('the final metrics it names are not the last epoch of its history')
  }
  const sweep = sweepRef(o.sweep)
  if (sweep !== null) {
    sweep.axes.forEach((axis, i) => {
      if (!sameValue(sweep.values[i], s[axis])) throw damagedRun(`its swept ${axis} is not the one in its settings`)
    })
  }
  const writer = object(o.writer, 'the process that wrote it')
  return {
    schema: RUN_SCHEMA_VERSION,
    id: runId(o.id, 'its id'),
    name: text(o.name, 'the name'),
    startedAt: time(o.startedAt, 'the start time'),
    endedAt,
    status,
    dataset: data,
    settings: s,
    kernel: text(o.kernel, 'the compute kernel', false),
    history: h,
    best: expectedBest,
    final: expectedFinal,
    seconds: finite(o.seconds, 'the training time', 0),
    continuedFrom: o.continuedFrom === null ? null : runId(o.continuedFrom, 'the run it continued'),
    sweep,
    writer: { pid: whole(writer.pid, 'the writing process\'s id', 0, 0xffffffff), host: text(writer.host, 'the writing computer\'s name') },
    appVersion: text(o.appVersion, 'the NN Scratch version', false)
  }
}

/** A run.json read, or why it cannot be used in plain words (any other error is a bug and is thrown). */
export type ManifestReading = { readonly ok: true; readonly manifest: RunManifest } | { readonly ok: false; readonly problem: string }

export function readManifest(json: string): ManifestReading {
  try {
    return { ok: true, manifest: parseManifest(json) }
  } catch (e) {
    if (e instanceof UserError) return { ok: false, problem: e.message }
    throw e
  }
}

function sameBest(a: BestEpoch | null, b: BestEpoch | null): boolean {
  return a === null || b === null ? a === b : a.epoch === b.epoch && sameMetrics(a, b)
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i])
  return a === b
}

// ---------------------------------------------------------------------------------------------
// Writing

const metricsJson = (m: RunMetrics): RunMetrics => ({
  trainLoss: m.trainLoss, trainAccuracy: m.trainAccuracy, testLoss: m.testLoss, testAccuracy: m.testAccuracy,
  ...(m.trainMeasured === undefined ? {} : { trainMeasured: m.trainMeasured })
})

function datasetJson(d: RunDataset): RunDataset {
  return {
    name: d.name, fingerprint: d.fingerprint, trainCount: d.trainCount, testCount: d.testCount,
    classNames: [...d.classNames], classes: d.classes === 'all' ? 'all' : [...d.classes], testFraction: d.testFraction,
    ...(d.resize === undefined ? {} : { resize: d.resize })
  }
}

function settingsJson(s: RunSettings): RunSettings {
  return {
    hidden: [...s.hidden], activation: s.activation, learningRate: s.learningRate, batchSize: s.batchSize,
    momentum: s.momentum, l2: s.l2, epochs: s.epochs, seed: s.seed, shuffle: s.shuffle, init: s.init,
    scaling: s.scaling, threads: s.threads
  }
}

function sweepJson(s: RunSweepRef): RunSweepRef {
  return { id: s.id, axes: [...s.axes], values: s.values.map((v) => (Array.isArray(v) ? [...v] : v)), repeat: s.repeat, halted: s.halted }
}

const epochJson = (m: EpochMetrics): EpochMetrics => ({ epoch: m.epoch, ...metricsJson(m), seconds: m.seconds })

/** run.json's text: the fields in a fixed order, one per line, the history last with one epoch per line. */
export function serializeManifest(m: RunManifest): string {
  const fields: [string, unknown][] = [
    ['schema', m.schema], ['id', m.id], ['name', m.name], ['startedAt', m.startedAt], ['endedAt', m.endedAt],
    ['status', m.status], ['dataset', datasetJson(m.dataset)], ['settings', settingsJson(m.settings)],
    ['kernel', m.kernel], ['best', m.best === null ? null : { epoch: m.best.epoch, ...metricsJson(m.best) }],
    ['final', m.final === null ? null : metricsJson(m.final)], ['seconds', m.seconds],
    ['continuedFrom', m.continuedFrom], ['sweep', m.sweep === null ? null : sweepJson(m.sweep)],
    ['writer', { pid: m.writer.pid, host: m.writer.host }], ['appVersion', m.appVersion]
  ]
  const lines = fields.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
  const rows = m.history.map((e) => `    ${JSON.stringify(epochJson(e))}`)
  const historyText = rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n  ]`
  return `{\n${lines.join('\n')}\n  "history": ${historyText}\n}\n`
}

/** What starts a run's record: everything but what training adds. */
export interface NewManifest {
  readonly id: string
  readonly name: string
  /** ISO 8601. */
  readonly startedAt: string
  readonly dataset: RunDataset
  readonly settings: RunSettings
  readonly kernel: string
  readonly writer: { readonly pid: number; readonly host: string }
  readonly appVersion: string
  readonly continuedFrom?: string | null
  readonly sweep?: RunSweepRef | null
  /** a continued run's history starts with its parent's. */
  readonly history?: readonly EpochMetrics[]
  /** the parent's seconds, for a continued run. */
  readonly seconds?: number
}

/**
 * The manifest of a run that has just started ('running', no end time). It is checked as
 * parseManifest would read it back, so a record that could not be read is never written: a field
 * out of range throws a RangeError (the caller's bug, e.g. an unchecked setting).
 */
export function newManifest(n: NewManifest): RunManifest {
  const history = [...(n.history ?? [])]
  const m: RunManifest = {
    schema: RUN_SCHEMA_VERSION, id: n.id, name: n.name, startedAt: n.startedAt, endedAt: null, status: 'running',
    dataset: n.dataset, settings: n.settings, kernel: n.kernel, history,
    best: bestEpoch(history), final: finalMetrics(history), seconds: n.seconds ?? 0,
    continuedFrom: n.continuedFrom ?? null, sweep: n.sweep ?? null, writer: n.writer, appVersion: n.appVersion
  }
  const reading = readManifest(serializeManifest(m))
  if (!reading.ok) throw new RangeError(`newManifest: the record would not be readable: ${reading.problem}`)
  return m
}

/**
 * `m` with one more epoch: its history grows by `metrics` (whose epoch must follow the last), best
 * and final are recomputed, and `seconds` (the run's wall-clock seconds of training and
 * evaluation so far, measured by the caller) replaces the old total.
 */
export function withEpoch(m: RunManifest, epoch: EpochMetrics, seconds: number): RunManifest {
  const last = m.history.length === 0 ? 0 : m.history[m.history.length - 1].epoch
  if (!Number.isSafeInteger(epoch.epoch) || epoch.epoch <= last) throw new RangeError(`withEpoch: epoch ${epoch.epoch} does not follow epoch ${last}`)
  if (!(Number.isFinite(seconds) && seconds >= 0 && Number.isFinite(epoch.seconds) && epoch.seconds >= 0)) {
    throw new RangeError(`withEpoch: ${seconds} or ${epoch.seconds} is not a number of seconds`)
  }
  if (m.history.length >= MAX_HISTORY_EPOCHS) {
    throw new UserError('run-too-long', `This run has ${formatCount(MAX_HISTORY_EPOCHS)} epochs, the most one run can record. Save its model and continue it as a new run.`)
  }
  const history = [...m.history, epochJson(epoch)]
  return { ...m, history, best: bestEpoch(history), final: finalMetrics(history), seconds }
}

/** `m` as it ended: finished, stopped, diverged or interrupted, at `endedAt` (ISO 8601). */
export function ended(m: RunManifest, status: Exclude<RunStatus, 'running'>, endedAt: string): RunManifest {
  if ((status as RunStatus) === 'running') throw new RangeError('ended: a run that ended is not running')
  return { ...m, status, endedAt }
}

// ---------------------------------------------------------------------------------------------
// user.json

/** user.json read leniently: anything missing or damaged gives the manifest's name and no star. */
export function parseUserFields(json: string): RunUserFields {
  const none: RunUserFields = { name: null, starred: false }
  if (json.length > MAX_USER_FIELDS_BYTES) return none
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return none
  }
  if (!isObject(value)) return none
  const name = typeof value.name === 'string' ? value.name.trim().slice(0, MAX_TEXT_LENGTH) : ''
  return { name: name === '' ? null : name, starred: value.starred === true }
}

/** user.json's text. */
export function serializeUserFields(u: RunUserFields): string {
  return `${JSON.stringify({ name: u.name, starred: u.starred })}\n`
}

/**
 * The fuzz test's oracle: runs one case through its entry point and judges the outcome.
 *   fine:  a valid Dataset (counts match, labels < classes, pixels = count × inputs) or model
 *          (every tensor the size its architecture says, finite), or a UserError whose message
 *          is plain text (non-empty, no "undefined", "[object", stack frames, and no "NaN" but in
 *          the explanation "(NaN or infinity)");
 *   else:  any other exception, a broken invariant, or a case over its time or memory bound.
 * Bounds: 2 s per case, and heap + ArrayBuffer growth ≤ 64 × input + 64 MB, measured with
 * process.memoryUsage() around the call, after a full GC whenever earlier cases left more than
 * 32 MB of garbage (else its collection during the case would hide the case's own growth); a case
 * over a bound is run again and fails only if it is over again.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describeDataset, loadDataset } from '../../src/core/data/load'
import type { Dataset, Split } from '../../src/core/data/dataset'
import { isUserError } from '../../src/core/errors'
import type { SavedModel } from '../../src/core/model/model'
import { decodeModel } from '../../src/core/model/modelFile'
import { layerSizes } from '../../src/core/nn/network'
import { seedFolder, type Case, type Entry } from './targets'

export const TIME_BOUND_MS = 2000
export const memoryBound = (inputBytes: number): number => 64 * inputBytes + 64 * 1024 * 1024

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Run the entry point a user's file goes through; returns what it returned. */
export function runEntry(entry: Entry, bytes: Uint8Array): Dataset | SavedModel {
  if (entry.kind === 'model') return decodeModel(bytes)
  if (entry.kind === 'file') {
    const ds = loadDataset({ kind: 'file', name: entry.name, bytes })
    describeDataset(ds)
    return ds
  }
  const mutated = seedFolder(entry.base).map((f) => (f.name === entry.member ? { name: f.name, bytes } : f))
  const ds = loadDataset({ kind: 'folder', name: entry.base, files: mutated })
  describeDataset(ds)
  return ds
}

function checkSplit(s: Split, part: string, ds: Dataset): string | null {
  if (!Number.isSafeInteger(s.count) || s.count <= 0) return `${part} count ${s.count}`
  if (s.x.length !== s.count * ds.inputs) return `${part} has ${s.x.length} pixels for ${s.count} × ${ds.inputs}`
  if (s.y.length !== s.count) return `${part} has ${s.y.length} labels for ${s.count} pictures`
  for (let i = 0; i < s.y.length; i++) {
    if (s.y[i] >= ds.classNames.length) return `${part} label ${s.y[i]} at ${i} ≥ ${ds.classNames.length} classes`
  }
  return null
}

export function checkDataset(ds: Dataset): string | null {
  if (ds.inputs !== 3072) return `inputs ${ds.inputs}`
  if (!ds.image || ds.image.width * ds.image.height * ds.image.channels !== ds.inputs) return 'image geometry does not match inputs'
  if (ds.classNames.length < 2 || ds.classNames.length > 256) return `${ds.classNames.length} classes`
  if (!ds.classNames.every((n) => typeof n === 'string')) return 'a class name that is not text'
  return checkSplit(ds.train, 'training', ds) ?? checkSplit(ds.test, 'test', ds)
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false
  return true
}

export function checkModel(m: SavedModel): string | null {
  const { arch, layers } = m.network
  const sizes = layerSizes(arch)
  if (layers.length !== sizes.length - 1) return `${layers.length} layers for ${sizes.length - 1}`
  for (let l = 0; l < layers.length; l++) {
    const L = layers[l]
    if (L.inputs !== sizes[l] || L.outputs !== sizes[l + 1]) return `layer ${l} is ${L.outputs}×${L.inputs}`
    if (L.W.length !== L.inputs * L.outputs || L.b.length !== L.outputs) return `layer ${l} tensors have the wrong size`
    if (!allFinite(L.W) || !allFinite(L.b)) return `layer ${l} has values that are not finite`
  }
  if (m.scaling.mean.length !== arch.inputs || m.scaling.std.length !== arch.inputs) return 'scaling has the wrong size'
  if (m.classNames.length !== arch.classes) return `${m.classNames.length} class names for ${arch.classes} classes`
  return null
}

/** Why a UserError's message is not plain text for a person, or null when it is. */
/** Words of the file formats' insides that a person who only saved a file cannot be expected to know. */
const JARGON = /\b(tensors?|header|dtype(?!=)|opcode|descr|fortran_order)\b|tensor list/i

export function messageProblem(message: unknown, code: unknown): string | null {
  if (typeof message !== 'string' || message.trim() === '') return 'an empty message'
  if (typeof code !== 'string' || code === '') return 'no error code'
  // "not numbers (NaN or infinity)" explains the word; a bare NaN is a value that leaked into the text
  const text = message.replaceAll('(NaN or infinity)', '')
  for (const bad of ['undefined', 'NaN', '[object']) if (text.includes(bad)) return `the message says "${bad}"`
  if (/\n\s*at\s|\bat .*:\d+:\d+/.test(message)) return 'the message holds a stack trace'
  // names quoted from the file ("numpy.dtype") are the file's words, not the message's
  const jargon = JARGON.exec(message.replace(/"[^"]*"/g, '""'))
  if (jargon) return `the message speaks the format's own terms ("${jargon[0]}") instead of plain words`
  return null
}

export interface Verdict {
  /** What the case produced: 'dataset', 'model', 'user-error:<code>', or the thrown error's name. */
  readonly outcome: string
  /** Why the outcome is not acceptable; null when it is. */
  readonly problem: string | null
  readonly ms: number
  readonly grewBytes: number
}

export type Runner = (entry: Entry, bytes: Uint8Array) => Dataset | SavedModel

function judge(entry: Entry, bytes: Uint8Array, run: Runner): { outcome: string; problem: string | null } {
  try {
    const v = run(entry, bytes)
    if (entry.kind === 'model') return { outcome: 'model', problem: checkModel(v as SavedModel) }
    return { outcome: 'dataset', problem: checkDataset(v as Dataset) }
  } catch (e) {
    if (isUserError(e)) {
      const p = messageProblem(e.message, e.code)
      return { outcome: `user-error:${e.code}`, problem: p && `${p}: ${e.message}` }
    }
    const name = e instanceof Error ? e.name : typeof e
    const text = e instanceof Error ? e.message : String(e)
    const frame = e instanceof Error ? (e.stack ?? '').split('\n').find((l) => /\/src\//.test(l))?.trim() : undefined
    return { outcome: name, problem: `threw ${name}: ${text}${frame ? ` (${frame})` : ''}` }
  }
}

/** heap + ArrayBuffers after the last full GC: garbage above it may be collected during a case. */
let floor = 0
const used = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.arrayBuffers

function measured(entry: Entry, bytes: Uint8Array, run: Runner): Verdict {
  // a case must not look small because the garbage of earlier cases was collected while it ran
  if (used(process.memoryUsage()) > floor + 32 * 1048576) {
    gc()
    floor = used(process.memoryUsage())
  }
  const before = process.memoryUsage()
  const t0 = performance.now()
  const { outcome, problem } = judge(entry, bytes, run)
  const ms = performance.now() - t0
  const after = process.memoryUsage()
  const grewBytes = used(after) - used(before)
  return { outcome, problem, ms, grewBytes }
}

/** Run one case (through `run`, the real entry points unless a test says otherwise), judge it, and hold it to its bounds. */
export function runCase(c: Pick<Case, 'entry' | 'bytes'>, run: Runner = runEntry, timeBoundMs = TIME_BOUND_MS): Verdict {
  let v = measured(c.entry, c.bytes, run)
  const bound = memoryBound(c.bytes.length)
  // measure again when over a bound: a pause of the machine or earlier cases' garbage is not the case's doing
  if (v.ms > timeBoundMs || v.grewBytes > bound) {
    gc()
    const again = measured(c.entry, c.bytes, run)
    v = { ...again, ms: Math.min(v.ms, again.ms), grewBytes: Math.min(v.grewBytes, again.grewBytes) }
  }
  if (v.problem) return v
  if (v.ms > timeBoundMs) return { ...v, problem: `took ${Math.round(v.ms)} ms (bound ${timeBoundMs} ms)` }
  if (v.grewBytes > bound) {
    return { ...v, problem: `memory grew by ${Math.round(v.grewBytes / 1048576)} MB (bound ${Math.round(bound / 1048576)} MB)` }
  }
  return v
}

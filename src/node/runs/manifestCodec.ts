/**
 * Where the store meets the reading and writing of run.json and user.json: text in, a checked
 * manifest or a plain reason out, and back. The full checks belong to the core
 * (src/core/runs/manifest.ts); until it lands this file holds a minimal stand-in with the same
 * shape, so the store switches by changing these imports only.
 */
import { RUN_SCHEMA_VERSION, type RunManifest, type RunStatus, type RunUserFields } from '../../core/runs/types'

/** The largest run.json read: a history of tens of thousands of epochs fits many times over. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024
/** The largest user.json read (a name and a star). */
export const MAX_USER_FIELDS_BYTES = 64 * 1024

export type ManifestResult = { readonly ok: true; readonly manifest: RunManifest } | { readonly ok: false; readonly problem: string }

const STATUSES: readonly RunStatus[] = ['running', 'finished', 'stopped', 'diverged', 'interrupted']
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function decodeManifest(text: string): ManifestResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return text.trimStart().startsWith('{')
      ? { ok: false, problem: 'Its run.json is not complete (it may have been cut short).' }
      : { ok: false, problem: 'Its run.json does not hold a run record.' }
  }
  if (!isObject(value)) return { ok: false, problem: 'Its run.json does not hold a run record.' }
  if (typeof value.schema === 'number' && value.schema > RUN_SCHEMA_VERSION) {
    return { ok: false, problem: `Its run.json was written by a newer NN Scratch (record version ${value.schema}). Update NN Scratch to open it.` }
  }
  if (value.schema !== RUN_SCHEMA_VERSION) return { ok: false, problem: 'Its run.json does not hold a run record (it has no known record version).' }
  const writer = value.writer
  const ok = typeof value.id === 'string' && typeof value.name === 'string' && typeof value.startedAt === 'string' &&
    STATUSES.includes(value.status as RunStatus) && Array.isArray(value.history) && isObject(value.settings) &&
    isObject(value.dataset) && isObject(writer) && typeof writer.pid === 'number' && typeof writer.host === 'string'
  if (!ok) return { ok: false, problem: 'Its run.json lacks parts of a run record.' }
  return { ok: true, manifest: value as unknown as RunManifest }
}

export function encodeManifest(manifest: RunManifest): string {
  return JSON.stringify(manifest)
}

export function decodeUserFields(text: string): RunUserFields {
  try {
    const value: unknown = JSON.parse(text)
    if (isObject(value)) {
      return {
        name: typeof value.name === 'string' && value.name.trim() !== '' ? value.name : null,
        starred: value.starred === true
      }
    }
  } catch {
    // a damaged user.json: the run keeps its recorded name and no star
  }
  return { name: null, starred: false }
}

export function encodeUserFields(fields: RunUserFields): string {
  return JSON.stringify(fields)
}

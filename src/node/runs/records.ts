/**
 * One run folder read into a RunRecord: its run.json (at most MAX_MANIFEST_BYTES, checked by the
 * core's readManifest), the user's name and star from user.json, whether its model is there, the bytes
 * it takes, and its status: 'running' only while its writer may still be writing it (writer.ts),
 * else 'interrupted'. A run.json that is missing, empty, too large, not text or not a run record
 * gives { ok: false, problem } in plain words; nothing here throws for a damaged run.
 */
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_MANIFEST_BYTES, MAX_USER_FIELDS_BYTES, parseUserFields, readManifest } from '../../core/runs/manifest'
import type { RunManifest, RunRecord, RunStatus, RunUserFields } from '../../core/runs/types'
import { filesOf, readCapped } from './files'
import { MANIFEST_FILE, MODEL_FILE, USER_FILE } from './layout'
import { writerState } from './writer'

/** A folder without run.json this young is a run being created (mkdir, then run.json), not damage. */
export const CREATING_GRACE_MS = 60 * 1000

const NO_USER_FIELDS: RunUserFields = { name: null, starred: false }

function damaged(id: string, bytes: number, problem: string): RunRecord {
  return { id, ok: false, problem, bytes }
}

function unreadable(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'EACCES' || code === 'EPERM') return 'NN Scratch is not allowed to read its run.json. Check the permissions of the run folder.'
  return 'Its run.json could not be read from the disk.'
}

/** The status to show: a 'running' manifest whose writer is gone was interrupted. */
export function statusOf(manifest: RunManifest, writtenAtMs: number, nowMs: number): RunStatus {
  if (manifest.status !== 'running') return manifest.status
  return writerState(manifest.writer, writtenAtMs, nowMs) === 'gone' ? 'interrupted' : 'running'
}

async function userFields(dir: string): Promise<RunUserFields> {
  try {
    const read = await readCapped(join(dir, USER_FILE), MAX_USER_FIELDS_BYTES)
    return read.kind === 'ok' ? parseUserFields(new TextDecoder().decode(read.bytes)) : NO_USER_FIELDS
  } catch {
    return NO_USER_FIELDS
  }
}

/**
 * The record of the run folder `dir` named `id`; null when there is no such folder, or (with
 * `skipNew`) when it is a run still being created.
 */
export async function readRecord(dir: string, id: string, nowMs: number, skipNew: boolean): Promise<RunRecord | null> {
  const files = await filesOf(dir)
  if (files === null) return null
  let bytes = 0
  for (const size of files.values()) bytes += size
  let read
  try {
    read = await readCapped(join(dir, MANIFEST_FILE), MAX_MANIFEST_BYTES)
  } catch (e) {
    return damaged(id, bytes, unreadable(e))
  }
  if (read.kind === 'missing') {
    const folder = await stat(dir).catch(() => null)
    if (folder === null) return null
    if (skipNew && nowMs - folder.mtimeMs < CREATING_GRACE_MS) return null
    return damaged(id, bytes, 'Its run.json is missing.')
  }
  if (read.kind === 'not-file') return damaged(id, bytes, 'Its run.json is not a file.')
  if (read.kind === 'too-large') {
    return damaged(id, bytes, `Its run.json is larger than a run record can be (${MAX_MANIFEST_BYTES / 1024 ** 2} MB).`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes)
  } catch {
    return damaged(id, bytes, 'Its run.json is not text.')
  }
  if (text.trim() === '') return damaged(id, bytes, 'Its run.json is empty.')
  let decoded
  try {
    decoded = readManifest(text)
  } catch (e) {
    // a mistake in the checks must not break the list either; its text helps a bug report
    return damaged(id, bytes, `NN Scratch could not check its run.json (${e instanceof Error ? e.message : String(e)}).`)
  }
  if (!decoded.ok) return damaged(id, bytes, decoded.problem)
  const manifest = decoded.manifest
  if (manifest.id !== id) {
    return damaged(id, bytes, `Its run.json is the record of another run (${JSON.stringify(manifest.id.slice(0, 40))}); the folder may have been copied or renamed.`)
  }
  const user = files.has(USER_FILE) ? await userFields(dir) : NO_USER_FIELDS
  return {
    id,
    ok: true,
    status: statusOf(manifest, read.mtimeMs, nowMs),
    name: user.name ?? manifest.name,
    starred: user.starred,
    manifest,
    hasModel: files.has(MODEL_FILE),
    bytes
  }
}

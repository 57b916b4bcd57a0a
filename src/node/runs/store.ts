/**
 * The run store on disk: one folder per run, named by its id, under `folder` (docs/runs.md, "The
 * store"). Safe for several processes at once: a new run claims its folder with an exclusive
 * mkdir, every file is replaced in one step (writeFileAtomic), and a deleted run's folder is
 * first renamed out of the way so that no half-deleted run is ever listed. Listing reads at most
 * `maxRuns` runs (the newest folders), READ_CONCURRENCY at a time, and never throws for a damaged
 * run (records.ts). Ids from callers are checked (ids.ts) before they touch a path. Failures are
 * UserErrors in plain words.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../../core/errors'
import { MAX_USER_FIELDS_BYTES, parseUserFields, serializeManifest, serializeUserFields } from '../../core/runs/manifest'
import type { RunList, RunManifest, RunRecord, RunUserFields } from '../../core/runs/types'
import { writeError, writeFileAtomic } from '../atomicWrite'
import { fileError, MAX_SOURCE_BYTES } from '../readSource'
import { folderBytes, mapLimit, readCapped } from './files'
import { checkRunId, isRunId, newRunId } from './ids'
import { BATCHES_FILE, batchLossBytes, batchLossesOf, MANIFEST_FILE, MAX_BATCH_LOSS_BYTES, MODEL_FILE, USER_FILE } from './layout'
import { readRecord } from './records'

/** The most runs one listing reads; a store with more lists its newest folders. */
export const MAX_LISTED_RUNS = 10_000
/** Files read at once while listing. */
export const READ_CONCURRENCY = 8
/** The longest name a user can give a run. */
export const MAX_RUN_NAME = 200

/** A manifest before the store has given it an id. */
export type NewRunManifest = Omit<RunManifest, 'id'>

export interface RunStoreOptions {
  readonly maxRuns?: number
  readonly now?: () => number
  /** where new ids come from (tests give colliding ones). */
  readonly newId?: () => string
}

const DELETING = '.deleting-'
const encode = (text: string): Uint8Array => new TextEncoder().encode(text)
const errorCode = (e: unknown): unknown => (e as { code?: unknown } | null)?.code

export class RunStore {
  private readonly maxRuns: number
  private readonly now: () => number
  private readonly newId: () => string

  constructor(readonly folder: string, options: RunStoreOptions = {}) {
    this.maxRuns = options.maxRuns ?? MAX_LISTED_RUNS
    this.now = options.now ?? Date.now
    this.newId = options.newId ?? newRunId
  }

  /** Records a new run under a fresh id; returns its manifest with that id. */
  async create(fields: NewRunManifest): Promise<RunManifest> {
    await mkdir(this.folder, { recursive: true }).catch((e: unknown) => { throw writeError(e, join(this.folder, MANIFEST_FILE)) })
    for (let attempt = 0; attempt < 50; attempt++) {
      const id = checkRunId(this.newId())
      const dir = this.dir(id)
      try {
        await mkdir(dir)
      } catch (e) {
        if (errorCode(e) === 'EEXIST') continue
        throw writeError(e, join(dir, MANIFEST_FILE))
      }
      const manifest: RunManifest = { ...fields, id }
      try {
        await writeFileAtomic(join(dir, MANIFEST_FILE), encode(serializeManifest(manifest)))
      } catch (e) {
        await rm(dir, { recursive: true, force: true }).catch(() => undefined)
        throw e
      }
      return manifest
    }
    throw new UserError('store-full', `NN Scratch could not find a free name for a new run in "${this.folder}". Delete some runs and try again.`)
  }

  /** Replaces run `id`'s run.json. */
  async update(id: string, manifest: RunManifest): Promise<void> {
    checkRunId(id)
    if (manifest.id !== id) throw new Error(`update(${id}) was given the manifest of run ${manifest.id}`)
    await this.writeRunFile(id, MANIFEST_FILE, encode(serializeManifest(manifest)))
  }

  async writeModel(id: string, bytes: Uint8Array): Promise<void> {
    await this.writeRunFile(checkRunId(id), MODEL_FILE, bytes)
  }

  /** Replaces the run's batch losses (every batch so far) with `losses`. */
  async writeBatchLosses(id: string, losses: Float32Array): Promise<void> {
    await this.writeRunFile(checkRunId(id), BATCHES_FILE, batchLossBytes(losses))
  }

  /** Renames or stars a run (user.json); a name of only spaces gives the run back its recorded name. */
  async setUserFields(id: string, change: { readonly name?: string | null; readonly starred?: boolean }): Promise<RunUserFields> {
    await this.existing(checkRunId(id))
    const read = await readCapped(this.file(id, USER_FILE), MAX_USER_FIELDS_BYTES).catch(() => null)
    const old = read?.kind === 'ok' ? parseUserFields(new TextDecoder().decode(read.bytes)) : { name: null, starred: false }
    const fields: RunUserFields = {
      name: change.name === undefined ? old.name : cleanName(change.name),
      starred: change.starred ?? old.starred
    }
    await this.writeRunFile(id, USER_FILE, encode(serializeUserFields(fields)))
    return fields
  }

  /** Every run, newest first (by start time, then id); damaged runs last, by id. */
  async list(): Promise<RunList> {
    const now = this.now()
    const { ids, truncated } = await this.runIds()
    const found = await mapLimit(ids, READ_CONCURRENCY, (id) => readRecord(this.dir(id), id, now, true))
    const runs = found.filter((r): r is RunRecord => r !== null).sort(newestFirst)
    const bytes = truncated ? await this.usage() : runs.reduce((sum, r) => sum + r.bytes, 0)
    return { runs, bytes, folder: this.folder }
  }

  async get(id: string): Promise<RunRecord> {
    const record = await readRecord(this.dir(checkRunId(id)), id, this.now(), false)
    if (record === null) throw this.noSuchRun(id)
    return record
  }

  async readModel(id: string): Promise<Uint8Array> {
    const path = this.file(checkRunId(id), MODEL_FILE)
    const read = await readCapped(path, MAX_SOURCE_BYTES).catch((e: unknown) => { throw fileError(e, path) })
    if (read.kind === 'ok') return read.bytes
    if (read.kind === 'too-large') {
      throw new UserError('too-large', `The model of run ${id} is larger than NN Scratch opens (${MAX_SOURCE_BYTES / 1024 ** 3} GB).`)
    }
    await this.existing(id)
    throw new UserError('no-model', `Run ${id} has no saved network yet: a run saves it when it ends, and at most once a minute while it trains.`)
  }

  /** Every batch's loss, in order; empty when none were recorded. */
  async readBatchLosses(id: string): Promise<Float32Array> {
    const path = this.file(checkRunId(id), BATCHES_FILE)
    const read = await readCapped(path, MAX_BATCH_LOSS_BYTES).catch((e: unknown) => { throw fileError(e, path) })
    if (read.kind === 'too-large') throw new UserError('too-large', `The batch losses of run ${id} take more than ${MAX_BATCH_LOSS_BYTES / 1024 ** 2} MB, more than NN Scratch reads.`)
    if (read.kind === 'ok') return batchLossesOf(read.bytes)
    await this.existing(id)
    return new Float32Array(0)
  }

  /**
   * Deletes runs, all or none: every id must name a run of this store that is not training.
   * Each folder is renamed away first (one step), then removed.
   */
  async delete(ids: readonly string[]): Promise<void> {
    const now = this.now()
    for (const id of ids) {
      const record = await readRecord(this.dir(checkRunId(id)), id, now, false)
      if (record === null) throw this.noSuchRun(id)
      if (record.ok && record.status === 'running') {
        throw new UserError('run-training', `Run "${record.name}" (${id}) is still training. Stop it first, then delete it.`)
      }
    }
    for (const id of new Set(ids)) {
      const away = join(this.folder, `${DELETING}${id}-${randomBytes(4).toString('hex')}`)
      try {
        await rename(this.dir(id), away)
      } catch (e) {
        const code = errorCode(e)
        if (code === 'ENOENT') continue
        if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') {
          throw new UserError('no-permission', `NN Scratch is not allowed to delete run ${id} in "${this.folder}". Check that the folder is yours and that no other program has the run's files open, then try again.`)
        }
        throw writeError(e, this.dir(id))
      }
      await rm(away, { recursive: true, force: true }).catch(() => undefined)
    }
    await this.removeLeftovers()
  }

  /** Bytes the whole store takes on disk. */
  async usage(): Promise<number> {
    return folderBytes(this.folder, 1)
  }

  private dir(id: string): string {
    return join(this.folder, id)
  }

  private file(id: string, name: string): string {
    return join(this.folder, id, name)
  }

  private noSuchRun(id: string): UserError {
    return new UserError('no-such-run', `There is no run ${id} in "${this.folder}". It may have been deleted; look at the list of runs again.`)
  }

  /** Throws 'no-such-run' unless run `id`'s folder is there. */
  private async existing(id: string): Promise<void> {
    const info = await stat(this.dir(id)).catch(() => null)
    if (!info?.isDirectory()) throw this.noSuchRun(id)
  }

  /** writeFileAtomic into a run's folder; a folder that has gone means the run was deleted. */
  private async writeRunFile(id: string, name: string, bytes: Uint8Array): Promise<void> {
    try {
      await writeFileAtomic(this.file(id, name), bytes)
    } catch (e) {
      if ((e as UserError).code === 'folder-missing' && !(await stat(this.dir(id)).then((s) => s.isDirectory(), () => false))) {
        throw new UserError('run-deleted', `Run ${id} is no longer in "${this.folder}" (it was deleted), so it cannot be recorded any further.`)
      }
      throw e
    }
  }

  /** The names of the run folders, at most maxRuns of them (the most recently written). */
  private async runIds(): Promise<{ ids: string[]; truncated: boolean }> {
    let entries
    try {
      entries = await readdir(this.folder, { withFileTypes: true })
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return { ids: [], truncated: false }
      throw fileError(e, this.folder)
    }
    const ids = entries.filter((e) => e.isDirectory() && isRunId(e.name)).map((e) => e.name)
    if (ids.length <= this.maxRuns) return { ids, truncated: false }
    const times = await mapLimit(ids, READ_CONCURRENCY * 4, (id) => stat(this.dir(id)).then((s) => s.mtimeMs, () => 0))
    const order = ids.map((id, i) => ({ id, time: times[i] })).sort((a, b) => b.time - a.time)
    return { ids: order.slice(0, this.maxRuns).map((o) => o.id), truncated: true }
  }

  /** Folders of deletions that stopped half-way (best effort). */
  private async removeLeftovers(): Promise<void> {
    const entries = await readdir(this.folder).catch(() => [] as string[])
    for (const name of entries) {
      if (name.startsWith(DELETING)) await rm(join(this.folder, name), { recursive: true, force: true }).catch(() => undefined)
    }
  }
}

function cleanName(name: string | null): string | null {
  if (name === null) return null
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (clean === '') return null
  if ([...clean].length > MAX_RUN_NAME) {
    throw new UserError('bad-name', `A run's name can be at most ${MAX_RUN_NAME} characters long; this one has ${[...clean].length}. Choose a shorter name.`)
  }
  return clean
}

function startTime(r: RunRecord): number {
  const t = r.ok ? Date.parse(r.manifest.startedAt) : NaN
  return Number.isNaN(t) ? -Infinity : t
}

function newestFirst(a: RunRecord, b: RunRecord): number {
  if (a.ok !== b.ok) return a.ok ? -1 : 1
  const ta = startTime(a)
  const tb = startTime(b)
  if (ta !== tb) return tb - ta
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The run store on real files in a temporary folder: recording, listing (newest first, statuses,
 * damaged runs), renaming and starring, deleting, disk usage, ids that try to leave the store,
 * and a store folder that cannot be written.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ended, MAX_MANIFEST_BYTES, withEpoch } from '../../../src/core/runs/manifest'
import { RUN_ID_PATTERN } from '../../../src/node/runs/ids'
import { RunStore } from '../../../src/node/runs/store'
import { OTHER_HOST_QUIET_MS } from '../../../src/node/runs/writer'
import { epochOf, rejection, sampleRun } from '../../helpers/runStore'

const isRoot = process.getuid?.() === 0
const isWindows = process.platform === 'win32'

let root: string
let folder: string
let store: RunStore
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nn-scratch-runs-'))
  folder = join(root, 'runs')
  store = new RunStore(folder)
})
afterEach(() => {
  chmodSync(root, 0o755)
  if (existsSync(folder)) chmodSync(folder, 0o755)
  rmSync(root, { recursive: true, force: true })
})

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid!
}

/** Sets a file's or folder's modification time `ms` ago. */
function age(path: string, ms: number): void {
  const t = (Date.now() - ms) / 1000
  utimesSync(path, t, t)
}

describe('recording a run', () => {
  it('claims a fresh id and lists the run with its manifest', async () => {
    const m = await store.create(sampleRun())
    expect(m.id).toMatch(RUN_ID_PATTERN)
    expect(JSON.parse(readFileSync(join(folder, m.id, 'run.json'), 'utf8'))).toEqual(m)
    const list = await store.list()
    expect(list.folder).toBe(folder)
    expect(list.runs).toHaveLength(1)
    const r = list.runs[0]
    expect(r).toMatchObject({ id: m.id, ok: true, status: 'finished', name: 'lr 0.01', starred: false, hasModel: false })
    if (!r.ok) throw new Error('not ok')
    expect(r.manifest).toEqual(m)
    expect(r.bytes).toBe(readFileSync(join(folder, m.id, 'run.json')).length)
    expect(list.bytes).toBe(r.bytes)
    expect(await store.get(m.id)).toEqual(r)
  })

  it('gives every run its own id', async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 30; i++) ids.add((await store.create(sampleRun())).id)
    expect(ids.size).toBe(30)
    expect((await store.list()).runs).toHaveLength(30)
  })

  it('never takes an id that is taken, even by a store in another process', async () => {
    const ids = (...list: string[]): (() => string) => () => list.shift()!
    const first = await new RunStore(folder, { newId: ids('aaaaaa') }).create(sampleRun({ name: 'first' }))
    const [a, b] = await Promise.all([
      new RunStore(folder, { newId: ids('aaaaaa', 'bbbbbb', 'cccccc') }).create(sampleRun({ name: 'second' })),
      new RunStore(folder, { newId: ids('bbbbbb', 'aaaaaa', 'cccccc', 'dddddd') }).create(sampleRun({ name: 'third' }))
    ])
    expect(first.id).toBe('aaaaaa')
    expect(new Set([a.id, b.id]).size).toBe(2)
    expect([a.id, b.id]).not.toContain('aaaaaa')
    const names = new Map((await store.list()).runs.map((r) => [r.id, r.ok && r.name]))
    expect(names).toEqual(new Map([['aaaaaa', 'first'], [a.id, 'second'], [b.id, 'third']]))
  })

  it('replaces run.json on update and leaves no temporary file', async () => {
    const m = await store.create(sampleRun({ status: 'running', endedAt: null }, 1))
    await store.update(m.id, withEpoch(withEpoch(m, epochOf(2), 2), epochOf(3), 3))
    const r = await store.get(m.id)
    expect(r.ok && r.manifest.history.length).toBe(3)
    expect(r.ok && r.status).toBe('running')
    expect(readdirSync(join(folder, m.id))).toEqual(['run.json'])
  })

  it('keeps the model and the batch losses (float32, little-endian)', async () => {
    const m = await store.create(sampleRun())
    expect((await rejection(store.readModel(m.id))).code).toBe('no-model')
    expect(await store.readBatchLosses(m.id)).toEqual(new Float32Array(0))
    const model = new Uint8Array([1, 2, 3, 250])
    await store.writeModel(m.id, model)
    expect(await store.readModel(m.id)).toEqual(model)
    const losses = new Float32Array([0.69, 0.5, 1e-7, Number.NaN])
    await store.writeBatchLosses(m.id, losses)
    expect(await store.readBatchLosses(m.id)).toEqual(losses)
    const raw = readFileSync(join(folder, m.id, 'batches.f32'))
    expect(raw.length).toBe(16)
    expect(raw.readFloatLE(4)).toBe(0.5)
    const r = await store.get(m.id)
    expect(r.ok && r.hasModel).toBe(true)
    expect(r.bytes).toBe(readFileSync(join(folder, m.id, 'run.json')).length + 4 + 16)
  })

  it('reads batch losses cut short by a crash up to the last whole value', async () => {
    const m = await store.create(sampleRun())
    await store.writeBatchLosses(m.id, new Float32Array([1, 2, 3]))
    const path = join(folder, m.id, 'batches.f32')
    writeFileSync(path, readFileSync(path).subarray(0, 10))
    expect(await store.readBatchLosses(m.id)).toEqual(new Float32Array([1, 2]))
  })

  it('says plainly when the run it records has been deleted', async () => {
    const m = await store.create(sampleRun())
    await store.delete([m.id])
    const e = await rejection(store.update(m.id, m))
    expect(e.code).toBe('run-deleted')
    expect(e.message).toContain(m.id)
    expect(existsSync(join(folder, m.id))).toBe(false)
  })
})

describe('listing', () => {
  it('is empty for a store that does not exist yet', async () => {
    expect(await store.list()).toEqual({ runs: [], bytes: 0, folder })
    expect(await store.usage()).toBe(0)
  })

  it('lists the newest first, by start time and then id', async () => {
    const a = await store.create(sampleRun({ startedAt: '2025-01-01T00:00:00.000Z' }))
    const b = await store.create(sampleRun({ startedAt: '2025-03-01T00:00:00.000Z' }))
    const c = await store.create(sampleRun({ startedAt: '2025-02-01T00:00:00.000Z' }))
    const d = await store.create(sampleRun({ startedAt: '2025-02-01T00:00:00.000Z' }))
    const [c1, d1] = [c.id, d.id].sort()
    expect((await store.list()).runs.map((r) => r.id)).toEqual([b.id, c1, d1, a.id])
  })

  it('tells a running run from one whose process has gone', async () => {
    const here = await store.create(sampleRun({ status: 'running', endedAt: null }))
    const gone = await store.create(sampleRun({ status: 'running', endedAt: null, writer: { pid: deadPid(), host: sampleRun().writer.host } }))
    const far = await store.create(sampleRun({ status: 'running', endedAt: null, writer: { pid: 1, host: 'another-computer' } }))
    const farQuiet = await store.create(sampleRun({ status: 'running', endedAt: null, writer: { pid: 1, host: 'another-computer' } }))
    age(join(folder, farQuiet.id, 'run.json'), OTHER_HOST_QUIET_MS + 60_000)
    const stopped = await store.create(sampleRun({ status: 'stopped', writer: { pid: deadPid(), host: 'x' } }))
    const status = new Map((await store.list()).runs.map((r) => [r.id, r.ok ? r.status : 'damaged']))
    expect(status.get(here.id)).toBe('running')
    expect(status.get(gone.id)).toBe('interrupted')
    expect(status.get(far.id)).toBe('running')
    expect(status.get(farQuiet.id)).toBe('interrupted')
    expect(status.get(stopped.id)).toBe('stopped')
  })

  it('ignores what is not a run: stray files, other names, a run still being created', async () => {
    const m = await store.create(sampleRun())
    writeFileSync(join(folder, 'notes.txt'), 'hello')
    writeFileSync(join(folder, 'abc123'), 'a file named like a run')
    for (const name of ['ABCDEF', 'abc12', 'abc1234', 'abc-12', '.hidden', '.deleting-abc123-0000']) mkdirSync(join(folder, name))
    mkdirSync(join(folder, 'zzzzzz'))
    const list = await store.list()
    expect(list.runs.map((r) => r.id)).toEqual([m.id])
  })

  it('reads at most maxRuns runs: the most recently written folders', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await store.create(sampleRun())).id)
    ids.forEach((id, i) => age(join(folder, id), (5 - i) * 60_000))
    const capped = new RunStore(folder, { maxRuns: 3 })
    const list = await capped.list()
    expect(list.runs.map((r) => r.id).sort()).toEqual(ids.slice(2).sort())
    expect(list.bytes).toBe(await store.usage())
  })
})

describe('damaged runs', () => {
  const kinds: [string, (path: string) => void, RegExp][] = [
    ['missing', (p) => rmSync(p), /missing/],
    ['empty', (p) => writeFileSync(p, ''), /empty/],
    ['only spaces', (p) => writeFileSync(p, '  \n'), /empty/],
    ['garbage', (p) => writeFileSync(p, 'PK\u0003\u0004 this is not json'), /is damaged/],
    ['not text', (p) => writeFileSync(p, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /not text/],
    ['cut short by a crash', (p) => writeFileSync(p, readFileSync(p).subarray(0, 100)), /not complete \(it may have been cut short\)/],
    ['a JSON array', (p) => writeFileSync(p, '[1, 2]'), /is damaged: its content is missing or not a record/],
    ['without a version', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), schema: undefined })), /no run format this NN Scratch knows/],
    ['from a newer NN Scratch', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), schema: 99 })), /newer NN Scratch/],
    ['lacking its history', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), history: undefined })), /lacks|history/],
    ['too large', (p) => writeFileSync(p, Buffer.alloc(MAX_MANIFEST_BYTES + 1, 32)), /larger than a run record can be/],
    ['of another run', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), id: 'other1' })), /another run/],
    ['a folder', (p) => { rmSync(p); mkdirSync(p) }, /not a file/]
  ]

  it.each(kinds)('run.json %s: listed as damaged with a plain reason, the others fine', async (_what, damage, reason) => {
    const good1 = await store.create(sampleRun({ startedAt: '2025-01-01T00:00:00.000Z' }))
    const bad = await store.create(sampleRun())
    const good2 = await store.create(sampleRun({ startedAt: '2025-02-01T00:00:00.000Z' }))
    damage(join(folder, bad.id, 'run.json'))
    age(join(folder, bad.id), 10 * 60_000)
    const list = await store.list()
    expect(list.runs.map((r) => r.id)).toEqual([good2.id, good1.id, bad.id])
    const r = list.runs[2]
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problem).toMatch(reason)
    expect(r.problem).not.toMatch(/Error|at .*\.ts|undefined|\bNaN\b|\{/)
    expect(r.problem.length).toBeLessThan(300)
    expect(await store.get(bad.id)).toEqual(r)
    await store.delete([bad.id])
    expect((await store.list()).runs.map((x) => x.id)).toEqual([good2.id, good1.id])
  })

  it('a damaged user.json leaves the recorded name and no star', async () => {
    const m = await store.create(sampleRun())
    writeFileSync(join(folder, m.id, 'user.json'), '{"name": "half')
    expect(await store.get(m.id)).toMatchObject({ ok: true, name: 'lr 0.01', starred: false })
  })
})

describe('renaming and starring', () => {
  it('keeps the user\'s name and star apart from what training writes', async () => {
    const m = await store.create(sampleRun({ status: 'running', endedAt: null }, 1))
    expect(await store.setUserFields(m.id, { name: '  best so far\n' })).toEqual({ name: 'best so far', starred: false })
    expect(await store.setUserFields(m.id, { starred: true })).toEqual({ name: 'best so far', starred: true })
    await store.update(m.id, ended(withEpoch({ ...m, name: 'recorded name' }, epochOf(2), 2), 'finished', '2025-01-02T04:00:00.000Z'))
    const r = await store.get(m.id)
    expect(r).toMatchObject({ ok: true, name: 'best so far', starred: true, status: 'finished' })
    expect(r.ok && r.manifest.name).toBe('recorded name')
    expect(await store.setUserFields(m.id, { name: '   ' })).toEqual({ name: null, starred: true })
    expect(await store.get(m.id)).toMatchObject({ name: 'recorded name', starred: true })
  })

  it('refuses a name that is too long, and an unknown run', async () => {
    const m = await store.create(sampleRun())
    expect((await rejection(store.setUserFields(m.id, { name: 'x'.repeat(201) }))).code).toBe('bad-name')
    expect((await rejection(store.setUserFields('zzzzzz', { starred: true }))).code).toBe('no-such-run')
    expect(existsSync(join(folder, 'zzzzzz'))).toBe(false)
  })
})

describe('deleting', () => {
  it('removes the runs and their disk use', async () => {
    const a = await store.create(sampleRun())
    const b = await store.create(sampleRun())
    await store.writeModel(a.id, new Uint8Array(1000))
    const before = await store.usage()
    expect(before).toBe((await store.list()).bytes)
    await store.delete([a.id])
    expect((await store.list()).runs.map((r) => r.id)).toEqual([b.id])
    expect(await store.usage()).toBe(before - (1000 + readFileSync(join(folder, b.id, 'run.json')).length))
    expect(readdirSync(folder)).toEqual([b.id])
  })

  it('refuses a run that is training, and deletes nothing of the batch', async () => {
    const done = await store.create(sampleRun())
    const training = await store.create(sampleRun({ status: 'running', endedAt: null }))
    const e = await rejection(store.delete([done.id, training.id]))
    expect(e.code).toBe('run-training')
    expect(e.message).toMatch(/still training/)
    expect((await store.list()).runs).toHaveLength(2)
  })

  it('deletes an interrupted run', async () => {
    const m = await store.create(sampleRun({ status: 'running', endedAt: null, writer: { pid: deadPid(), host: sampleRun().writer.host } }))
    await store.delete([m.id])
    expect((await store.list()).runs).toEqual([])
  })

  it('says plainly that a run is unknown', async () => {
    await store.create(sampleRun())
    const e = await rejection(store.delete(['zzzzzz']))
    expect(e.code).toBe('no-such-run')
    expect(e.message).toMatch(/There is no run zzzzzz/)
    expect((await rejection(store.get('zzzzzz'))).code).toBe('no-such-run')
    expect((await rejection(store.readModel('zzzzzz'))).code).toBe('no-such-run')
  })
})

describe('ids from callers', () => {
  const bad = ['..', '../runs', '../../etc', 'abc/de', 'ab\\cde', '', 'ABCDEF', 'abc12', 'abc1234', '/etc/p', 'a.b.c.', 'abc12\n']

  it.each(bad)('%j is refused before it touches a path', async (id) => {
    const m = await store.create(sampleRun())
    writeFileSync(join(root, 'run.json'), 'outside')
    const calls: Promise<unknown>[] = [
      store.get(id), store.readModel(id), store.readBatchLosses(id), store.delete([id]),
      store.setUserFields(id, { name: 'x' }), store.writeModel(id, new Uint8Array(1)),
      store.writeBatchLosses(id, new Float32Array(1)), store.update(id, { ...m, id })
    ]
    for (const call of calls) {
      const e = await rejection(call)
      expect(e.code).toBe('bad-run-id')
      expect(e.message).toMatch(/is not a run id/)
    }
    expect(readFileSync(join(root, 'run.json'), 'utf8')).toBe('outside')
    expect(readdirSync(root).sort()).toEqual(['run.json', 'runs'])
    expect((await store.list()).runs.map((r) => r.id)).toEqual([m.id])
  })
})

describe.skipIf(isRoot || isWindows)('a store folder that cannot be written (skipped as root and on Windows)', () => {
  it('gives a plain error when recording, and still lists', async () => {
    const m = await store.create(sampleRun())
    chmodSync(folder, 0o555)
    const e = await rejection(store.create(sampleRun()))
    expect(e.code).toBe('no-permission')
    expect(e.message).toMatch(/not allowed to save/)
    expect((await store.list()).runs.map((r) => r.id)).toEqual([m.id])
  })

  it('gives a plain error when the folder cannot be created', async () => {
    chmodSync(root, 0o555)
    const e = await rejection(store.create(sampleRun()))
    expect(e.code).toBe('no-permission')
  })
})

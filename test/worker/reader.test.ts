/**
 * Reading a dataset in a thread of its own (src/worker/reader.ts, and the order of commands set
 * out in src/worker/index.ts), with the real worker and a real slow file (test/helpers/slowArchive.ts:
 * a 61 MB CIFAR-10 binary batch in a .tar.gz of 4 MB, about a second to inflate and assemble). While it
 * is read the worker answers everything that does not need it; a new load, stop and cancel-load
 * cancel it; the dataset from before stays in use; a reading that runs out of memory ends alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READER_HEAP_ENV } from '../../src/worker/reader'
import type { Reply } from '../../src/shared/payloads'
import type { WorkerArgs, WorkerCommandType, WorkerResult } from '../../src/shared/workerProtocol'
import { slowArchive } from '../helpers/slowArchive'
import { SMALL, WorkerHarness } from '../helpers/workerHarness'

const RECORDS = 20_000
const SMALL_FILE = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')
const DEMO_NAME = 'Demo: day and night landscapes'

let dir: string
let slowFile: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-reader-'))
  slowFile = join(dir, 'slow-cifar.tar.gz')
  writeFileSync(slowFile, slowArchive(RECORDS))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A request whose answer is recorded with the moment it came (in order of arrival). */
function track<T extends WorkerCommandType>(w: WorkerHarness, order: string[], label: string, type: T, args: WorkerArgs<T>): Promise<Reply<WorkerResult<T>>> {
  return w.supervisor.request(type, args).then((reply) => {
    order.push(label)
    return reply
  })
}

const loadSlow = (): WorkerArgs<'load-dataset'> => ({ source: { kind: 'path', path: slowFile } })

describe('reading a dataset off the worker\'s message loop', () => {
  let w: WorkerHarness
  beforeAll(async () => {
    w = new WorkerHarness()
    await w.ask('load-dataset', { source: { kind: 'demo' } })
  })
  afterAll(() => w.dispose())

  it('answers snapshot, pause, settings and mark-saved while a big file is read, then uses it', async () => {
    const order: string[] = []
    const load = track(w, order, 'load', 'load-dataset', loadSlow())
    const snapshot = await track(w, order, 'snapshot', 'snapshot', {})
    await track(w, order, 'pause', 'pause', {})
    await track(w, order, 'update-settings', 'update-settings', { settings: { learningRate: 0.02, momentum: 0.5, l2: 0 } })
    await track(w, order, 'mark-saved', 'mark-saved', {})
    expect(order).toEqual(['snapshot', 'pause', 'update-settings', 'mark-saved'])
    // the dataset from before is in use until the new one is complete
    expect(snapshot.ok && snapshot.value.dataset?.name).toBe(DEMO_NAME)
    const loaded = await load
    expect(order).toEqual(['snapshot', 'pause', 'update-settings', 'mark-saved', 'load'])
    expect(loaded.ok ? loaded.value : loaded.error).toMatchObject({ name: 'slow-cifar.tar.gz', trainCount: 16_000, testCount: 4_000 })
    expect((await w.ask('snapshot', {})).dataset?.name).toBe('slow-cifar.tar.gz')
  })

  it('splits a file again in a thread for another test share, which can be cancelled too', async () => {
    await w.ask('load-dataset', loadSlow())
    const order: string[] = []
    const half = track(w, order, 'configure', 'configure-dataset', { options: { classes: 'all', testFraction: 0.5 } })
    await track(w, order, 'snapshot', 'snapshot', {})
    const split = await half
    expect(order).toEqual(['snapshot', 'configure'])
    expect(split.ok && [split.value.trainCount, split.value.testCount]).toEqual([10_000, 10_000])

    const quarter = w.supervisor.request('configure-dataset', { options: { classes: 'all', testFraction: 0.25 } })
    expect(await w.ask('cancel-load', {})).toBe(true)
    expect(await quarter).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect((await w.ask('snapshot', {})).dataset).toMatchObject({ trainCount: 10_000, testCount: 10_000, options: { testFraction: 0.5 } })
    // the kept source was copied to the cancelled thread, not moved: it splits again
    const fifth = await w.ask('configure-dataset', { options: { classes: [0, 1], testFraction: 0.2 } })
    expect([fifth.trainCount, fifth.testCount]).toEqual([3_200, 800])
  })

  it('cancels the reading on stop; the dataset from before stays in use and trains', async () => {
    await w.ask('load-dataset', { source: { kind: 'demo' } })
    const order: string[] = []
    const load = track(w, order, 'load', 'load-dataset', loadSlow())
    await new Promise((r) => setTimeout(r, 100))
    const began = performance.now()
    const stopped = await w.supervisor.request('stop', {})
    const answer = await load
    const cancelledAfter = performance.now() - began
    expect(stopped.ok).toBe(true)
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(!answer.ok && answer.error.message).toBe('Opening the dataset was cancelled. The dataset from before is still in use.')
    // cancelling ends the thread: no waiting for the rest of the file
    expect(cancelledAfter).toBeLessThan(500)
    expect((await w.ask('snapshot', {})).dataset?.name).toBe(DEMO_NAME)
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    expect(w.last('finished')?.history).toHaveLength(1)
  })

  it('cancels a reading when another dataset is opened: the first answers "cancelled", the second wins', async () => {
    const first = w.supervisor.request('load-dataset', loadSlow())
    const second = w.supervisor.request('load-dataset', { source: { kind: 'path', path: SMALL_FILE } })
    const [a, b] = await Promise.all([first, second])
    expect(a).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(b.ok && b.value.name).toBe('sample_2class_py2.p')
    expect((await w.ask('snapshot', {})).dataset?.name).toBe('sample_2class_py2.p')
  })

  it('cancels on cancel-load, refusing in plain words what waited for that dataset; the one before still evaluates', async () => {
    await w.ask('load-dataset', { source: { kind: 'demo' } })
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    const before = await w.ask('evaluate', {})
    expect(await w.ask('cancel-load', {})).toBe(false)

    const load = w.supervisor.request('load-dataset', loadSlow())
    const evaluation = w.supervisor.request('evaluate', {})
    await new Promise((r) => setTimeout(r, 100))
    expect(await w.ask('cancel-load', {})).toBe(true)
    expect(await load).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    const refused = await evaluation
    expect(refused).toMatchObject({ ok: false, error: { code: 'dataset-not-opened' } })
    expect(!refused.ok && refused.error.message).toMatch(/^This was not done: it waited for a dataset that did not open/)
    expect((await w.ask('snapshot', {})).dataset?.name).toBe(DEMO_NAME)
    expect(await w.ask('evaluate', {})).toEqual(before)
  })

  it('cancels a load sent together with cancel-load, even before its reading has started', async () => {
    const load = w.supervisor.request('load-dataset', loadSlow())
    const cancel = w.supervisor.request('cancel-load', {})
    expect(await cancel).toEqual({ ok: true, value: true })
    expect(await load).toMatchObject({ ok: false, error: { code: 'cancelled' } })
  })

  it('refuses what was sent while an opening that fails was under way; once it has failed, runs as usual', async () => {
    await w.ask('load-dataset', { source: { kind: 'demo' } })
    const missing = join(dir, 'missing.p')
    const load = w.supervisor.request('load-dataset', { source: { kind: 'path', path: missing } })
    const during = w.supervisor.request('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    expect(await load).toMatchObject({ ok: false, error: { code: 'no-such-file' } })
    expect(await during).toMatchObject({ ok: false, error: { code: 'dataset-not-opened' } })
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    expect((await w.ask('snapshot', {})).dataset?.name).toBe(DEMO_NAME)
  })

  it('runs what needs the dataset after the reading, on the new dataset', async () => {
    const order: string[] = []
    const load = track(w, order, 'load', 'load-dataset', loadSlow())
    const start = track(w, order, 'start', 'start', { config: { ...SMALL, epochs: 1, batchSize: 1000 }, from: 'fresh' })
    const snapshot = await track(w, order, 'snapshot', 'snapshot', {})
    expect(snapshot.ok && snapshot.value.training.state).not.toBe('running')
    const [loaded, started] = await Promise.all([load, start])
    expect(order).toEqual(['snapshot', 'load', 'start'])
    expect(loaded.ok).toBe(true)
    expect(started.ok && started.value).toMatchObject({ state: 'running', batchesPerEpoch: 16 })
    await w.ask('stop', {})
  })
})

describe('a reading that runs out of memory', () => {
  let w: WorkerHarness
  const saved = process.env[READER_HEAP_ENV]
  beforeAll(async () => {
    // a small cap, so that a small file can exhaust it (the worker reads the variable when it starts a reading)
    process.env[READER_HEAP_ENV] = '24'
    w = new WorkerHarness()
    await w.ask('load-dataset', { source: { kind: 'path', path: SMALL_FILE } })
  })
  afterAll(() => {
    if (saved === undefined) delete process.env[READER_HEAP_ENV]
    else process.env[READER_HEAP_ENV] = saved
    w.dispose()
  })

  it('ends that thread alone with a plain message; the worker and its dataset carry on', async () => {
    // a pickle of one list holding millions of empty lists: 3 MB of file, far more of JavaScript objects
    const n = 3_000_000
    const bytes = new Uint8Array(n + 5)
    bytes.set([0x80, 0x02, 0x28])
    bytes.fill(0x5d, 3, 3 + n)
    bytes.set([0x6c, 0x2e], 3 + n)
    const refused = await w.refused('load-dataset', { source: { kind: 'bytes', source: { kind: 'file', name: 'lists.p', bytes } } })
    expect(refused.code).toBe('too-much-memory')
    expect(refused.message).toBe(
      'This file needs more memory than NN Scratch allows for reading a dataset (24 MB besides the pictures themselves), ' +
      'so it was not opened. It is probably damaged, or not a dataset file; check it, or open another one. ' +
      'The dataset from before is still in use.')
    expect(w.restarts).toEqual([])
    expect((await w.ask('snapshot', {})).dataset?.name).toBe('sample_2class_py2.p')
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    // and the next reading, under the same cap, works
    expect((await w.ask('load-dataset', { source: { kind: 'demo' } })).name).toBe(DEMO_NAME)
  })
})

/**
 * The run host: runs in lane threads sharing one copy of the dataset — bit for bit as alone,
 * queued within the cap, every operation and event per run —, its one lane in the calling thread
 * over the same memory bit for bit as a lane thread, and the same API in the calling thread on the
 * TypeScript kernels.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { SEED_DEFAULTS, type Hyperparameters } from '../../../src/core/nn/hyperparameters'
import { RunHost, type HostEvent, type HostOptions } from '../../../src/node/runs/host'
import type { RunModel } from '../../../src/shared/runEvents'
import { waitUntil } from '../../helpers/workerHarness'

const SCRIPT = new URL('../../../src/node/runs/laneEntry.ts', import.meta.url)
const DATA = demoDataset({ train: 1000, test: 300 })
const HYPER: Hyperparameters = { ...SEED_DEFAULTS, hidden: [4], batchSize: 100, epochs: 2 }

const hosts: RunHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()))
})

function host(options: Omit<HostOptions, 'script'> = {}) {
  const h = new RunHost({ script: SCRIPT, ...options })
  hosts.push(h)
  const events: HostEvent[] = []
  h.on((e) => events.push(e))
  h.useDataset(DATA)
  const of = <T extends HostEvent['type']>(type: T, runId?: number) =>
    events.filter((e) => e.type === type && (runId === undefined || e.payload.runId === runId)).map((e) => e.payload as Extract<HostEvent, { type: T }>['payload'])
  return { h, events, of }
}

const bits = (m: RunModel): Buffer[] => m.network.layers.flatMap((l) => [Buffer.from(l.W.buffer, l.W.byteOffset, l.W.byteLength), Buffer.from(l.b.buffer, l.b.byteOffset, l.b.byteLength)])

/** Trains `hypers` at once on a host with `threads` threads per run, and returns each final model. */
async function together(hypers: Hyperparameters[], threads: number): Promise<RunModel[]> {
  const { h, of } = host({ threads: threads * hypers.length })
  const ids = hypers.map((hyper) => h.start({ hyper, threads, begin: { targetEpoch: hyper.epochs } }).runId)
  await waitUntil(() => ids.every((id) => of('finished', id).length > 0), 'every run to finish', 60_000)
  return Promise.all(ids.map((id) => h.model(id)))
}

describe('RunHost in lanes', () => {
  it('trains a run in a 3-run sweep bit for bit as it trains alone, with the same threads per run', async () => {
    const hypers = [HYPER, { ...HYPER, seed: 5, learningRate: 0.02 }, { ...HYPER, hidden: [6, 3], activation: 'tanh' as const }]
    const [a, b, c] = await together(hypers, 1)
    const [alone] = await together([hypers[1]], 1)
    expect(bits(b)).toEqual(bits(alone))
    expect(b.history).toEqual(alone.history.map((m, i) => ({ ...m, seconds: b.history[i].seconds })))
    expect(bits(a)).not.toEqual(bits(b))
    expect(c.network.arch.hidden).toEqual([6, 3])
  })

  it('does the same with two threads per run', async () => {
    const hypers = [HYPER, { ...HYPER, seed: 9 }]
    const [, b] = await together(hypers, 2)
    const [alone] = await together([hypers[1]], 2)
    expect(bits(b)).toEqual(bits(alone))
  })

  it('keeps a lane’s helper threads from run to run, and starts others for another thread count, bit for bit as fresh ones', async () => {
    const { h, of } = host({ threads: 3, parallel: 1 })
    const counts = [2, 2, 3, 2]
    const runs = counts.map((threads, i) => h.start({ hyper: { ...HYPER, seed: 10 + i, epochs: 1 }, threads, begin: { targetEpoch: 1 }, releaseAtEnd: true }))
    await waitUntil(() => of('released').length === counts.length, 'the runs one after another', 60_000)
    expect(h.counts.lanes).toBe(1)
    const models = runs.map((r) => of('released').find((e) => e.runId === r.runId)?.model as RunModel)
    for (let i = 0; i < counts.length; i++) {
      const [fresh] = await together([{ ...HYPER, seed: 10 + i, epochs: 1 }], counts[i])
      expect(bits(models[i])).toEqual(bits(fresh))
    }
  })

  it('places the pixels once: the memory holds one copy of the data and the runs’ small regions', async () => {
    const { h, of } = host({ threads: 3 })
    const ids = [1, 2, 3].map((seed) => h.start({ hyper: { ...HYPER, seed }, threads: 1, begin: { targetEpoch: 1 } }).runId)
    await waitUntil(() => ids.every((id) => of('finished', id).length > 0), 'three runs')
    const pixels = DATA.train.x.byteLength + DATA.test.x.byteLength
    expect(h.memoryBytes).toBeGreaterThan(pixels)
    expect(h.memoryBytes).toBeLessThan(1.5 * pixels)
  })

  it('hands the dataset it placed back as views of its memory, which stay its pixels while a run uses them', async () => {
    const { h, of } = host({ threads: 2 })
    const own = demoDataset({ train: 800, test: 200, seed: 4 })
    const placed = h.placeDataset(own)
    expect(placed.train.x.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(placed.test.y.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(Buffer.from(placed.train.x).equals(Buffer.from(own.train.x))).toBe(true)
    const high = h.memoryBytes
    // the views are the dataset in use: using them again copies nothing, and runs train on them
    h.useDataset(placed)
    expect(h.memoryBytes).toBe(high)
    const run = h.start({ hyper: HYPER, threads: 1, begin: { targetEpoch: 1 } })
    await run.opened
    // another dataset takes other memory while the run uses these pixels
    const other = h.placeDataset(demoDataset({ train: 800, test: 200, seed: 5 }))
    await waitUntil(() => of('finished', run.runId).length > 0, 'the run')
    expect(Buffer.from(placed.train.x).equals(Buffer.from(own.train.x))).toBe(true)
    expect(Buffer.from(other.train.x).equals(Buffer.from(own.train.x))).toBe(false)
    expect((await h.evaluate(run.runId)).train.confusion.flat().reduce((x, y) => x + y, 0)).toBe(800)
  })

  it('queues runs beyond the cap and lets each go at its end with its model', async () => {
    const { h, of } = host({ threads: 2, parallel: 2 })
    let most = 0
    h.on(() => { most = Math.max(most, h.counts.live) })
    const runs = [1, 2, 3, 4, 5].map((seed) => h.start({ hyper: { ...HYPER, seed, epochs: 1 }, threads: 1, begin: { targetEpoch: 1 }, releaseAtEnd: true }))
    expect(h.counts.waiting).toBe(3)
    await Promise.all(runs.map((r) => r.opened))
    await waitUntil(() => of('released').length === 5, 'five runs let go', 60_000)
    expect(most).toBe(2)
    expect(h.counts).toEqual({ waiting: 0, live: 0, lanes: 2 })
    const released = of('released')
    expect(released.map((r) => r.runId).sort()).toEqual(runs.map((r) => r.runId))
    expect(released.every((r) => r.model !== null && r.model.history.length === 1)).toBe(true)
    // every event says whose it is
    expect(of('epoch').map((e) => e.runId).sort()).toEqual(runs.map((r) => r.runId))
    await expect(h.model(runs[0].runId)).rejects.toThrow(/was let go/)
  })

  it('pauses, steps, changes settings while paused, resumes, stops, and answers for the run', async () => {
    const { h, of } = host({ threads: 2 })
    const { runId, opened } = h.start({ hyper: { ...HYPER, epochs: 1000 }, threads: 2 })
    expect((await opened).state).toBe('idle')
    expect((await h.begin(runId, { targetEpoch: 1000, announceStart: true })).state).toBe('running')
    await waitUntil(() => of('epoch', runId).length >= 1, 'an epoch')
    const paused = await h.pause(runId)
    expect(paused.state).toBe('paused')
    expect(h.status(runId)).toEqual(paused)
    const count = of('progress', runId).length
    await new Promise((r) => setTimeout(r, 200))
    expect(of('progress', runId)).toHaveLength(count)
    expect((await h.updateSettings(runId, { learningRate: 0.003, momentum: 0.5, l2: 0 })).settings).toEqual({ learningRate: 0.003, momentum: 0.5, l2: 0 })
    const epochs = paused.epoch
    await h.step(runId)
    await waitUntil(() => h.status(runId)?.state === 'paused' && h.status(runId)?.epoch === epochs + 1, 'a step')
    expect((await h.resume(runId)).state).toBe('running')
    const stopped = await h.stop(runId)
    expect(stopped?.state).toBe('finished')
    expect(of('finished', runId)[0].reason).toBe('stopped')
    expect(of('weights', runId)[0]).toMatchObject({ reason: 'start', epoch: 0 })
    const snapshot = await h.weights(runId, 'loaded', false)
    expect(snapshot.first.rows).toBe(4)
    const evaluation = await h.evaluate(runId)
    expect(evaluation.test.confusion.flat().reduce((a, b) => a + b, 0)).toBe(DATA.test.count)
    const p = await h.predictions(runId, { split: 'test', order: 'index', offset: 0, limit: 3 })
    expect(p.pixels.length).toBe(3 * 3072)
    await h.release(runId)
    expect(h.counts.live).toBe(0)
  })

  it('carries a network on from given weights and history, numbering its epochs on', async () => {
    const { h, of } = host({ threads: 2 })
    const first = h.start({ hyper: HYPER, threads: 2, begin: { targetEpoch: 2 } })
    await waitUntil(() => of('finished', first.runId).length > 0, 'the first run')
    const model = await h.model(first.runId)
    await h.release(first.runId)
    const next = h.start({ hyper: { ...HYPER, batchSize: 50 }, threads: 2, start: { network: model.network, scaling: model.scaling }, history: model.history, begin: { targetEpoch: 3 } })
    await waitUntil(() => of('finished', next.runId).length > 0, 'the run carried on')
    expect(of('epoch', next.runId).map((e) => e.metrics.epoch)).toEqual([3])
    expect((await h.model(next.runId)).history).toHaveLength(3)
  })

  it('starts lanes ahead of the runs, up to its cap, and uses them', async () => {
    const { h, of } = host({ threads: 2, parallel: 2 })
    await h.prepare(5)
    expect(h.counts.lanes).toBe(2)
    const run = h.start({ hyper: { ...HYPER, epochs: 1 }, threads: 1, begin: { targetEpoch: 1 } })
    await waitUntil(() => of('finished', run.runId).length > 0, 'a run')
    expect(h.counts.lanes).toBe(2)
  })

  it('refuses settings that cannot work in plain words, before queueing anything', () => {
    const { h } = host()
    expect(() => h.start({ hyper: { ...HYPER, learningRate: -1 }, threads: 1 })).toThrow(/The learning rate must be above 0/)
    expect(h.counts.waiting).toBe(0)
  })

  it('keeps the dataset of runs still going when another is put in use, and frees it after', async () => {
    const { h, of } = host({ threads: 2 })
    const a = h.start({ hyper: HYPER, threads: 1, begin: { targetEpoch: 1 } })
    await a.opened
    h.useDataset(demoDataset({ train: 500, test: 100, seed: 3 }))
    const b = h.start({ hyper: HYPER, threads: 1, begin: { targetEpoch: 1 } })
    await waitUntil(() => of('finished').length === 2, 'both runs')
    const evalA = await h.evaluate(a.runId)
    const evalB = await h.evaluate(b.runId)
    expect(evalA.test.confusion.flat().reduce((x, y) => x + y, 0)).toBe(300)
    expect(evalB.test.confusion.flat().reduce((x, y) => x + y, 0)).toBe(100)
    await h.release(a.runId)
    await h.release(b.runId)
  })
})

describe('RunHost when a lane fails', () => {
  /** A built-like folder: the process's entry, and beside it the lanes' entry `lane` (none if null). */
  const build = (lane: string | null): URL => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-lane-entry-'))
    writeFileSync(join(dir, 'index.mjs'), '')
    if (lane !== null) writeFileSync(join(dir, 'lane.mjs'), lane)
    return pathToFileURL(join(dir, 'index.mjs'))
  }

  it('fails that run in plain words and frees its place', async () => {
    // a lanes' entry that is no lane: its thread ends at once
    const h = new RunHost({ script: build('process.exit(3)'), threads: 2 })
    hosts.push(h)
    h.useDataset(DATA)
    const { opened } = h.start({ hyper: HYPER, threads: 1 })
    await expect(opened).rejects.toThrow(/A training thread stopped unexpectedly \(exit code 3\), so its run ended/)
    expect(h.counts).toEqual({ waiting: 0, live: 0, lanes: 0 })
  })

  it('says which file is missing when the build has no lanes’ entry', async () => {
    const script = build(null)
    const h = new RunHost({ script, threads: 2 })
    hosts.push(h)
    h.useDataset(DATA)
    const { opened } = h.start({ hyper: HYPER, threads: 1 })
    const lane = new URL('lane.mjs', script).pathname
    await expect(opened).rejects.toThrow(`NN Scratch could not start a thread: its file ${lane} is missing. Build NN Scratch again (npm run build) or reinstall it.`)
    expect(h.counts).toEqual({ waiting: 0, live: 0, lanes: 0 })
  })
})

describe('RunHost in the calling thread', () => {
  it('trains on the TypeScript kernels with the same API, one run at a time', async () => {
    const { h, of } = host({ kernel: 'typescript', threads: 4, parallel: 4 })
    expect([h.mode, h.kernel, h.parallel]).toEqual(['calling-thread', 'typescript', 1])
    const runs = [1, 2].map((seed) => h.start({ hyper: { ...HYPER, seed, epochs: 1 }, threads: 1, begin: { targetEpoch: 1 }, releaseAtEnd: true }))
    expect(h.counts.waiting).toBe(1)
    await waitUntil(() => of('released').length === 2, 'two runs', 60_000)
    expect(of('epoch').map((e) => e.runId)).toEqual(runs.map((r) => r.runId))
    const c = h.start({ hyper: { ...HYPER, epochs: 1 }, threads: 1, begin: { targetEpoch: 1 } })
    await waitUntil(() => of('finished', c.runId).length > 0, 'a third run')
    expect((await h.evaluate(c.runId)).train.loss).toBeGreaterThan(0)
  })
})

describe('RunHost with its lane in the calling thread (lanes: caller)', () => {
  /** Threads of this process (Linux): a lane thread and each kernel helper are one each, or two from source (tsx's loader thread). */
  const tasks = (): number => readdirSync('/proc/self/task').length
  /** The thread count once it has not changed for 300 ms. */
  async function steadyTasks(): Promise<number> {
    let last = -1
    let now = tasks()
    while (now !== last) {
      last = now
      await new Promise((r) => setTimeout(r, 300))
      now = tasks()
    }
    return now
  }

  it.each([1, 2])('trains over the shared memory bit for bit as a lane thread, on %i thread(s)', async (threads) => {
    const { h, of } = host({ threads, lanes: 'caller' })
    expect([h.mode, h.parallel]).toEqual(['lanes', 1])
    const { runId } = h.start({ hyper: HYPER, threads, begin: { targetEpoch: HYPER.epochs } })
    await waitUntil(() => of('finished', runId).length > 0, 'the run', 60_000)
    const caller = await h.model(runId)
    const [thread] = await together([HYPER], threads)
    expect(bits(caller)).toEqual(bits(thread))
    expect(caller.history).toEqual(thread.history.map((m, i) => ({ ...m, seconds: caller.history[i].seconds })))
  })

  it.skipIf(process.platform !== 'linux')('starts no lane thread, only its kernel helpers, and ends them when disposed', async () => {
    // libuv's pool starts at its first use: before counting; threads that Node and V8 start and end
    // on their own (a loader's, a compiler's) come and go, so each count waits until it holds still
    await readFile(SCRIPT)
    const base = await steadyTasks()
    const caller = host({ threads: 3, lanes: 'caller' }).h
    await caller.start({ hyper: HYPER, threads: 3 }).opened
    const helpers = (await steadyTasks()) - base
    await caller.dispose()
    await waitUntil(() => tasks() <= base, 'the helpers to end')
    const lane = host({ threads: 3 }).h
    await lane.start({ hyper: HYPER, threads: 3 }).opened
    // the same two helpers, and the lane thread besides
    expect(helpers).toBeGreaterThan(0)
    expect((await steadyTasks()) - base).toBeGreaterThan(helpers)
  })

})

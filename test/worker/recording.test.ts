/**
 * The studio's runs are recorded in the run store the worker is told at start-up (a temporary
 * one here): a trained run with its epochs, batch losses, model and how it ended; Continue as a
 * new run that continued it; a run whose process is killed is listed as interrupted; a store that
 * cannot be written gives one plain notice and training goes on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeModel } from '../../src/core/model/modelFile'
import type { Scaling } from '../../src/core/data/scaling'
import { exportNpz } from '../../src/core/model/npzWeights'
import { createNetwork } from '../../src/core/nn/network'
import type { RunRecord } from '../../src/core/runs/types'
import { RunStore } from '../../src/node/runs/store'
import { SMALL, WorkerHarness, waitUntil } from '../helpers/workerHarness'

/** Pixels ÷ 255 alone, as an .npz export needs some scaling. */
const SCALE_ONLY: Scaling = { mode: 'scale', mean: new Float32Array(3072), std: new Float32Array(3072).fill(1) }

const FIXTURE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname
/** 240 training pictures in batches of 60: 4 batches an epoch. */
const QUICK = { ...SMALL, batchSize: 60, epochs: 2 }

let w: WorkerHarness | null = null
const dirs: string[] = []
afterEach(() => {
  w?.dispose()
  w = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function runsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nn-worker-runs-'))
  dirs.push(dir)
  return join(dir, 'runs')
}

type Recorded = Extract<RunRecord, { ok: true }>

async function records(dir: string): Promise<Recorded[]> {
  const list = await new RunStore(dir).list()
  return list.runs.map((r) => {
    if (!r.ok) throw new Error(r.problem)
    return r
  })
}

/** Waits until the store holds `count` runs, none of them still 'running' (unless `running`). */
async function until(dir: string, check: (runs: Recorded[]) => boolean, what: string): Promise<Recorded[]> {
  let last: Recorded[] = []
  const end = Date.now() + 30_000
  for (;;) {
    last = await records(dir).catch(() => [])
    if (check(last)) return last
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last.map((r) => [r.id, r.status, r.manifest.history.length]))}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('the studio’s runs in the run store', () => {
  it('records a trained run with its epochs, batch losses, model and end, and names it in the status', async () => {
    const dir = runsFolder()
    w = new WorkerHarness(undefined, dir)
    await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
    const { runId } = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', runId)
    const [run] = await until(dir, (r) => r.length === 1 && r[0].status === 'finished' && r[0].hasModel, 'the finished record and its model')
    const epochs = w.of('epoch').filter((e) => e.runId === runId).map((e) => e.metrics)
    expect(run.manifest.history).toEqual(epochs)
    expect(run.manifest).toMatchObject({
      status: 'finished', continuedFrom: null, sweep: null,
      settings: { hidden: [4], batchSize: 60, epochs: 2 },
      dataset: { name: 'sample_2class_py2.p', trainCount: 240, testCount: 60 }
    })
    expect(run.manifest.dataset.fingerprint).toMatch(/^[0-9a-f]{16}$/)
    expect(run.manifest.name).toBe('sample_2class_py2.p: hidden 4, learning rate 0.01, seed 1')
    expect(run.hasModel).toBe(true)
    const store = new RunStore(dir)
    expect(decodeModel(await store.readModel(run.id)).history).toEqual(epochs)
    const losses = await store.readBatchLosses(run.id)
    expect(losses.length).toBe(8)
    expect(Array.from(losses)).toEqual(w.of('progress').filter((p) => p.runId === runId).flatMap((p) => Array.from(p.losses)))
    await waitUntil(() => w!.last('state')?.recordId === run.id, 'the record id in the status')
    expect((await w.ask('snapshot', {})).training.recordId).toBe(run.id)
    expect(w.of('runs:recorded').map((e) => e.id)).toContain(run.id)
  })

  it('records Continue as a new run that continued the last, its history and losses starting with the parent’s', async () => {
    const dir = runsFolder()
    w = new WorkerHarness(undefined, dir)
    await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
    const first = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', first.runId)
    const [parent] = await until(dir, (r) => r.length === 1 && r[0].status === 'finished', 'the first record')
    w.clear()
    // the same trainer carries on
    await w.ask('start', { config: { ...QUICK, epochs: 1 }, from: 'continue' })
    await w.untilState('finished')
    const two = await until(dir, (r) => r.length === 2 && r.every((x) => x.status === 'finished'), 'the continued record')
    const child = two.find((r) => r.id !== parent.id)!
    expect(child.manifest.continuedFrom).toBe(parent.id)
    expect(child.manifest.history.map((e) => e.epoch)).toEqual([1, 2, 3])
    expect(child.manifest.history.slice(0, 2)).toEqual(parent.manifest.history)
    const store = new RunStore(dir)
    const losses = await store.readBatchLosses(child.id)
    expect(losses.length).toBe(12)
    expect(Array.from(losses.subarray(0, 8))).toEqual(Array.from(await store.readBatchLosses(parent.id)))
    await waitUntil(() => w!.last('state')?.recordId === child.id, 'the new record id in the status')

    // another batch size: a new trainer for the same network, continuing the child
    await w.ask('start', { config: { ...QUICK, batchSize: 80, epochs: 1 }, from: 'continue' })
    await w.untilState('finished')
    const three = await until(dir, (r) => r.length === 3 && r.every((x) => x.status === 'finished'), 'the third record')
    const grandchild = three.find((r) => r.id !== parent.id && r.id !== child.id)!
    expect(grandchild.manifest.continuedFrom).toBe(child.id)
    expect(grandchild.manifest.history.map((e) => e.epoch)).toEqual([1, 2, 3, 4])
    expect((await store.readBatchLosses(grandchild.id)).length).toBe(12 + 3)
  })

  it('records a stopped run as stopped and a run that blows up as diverged (training pauses there)', async () => {
    const dir = runsFolder()
    w = new WorkerHarness(undefined, dir)
    await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
    const long = await w.ask('start', { config: { ...QUICK, epochs: 100_000 }, from: 'fresh' })
    await waitUntil(() => w!.of('epoch').some((e) => e.runId === long.runId), 'an epoch')
    await w.ask('stop', {})
    await until(dir, (r) => r.length === 1 && r[0].status === 'stopped', 'the stopped record')

    // weights so large that the first batch's loss is not a number
    const net = createNetwork({ inputs: 3072, hidden: [4], activation: 'relu', classes: 2 })
    for (const l of net.layers) l.W.fill(1e30)
    await w.ask('load-model', { file: { name: 'huge.npz', bytes: exportNpz({ network: net, scaling: SCALE_ONLY }) } })
    const wild = await w.ask('start', { config: { ...QUICK, epochs: 50 }, from: 'continue' })
    await waitUntil(() => w!.of('diverged').some((d) => d.runId === wild.runId), 'the blow-up')
    // its model as well as its run.json (a listing may read the folder between the two)
    await until(dir, (r) => r.length === 2 && r.some((x) => x.status === 'diverged' && x.hasModel), 'the diverged record and its model')
    expect(w.last('state')).toMatchObject({ state: 'paused', runId: wild.runId })
  })

  it('leaves a run whose process was killed listed as interrupted, with the epochs it had', async () => {
    const dir = runsFolder()
    w = new WorkerHarness(undefined, dir)
    await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
    const { runId } = await w.ask('start', { config: { ...QUICK, epochs: 100_000 }, from: 'fresh' })
    await until(dir, (r) => r.length === 1 && r[0].manifest.history.length >= 2, 'two recorded epochs')
    expect(w.of('epoch').filter((e) => e.runId === runId).length).toBeGreaterThanOrEqual(2)
    w.processes[0].kill()
    const [run] = await until(dir, (r) => r.length === 1 && r[0].status === 'interrupted', 'the interrupted run')
    expect(run.manifest.history.length).toBeGreaterThanOrEqual(2)
  })

  it('says once, in plain words, that a run cannot be recorded, and trains on', async () => {
    const dir = runsFolder()
    writeFileSync(dir, 'not a folder')
    w = new WorkerHarness(undefined, dir)
    await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
    const { runId } = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', runId)
    await waitUntil(() => w!.of('notice').length > 0, 'the notice')
    expect(w.of('notice')).toEqual([{ level: 'warning', code: 'not-recorded', message: expect.stringMatching(/^NN Scratch could not record this run\. .*Training goes on/) }])
    expect(w.of('epoch').filter((e) => e.runId === runId)).toHaveLength(2)
    expect(w.last('state')?.recordId).toBeNull()
  })
})

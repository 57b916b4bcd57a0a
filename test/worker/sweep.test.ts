/**
 * Sweeps in the training worker: a 2×3 grid with 2 seeds (12 runs) trained on the run host and
 * each recorded with its sweep ref, the states and events the page follows, the cost said first,
 * stopping one run or all, successive halving, and a sweep and the studio's run never training
 * at once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RunRecord, SweepSpec } from '../../src/core/runs/types'
import { RunStore } from '../../src/node/runs/store'
import type { SweepStatus } from '../../src/shared/payloads'
import { SMALL, WorkerHarness, waitUntil } from '../helpers/workerHarness'

const FIXTURE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname
const BASE = { ...SMALL, batchSize: 60, epochs: 2, threads: 2 }
const GRID: SweepSpec = {
  axes: [
    { setting: 'learningRate', values: { kind: 'list', values: [0.01, 0.1] } },
    { setting: 'hidden', values: { kind: 'list', values: [[2], [4], [8]] } }
  ],
  mode: { kind: 'grid' },
  repeats: 2,
  halving: null,
  parallel: 0
}

let w: WorkerHarness | null = null
const dirs: string[] = []
afterEach(() => {
  w?.dispose()
  w = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function started(): Promise<{ w: WorkerHarness; dir: string }> {
  const root = mkdtempSync(join(tmpdir(), 'nn-worker-sweep-'))
  dirs.push(root)
  const dir = join(root, 'runs')
  w = new WorkerHarness(undefined, dir)
  await w.ask('load-dataset', { source: { kind: 'path', path: FIXTURE } })
  return { w, dir }
}

type Recorded = Extract<RunRecord, { ok: true }>

async function records(dir: string): Promise<Recorded[]> {
  const runs: readonly RunRecord[] = (await new RunStore(dir).list().catch(() => null))?.runs ?? []
  return runs.filter((r): r is Recorded => r.ok)
}

const lastSweep = (h: WorkerHarness): SweepStatus | undefined => h.last('sweep:state')

async function ended(h: WorkerHarness, state: 'finished' | 'stopped' = 'finished'): Promise<SweepStatus> {
  await waitUntil(() => lastSweep(h)?.state === state, `the sweep ${state}`, 60_000)
  return lastSweep(h)!
}

describe('a sweep in the training worker', () => {
  it('trains a 2×3 grid with 2 seeds: 12 runs side by side, each recorded with its sweep ref, states and events', async () => {
    const { w, dir } = await started()
    const estimate = await w.ask('sweep:estimate', { spec: GRID, config: BASE })
    expect(estimate).toMatchObject({ runs: 12, epochs: 24, parallel: 2, threadsPerRun: 1 })
    expect(estimate.sentence).toMatch(/^12 runs × 2 epochs, .* on this computer$/)

    const status = await w.ask('sweep:start', { spec: GRID, config: BASE })
    expect(status).toMatchObject({ state: 'running', axes: ['learningRate', 'hidden'], parallel: 2, threadsPerRun: 1 })
    expect(status.runs).toHaveLength(12)
    expect(status.runs.map((r) => [r.values, r.repeat, r.settings.seed])).toEqual(
      [0.01, 0.1].flatMap((lr) => [[2], [4], [8]].flatMap((h) => [[[lr, h], 0, 1], [[lr, h], 1, 2]])))
    // Train waits for the sweep
    expect(await w.refused('start', { config: BASE, from: 'fresh' })).toMatchObject({ code: 'sweep-training' })

    const done = await ended(w)
    expect(done.runs.every((r) => r.state === 'finished' && r.history.length === 2 && r.recordId !== null)).toBe(true)
    const live = done.runs.map((r) => r.runId)
    expect(new Set(live).size).toBe(12)
    // their epochs went out under their live run ids, never the studio's run number
    const studio = (await w.ask('snapshot', {})).training.runId
    expect(live).not.toContain(studio)
    for (const r of done.runs) expect(w.of('epoch').filter((e) => e.runId === r.runId).map((e) => e.metrics)).toEqual(r.history)
    // every state change was said: each run was seen running, and finished
    const seen = w.of('sweep:state')
    for (let i = 0; i < 12; i++) expect(seen.some((s) => s.runs[i].state === 'running')).toBe(true)
    expect((await w.ask('snapshot', {})).sweep).toMatchObject({ id: done.id, state: 'finished' })

    const recorded = await records(dir)
    expect(recorded).toHaveLength(12)
    for (const r of done.runs) {
      const rec = recorded.find((x) => x.id === r.recordId)!
      expect(rec.status).toBe('finished')
      expect(rec.manifest.sweep).toEqual({ id: done.id, axes: ['learningRate', 'hidden'], values: r.values, repeat: r.repeat, halted: false })
      expect(rec.manifest.history).toEqual(r.history)
      expect(rec.manifest.settings).toMatchObject({ learningRate: r.values[0], hidden: r.values[1], threads: 1, seed: 1 + r.repeat })
      expect(rec.hasModel).toBe(true)
    }
    // Train runs again once the sweep has ended
    const { runId } = await w.ask('start', { config: BASE, from: 'fresh' })
    await w.untilState('finished', runId)
  })

  it('is refused while the studio’s run trains, and parks a finished one (its network stays)', async () => {
    const { w } = await started()
    const long = await w.ask('start', { config: { ...BASE, epochs: 100_000 }, from: 'fresh' })
    expect(await w.refused('sweep:start', { spec: GRID, config: BASE })).toMatchObject({ code: 'busy', message: expect.stringMatching(/Stop it, or let it finish/) })
    await w.ask('stop', {})
    await w.ask('sweep:start', { spec: { ...GRID, repeats: 1 }, config: BASE })
    const snap = await w.ask('snapshot', {})
    expect(snap.training).toMatchObject({ runId: long.runId, hasNetwork: true })
    await ended(w)
    expect((await w.ask('evaluate', {})).test.confusion).toHaveLength(2)
  })

  it('stops one run (a waiting one never starts), then all', async () => {
    const { w } = await started()
    const spec: SweepSpec = { ...GRID, repeats: 1, parallel: 1 }
    const status = await w.ask('sweep:start', { spec, config: { ...BASE, epochs: 100_000 } })
    await waitUntil(() => (lastSweep(w)?.runs[0].history.length ?? 0) > 0, 'the first run’s first epoch')
    // run 3 is waiting: it never starts
    const third = status.runs[2]
    expect(third.state).toBe('waiting')
    const first = lastSweep(w)!.runs[0]
    await w.ask('sweep:stop', { runId: first.runId })
    await waitUntil(() => lastSweep(w)?.runs[0].state === 'stopped', 'the first run stopped')
    await waitUntil(() => lastSweep(w)?.runs[1].state === 'running', 'the next run')
    const all = await w.ask('sweep:stop', { runId: null })
    expect(all.id).toBe(status.id)
    const done = await ended(w, 'stopped')
    expect(done.runs.map((r) => r.state)).toEqual(['stopped', 'stopped', 'stopped', 'stopped', 'stopped', 'stopped'])
    expect(done.runs.slice(2).every((r) => r.recordId === null && r.history.length === 0)).toBe(true)
  })

  it('stops the worse half after the halving epoch, judged in plan order, and records them as halted', async () => {
    const { w, dir } = await started()
    const spec: SweepSpec = {
      axes: [{ setting: 'learningRate', values: { kind: 'list', values: [0.1, 0.0001, 0.05, 0.00001] } }],
      mode: { kind: 'grid' }, repeats: 1, halving: { afterEpoch: 1 }, parallel: 0
    }
    await w.ask('sweep:start', { spec, config: { ...BASE, epochs: 3 } })
    const done = await ended(w)
    const halted = done.runs.filter((r) => r.state === 'halted')
    expect(halted.length).toBeGreaterThan(0)
    expect(done.runs[0].state).toBe('finished')
    for (const r of halted) expect(r.history).toHaveLength(1)
    const recorded = await records(dir)
    for (const r of halted) {
      const rec = recorded.find((x) => x.id === r.recordId)!
      expect(rec.status).toBe('stopped')
      expect(rec.manifest.sweep?.halted).toBe(true)
    }
  })
})

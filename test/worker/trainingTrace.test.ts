/**
 * A saved model keeps its first layer's starting weights and every batch's loss, so that opening
 * it again shows "what training changed" (a 'start' weights event before the 'loaded' one) and
 * the batch chart (ModelInfo.batchLosses) as they were; a recorded run opened from the Runs tab
 * brings its record's batch losses. A file without them opens as before.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeModel, encodeModel } from '../../src/core/model/modelFile'
import { RunStore } from '../../src/node/runs/store'
import { SMALL, WorkerHarness, waitUntil } from '../helpers/workerHarness'

const TWO = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')
/** 240 training pictures in batches of 60: 4 batches an epoch. */
const QUICK = { ...SMALL, batchSize: 60, epochs: 2 }

let w: WorkerHarness | null = null
const dirs: string[] = []
afterEach(() => {
  w?.dispose()
  w = null
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('what a saved model keeps of its training', () => {
  it('saves the starting first layer and the batch losses, and a reopened model shows them again', async () => {
    w = new WorkerHarness()
    await w.open({ source: { kind: 'path', path: TWO } })
    const { runId } = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', runId)
    const start = w.of('weights').find((e) => e.runId === runId && e.reason === 'start')!
    const losses = w.of('progress').filter((p) => p.runId === runId).flatMap((p) => Array.from(p.losses))
    expect(losses).toHaveLength(8)

    const bytes = (await w.ask('save-model', { format: 'safetensors' })).bytes
    const saved = decodeModel(bytes)
    expect(Array.from(saved.startWeights!)).toEqual(Array.from(start.first.W))
    expect(Array.from(saved.batchLosses!)).toEqual(losses)
    expect(Array.from(saved.startWeights!)).not.toEqual(Array.from(saved.network.layers[0].W))

    // reopened: the start comes first (the baseline of "what training changed"), then the weights now
    w.clear()
    const info = await w.ask('load-model', { file: { name: 'again.safetensors', bytes } })
    expect(Array.from(info.batchLosses!)).toEqual(losses)
    const events = w.of('weights')
    expect(events.map((e) => e.reason)).toEqual(['start', 'loaded'])
    expect(events[0].epoch).toBe(0)
    expect(Array.from(events[0].first.W)).toEqual(Array.from(start.first.W))
    expect(Array.from(events[1].first.W)).toEqual(Array.from(saved.network.layers[0].W))

    // saved again without training: the same start and losses
    const again = decodeModel((await w.ask('save-model', { format: 'safetensors' })).bytes)
    expect(Array.from(again.startWeights!)).toEqual(Array.from(start.first.W))
    expect(Array.from(again.batchLosses!)).toEqual(losses)

    // a file made before they were kept opens as before: the weights as they are, no batch losses
    const { startWeights: _s, batchLosses: _b, ...old } = saved
    w.clear()
    const oldInfo = await w.ask('load-model', { file: { name: 'old.safetensors', bytes: encodeModel(old) } })
    expect(oldInfo.batchLosses).toBeUndefined()
    expect(w.of('weights').map((e) => e.reason)).toEqual(['loaded'])
  }, 60_000)

  it('gives a recorded run opened from the Runs tab its record’s batch losses and its start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-trace-runs-'))
    dirs.push(dir)
    const runs = join(dir, 'runs')
    w = new WorkerHarness(undefined, runs)
    await w.open({ source: { kind: 'path', path: TWO } })
    const { runId } = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', runId)
    const store = new RunStore(runs)
    let id = ''
    await waitUntil(() => {
      id = w!.last('state')?.recordId ?? ''
      return id !== ''
    }, 'the record')
    // the record is complete once it says finished
    const end = Date.now() + 20_000
    for (;;) {
      const got = await store.get(id).catch(() => null)
      if (got?.ok && got.status === 'finished' && got.hasModel) break
      if (Date.now() > end) throw new Error('timed out waiting for the finished record')
      await new Promise((r) => setTimeout(r, 20))
    }
    const model = await store.readModel(id)
    const batchLosses = await store.readBatchLosses(id)
    expect(batchLosses.length).toBe(8)
    // the record's model keeps where the first layer began
    const start = w.of('weights').find((e) => e.runId === runId && e.reason === 'start')!
    expect(Array.from(decodeModel(model).startWeights!)).toEqual(Array.from(start.first.W))
    w.clear()
    const info = await w.ask('runs:open', { recordId: id, name: 'run', model, batchLosses })
    expect(Array.from(info.batchLosses!)).toEqual(Array.from(batchLosses))
    const events = w.of('weights')
    expect(events.map((e) => e.reason)).toEqual(['start', 'loaded'])
    expect(Array.from(events[0].first.W)).toEqual(Array.from(start.first.W))
  }, 60_000)
})

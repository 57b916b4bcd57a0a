/** The training worker for real, as a Node child process: commands, events, run control, models. */
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toFloat64 } from '../../src/core/formats/ndarray'
import { openNpz } from '../../src/core/formats/npz'
import { decodeModel } from '../../src/core/model/modelFile'
import type { DatasetInfo } from '../../src/shared/payloads'
import { SMALL, WorkerHarness, waitUntil } from '../helpers/workerHarness'

let w: WorkerHarness
let savedModel: { name: string; bytes: Uint8Array } | null = null
let demo: DatasetInfo
beforeAll(async () => {
  w = new WorkerHarness()
  demo = await w.open({ source: { kind: 'demo' } })
})
afterAll(() => w.dispose())

describe('training worker', () => {
  it('loads the demo with class counts and thumbnails as bytes', async () => {
    const info = await w.open({ source: { kind: 'demo' } })
    const half = (n: number): number => n / 2
    expect(info.classes).toEqual([
      { index: 0, name: 'night', train: half(info.trainCount), test: half(info.testCount) },
      { index: 1, name: 'day', train: half(info.trainCount), test: half(info.testCount) }
    ])
    expect(info).toMatchObject({ origin: 'demo', inputs: 3072, sourceClassNames: ['night', 'day'] })
    expect(info.samples.pixels).toBeInstanceOf(Uint8Array)
    expect(info.samples.pixels.length).toBe(2 * 8 * 3072)
    expect(Array.from(info.samples.labels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1])
  })

  it('trains two epochs, posting progress, epoch metrics, weight snapshots and the end', async () => {
    w.clear()
    const started = await w.ask('start', { config: SMALL, from: 'fresh' })
    expect(started.state).toBe('running')
    await w.untilState('finished', started.runId)
    const epochs = w.of('epoch')
    expect(epochs.map((e) => e.metrics.epoch)).toEqual([1, 2])
    expect(epochs[1].metrics.testAccuracy).toBeGreaterThan(0.6)
    const progress = w.of('progress')
    expect(progress.length).toBeGreaterThan(0)
    const batches = Math.ceil(demo.trainCount / SMALL.batchSize)
    const losses = progress.flatMap((p) => Array.from(p.losses))
    expect(losses).toHaveLength(2 * batches)
    expect(progress.map((p) => p.firstBatch)).toEqual(progress.map((_, i) => progress.slice(0, i).reduce((n, p) => n + p.losses.length, 0)))
    expect(progress.every((p) => p.examplesPerSecond > 0 && p.batches === batches)).toBe(true)
    const weights = w.last('weights')!
    expect(weights.reason).toBe('finished')
    expect(weights.first.W).toBeInstanceOf(Float32Array)
    expect([weights.first.rows, weights.first.cols, weights.first.W.length]).toEqual([4, 3072, 4 * 3072])
    expect([weights.second?.rows, weights.second?.cols]).toEqual([1, 4])
    expect(weights.stats).toHaveLength(2)
    expect(weights.stats[0].histogram.reduce((a, b) => a + b, 0)).toBe(4 * 3072)
    expect(weights.stats[0].updateRatio).toBeGreaterThan(0)
    expect(w.last('finished')).toMatchObject({ reason: 'completed', history: epochs.map((e) => e.metrics) })
    const status = w.last('state')!
    expect(status).toMatchObject({ epoch: 2, targetEpoch: 2, unsavedChanges: true, hasNetwork: true })
    // a page that reloads now redraws the run's chart from the snapshot
    expect((await w.ask('snapshot', {})).history).toEqual(epochs.map((e) => e.metrics))
  })

  it('pauses, stays still, resumes and stops on command', async () => {
    w.clear()
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 100_000 }, from: 'fresh' })
    await waitUntil(() => w.of('epoch').length >= 1, 'a first epoch')
    const paused = await w.ask('pause', {})
    expect(paused.state).toBe('paused')
    expect(w.last('weights')?.reason).toBe('paused')
    const count = w.events.length
    await new Promise((r) => setTimeout(r, 300))
    expect(w.events.length).toBe(count)
    const settings = await w.ask('update-settings', { settings: { learningRate: 0.005, momentum: 0.5, l2: 0 } })
    expect(settings.settings).toEqual({ learningRate: 0.005, momentum: 0.5, l2: 0 })
    expect((await w.ask('resume', {})).state).toBe('running')
    const before = w.of('epoch').length
    await waitUntil(() => w.of('epoch').length > before, 'more epochs after resuming')
    const stopped = await w.ask('stop', {})
    expect(stopped.state).toBe('finished')
    expect(stopped.epoch).toBeLessThan(100_000)
    expect(w.last('finished')).toMatchObject({ runId, reason: 'stopped' })
  })

  it('steps one epoch at a time', async () => {
    await w.ask('reset', {})
    w.clear()
    const first = await w.ask('step', { config: { ...SMALL, epochs: 5 } })
    expect(first).toMatchObject({ state: 'running', targetEpoch: 5 })
    await w.untilState('paused')
    expect(w.last('state')).toMatchObject({ epoch: 1, targetEpoch: 5 })
    await w.ask('step', { config: SMALL })
    await waitUntil(() => w.last('state')?.state === 'paused' && w.last('state')?.epoch === 2, 'a second step')
    expect(w.of('epoch').map((e) => e.metrics.epoch)).toEqual([1, 2])
  })

  it('saves a model and loads it back with the same weights and history', async () => {
    w.clear()
    const { runId } = await w.ask('start', { config: SMALL, from: 'fresh' })
    await w.untilState('finished', runId)
    const trained = w.last('weights')!
    const history = w.last('finished')!.history
    const evaluation = await w.ask('evaluate', {})
    const saved = await w.ask('save-model', { format: 'safetensors' })
    savedModel = saved
    expect(saved.name).toBe('demo-4-hidden-2-epochs.safetensors')
    expect((await w.ask('mark-saved', {})).unsavedChanges).toBe(false)

    await w.ask('reset', {})
    w.clear()
    const info = await w.ask('load-model', { file: { name: saved.name, bytes: saved.bytes } })
    expect(info).toMatchObject({ kind: 'model', hidden: [4], classes: 2, classNames: ['night', 'day'], mismatch: null })
    expect(info.history).toEqual(history)
    const loaded = w.last('weights')!
    expect(loaded.reason).toBe('loaded')
    expect(loaded.first.W).toEqual(trained.first.W)
    expect(loaded.second?.W).toEqual(trained.second?.W)
    expect(await w.ask('evaluate', {})).toEqual(evaluation)
    expect(w.last('state')).toMatchObject({ state: 'idle', epoch: 2, unsavedChanges: false })

    const npz = await w.ask('save-model', { format: 'npz' })
    expect(npz.name.endsWith('.npz')).toBe(true)
    // Export .npz… holds the input scaling the model was trained with, so NumPy can reproduce its answers
    const archive = openNpz(npz.bytes)
    const model = decodeModel(saved.bytes)
    expect(Array.from(toFloat64(archive.read('scaling_mean')))).toEqual(Array.from(model.scaling.mean))
    expect(Array.from(toFloat64(archive.read('scaling_std')))).toEqual(Array.from(model.scaling.std))
    expect(archive.readValue('class_names')).toEqual(['night', 'day'])
    const weightsOnly = await w.ask('load-model', { file: { name: npz.name, bytes: npz.bytes } })
    expect(weightsOnly).toMatchObject({ kind: 'weights', hidden: [4], history: [] })
    expect(w.last('weights')!.first.W).toEqual(trained.first.W)
  })

  it('carries on training an opened model, numbering epochs after its history', async () => {
    await w.ask('load-model', { file: savedModel! })
    w.clear()
    const started = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'continue' })
    expect(started).toMatchObject({ epoch: 2, targetEpoch: 3 })
    await w.untilState('finished')
    expect(w.of('epoch').map((e) => e.metrics.epoch)).toEqual([3])
    expect(w.last('finished')!.history.map((m) => m.epoch)).toEqual([1, 2, 3])
    const refused = await w.refused('start', { config: { ...SMALL, hidden: [8] }, from: 'continue' })
    expect(refused.code).toBe('architecture-differs')
    expect(refused.message).toMatch(/hidden layers 4/)
  })

  it('repeats the same start exactly', async () => {
    const final = async (from: 'fresh' | 'same-start', seed: number): Promise<Float32Array> => {
      w.clear()
      const { runId } = await w.ask('start', { config: { ...SMALL, seed }, from })
      await w.untilState('finished', runId)
      return w.last('weights')!.first.W
    }
    const a = await final('fresh', 3)
    const b = await final('same-start', 3)
    const c = await final('fresh', 4)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('predicts, with the most confident mistakes first when asked', async () => {
    const p = await w.ask('predictions', { query: { split: 'test', order: 'confident-mistakes', offset: 0, limit: 5 } })
    expect(p.total).toBe(demo.testCount)
    expect(p.pixels.length).toBe(5 * 3072)
    expect(p.probabilities.length).toBe(10)
    for (let i = 0; i < 5; i++) expect(p.probabilities[2 * i] + p.probabilities[2 * i + 1]).toBeCloseTo(1, 5)
    const cell = await w.ask('predictions', { query: { split: 'test', actual: 0, predicted: 0, order: 'index', offset: 0, limit: 5 } })
    expect(Array.from(cell.labels).every((l) => l === 0)).toBe(true)
    const evaluation = await w.ask('evaluate', {})
    expect(cell.total).toBe(evaluation.test.confusion[0][0])
  })

  it('reads a dataset file by path and picks classes by number', async () => {
    const path = resolve(import.meta.dirname, '../fixtures/sample_cifar10.bin')
    const info = await w.open({ source: { kind: 'path', path } })
    expect(info).toMatchObject({ origin: 'path', path, trainCount: 80, testCount: 20, testWasSplitOff: true })
    expect(info.sourceClassNames).toHaveLength(10)
    const two = await w.ask('configure-dataset', { options: { classes: [3, 5], testFraction: 0.5 } })
    expect(two.classes.map((c) => [c.name, c.train, c.test])).toEqual([['cat', 5, 5], ['dog', 5, 5]])
    expect(w.last('state')).toMatchObject({ state: 'idle', hasDataset: true })
  })

  it('refuses what cannot be done in plain words, and keeps running', async () => {
    expect(await w.refused('resume', {})).toMatchObject({ code: 'not-paused' })
    expect(await w.refused('load-dataset', { source: { kind: 'path', path: '/no/such/file.p' } }))
      .toMatchObject({ code: 'no-such-file' })
    const bad = await w.refused('load-model', { file: { name: 'x.safetensors', bytes: Uint8Array.from([1, 2, 3]) } })
    expect(bad.message).not.toMatch(/at .*\.ts:\d+/)
    expect(await w.refused('load-dataset', { source: { kind: 'bytes', source: { kind: 'file', name: 'notes.txt', bytes: new TextEncoder().encode('hello, world') } } }))
      .toMatchObject({ code: 'not-a-dataset' })
    expect(await w.refused('nonsense' as 'pause', {})).toMatchObject({ code: 'bad-command' })
    expect((await w.ask('snapshot', {})).dataset?.name).toBe('sample_cifar10.bin')
  })
})

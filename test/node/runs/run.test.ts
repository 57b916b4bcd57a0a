/**
 * The Run: with a scripted stand-in trainer (throttling, divergence, failures, step, stop,
 * settings) and with a real one (its results are those of its network on an engine of its own).
 */
import { describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { createNetwork } from '../../../src/core/nn/network'
import { Trainer } from '../../../src/core/training/trainer'
import { createThreadedEngine } from '../../../src/node/threadPool'
import { evaluate, networkScorer, predictions } from '../../../src/node/runs/results'
import { Run, type RunEvents, type RunEventType, type RunOptions } from '../../../src/node/runs/run'
import { waitUntil } from '../../helpers/workerHarness'

interface Script {
  /** the loss of batch k (run-wide); may throw. */
  loss(k: number): number
  /** milliseconds each batch takes. */
  ms: number
}

/** Just what a Run uses of a Trainer: 10 batches of 10 rows per epoch. */
function fakeTrainer(script: Script): Trainer {
  let k = 0
  const t = {
    batch: 0,
    epoch: 0,
    batchesPerEpoch: 10,
    hyper: { batchSize: 10 },
    data: { train: { count: 100 } },
    settings: { learningRate: 0.5, momentum: 0.9, l2: 0 },
    net: createNetwork({ inputs: 12, hidden: [3], activation: 'relu', classes: 2 }),
    scaling: { mode: 'centre' },
    lastEpochSeconds: 0.01,
    disposed: false,
    engine: { dispose: () => { t.disposed = true } },
    get atEpochStart() { return t.batch === 0 },
    trainBatch(): number {
      const end = performance.now() + script.ms
      while (performance.now() < end) { /* a batch's work */ }
      const loss = script.loss(k++)
      t.batch = (t.batch + 1) % 10
      if (t.batch === 0) t.epoch++
      return loss
    },
    evaluateEpoch: (seconds: number) => ({ epoch: t.epoch, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.6, testAccuracy: 0.7, seconds })
  }
  return t as unknown as Trainer
}

function runWith(script: Script, options: RunOptions = {}) {
  const events: { type: RunEventType; payload: unknown; at: number }[] = []
  const trainer = fakeTrainer(script)
  const run = new Run(7, trainer, (type, payload) => events.push({ type, payload, at: performance.now() }), options)
  const of = <T extends RunEventType>(type: T): RunEvents[T][] =>
    events.filter((e) => e.type === type).map((e) => e.payload as RunEvents[T])
  return { run, events, of, trainer }
}

describe('Run', () => {
  it('sends progress at most ~10 times and weights at most ~2 times a second, losing no batch loss', async () => {
    const { run, of, events } = runWith({ loss: () => 0.5, ms: 1 })
    run.begin(1_000_000)
    await new Promise((r) => setTimeout(r, 1500))
    run.pause()
    const progress = events.filter((e) => e.type === 'progress')
    const weights = events.filter((e) => e.type === 'weights')
    expect(progress.length).toBeGreaterThan(5)
    expect(progress.length).toBeLessThanOrEqual(17)
    expect(weights.length).toBeLessThanOrEqual(5)
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(95)
    const losses = of('progress').reduce((n, p) => n + p.losses.length, 0)
    expect(losses).toBe(run.status().batchesDone)
    expect(of('epoch').length).toBe(Math.floor(run.status().batchesDone / 10))
    expect(events.every((e) => (e.payload as { runId: number }).runId === 7)).toBe(true)
  })

  it('pauses with a plain message when the loss stops being a number', async () => {
    const { run, of } = runWith({ loss: (k) => (k < 25 ? 0.7 : NaN), ms: 0 })
    run.begin(100)
    await waitUntil(() => of('diverged').length > 0, 'divergence')
    expect(run.state).toBe('paused')
    const d = of('diverged')[0]
    expect(d).toMatchObject({ runId: 7, epoch: 3, batch: 6, learningRate: 0.5 })
    expect(d.message).toBe('Training was paused: the loss is no longer a number in epoch 3, so the weights blew up. ' +
      'The learning rate (0.5) is probably too high; try half of it (0.25) and start again.')
    expect(of('progress').reduce((n, p) => n + p.losses.length, 0)).toBe(26)
    expect(of('weights').at(-1)?.reason).toBe('paused')
    expect(of('state').at(-1)).toMatchObject({ state: 'paused', epoch: 2, batch: 6 })
  })

  it('treats a huge loss as blowing up too', async () => {
    const { run, of } = runWith({ loss: (k) => (k < 3 ? 0.7 : 1e6), ms: 0 })
    run.begin(100)
    await waitUntil(() => of('diverged').length > 0, 'divergence')
    expect(of('diverged')[0].message).toMatch(/grew very large \(1\.00e\+6\)/)
  })

  it('stops instead of pausing when its owner moves on after a blow-up (a sweep)', async () => {
    const { run, of } = runWith({ loss: (k) => (k < 12 ? 0.7 : Infinity), ms: 0 }, { onDiverge: 'stop' })
    run.begin(100)
    await waitUntil(() => of('finished').length > 0, 'the end')
    expect(run.state).toBe('finished')
    expect(of('diverged')[0].message).toMatch(/^Training was stopped: the loss is no longer a number in epoch 2/)
    expect(of('finished')[0]).toMatchObject({ runId: 7, reason: 'stopped' })
  })

  it('pauses at a step\'s epoch and finishes at the target', async () => {
    const { run, of } = runWith({ loss: () => 0.5, ms: 0 })
    run.begin(3, { pauseAtEpoch: 1 })
    await waitUntil(() => run.state === 'paused', 'the step')
    expect(run.history).toHaveLength(1)
    run.resume()
    await waitUntil(() => run.state === 'finished', 'the end')
    expect(run.history.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(of('finished')).toEqual([{ runId: 7, reason: 'completed', history: run.history }])
  })

  it('steps one epoch from a pause, from running, and past the end', async () => {
    const { run, of } = runWith({ loss: () => 0.5, ms: 1 })
    run.begin(10, { pauseAtEpoch: 1 })
    await waitUntil(() => run.state === 'paused', 'the first epoch')
    run.step()
    await waitUntil(() => run.state === 'paused', 'a second epoch')
    expect(run.history).toHaveLength(2)
    run.resume()
    run.step()
    await waitUntil(() => run.state === 'paused', 'the end of the epoch under way')
    expect(run.history).toHaveLength(3)
    run.stop()
    expect(of('finished').at(-1)).toMatchObject({ reason: 'stopped' })
    run.step()
    await waitUntil(() => run.state === 'finished' && run.history.length === 4, 'one more epoch')
    expect(run.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4])
  })

  it('numbers its epochs on from an earlier history and counts its batches from there', async () => {
    const earlier = [1, 2].map((epoch) => ({ epoch, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, seconds: 1 }))
    const { run, of } = runWith({ loss: () => 0.5, ms: 0 }, { history: earlier })
    expect(run.status()).toMatchObject({ epoch: 2, targetEpoch: 2, batchesDone: 20, state: 'idle' })
    run.begin(3)
    await waitUntil(() => run.state === 'finished', 'the end')
    expect(of('epoch').map((e) => e.metrics.epoch)).toEqual([3])
    expect(of('progress')[0].firstBatch).toBe(20)
  })

  it('changes learning rate, momentum and L2 for the next batches, and says so', () => {
    const { run, trainer, of } = runWith({ loss: () => 0.5, ms: 0 })
    const status = run.updateSettings({ learningRate: 0.01, momentum: 0.5, l2: 0.001 })
    expect(trainer.settings).toEqual({ learningRate: 0.01, momentum: 0.5, l2: 0.001 })
    expect(status.settings).toEqual(trainer.settings)
    expect(of('state')).toHaveLength(1)
  })

  it('reports a failure inside a batch as an error and pauses', async () => {
    const { run, of } = runWith({ loss: (k) => { if (k === 4) throw new Error('out of memory'); return 0.5 }, ms: 0 })
    run.begin(100)
    await waitUntil(() => of('error').length > 0, 'the error')
    expect(run.state).toBe('paused')
    expect(of('error')[0]).toMatchObject({ code: 'internal' })
    expect(of('error')[0].message).toMatch(/^Something went wrong inside NN Scratch \(out of memory\)/)
  })

  it('refuses to begin twice, and does nothing more once released', async () => {
    const { run, trainer, of } = runWith({ loss: () => 0.5, ms: 1 })
    run.begin(100)
    expect(() => run.begin(200)).toThrow(/already training/)
    run.release()
    const count = of('progress').length
    await new Promise((r) => setTimeout(r, 100))
    expect(of('progress')).toHaveLength(count)
    expect((trainer as unknown as { disposed: boolean }).disposed).toBe(true)
    expect(() => run.resume()).toThrow(/released/)
  })
})

describe('a Run of a real trainer', () => {
  const data = demoDataset({ train: 700, test: 300 })
  const hyper = { ...SEED_DEFAULTS, hidden: [6], batchSize: 50 }
  const trained = async (look: boolean): Promise<Run> => {
    const trainer = new Trainer(data, hyper, { engine: await createThreadedEngine(2) })
    const run = new Run(1, trainer, () => undefined)
    run.begin(2, { pauseAtEpoch: 1 })
    await waitUntil(() => run.state === 'paused', 'an epoch')
    if (look) run.evaluate()
    run.resume()
    await waitUntil(() => run.state === 'finished', 'two epochs')
    return run
  }

  it('evaluates and predicts on its own trainer exactly as its network does on an engine of its own', async () => {
    const run = await trained(false)
    const model = run.model()
    expect(model.history).toHaveLength(2)
    expect(model.hyperparameters).toMatchObject({ hidden: [6], epochs: 2, learningRate: SEED_DEFAULTS.learningRate })
    const mine = run.evaluate()
    const alone = evaluate(networkScorer(model.network, model.scaling), data)
    expect(mine).toEqual(alone)
    expect(mine.test.accuracy).toBeGreaterThan(0.6)
    const query = { split: 'test', order: 'confident-mistakes', offset: 0, limit: 20 } as const
    expect(run.predictions(query)).toEqual(predictions(networkScorer(model.network, model.scaling), data, query))
    // a copy: changing it changes nothing in the run
    model.network.layers[0].W.fill(0)
    expect(run.model().network.layers[0].W.some((w) => w !== 0)).toBe(true)
    run.release()
  })

  it('scores each split once for the weights it has: the evaluation and the pages after it are slices; a step scores anew', async () => {
    const trainer = new Trainer(data, hyper, { engine: await createThreadedEngine(2) })
    const run = new Run(1, trainer, () => undefined)
    const scored: string[] = []
    const score = trainer.score.bind(trainer)
    trainer.score = (split) => {
      scored.push(split === trainer.data.train ? 'train' : 'test')
      return score(split)
    }
    run.evaluate()
    expect(scored).toEqual(['train', 'test'])
    const first = run.predictions({ split: 'test', order: 'index', offset: 0, limit: 24 })
    for (const offset of [24, 48]) run.predictions({ split: 'test', order: 'index', offset, limit: 24 })
    run.predictions({ split: 'train', order: 'confident-mistakes', offset: 0, limit: 24 })
    expect(scored).toEqual(['train', 'test'])
    trainer.trainBatch()
    const after = run.predictions({ split: 'test', order: 'index', offset: 0, limit: 24 })
    expect(scored).toEqual(['train', 'test', 'test'])
    expect(after.indices).toEqual(first.indices)
    expect(after.probabilities).not.toEqual(first.probabilities)
    run.release()
  })

  it('trains on exactly as before after its results were looked at', async () => {
    const looked = await trained(true)
    const not = await trained(false)
    const bits = (r: Run): Buffer[] => r.model().network.layers.flatMap((l) => [Buffer.from(l.W.buffer), Buffer.from(l.b.buffer)])
    expect(bits(looked)).toEqual(bits(not))
    expect(looked.history.map((m) => m.testLoss)).toEqual(not.history.map((m) => m.testLoss))
    looked.release()
    not.release()
  })
})

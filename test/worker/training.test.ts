/** The training loop with a scripted stand-in trainer: throttling, divergence, failures. */
import { describe, expect, it } from 'vitest'
import { createNetwork } from '../../src/core/nn/network'
import type { Trainer } from '../../src/core/nn/trainer'
import { TrainingLoop } from '../../src/worker/training'
import type { TrainingStatus } from '../../src/shared/payloads'
import type { WorkerEvents, WorkerEventType } from '../../src/shared/workerProtocol'
import { waitUntil } from '../helpers/workerHarness'

interface Script {
  /** the loss of batch k (run-wide); may throw. */
  loss(k: number): number
  /** milliseconds each batch takes. */
  ms: number
}

/** Just what the loop uses of a Trainer: 10 batches of 10 rows per epoch. */
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

function loopWith(script: Script) {
  const events: { type: WorkerEventType; payload: unknown; at: number }[] = []
  const loop: TrainingLoop = new TrainingLoop(
    (type, payload) => events.push({ type, payload, at: performance.now() }),
    () => ({ state: loop.state }) as TrainingStatus
  )
  const of = <T extends WorkerEventType>(type: T): WorkerEvents[T][] =>
    events.filter((e) => e.type === type).map((e) => e.payload as WorkerEvents[T])
  return { loop, events, of, trainer: fakeTrainer(script) }
}

describe('TrainingLoop', () => {
  it('sends progress at most ~10 times and weights at most ~2 times a second, losing no batch loss', async () => {
    const { loop, of, trainer, events } = loopWith({ loss: () => 0.5, ms: 1 })
    loop.begin(trainer, 1_000_000, null)
    await new Promise((r) => setTimeout(r, 1500))
    loop.pause()
    const progress = events.filter((e) => e.type === 'progress')
    const weights = events.filter((e) => e.type === 'weights')
    expect(progress.length).toBeGreaterThan(5)
    expect(progress.length).toBeLessThanOrEqual(17)
    expect(weights.length).toBeLessThanOrEqual(5)
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(95)
    const losses = of('progress').reduce((n, p) => n + p.losses.length, 0)
    expect(losses).toBe(loop.batchesDone)
    expect(of('epoch').length).toBe(Math.floor(loop.batchesDone / 10))
  })

  it('pauses with a plain message when the loss stops being a number', async () => {
    const { loop, of, trainer } = loopWith({ loss: (k) => (k < 25 ? 0.7 : NaN), ms: 0 })
    loop.begin(trainer, 100, null)
    await waitUntil(() => of('diverged').length > 0, 'divergence')
    expect(loop.state).toBe('paused')
    const d = of('diverged')[0]
    expect(d).toMatchObject({ epoch: 3, batch: 6, learningRate: 0.5 })
    expect(d.message).toBe('Training was paused: the loss is no longer a number in epoch 3, so the weights blew up. ' +
      'The learning rate (0.5) is probably too high; try half of it (0.25) and start again.')
    expect(of('progress').reduce((n, p) => n + p.losses.length, 0)).toBe(26)
    expect(of('weights').at(-1)?.reason).toBe('paused')
  })

  it('treats a huge loss as blowing up too', async () => {
    const { loop, of, trainer } = loopWith({ loss: (k) => (k < 3 ? 0.7 : 1e6), ms: 0 })
    loop.begin(trainer, 100, null)
    await waitUntil(() => of('diverged').length > 0, 'divergence')
    expect(of('diverged')[0].message).toMatch(/grew very large \(1\.00e\+6\)/)
  })

  it('pauses at a step\'s epoch and finishes at the target', async () => {
    const { loop, of, trainer } = loopWith({ loss: () => 0.5, ms: 0 })
    loop.begin(trainer, 3, 1)
    await waitUntil(() => loop.state === 'paused', 'the step')
    expect(loop.history).toHaveLength(1)
    loop.resume(null)
    await waitUntil(() => loop.state === 'finished', 'the end')
    expect(loop.history.map((m) => m.epoch)).toEqual([1, 2, 3])
    expect(of('finished')).toEqual([{ runId: 0, reason: 'completed', history: loop.history }])
  })

  it('reports a failure inside a batch as an error and pauses', async () => {
    const { loop, of, trainer } = loopWith({ loss: (k) => { if (k === 4) throw new Error('out of memory'); return 0.5 }, ms: 0 })
    loop.begin(trainer, 100, null)
    await waitUntil(() => of('error').length > 0, 'the error')
    expect(loop.state).toBe('paused')
    expect(of('error')[0]).toMatchObject({ code: 'internal' })
    expect(of('error')[0].message).toMatch(/^Something went wrong inside NN Scratch \(out of memory\)/)
  })
})

import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { demoDataset } from '../../../src/core/data/demo'
import { SEED_DEFAULTS, type Hyperparameters } from '../../../src/core/nn/hyperparameters'
import { outputLoss } from '../../../src/core/nn/loss'
import { cloneNetwork } from '../../../src/core/nn/network'
import { forward } from '../../../src/core/nn/passes'
import { Rng } from '../../../src/core/random/rng'
import { Trainer } from '../../../src/core/training/trainer'
import { createWorkspace } from '../../../src/core/nn/workspace'
import { affineOf, scaleRows } from '../../../src/core/data/scaling'
import { UserError } from '../../../src/core/errors'

function randomDataset(count: number, inputs: number, classes: number, seed: number): Dataset {
  const rng = new Rng(seed)
  const x = new Uint8Array(count * inputs)
  const y = new Uint8Array(count)
  for (let i = 0; i < x.length; i++) x[i] = rng.int(256)
  for (let i = 0; i < count; i++) y[i] = rng.int(classes)
  const split = { x, y, count }
  return { name: 'random', inputs, image: null, classNames: Array.from({ length: classes }, (_, c) => `c${c}`), train: split, test: split, testWasSplitOff: false }
}

const small: Hyperparameters = { ...SEED_DEFAULTS, hidden: [5], batchSize: 4, epochs: 2 }

describe('Trainer', () => {
  it('gives bit-identical weights for the same seed and settings, different ones for another seed', () => {
    const data = randomDataset(30, 12, 2, 1)
    const run = (seed: number): Float32Array[] => {
      const t = new Trainer(data, { ...small, seed })
      t.runEpoch()
      t.runEpoch()
      return t.net.layers.flatMap((l) => [l.W, l.b])
    }
    const a = run(5)
    const b = run(5)
    const c = run(6)
    a.forEach((t, i) => expect(Buffer.from(t.buffer).equals(Buffer.from(b[i].buffer))).toBe(true))
    expect(Buffer.from(a[0].buffer).equals(Buffer.from(c[0].buffer))).toBe(false)
  })

  it('splits an epoch into ceil(n/B) batches and averages the last one over its own rows', () => {
    const data = randomDataset(10, 6, 2, 2)
    const hyper = { ...small, batchSize: 4, shuffle: false, learningRate: 0.05 }
    const t = new Trainer(data, hyper)
    expect(t.batchesPerEpoch).toBe(3)
    t.trainBatch()
    t.trainBatch()
    // the loss of the remainder batch (rows 8, 9) before its update, computed independently
    const before = cloneNetwork(t.net)
    const ws = createWorkspace(before, 2, false)
    scaleRows(data.train.x, 6, Uint32Array.from([8, 9]), 0, 2, affineOf(t.scaling), ws.x)
    forward(before, ws, 2)
    const sums = { lossSum: 0, correct: 0 }
    outputLoss(1, ws.z[1], data.train.y, Uint32Array.from([8, 9]), 0, 2, null, 2, sums)
    const loss = t.trainBatch()
    expect(loss).toBeCloseTo(sums.lossSum / 2, 6)
    expect(t.epoch).toBe(1)
    expect(t.atEpochStart).toBe(true)
  })

  it('shuffles with the seed: batches differ from consecutive rows, and between epochs', () => {
    const data = randomDataset(40, 6, 2, 3)
    const lossesOf = (shuffle: boolean): number[] => {
      const t = new Trainer(data, { ...small, shuffle, learningRate: 1e-9, batchSize: 10 })
      const out: number[] = []
      for (let i = 0; i < 8; i++) out.push(t.trainBatch())
      return out
    }
    const plain = lossesOf(false)
    const shuffled = lossesOf(true)
    // with a tiny learning rate the loss only depends on which rows form the batch
    for (let i = 0; i < 4; i++) expect(plain[4 + i]).toBeCloseTo(plain[i], 6)
    expect(shuffled.slice(0, 4).some((v, i) => Math.abs(v - plain[i]) > 1e-6)).toBe(true)
    expect(shuffled.slice(0, 4).some((v, i) => Math.abs(v - shuffled[4 + i]) > 1e-6)).toBe(true)
  })

  it('trains a softmax network on more than two classes and lowers its loss', () => {
    const data = randomDataset(60, 8, 3, 4)
    const t = new Trainer(data, { ...small, hidden: [16, 8], learningRate: 0.5, momentum: 0.9, batchSize: 10, l2: 0 })
    const first = t.runEpoch()
    let last = first
    for (let e = 0; e < 40; e++) last = t.runEpoch()
    expect(t.net.layers[2].outputs).toBe(3)
    expect(last.trainLoss).toBeLessThan(first.trainLoss * 0.7)
    expect(last.trainAccuracy).toBeGreaterThan(0.6)
  })

  it('refuses impossible settings with a plain message', () => {
    const data = randomDataset(10, 6, 2, 5)
    expect(() => new Trainer(data, { ...small, learningRate: 0 })).toThrow(/learning rate must be above 0/)
    expect(() => new Trainer(data, { ...small, batchSize: 2.5 })).toThrow(UserError)
    expect(() => new Trainer(data, { ...small, momentum: 1 })).toThrow(/Momentum must be/)
    expect(() => new Trainer(data, { ...small, hidden: [0] })).toThrow(/Hidden layer width 0/)
  })
})

describe('demo dataset', () => {
  it('is deterministic, balanced and 32x32 colour', () => {
    const a = demoDataset({ train: 200, test: 50 })
    const b = demoDataset({ train: 200, test: 50 })
    expect(Buffer.from(a.train.x).equals(Buffer.from(b.train.x))).toBe(true)
    expect(a.train.x.length).toBe(200 * 3072)
    const ones = a.train.y.reduce((s, v) => s + v, 0)
    expect(ones).toBe(100)
    expect(a.classNames).toEqual(['night', 'day'])
  })

  it('is learned by the seed defaults to at least 90 % test accuracy within 10 epochs', () => {
    const data = demoDataset()
    const t = new Trainer(data, SEED_DEFAULTS)
    let best = 0
    for (let e = 0; e < 10; e++) best = Math.max(best, t.runEpoch().testAccuracy)
    expect(best).toBeGreaterThanOrEqual(0.9)
    expect(t.history.length).toBe(10)
  })
})

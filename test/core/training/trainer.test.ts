import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { demoDataset } from '../../../src/core/data/demo'
import { SEED_DEFAULTS, type Hyperparameters } from '../../../src/core/nn/hyperparameters'
import { outputLoss } from '../../../src/core/nn/loss'
import { cloneNetwork } from '../../../src/core/nn/network'
import { forward } from '../../../src/core/nn/passes'
import { Rng } from '../../../src/core/random/rng'
import { Trainer } from '../../../src/core/training/trainer'
import { createEngine } from '../../../src/core/engine/engine'
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

/** n training and m test rows of random pixels, in arrays of their own. */
function twoSplits(n: number, m: number, inputs: number, classes: number, seed: number): Dataset {
  const whole = randomDataset(n + m, inputs, classes, seed)
  const split = (from: number, count: number) => ({
    x: whole.train.x.slice(from * inputs, (from + count) * inputs), y: whole.train.y.slice(from, from + count), count
  })
  return { ...whole, train: split(0, n), test: split(n, m), testWasSplitOff: true }
}

/** Loss and accuracy over `rows` of a split, from its exact probabilities (Trainer.score): −log p(y), arg-max = y. */
function metricsOver(probabilities: Float32Array, y: Uint8Array, units: number, rows: Iterable<number>): { loss: number; accuracy: number } {
  let loss = 0
  let correct = 0
  let count = 0
  for (const r of rows) {
    const t = y[r]
    let answer: number
    if (units === 1) {
      const p = probabilities[r]
      loss -= Math.log(t === 1 ? p : 1 - p)
      answer = p > 0.5 ? 1 : 0
    } else {
      const p = probabilities.subarray(r * units, (r + 1) * units)
      loss -= Math.log(p[t])
      answer = p.indexOf(Math.max(...p))
    }
    if (answer === t) correct++
    count++
  }
  return { loss: loss / count, accuracy: correct / count }
}

describe("Trainer: each epoch's training figures", () => {
  const hyper = { ...small, hidden: [8], batchSize: 50, learningRate: 0.01 }

  for (const engine of ['wasm-simd', 'typescript'] as const) {
    for (const classes of [2, 3]) {
      it(`are measured on a fixed sample of the training split, as the figures of those rows would be (${engine}, ${classes} classes)`, () => {
        const data = twoSplits(3000, 500, 12, classes, 21)
        const t = new Trainer(data, hyper, { engine: createEngine(engine) })
        t.trainEpoch()
        const m = t.evaluateEpoch(1)
        expect(m.trainMeasured).toBe(2000)
        const rows = t.trainSample
        expect(rows.length).toBe(2000)
        const units = classes === 2 ? 1 : classes
        const want = metricsOver(t.score(data.train).probabilities, data.train.y, units, rows)
        expect(m.trainAccuracy).toBe(want.accuracy)
        expect(m.trainLoss).toBeCloseTo(want.loss, engine === 'typescript' ? 5 : 3)
        // not the whole split's figures
        const all = metricsOver(t.score(data.train).probabilities, data.train.y, units, data.train.y.keys())
        expect(m.trainLoss).not.toBe(all.loss)
        // the test split in full, as before
        const test = t.evaluate(data.test)
        expect([m.testLoss, m.testAccuracy]).toEqual([test.loss, test.accuracy])
        expect(t.history).toEqual([m])
      })
    }
  }

  it('are on the same rows every epoch and for the same seed, other rows for another seed', () => {
    const data = twoSplits(3000, 2500, 6, 2, 22)
    const a = new Trainer(data, hyper)
    expect(a.trainSample.length).toBe(2500)
    a.runEpoch()
    const first = a.trainSample
    a.runEpoch()
    expect(a.trainSample).toEqual(first)
    expect(new Trainer(data, hyper).trainSample).toEqual(first)
    expect(new Trainer(data, { ...hyper, seed: hyper.seed + 1 }).trainSample).not.toEqual(first)
  })

  it('leave training itself as it was: the same weights whether or not the figures are sampled', () => {
    const sampled = twoSplits(3000, 500, 6, 2, 23)
    const whole = { ...sampled, test: sampled.train }
    const weights = (data: Dataset): Float32Array[] => {
      const t = new Trainer(data, hyper)
      t.runEpoch()
      t.runEpoch()
      return t.net.layers.flatMap((l) => [l.W, l.b])
    }
    const a = weights(sampled)
    weights(whole).forEach((w, i) => expect(w).toEqual(a[i]))
  })

  it('are every picture\'s, exactly as evaluate gives them, for 2,000 pictures or fewer and when testing on the training split', () => {
    const small2000 = twoSplits(2000, 300, 6, 2, 24)
    const sameSplit = randomDataset(2500, 6, 2, 25)
    const testAsLarge = twoSplits(2100, 2500, 6, 2, 26)
    for (const data of [small2000, sameSplit, testAsLarge]) {
      const t = new Trainer(data, hyper)
      t.trainEpoch()
      const m = t.evaluateEpoch(1)
      const train = t.evaluate(data.train)
      expect(m.trainMeasured).toBeUndefined()
      expect('trainMeasured' in m).toBe(false)
      expect([m.trainLoss, m.trainAccuracy]).toEqual([train.loss, train.accuracy])
      expect(t.trainSample.length).toBe(data.train.count)
    }
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

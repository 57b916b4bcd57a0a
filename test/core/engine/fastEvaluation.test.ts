// Fast evaluation (layer 0 on int16 weights, undecided rows recomputed) against exact evaluation.
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { demoDataset } from '../../../src/core/data/demo'
import { createEngine } from '../../../src/core/engine/engine'
import type { FastEvaluation } from '../../../src/core/engine/fastEvaluation'
import type { NetworkRuntime } from '../../../src/core/engine/runtime'
import { evaluateRows } from '../../../src/core/training/evaluate'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import type { Activation } from '../../../src/core/nn/network'
import { Rng } from '../../../src/core/random/rng'
import { Trainer } from '../../../src/core/training/trainer'
import { AVAILABLE_WASM_KERNELS } from '../../helpers/kernelEngines'

interface Internals {
  rt: NetworkRuntime; fast: FastEvaluation; trainPix: number; ident: { ptr: number; view: Uint32Array }
  trainDeviations: Float32Array; version: number
}

/** Three classes of noisy colour fields (red, green or blue brighter), for a softmax network. */
function threeClasses(count: number): Dataset {
  const rng = new Rng(4)
  const x = new Uint8Array(count * 3072)
  const y = new Uint8Array(count)
  for (let n = 0; n < count; n++) {
    const c = rng.int(3)
    y[n] = c
    for (let k = 0; k < 3072; k++) {
      const v = 100 + (Math.floor(k / 1024) === c ? 30 : 0) + 60 * (rng.uniform() - 0.5)
      x[n * 3072 + k] = Math.round(v)
    }
  }
  const split = { x, y, count }
  return { name: 'three', inputs: 3072, image: { width: 32, height: 32, channels: 3 }, classNames: ['r', 'g', 'b'], train: split, test: split, testWasSplitOff: false }
}

const CASES: Array<[string, () => Dataset, number[], Activation]> = [
  ['sigmoid output, one ReLU layer', () => demoDataset({ train: 1500, test: 300 }), [15], 'relu'],
  ['sigmoid output, two tanh layers', () => demoDataset({ train: 1500, test: 300 }), [20, 8], 'tanh'],
  ['softmax output, leaky-ReLU layers', () => threeClasses(900), [12, 6], 'leaky-relu']
]

describe.each(AVAILABLE_WASM_KERNELS)('fast evaluation on %s', (kernel) => {
  for (const [label, data, hidden, activation] of CASES) {
    it(`gives the exact accuracy and the loss to 1e-6, with true bounds (${label})`, () => {
      const ds = data()
      const t = new Trainer(ds, { ...SEED_DEFAULTS, hidden, activation, batchSize: 100 }, { engine: createEngine(kernel) })
      const inner = t as unknown as Internals
      const { rt, fast, trainPix, ident } = inner
      for (let e = 0; e < 3; e++) {
        t.trainEpoch()
        const exact = evaluateRows(rt, trainPix, ident, ds.train.y, ds.train.count, null)
        const quick = t.evaluate(ds.train)
        expect(quick.accuracy).toBe(exact.accuracy)
        expect(Math.abs(quick.loss - exact.loss) / exact.loss).toBeLessThan(1e-6)
      }
      // every quantised logit lies within its bound of the exact one
      fast.prepare(inner.version)
      const rows = Math.min(rt.capacity, ds.train.count)
      const units = rt.outputUnits
      const exact = rt.forwardRows(trainPix, ident.ptr, rows).slice(0, rows * units)
      const quick = fast.forwardRows(trainPix, ident.ptr, rows).slice(0, rows * units)
      for (let r = 0; r < rows; r++) {
        const e = fast.logitBounds(r, inner.trainDeviations[r])
        for (let u = 0; u < units; u++) expect(Math.abs(quick[r * units + u] - exact[r * units + u])).toBeLessThanOrEqual(e[u])
      }
    })
  }

  it('recomputes exactly the rows near a decision, and quantises once per change of weights', () => {
    const data = demoDataset({ train: 600, test: 100 })
    const t = new Trainer(data, { ...SEED_DEFAULTS }, { engine: createEngine(kernel) })
    const { fast } = t as unknown as Internals
    // untrained: many outputs sit near the decision, so some rows must be rechecked
    t.evaluate(data.train)
    expect(fast.rechecked).toBeGreaterThan(0)
    expect(fast.rechecked).toBeLessThan(data.train.count)
    const q = fast as unknown as { quantised: { quantise: (...a: unknown[]) => void } }
    let calls = 0
    const original = q.quantised.quantise.bind(q.quantised)
    q.quantised.quantise = (...a: unknown[]) => { calls++; original(...a) }
    t.evaluate(data.train)
    t.evaluate(data.test)
    expect(calls).toBe(0)
    t.trainBatch()
    t.evaluate(data.test)
    expect(calls).toBe(1)
  })
})

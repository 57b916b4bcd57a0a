// Fast evaluation (layer 0 on int16 weights, near-decision rows recomputed) against exact evaluation.
import { describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { createEngine } from '../../../src/core/engine/engine'
import { evaluateRows } from '../../../src/core/nn/evaluate'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { Trainer } from '../../../src/core/nn/trainer'
import type { NetworkRuntime } from '../../../src/core/engine/runtime'

interface Internals { rt: NetworkRuntime; trainPix: number; ident: { ptr: number; view: Uint32Array } }

describe('quantised evaluation', () => {
  for (const [label, hidden, classes] of [['sigmoid output, one hidden layer', [15], 2], ['softmax output, two hidden layers', [20, 8], 2]] as const) {
    it(`gives the exact accuracy and the loss to 1e-6 (${label})`, () => {
      const data = demoDataset({ train: 1500, test: 300 })
      const t = new Trainer(data, { ...SEED_DEFAULTS, hidden: [...hidden] }, { engine: createEngine('wasm-simd') })
      void classes
      const { rt, trainPix, ident } = t as unknown as Internals
      for (let e = 0; e < 3; e++) {
        t.trainEpoch()
        const exact = evaluateRows(rt, trainPix, ident, data.train.y, data.train.count, false)
        const fast = evaluateRows(rt, trainPix, ident, data.train.y, data.train.count, true)
        expect(fast.accuracy).toBe(exact.accuracy)
        expect(Math.abs(fast.loss - exact.loss) / exact.loss).toBeLessThan(1e-6)
      }
    })
  }

  it('recomputes exactly the rows whose answer the rounding could change', () => {
    const data = demoDataset({ train: 600, test: 100 })
    const t = new Trainer(data, { ...SEED_DEFAULTS, epochs: 1 }, { engine: createEngine('wasm-simd') })
    const { rt, trainPix, ident } = t as unknown as Internals
    // untrained: many outputs sit near the decision, so some rows must be rechecked
    const before = rt.rechecked
    const fast = evaluateRows(rt, trainPix, ident, data.train.y, data.train.count, true)
    expect(rt.rechecked).toBeGreaterThan(before)
    const exact = evaluateRows(rt, trainPix, ident, data.train.y, data.train.count, false)
    expect(fast.accuracy).toBe(exact.accuracy)
    // the bound is a true bound: every quantised logit lies within D[r]·s of the exact one
    const s = rt.quantise()
    expect(s[0]).toBeGreaterThan(0)
    const deviations = (t as unknown as { trainDeviations: Float32Array }).trainDeviations
    const rows = Math.min(rt.capacity, data.train.count)
    const q = rt.forwardRowsQuantised(trainPix, ident.ptr, rows).slice(0, rows)
    const x = rt.forwardRows(trainPix, ident.ptr, rows).slice(0, rows)
    let tightest = Infinity
    for (let r = 0; r < rows; r++) {
      expect(deviations[r]).toBeLessThanOrEqual(rt.worstDeviation)
      expect(Math.abs(q[r] - x[r])).toBeLessThanOrEqual(deviations[r] * s[0])
      tightest = Math.min(tightest, deviations[r] * s[0] / Math.max(1e-12, Math.abs(q[r] - x[r])))
    }
    // and not absurdly loose: within a few hundred times the real error for some row
    expect(tightest).toBeLessThan(1000)
  })
})

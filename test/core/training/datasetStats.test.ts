/** Statistics of a dataset shared by its trainers: computed once, and training is the same with them. */
import { describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { fitScaling } from '../../../src/core/data/scaling'
import { createEngine } from '../../../src/core/engine/engine'
import { rowDeviations } from '../../../src/core/engine/quantised'
import { DatasetStats } from '../../../src/core/training/datasetStats'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { Trainer } from '../../../src/core/training/trainer'

describe('DatasetStats', () => {
  const data = demoDataset({ train: 400, test: 100 })

  it('fits each scaling once and measures row distances once per mean, as the functions do', () => {
    const stats = new DatasetStats(data)
    const centre = stats.scaling('centre')
    expect(stats.scaling('centre')).toBe(centre)
    expect(centre).toEqual(fitScaling('centre', data.train, data.inputs))
    const d = stats.rowDeviations(centre)
    expect(stats.rowDeviations(centre)).toBe(d)
    expect(d.test).toEqual(rowDeviations(data.test.x, data.test.count, data.inputs, centre.mean.map((m) => 255 * m)))
  })

  it('gives trainers that train bit for bit as trainers that compute their own', () => {
    const stats = new DatasetStats(data)
    const weights = (t: Trainer): Float32Array[] => t.net.layers.map((l) => l.W)
    for (const scaling of ['scale', 'centre', 'standardise'] as const) {
      const hyper = { ...SEED_DEFAULTS, hidden: [5], batchSize: 40, scaling }
      const shared = new Trainer(data, hyper, { engine: createEngine('wasm-simd'), stats })
      const own = new Trainer(data, hyper, { engine: createEngine('wasm-simd') })
      const a = shared.runEpoch()
      const b = own.runEpoch()
      expect(a.testLoss).toBe(b.testLoss)
      expect(weights(shared)).toEqual(weights(own))
    }
    // a second trainer reuses the first one's scaling
    expect(new Trainer(data, SEED_DEFAULTS, { engine: createEngine('wasm-simd'), stats }).scaling).toBe(stats.scaling('centre'))
  })
})

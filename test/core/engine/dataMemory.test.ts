/**
 * Engines in regions of one shared memory with a dataset placed there once: trainers side by side
 * copy no pixels, collide with nothing, and train bit for bit as they do alone.
 */
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { demoDataset } from '../../../src/core/data/demo'
import { dataBytes, datasetAt, placeDataset } from '../../../src/core/engine/dataMemory'
import { createEngine, ENGINE_BYTES, type KernelPath } from '../../../src/core/engine/engine'
import { RegionAllocator } from '../../../src/core/engine/regions'
import { sharedMemory } from '../../../src/core/engine/wasm'
import { AVAILABLE_WASM_KERNELS } from '../../helpers/kernelEngines'
import { SEED_DEFAULTS, type Hyperparameters } from '../../../src/core/nn/hyperparameters'
import { Trainer } from '../../../src/core/training/trainer'

const A: Hyperparameters = { ...SEED_DEFAULTS, hidden: [8], batchSize: 50, seed: 1 }
const B: Hyperparameters = { ...SEED_DEFAULTS, hidden: [6, 4], activation: 'tanh', batchSize: 64, seed: 2, scaling: 'standardise' }

const bits = (t: Trainer): Buffer[] => t.net.layers.flatMap((l) => [Buffer.from(l.W.slice().buffer), Buffer.from(l.b.slice().buffer)])

function alone(data: Dataset, hyper: Hyperparameters, kernel: KernelPath, epochs: number): Trainer {
  const t = new Trainer(data, hyper, { engine: createEngine(kernel) })
  for (let e = 0; e < epochs; e++) t.runEpoch()
  return t
}

describe.each([...AVAILABLE_WASM_KERNELS, 'typescript'] as const)('trainers sharing one memory (%s)', (kernel) => {
  it('find the placed pixels without copying them and train exactly as alone', () => {
    const data = demoDataset({ train: 600, test: 200 })
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const placed = placeDataset(regions, data)
    const shared = datasetAt(memory, placed.layout)
    expect(Array.from(shared.train.y)).toEqual(Array.from(data.train.y))
    expect(Buffer.from(shared.test.x).equals(Buffer.from(data.test.x))).toBe(true)
    const pixels = data.train.x.byteLength + data.test.x.byteLength
    const trainers = [A, B].map((hyper) => {
      const region = regions.take(ENGINE_BYTES + Trainer.bytes(shared, hyper, 1))
      const t = new Trainer(shared, hyper, { engine: createEngine(kernel, { memory, region }) })
      // the trainer's buffers fit its region, far smaller than the pixels it trains on
      expect(t.engine.arena.used).toBeLessThanOrEqual(region.limit)
      expect(region.limit - region.base).toBeLessThan(pixels / 2)
      return t
    })
    // interleaved, batch by batch, as lanes in several threads would be
    for (let e = 0; e < 2; e++) {
      while (trainers.some((t) => t.epoch === e)) {
        for (const t of trainers) if (t.epoch === e) t.trainBatch()
      }
      for (const t of trainers) t.evaluateEpoch(0)
    }
    const expected = [A, B].map((hyper) => alone(data, hyper, kernel, 2))
    trainers.forEach((t, i) => {
      expect(bits(t)).toEqual(bits(expected[i]))
      expect(t.history.map((m) => [m.trainLoss, m.testAccuracy])).toEqual(expected[i].history.map((m) => [m.trainLoss, m.testAccuracy]))
    })
  })
})

describe('a dataset in shared memory', () => {
  it('uses arrays already written there in place and copies only the rest', () => {
    const data = demoDataset({ train: 100, test: 40 })
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const room = dataBytes(regions, data.train.x.byteLength)
    room.bytes.set(data.train.x)
    const placed = placeDataset(regions, { ...data, train: { ...data.train, x: room.bytes } })
    expect(placed.layout.train.x).toBe(room.region.base)
    // only the labels and the test pixels were copied
    const copied = (placed.region?.limit ?? 0) - (placed.region?.base ?? 0)
    expect(copied).toBeLessThan(data.test.x.byteLength + 1024)
    const shared = datasetAt(memory, placed.layout)
    expect(Buffer.from(shared.train.x).equals(Buffer.from(data.train.x))).toBe(true)
  })

  it('keeps how pictures from a folder were made 32×32, and leaves it absent for a dataset file', () => {
    const data = demoDataset({ train: 20, test: 10 })
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    expect(datasetAt(memory, placeDataset(regions, { ...data, resize: 'pad' }).layout).resize).toBe('pad')
    expect('resize' in datasetAt(memory, placeDataset(regions, data).layout)).toBe(false)
  })

  it('keeps a test split that is the training split one split', () => {
    const data = demoDataset({ train: 50, test: 10 })
    const same = { ...data, test: data.train }
    const regions = new RegionAllocator(sharedMemory())
    const placed = placeDataset(regions, same)
    expect(placed.layout.test).toEqual(placed.layout.train)
    const shared = datasetAt(regions.memory, placed.layout)
    expect(shared.test).toBe(shared.train)
  })
})

describe('Trainer.bytes', () => {
  const data = demoDataset({ train: 300, test: 500 })
  const three: Dataset = { ...data, classNames: ['a', 'b', 'c'], train: { ...data.train, y: data.train.y.map((v, i) => (i % 3 === 0 ? 2 : v)) } }
  const cases: Array<[string, Dataset, Hyperparameters, number]> = [
    ['one example per batch', data, { ...A, batchSize: 1 }, 1],
    ['a batch larger than the split', data, { ...A, batchSize: 5000 }, 1],
    ['two wide layers, 3 threads', data, { ...A, hidden: [100, 50] }, 3],
    ['softmax over three classes', three, { ...B, hidden: [5] }, 2]
  ]
  it.each(cases)('is room enough: %s', (_name, ds, hyper, threads) => {
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const shared = datasetAt(memory, placeDataset(regions, ds).layout)
    const region = regions.take(ENGINE_BYTES + Trainer.bytes(shared, hyper, threads))
    // a threaded engine's per-thread buffers are what `threads` sizes; a single-threaded engine stands in for it here
    const t = new Trainer(shared, hyper, { engine: createEngine('wasm-simd', { memory, region }) })
    t.runEpoch()
    expect(t.engine.arena.used).toBeLessThanOrEqual(region.limit)
  })
})

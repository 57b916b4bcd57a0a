import { afterAll, describe, expect, it } from 'vitest'
import { demoDataset } from '../../src/core/data/demo'
import { createEngine, type Engine } from '../../src/core/engine/engine'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { Trainer } from '../../src/core/nn/trainer'
import { createThreadedEngine, defaultThreads } from '../../src/node/threadPool'

const engines: Engine[] = []
afterAll(() => engines.forEach((e) => e.dispose()))

async function trained(threads: number): Promise<{ weights: Float32Array[]; losses: number[]; engine: Engine }> {
  const engine = threads === 0 ? createEngine('wasm-simd') : await createThreadedEngine(threads)
  engines.push(engine)
  const t = new Trainer(demoDataset({ train: 800, test: 200 }), { ...SEED_DEFAULTS, batchSize: 64 }, { engine })
  const losses: number[] = []
  for (let e = 0; e < 2; e++) losses.push(t.runEpoch().trainLoss)
  return { weights: t.net.layers.flatMap((l) => [l.W.slice(), l.b.slice()]), losses, engine }
}

const same = (a: Float32Array, b: Float32Array): boolean => Buffer.from(a.buffer).equals(Buffer.from(b.buffer))

describe('threaded engine', () => {
  it('uses the requested threads and the WebAssembly kernels', async () => {
    const { engine } = await trained(3)
    expect(engine.threads).toBe(3)
    expect(engine.kernel).toBe('wasm-simd')
    expect(defaultThreads()).toBeGreaterThanOrEqual(1)
  })

  it('gives bit-identical runs for the same thread count', async () => {
    const a = await trained(2)
    const b = await trained(2)
    a.weights.forEach((w, i) => expect(same(w, b.weights[i])).toBe(true))
    expect(a.losses).toEqual(b.losses)
  })

  it('agrees with one thread up to float rounding (the work is only split differently)', async () => {
    const one = await trained(0)
    const three = await trained(3)
    for (let i = 0; i < one.weights.length; i++) {
      const a = one.weights[i]
      const b = three.weights[i]
      let worst = 0
      let scale = 0
      for (let j = 0; j < a.length; j++) { worst = Math.max(worst, Math.abs(a[j] - b[j])); scale = Math.max(scale, Math.abs(a[j])) }
      expect(worst / scale).toBeLessThan(1e-4)
    }
  })

  it('refuses work after dispose instead of hanging', async () => {
    const engine = await createThreadedEngine(2)
    engine.dispose()
    expect(() => engine.run()).toThrow(/disposed/)
  })
})

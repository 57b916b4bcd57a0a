import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { demoDataset } from '../../src/core/data/demo'
import { datasetAt, placeDataset } from '../../src/core/engine/dataMemory'
import { createEngine, ENGINE_BYTES, isWasmKernel, type Engine } from '../../src/core/engine/engine'
import { REFRESH } from '../../src/core/engine/jobs'
import { RegionAllocator } from '../../src/core/engine/regions'
import { sharedMemory } from '../../src/core/engine/wasm'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { Trainer } from '../../src/core/training/trainer'
import { createThreadedEngine, defaultThreads, HelperThreads } from '../../src/node/threadPool'

const engines: Engine[] = []
afterAll(() => engines.forEach((e) => e.dispose()))

async function trained(threads: number): Promise<{ weights: Float32Array[]; losses: number[]; engine: Engine }> {
  const engine = threads === 0 ? createEngine() : await createThreadedEngine(threads)
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
    // the same build as a single-threaded engine's automatic choice (relaxed SIMD where the runtime has it)
    expect(engine.kernel).toBe(createEngine().kernel)
    expect(isWasmKernel(engine.kernel)).toBe(true)
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

  it('works in a region of a shared memory next to another, bit for bit as alone', async () => {
    const data = demoDataset({ train: 800, test: 200 })
    const hyper = { ...SEED_DEFAULTS, batchSize: 64 }
    const memory = sharedMemory()
    const regions = new RegionAllocator(memory)
    const shared = datasetAt(memory, placeDataset(regions, data).layout)
    const pair = await Promise.all([2, 3].map(async (threads) => {
      const region = regions.take(ENGINE_BYTES + Trainer.bytes(shared, hyper, threads))
      const engine = await createThreadedEngine(threads, { memory, region })
      engines.push(engine)
      expect(engine.threads).toBe(threads)
      return { t: new Trainer(shared, hyper, { engine }), region }
    }))
    for (let e = 0; e < 2; e++) {
      while (pair.some(({ t }) => t.epoch === e)) for (const { t } of pair) if (t.epoch === e) t.trainBatch()
    }
    for (const { t, region } of pair) expect(t.engine.arena.used).toBeLessThanOrEqual(region.limit)
    const two = await trained(2)
    const three = await trained(3)
    const weights = (t: Trainer): Float32Array[] => t.net.layers.flatMap((l) => [l.W.slice(), l.b.slice()])
    weights(pair[0].t).forEach((w, i) => expect(same(w, two.weights[i])).toBe(true))
    weights(pair[1].t).forEach((w, i) => expect(same(w, three.weights[i])).toBe(true))
  })

  it('refuses work after dispose instead of hanging', async () => {
    const engine = await createThreadedEngine(2)
    engine.dispose()
    expect(() => engine.run(REFRESH, { W: 0, Wp: 0, gain: 0, offset: 0, cPart: 0, outputs: 0, inputs: 0 })).toThrow(/disposed/)
  })

  it('says so in plain words when the helpers\' script does not become a helper, instead of waiting for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-helpers-'))
    // the helpers' entry beside a built entry (threadEntry.ts), here one that knows no helper role
    writeFileSync(join(dir, 'kernel.mjs'), '// an entry that knows no helper role\n')
    await expect(HelperThreads.start(sharedMemory(), 64, 2, pathToFileURL(join(dir, 'index.mjs')))).rejects.toThrow(/A training thread could not start \(it ended/)
  })

  it('names the missing file when a build has no helpers\' entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-helpers-'))
    await expect(HelperThreads.start(sharedMemory(), 64, 2, pathToFileURL(join(dir, 'index.mjs'))))
      .rejects.toThrow(`NN Scratch could not start a thread: its file ${join(dir, 'kernel.mjs')} is missing. Build NN Scratch again (npm run build) or reinstall it.`)
  })
})

// Which kernel an engine runs: the automatic choice at start-up (relaxed SIMD, then SIMD, then the
// TypeScript twin), an explicit request, the name the engine reports, the module the helper threads
// share, and "same seed, settings and thread count give the same bits" on each kernel.
import { spawnSync } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { createEngine, type Engine } from '../../../src/core/engine/engine'
import { adoptKernelModule, KERNEL_SECTION, kernelModule, wasmKernelOf } from '../../../src/core/engine/wasm'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { Trainer } from '../../../src/core/training/trainer'
import { createThreadedEngine } from '../../../src/node/threadPool'
import { AVAILABLE_WASM_KERNELS, engineOn } from '../../helpers/kernelEngines'

const ENGINE_MODULE = new URL('../../../src/core/engine/engine.ts', import.meta.url).pathname
const NODE_MAJOR = Number(process.versions.node.split('.')[0])

const engines: Engine[] = []
afterAll(() => engines.forEach((e) => e.dispose()))

/** What createEngine does in a fresh Node process started with `flags`: the automatic choice, and each request's outcome. */
function inFreshProcess(flags: string[]): { auto: string; requests: Record<string, string> } {
  const script = `
    const { createEngine } = await import(${JSON.stringify(ENGINE_MODULE)})
    const requests = {}
    for (const kernel of ['wasm-relaxed-simd', 'wasm-simd', 'typescript']) {
      try { requests[kernel] = createEngine(kernel).kernel } catch (e) { requests[kernel] = 'error: ' + e.message }
    }
    console.log(JSON.stringify({ auto: createEngine().kernel, requests }))`
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout.trim().split('\n').pop() as string)
}

describe('kernel choice', () => {
  it('takes the fastest kernel by default: relaxed SIMD where the runtime has it, on one thread and on several', async () => {
    expect(createEngine().kernel).toBe('wasm-relaxed-simd')
    expect(createEngine('auto').kernel).toBe('wasm-relaxed-simd')
    const threaded = await createThreadedEngine(2)
    engines.push(threaded)
    expect(threaded.kernel).toBe('wasm-relaxed-simd')
  })

  it('gives each kernel asked for, and names it', () => {
    for (const kernel of ['wasm-relaxed-simd', 'wasm-simd', 'typescript'] as const) expect(createEngine(kernel).kernel).toBe(kernel)
  })

  it.skipIf(NODE_MAJOR > 20)('falls back to plain SIMD where relaxed SIMD is off (Node 20 without its flag), and says so when it is asked for', () => {
    const r = inFreshProcess([])
    expect(r.auto).toBe('wasm-simd')
    expect(r.requests['wasm-simd']).toBe('wasm-simd')
    expect(r.requests['wasm-relaxed-simd']).toMatch(/^error: The wasm-relaxed-simd kernel needs WebAssembly relaxed SIMD, which this runtime lacks.*Choose wasm-simd or auto\.$/)
  })

  it('falls back to the TypeScript twin where WebAssembly is missing, and says so when a WebAssembly kernel is asked for', () => {
    // --jitless turns WebAssembly off
    const r = inFreshProcess(['--jitless'])
    expect(r.auto).toBe('typescript')
    expect(r.requests.typescript).toBe('typescript')
    expect(r.requests['wasm-simd']).toMatch(/^error: The wasm-simd kernel needs WebAssembly SIMD and shared memory, which this runtime lacks\. Choose typescript or auto\.$/)
    expect(r.requests['wasm-relaxed-simd']).toMatch(/^error: The wasm-relaxed-simd kernel needs/)
  })

  it('runs the helper threads on the module the calling thread chose (or adopted)', async () => {
    try {
      for (const kernel of AVAILABLE_WASM_KERNELS) {
        adoptKernelModule(kernelModule(kernel) as WebAssembly.Module)
        expect(createEngine().kernel).toBe(kernel)
        const engine = await createThreadedEngine(2)
        engines.push(engine)
        expect(engine.kernel).toBe(kernel)
      }
    } finally {
      adoptKernelModule(kernelModule('wasm-relaxed-simd') as WebAssembly.Module)
    }
  })

  it('knows a module sent to another thread by the name its build wrote into it', async () => {
    for (const kernel of AVAILABLE_WASM_KERNELS) {
      const module = kernelModule(kernel) as WebAssembly.Module
      expect(wasmKernelOf(module)).toBe(kernel)
      const worker = new Worker(
        `const { parentPort, workerData } = require('node:worker_threads')
         const [section] = WebAssembly.Module.customSections(workerData.module, workerData.name)
         parentPort.postMessage(Buffer.from(section).toString())`,
        { eval: true, workerData: { module, name: KERNEL_SECTION } }
      )
      const said = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
      await worker.terminate()
      expect(said).toBe(kernel)
    }
  })
})

describe.each(AVAILABLE_WASM_KERNELS)('the %s kernel', (kernel) => {
  async function trained(threads: number): Promise<{ weights: Float32Array[]; losses: number[]; engine: Engine }> {
    const engine = await engineOn(kernel, threads)
    engines.push(engine)
    const t = new Trainer(demoDataset({ train: 600, test: 100 }), { ...SEED_DEFAULTS, batchSize: 64, hidden: [20] }, { engine })
    const losses: number[] = []
    for (let e = 0; e < 2; e++) losses.push(t.runEpoch().trainLoss)
    return { weights: t.net.layers.flatMap((l) => [l.W.slice(), l.b.slice()]), losses, engine }
  }
  const same = (a: Float32Array, b: Float32Array): boolean => Buffer.from(a.buffer).equals(Buffer.from(b.buffer))

  for (const threads of [1, 2]) {
    it(`gives the same bits for the same seed, settings and ${threads} thread${threads > 1 ? 's' : ''}`, async () => {
      const a = await trained(threads)
      const b = await trained(threads)
      expect(a.engine.kernel).toBe(kernel)
      expect(b.engine.threads).toBe(threads)
      a.weights.forEach((w, i) => expect(same(w, b.weights[i]), `tensor ${i}`).toBe(true))
      expect(a.losses).toEqual(b.losses)
    })
  }
})

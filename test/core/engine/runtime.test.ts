/**
 * NetworkRuntime owns what depends on the kernels: the engine a width can run on, the arena bytes
 * it needs (fast evaluation's included) and whether evaluation takes the 16-bit shortcut.
 */
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { createEngine, isWasmKernel, type Engine } from '../../../src/core/engine/engine'
import { NetworkRuntime } from '../../../src/core/engine/runtime'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { createNetwork, initialise } from '../../../src/core/nn/network'
import { Evaluator } from '../../../src/core/training/evaluate'
import { Trainer } from '../../../src/core/training/trainer'
import { AVAILABLE_WASM_KERNELS } from '../../helpers/kernelEngines'

function dataset(inputs: number, count: number): Dataset {
  const x = Uint8Array.from({ length: inputs * count }, (_, i) => (i * 37 + (i % inputs) * 11) % 256)
  const y = Uint8Array.from({ length: count }, (_, r) => (x[r * inputs] > 127 ? 1 : 0))
  const split = { x, y, count }
  return { name: 'tiny', inputs, image: { width: inputs, height: 1, channels: 1 }, classNames: ['a', 'b'], train: split, test: split, testWasSplitOff: false }
}

describe.each(AVAILABLE_WASM_KERNELS)('NetworkRuntime on %s', (kernel) => {
  it('keeps the WebAssembly engine for widths its kernels take, and evaluates fast there', () => {
    const engine: Engine = createEngine(kernel)
    expect(NetworkRuntime.engineFor(48, engine)).toBe(engine)
    const t = new Trainer(dataset(48, 60), { ...SEED_DEFAULTS, hidden: [4], batchSize: 20 }, { engine })
    expect(t.engine).toBe(engine)
    const m = t.runEpoch()
    expect(m.trainLoss).toBeGreaterThan(0)
    expect(new NetworkRuntime(engine, t.net, { gain: new Float32Array(48), offset: new Float32Array(48) }, 8).fast).not.toBeNull()
  })

  it('trains and evaluates other widths on the twin, without fast evaluation, as the twin alone does', () => {
    const engine = createEngine(kernel)
    const other = NetworkRuntime.engineFor(40, engine)
    expect(other).not.toBe(engine)
    expect(other.kernel).toBe('typescript')
    const hyper = { ...SEED_DEFAULTS, hidden: [4], batchSize: 20 }
    const t = new Trainer(dataset(40, 60), hyper, { engine })
    expect(t.engine.kernel).toBe('typescript')
    const alone = new Trainer(dataset(40, 60), hyper, { engine: createEngine('typescript') })
    expect(t.runEpoch()).toEqual({ ...alone.runEpoch(), seconds: expect.any(Number) })
    const net = createNetwork({ inputs: 40, hidden: [3], activation: 'relu', classes: 2 })
    initialise(net, 'he', 3)
    const scaling = { mode: 'scale' as const, mean: new Float32Array(40), std: new Float32Array(40).fill(1) }
    expect(new Evaluator(net, scaling, engine).evaluate(dataset(40, 30).train).accuracy).toBeGreaterThanOrEqual(0)
  })
})

describe('NetworkRuntime on the twin', () => {
  it('has no fast evaluation', () => {
    const engine = createEngine('typescript')
    expect(isWasmKernel(engine.kernel)).toBe(false)
    const net = createNetwork({ inputs: 40, hidden: [6], activation: 'relu', classes: 3 })
    engine.arena.reset()
    engine.arena.reserve(NetworkRuntime.bytes(40, 6, 32, engine.threads))
    const rt = new NetworkRuntime(engine, net, { gain: new Float32Array(40).fill(1), offset: new Float32Array(40) }, 32)
    expect(rt.fast).toBeNull()
  })
})

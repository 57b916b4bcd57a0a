/**
 * The first layer's update on the engine is the step nn/optimizer.ts defines, on every kernel:
 * two steps of W1 and b1 from known pixels and ∂L/∂Z1 match nextVelocity/nextParameter applied
 * to the gradient dW1 = dZ1ᵀ·X, db1 = Σ dZ1 (X the scaled pixels), worked out here in float64.
 */
import { afterAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../../src/core/engine/engine'
import { FirstLayer } from '../../../src/core/engine/firstLayer'
import { nextParameter, nextVelocity } from '../../../src/core/nn/optimizer'
import { Rng } from '../../../src/core/random/rng'
import { EVERY_KERNEL } from '../../helpers/kernelEngines'

const INPUTS = 48
const OUTPUTS = 5
const ROWS = 7
const STEPS = [{ lr: 0.05, mu: 0.8, l2: 0.01 }, { lr: 0.02, mu: 0.9, l2: 0.001 }]

const engines: Engine[] = []
afterAll(() => engines.forEach((e) => e.dispose()))

function problem(): { pixels: Uint8Array; W: Float32Array; b: Float32Array; gain: Float32Array; offset: Float32Array; dz: Float32Array[] } {
  const rng = new Rng(5)
  const pixels = Uint8Array.from({ length: ROWS * INPUTS }, () => Math.floor(rng.uniform() * 256))
  const W = Float32Array.from({ length: OUTPUTS * INPUTS }, () => 0.05 * rng.normal())
  const b = Float32Array.from({ length: OUTPUTS }, () => 0.1 * rng.normal())
  const gain = Float32Array.from({ length: INPUTS }, () => (0.5 + rng.uniform()) / 255)
  const offset = Float32Array.from({ length: INPUTS }, () => -0.5 * rng.uniform())
  // ∂L/∂Z1 transposed, [outputs, rows], with zeros as after a ReLU
  const dz = STEPS.map(() => Float32Array.from({ length: OUTPUTS * ROWS }, () => (rng.uniform() < 0.4 ? 0 : 0.1 * rng.normal())))
  return { pixels, W, b, gain, offset, dz }
}

describe.each(EVERY_KERNEL)('the first layer’s update on %s', (_name, make) => {
  it('is the momentum step of nn/optimizer.ts, dense and sparse', async () => {
    const engine = await make()
    engines.push(engine)
    const p = problem()
    const arena = engine.arena
    arena.reset()
    arena.reserve(FirstLayer.bytes(INPUTS, OUTPUTS, engine.threads, ROWS) + 4096 + 8 * ROWS * OUTPUTS + ROWS * INPUTS)
    const pix = arena.place(p.pixels)
    const idx = arena.alloc(4 * ROWS)
    arena.u32(idx, ROWS).set(Array.from({ length: ROWS }, (_, r) => ROWS - 1 - r))
    const dzTPtr = arena.alloc(4 * ROWS * OUTPUTS)
    const active = arena.alloc(4 * ROWS * OUTPUTS)
    const counts = arena.alloc(4 * OUTPUTS)
    const layer = new FirstLayer(engine, INPUTS, OUTPUTS, p.W, p.b, { gain: p.gain, offset: p.offset }, ROWS)

    const W = Float64Array.from(p.W)
    const b = Float64Array.from(p.b)
    const vW = new Float64Array(W.length)
    const vb = new Float64Array(b.length)
    STEPS.forEach((h, step) => {
      const dzT = arena.f32(dzTPtr, ROWS * OUTPUTS)
      dzT.set(p.dz[step])
      // the second step sums only each output's rows with dz ≠ 0
      let sparse: { active: number; counts: number } | null = null
      if (step === 1) {
        const list = arena.u32(active, ROWS * OUTPUTS)
        const n = arena.u32(counts, OUTPUTS)
        for (let o = 0; o < OUTPUTS; o++) {
          n[o] = 0
          for (let r = 0; r < ROWS; r++) if (dzT[o * ROWS + r] !== 0) list[o * ROWS + n[o]++] = r
        }
        sparse = { active, counts }
      }
      layer.backwardUpdate(pix, idx, ROWS, dzT, dzTPtr, h.lr, h.mu, h.l2, sparse)
      for (let o = 0; o < OUTPUTS; o++) {
        let db = 0
        for (let r = 0; r < ROWS; r++) db += p.dz[step][o * ROWS + r]
        for (let k = 0; k < INPUTS; k++) {
          let g = 0
          for (let r = 0; r < ROWS; r++) {
            const x = p.gain[k] * p.pixels[(ROWS - 1 - r) * INPUTS + k] + p.offset[k]
            g += p.dz[step][o * ROWS + r] * x
          }
          const at = o * INPUTS + k
          vW[at] = nextVelocity(vW[at], g, W[at], h.mu, h.l2)
          W[at] = nextParameter(W[at], vW[at], h.lr)
        }
        vb[o] = nextVelocity(vb[o], db, b[o], h.mu, h.l2)
        b[o] = nextParameter(b[o], vb[o], h.lr)
      }
    })
    const worst = (got: Float32Array, want: Float64Array): number =>
      want.reduce((m, w, i) => Math.max(m, Math.abs(got[i] - w) / (1e-3 + Math.abs(w))), 0)
    expect(worst(layer.W, W)).toBeLessThan(1e-5)
    expect(worst(layer.b, b)).toBeLessThan(1e-6)
    // and the step moved the weights well beyond that tolerance
    expect(worst(Float32Array.from(p.W), W)).toBeGreaterThan(1e-2)
  })

  it('takes db1 as its caller summed it when given no view of dzT, to the same bits', async () => {
    const engine = await make()
    engines.push(engine)
    const p = problem()
    const arena = engine.arena
    arena.reset()
    arena.reserve(2 * FirstLayer.bytes(INPUTS, OUTPUTS, engine.threads, ROWS) + 4096 + 4 * ROWS * OUTPUTS + ROWS * INPUTS)
    const pix = arena.place(p.pixels)
    const idx = arena.alloc(4 * ROWS)
    arena.u32(idx, ROWS).set(Array.from({ length: ROWS }, (_, r) => r))
    const dzTPtr = arena.alloc(4 * ROWS * OUTPUTS)
    const affine = { gain: p.gain, offset: p.offset }
    const summing = new FirstLayer(engine, INPUTS, OUTPUTS, p.W, p.b, affine, ROWS)
    const given = new FirstLayer(engine, INPUTS, OUTPUTS, p.W, p.b, affine, ROWS)
    const h = STEPS[0]
    for (const dz of p.dz) {
      const dzT = arena.f32(dzTPtr, ROWS * OUTPUTS)
      dzT.set(dz)
      summing.backwardUpdate(pix, idx, ROWS, dzT, dzTPtr, h.lr, h.mu, h.l2)
      for (let o = 0; o < OUTPUTS; o++) {
        let s = 0
        for (let r = 0; r < ROWS; r++) s += dz[o * ROWS + r]
        given.db1[o] = s
      }
      given.backwardUpdate(pix, idx, ROWS, null, dzTPtr, h.lr, h.mu, h.l2)
    }
    expect(Array.from(given.W)).toEqual(Array.from(summing.W))
    expect(Array.from(given.b)).toEqual(Array.from(summing.b))
    expect(Array.from(given.b)).not.toEqual(Array.from(p.b))
  })
})

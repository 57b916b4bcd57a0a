// Each WebAssembly build of the kernels (relaxed SIMD, SIMD) against their plain-TypeScript twin,
// on the same arena contents.
import { describe, expect, it } from 'vitest'
import { Arena } from '../../../src/core/engine/arena'
import { plainKernels, type Kernels } from '../../../src/core/engine/kernels'
import { instantiateKernels, kernelModule, sharedMemory, WASM_KERNELS } from '../../../src/core/engine/wasm'
import { Rng } from '../../../src/core/random/rng'

function setup(module: WebAssembly.Module, inputs: number, outputs: number, rows: number, seed: number) {
  const arena = new Arena(sharedMemory())
  const wasm = instantiateKernels(module, arena.memory!)
  const twin = plainKernels(arena)
  const rng = new Rng(seed)
  const count = rows + 7
  const pix = arena.alloc(count * inputs)
  const P = arena.u8(pix, count * inputs)
  for (let i = 0; i < P.length; i++) P[i] = rng.int(256)
  const idx = arena.alloc(4 * rows)
  const I = arena.u32(idx, rows)
  for (let r = 0; r < rows; r++) I[r] = rng.int(count)
  const f32 = (n: number, scale: number): [number, Float32Array] => {
    const p = arena.alloc(4 * n)
    const v = arena.f32(p, n)
    for (let i = 0; i < n; i++) v[i] = scale * rng.normal()
    return [p, v]
  }
  return { arena, wasm, twin, pix, idx, f32 }
}

function relErr(a: Float32Array, b: Float32Array): number {
  let worst = 0
  let scale = 0
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]))
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return worst / Math.max(scale, 1e-30)
}

it('has every WebAssembly build here (Node 20 runs the tests with --experimental-wasm-relaxed-simd: vitest.config.ts)', () => {
  for (const kernel of WASM_KERNELS) expect(kernelModule(kernel), kernel).not.toBeNull()
})

describe.each(WASM_KERNELS.filter((k) => kernelModule(k) !== null))('the %s kernels', (kernel) => {
  const module = kernelModule(kernel) as WebAssembly.Module

  describe('match the TypeScript twin', () => {
    for (const [inputs, outputs, rows] of [[3072, 15, 200], [64, 1, 7], [3072, 5, 1], [1040, 9, 33], [2048, 100, 16]]) {
      it(`forward1 and forwardQ1 with ${inputs} inputs, ${outputs} outputs, ${rows} rows`, () => {
        const s = setup(module, inputs, outputs, rows, inputs + outputs + rows)
        const [Wp, W] = s.f32(inputs * outputs, 1e-3)
        const [c] = s.f32(outputs, 0.1)
        const [zA, a] = s.f32(rows * outputs, 0)
        const [zB, b] = s.f32(rows * outputs, 0)
        const scratch = s.arena.alloc(1 << 16)
        s.wasm.forward1(s.pix, inputs, s.idx, 0, rows, Wp, c, outputs, zA, scratch)
        s.twin.forward1(s.pix, inputs, s.idx, 0, rows, Wp, c, outputs, zB, 0)
        expect(relErr(a, b)).toBeLessThan(1e-5)
        // the same rows split differently give identical bits
        const [zC, split] = s.f32(rows * outputs, 0)
        const cut = Math.floor(rows / 3)
        s.wasm.forward1(s.pix, inputs, s.idx, 0, cut, Wp, c, outputs, zC, scratch)
        s.wasm.forward1(s.pix, inputs, s.idx, cut, rows, Wp, c, outputs, zC, scratch)
        expect(Buffer.from(split.buffer, split.byteOffset, split.byteLength).equals(Buffer.from(a.buffer, a.byteOffset, a.byteLength))).toBe(true)
        // int16 weights: both implementations agree exactly up to float rounding
        const Q = s.arena.alloc(2 * inputs * outputs)
        const Qv = new Int16Array(s.arena.buffer, Q, inputs * outputs)
        for (let i = 0; i < Qv.length; i++) Qv[i] = Math.round(W[i] * 3e7) | 0
        const [scale] = s.f32(outputs, 1e-7)
        s.wasm.forwardQ1(s.pix, inputs, s.idx, 0, rows, Q, scale, c, outputs, zA)
        s.twin.forwardQ1(s.pix, inputs, s.idx, 0, rows, Q, scale, c, outputs, zB)
        expect(relErr(a, b)).toBeLessThan(1e-6)
      })
    }

    for (const [inputs, outputs, rows] of [[3072, 15, 200], [64, 1, 7], [1040, 6, 33], [256, 17, 50]]) {
      it(`backwardUpdate1 and refresh1 with ${inputs} inputs, ${outputs} outputs, ${rows} rows`, () => {
        const s = setup(module, inputs, outputs, rows, 3 * inputs + outputs)
        const n = inputs * outputs
        const run = (k: Kernels): Float32Array[] => {
          const rng = new Rng(5)
          const fill = (v: Float32Array, sc: number): void => { for (let i = 0; i < v.length; i++) v[i] = sc * rng.normal() }
          const [W, Wv] = s.f32(n, 0); fill(Wv, 0.02)
          const [V, Vv] = s.f32(n, 0); fill(Vv, 0.001)
          const [Wp, Wpv] = s.f32(n, 0)
          const [gain, g] = s.f32(inputs, 0); for (let i = 0; i < inputs; i++) g[i] = 1 / 255 / (0.5 + rng.uniform())
          const [offset, f] = s.f32(inputs, 0); fill(f, 0.5)
          const [dzT, d] = s.f32(outputs * rows, 0); fill(d, 0.01)
          const [db, dbv] = s.f32(outputs, 0); fill(dbv, 0.05)
          const [cPart, cp] = s.f32(2 * outputs, 0)
          const scratch = s.arena.alloc(Math.max(1 << 13, rows * 32))
          const mid = Math.floor(inputs / 32) * 16
          k.backwardUpdate1(s.pix, inputs, s.idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, 0, mid, 0.05, 0.8, 1e-3, scratch)
          k.backwardUpdate1(s.pix, inputs, s.idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart + 4 * outputs, mid, inputs, 0.05, 0.8, 1e-3, scratch)
          const [Wp2, Wp2v] = s.f32(n, 0)
          const [cPart2, cp2] = s.f32(outputs, 0)
          k.refresh1(W, Wp2, gain, offset, cPart2, outputs, inputs, 0, inputs)
          const cSum = new Float32Array(outputs)
          for (let o = 0; o < outputs; o++) cSum[o] = cp[o] + cp[outputs + o]
          return [Wv.slice(), Vv.slice(), Wpv.slice(), Wp2v.slice(), cSum, cp2.slice()]
        }
        const a = run(s.wasm)
        const b = run(s.twin)
        const names = ['W', 'V', 'Wp', 'Wp (refresh)', 'c parts', 'c (refresh)']
        for (let i = 0; i < a.length; i++) expect(relErr(a[i], b[i]), names[i]).toBeLessThan(2e-5)
        // the velocity really moved: the update did something
        expect(relErr(a[1], new Float32Array(a[1].length))).toBeGreaterThan(0)
      })
    }

    it('backwardUpdateSparse1 gives the same bits as backwardUpdate1 when it skips zero rows', () => {
      for (const [inputs, outputs, rows] of [[3072, 15, 200], [256, 6, 37], [64, 1, 5], [1040, 7, 45], [48, 3, 9]]) {
        const s = setup(module, inputs, outputs, rows, 11 * outputs + rows)
        const n = inputs * outputs
        const rng = new Rng(9)
        const dzT = s.arena.alloc(4 * outputs * rows)
        const d = s.arena.f32(dzT, outputs * rows)
        const active = s.arena.alloc(4 * outputs * rows)
        const list = s.arena.u32(active, outputs * rows)
        const counts = s.arena.alloc(4 * outputs)
        const cv = s.arena.u32(counts, outputs)
        for (let o = 0; o < outputs; o++) {
          let c = 0
          for (let r = 0; r < rows; r++) {
            const v = rng.uniform() < 0.5 ? 0 : 0.01 * rng.normal()
            d[o * rows + r] = v
            if (v !== 0) list[o * rows + c++] = r
          }
          cv[o] = c
        }
        const [gain, g] = s.f32(inputs, 0); g.fill(1 / 255)
        const [offset] = s.f32(inputs, 0.5)
        const [db] = s.f32(outputs, 0.05)
        const scratch = s.arena.alloc(rows * 128 + 4 * outputs + 64)
        const run = (sparse: boolean): Float32Array[] => {
          const r2 = new Rng(3)
          const [W, Wv] = s.f32(n, 0); for (let i = 0; i < n; i++) Wv[i] = 0.02 * r2.normal()
          const [V, Vv] = s.f32(n, 0); for (let i = 0; i < n; i++) Vv[i] = 0.001 * r2.normal()
          const [Wp, Wpv] = s.f32(n, 0)
          const [cPart, cp] = s.f32(outputs, 0)
          if (sparse) s.wasm.backwardUpdateSparse1(s.pix, inputs, s.idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, 0, inputs, 0.05, 0.8, 1e-3, scratch, active, counts)
          else s.wasm.backwardUpdate1(s.pix, inputs, s.idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, 0, inputs, 0.05, 0.8, 1e-3, scratch)
          return [Wv.slice(), Vv.slice(), Wpv.slice(), cp.slice()]
        }
        const dense = run(false)
        const sparse = run(true)
        dense.forEach((t, i) => expect(Buffer.from(t.buffer).equals(Buffer.from(sparse[i].buffer)), `tensor ${i}, ${inputs}x${outputs}`).toBe(true))
      }
    })
  })
})

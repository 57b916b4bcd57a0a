/**
 * The first-layer kernels (see kernels/assembly/kernels.ts for the formulas), addressed by byte
 * offsets into an Arena, and their plain-TypeScript twin, which the tests compare the
 * WebAssembly SIMD build against and which runs where WebAssembly SIMD is missing.
 *   forward1:        z[r, o] = Σ_k p[idx[r], k]·Wp[o, k] + c[o]            r in [r0, r1)
 *   backwardUpdate1: S = dzᵀ·p;  g = gain·S + offset·db;  the momentum step of nn/optimizer.ts,
 *                    V = μV + (1−μ)(g + λW), W −= ηV;
 *                    Wp = W·gain;  cPart[o] = Σ_k offset[k]·W[o, k]         k in [k0, k1)
 *   refresh1:        Wp = W·gain;  cPart as above, without an update
 *   forwardQ1:       z[r, o] = scale[o]·Σ_k p[idx[r], k]·Q[o, k] + c[o]  (Q: int16 weights)
 */
import { nextParameter, nextVelocity } from '../nn/optimizer'
import type { Arena } from './arena'

/**
 * The WebAssembly kernels take input columns this many at a time (four 4-wide vectors): they
 * need a first layer whose inputs are a multiple of it, and threads split the columns in
 * multiples of it.
 */
export const KERNEL_COLUMNS = 16

export interface Kernels {
  forward1(pix: number, inputs: number, idx: number, r0: number, r1: number, Wp: number, c: number, outputs: number, z: number, scratch: number): void
  backwardUpdate1(
    pix: number, inputs: number, idx: number, rows: number, dzT: number, outputs: number,
    W: number, V: number, Wp: number, gain: number, offset: number, db: number, cPart: number,
    k0: number, k1: number, lr: number, mu: number, l2: number, scratch: number
  ): void
  refresh1(W: number, Wp: number, gain: number, offset: number, cPart: number, outputs: number, inputs: number, k0: number, k1: number): void
  forwardQ1(pix: number, inputs: number, idx: number, r0: number, r1: number, Q: number, scale: number, c: number, outputs: number, z: number): void
  /** backwardUpdate1 summing only each output's rows with dz ≠ 0 (active: [outputs, rows] positions, counts: [outputs]). */
  backwardUpdateSparse1(
    pix: number, inputs: number, idx: number, rows: number, dzT: number, outputs: number,
    W: number, V: number, Wp: number, gain: number, offset: number, db: number, cPart: number,
    k0: number, k1: number, lr: number, mu: number, l2: number, scratch: number, active: number, counts: number
  ): void
}

/**
 * The plain-TypeScript twin; sums accumulate in float64 (it needs no scratch memory). Its sparse
 * update is the dense one: the skipped terms are zeros.
 */
export function plainKernels(arena: Arena): Kernels {
  const f32 = (): Float32Array => new Float32Array(arena.buffer)
  const u8 = (): Uint8Array => new Uint8Array(arena.buffer)
  const u32 = (): Uint32Array => new Uint32Array(arena.buffer)
  let sums = new Float64Array(0) // S of one output over the columns, reused between calls
  const kernels: Kernels = {
    forward1(pix, inputs, idx, r0, r1, Wp, c, outputs, z) {
      const F = f32()
      const P = u8()
      const I = u32()
      const w = Wp >> 2
      for (let r = r0; r < r1; r++) {
        const p = pix + I[(idx >> 2) + r] * inputs
        const zr = (z >> 2) + r * outputs
        let o = 0
        for (; o + 4 <= outputs; o += 4) {
          // four outputs share each pixel read
          const w0 = w + o * inputs
          const w1 = w0 + inputs
          const w2 = w1 + inputs
          const w3 = w2 + inputs
          let s0 = 0
          let s1 = 0
          let s2 = 0
          let s3 = 0
          for (let k = 0; k < inputs; k++) {
            const x = P[p + k]
            s0 += x * F[w0 + k]
            s1 += x * F[w1 + k]
            s2 += x * F[w2 + k]
            s3 += x * F[w3 + k]
          }
          F[zr + o] = s0 + F[(c >> 2) + o]
          F[zr + o + 1] = s1 + F[(c >> 2) + o + 1]
          F[zr + o + 2] = s2 + F[(c >> 2) + o + 2]
          F[zr + o + 3] = s3 + F[(c >> 2) + o + 3]
        }
        for (; o < outputs; o++) {
          const wo = w + o * inputs
          let s = 0
          for (let k = 0; k < inputs; k++) s += P[p + k] * F[wo + k]
          F[zr + o] = s + F[(c >> 2) + o]
        }
      }
    },
    backwardUpdate1(pix, inputs, idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, k0, k1, lr, mu, l2) {
      const F = f32()
      const P = u8()
      const I = u32()
      const span = k1 - k0
      if (sums.length < span) sums = new Float64Array(span)
      for (let o = 0; o < outputs; o++) {
        // S[o, k0..k1) = Σ_b dz[b, o]·p[b, k], row by row so that memory is read in order
        sums.fill(0, 0, span)
        const d = (dzT >> 2) + o * rows
        for (let b = 0; b < rows; b++) {
          const g = F[d + b]
          if (g === 0) continue
          const base = pix + I[(idx >> 2) + b] * inputs + k0
          for (let k = 0; k < span; k++) sums[k] += g * P[base + k]
        }
        const dbo = F[(db >> 2) + o]
        const row = o * inputs
        let cSum = 0
        for (let k = k0; k < k1; k++) {
          const at = row + k
          const w = F[(W >> 2) + at]
          // ∂L/∂W[o, k] of the unscaled weight: the folded scaling's gain and offset undone
          const g = F[(gain >> 2) + k] * sums[k - k0] + F[(offset >> 2) + k] * dbo
          const v = nextVelocity(F[(V >> 2) + at], g, w, mu, l2)
          F[(V >> 2) + at] = v
          const wNew = Math.fround(nextParameter(w, v, lr))
          F[(W >> 2) + at] = wNew
          F[(Wp >> 2) + at] = wNew * F[(gain >> 2) + k]
          cSum += F[(offset >> 2) + k] * wNew
        }
        F[(cPart >> 2) + o] = cSum
      }
    },
    forwardQ1(pix, inputs, idx, r0, r1, Q, scale, c, outputs, z) {
      const F = f32()
      const P = u8()
      const I = u32()
      const Qv = new Int16Array(arena.buffer)
      for (let r = r0; r < r1; r++) {
        const p = pix + I[(idx >> 2) + r] * inputs
        const zr = (z >> 2) + r * outputs
        for (let o = 0; o < outputs; o++) {
          const qo = (Q >> 1) + o * inputs
          let s = 0
          for (let k = 0; k < inputs; k++) s += P[p + k] * Qv[qo + k]
          F[zr + o] = s * F[(scale >> 2) + o] + F[(c >> 2) + o]
        }
      }
    },
    refresh1(W, Wp, gain, offset, cPart, outputs, inputs, k0, k1) {
      const F = f32()
      for (let o = 0; o < outputs; o++) {
        let cSum = 0
        for (let k = k0; k < k1; k++) {
          const at = o * inputs + k
          F[(Wp >> 2) + at] = F[(W >> 2) + at] * F[(gain >> 2) + k]
          cSum += F[(offset >> 2) + k] * F[(W >> 2) + at]
        }
        F[(cPart >> 2) + o] = cSum
      }
    },
    backwardUpdateSparse1(pix, inputs, idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, k0, k1, lr, mu, l2, scratch) {
      kernels.backwardUpdate1(pix, inputs, idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, k0, k1, lr, mu, l2, scratch)
    }
  }
  return kernels
}

// AssemblyScript (compiled to WebAssembly by `npm run build:wasm`; not TypeScript), built twice:
// with plain SIMD and with relaxed SIMD, where every multiply-accumulate a·b + c (madd below) is
// f32x4.relaxed_madd, a fused multiply-add on processors that have one.
//
// The first layer of the network, on uint8 pixels, with the input scaling folded in:
//   x[b, k] = p[b, k]·gain[k] + offset[k]
//   z[b, o] = Σ_k x[b, k]·W[o, k] + bias[o] = Σ_k p[b, k]·Wp[o, k] + c[o]
//     where Wp[o, k] = W[o, k]·gain[k] and c[o] = bias[o] + Σ_k offset[k]·W[o, k]
// Backward of that line, with dz[b, o] = ∂L/∂z stored transposed as dzT: [outputs, rows]:
//   dW[o, k] = Σ_b dz[b, o]·x[b, k] = gain[k]·S[o, k] + offset[k]·db[o],  S[o, k] = Σ_b dz[b, o]·p[b, k]
// fused with L2 and the momentum update:  g = dW + λW;  V = μV + (1−μ)g;  W −= ηV;  Wp = W·gain,
// and the partial sums cPart[o] = Σ_{k in range} offset[k]·W[o, k] of the new c.
// Shapes: p: rows of `inputs` bytes selected by idx (u32 row numbers); W, V, Wp: [outputs, inputs]
// f32; z: [rows, outputs] f32. `inputs` must be a multiple of 16. Sums accumulate in f32x4 lanes
// in a fixed order, so a row's result does not depend on how rows are split across threads.

const K_TILE: i32 = 512

/** a·b + c per lane: fused (one rounding) in the relaxed-SIMD build where the processor has FMA. */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
  return f32x4.add(f32x4.mul(a, b), c)
}

/** c − a·b per lane, fused like madd. */
@inline function nmadd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_nmadd(a, b, c)
  return f32x4.sub(c, f32x4.mul(a, b))
}

@inline function widen(v: v128, lane: i32): v128 {
  // 16 u8 -> 4 x f32x4; lane selects which group of four
  const h = lane < 2 ? i16x8.extend_low_i8x16_u(v) : i16x8.extend_high_i8x16_u(v)
  const w = (lane & 1) == 0 ? i32x4.extend_low_i16x8_u(h) : i32x4.extend_high_i16x8_u(h)
  return f32x4.convert_i32x4_u(w)
}

@inline function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
}

/** Converts bytes p[k0 .. k1) to f32 at out[0 ..). */
@inline function convertRow(p: usize, k0: i32, k1: i32, out: usize): void {
  for (let k = k0; k < k1; k += 16) {
    const v = v128.load(p + <usize>k)
    const o = out + (<usize>(k - k0) << 2)
    v128.store(o, widen(v, 0))
    v128.store(o + 16, widen(v, 1))
    v128.store(o + 32, widen(v, 2))
    v128.store(o + 48, widen(v, 3))
  }
}

/**
 * z[r, o] for rows r in [r0, r1), in tiles of K_TILE inputs: each row's tile is converted to f32
 * once (into `scratch`, 8 KiB), then two rows by six outputs accumulate at a time (twelve sums, the
 * most that stay in 16 vector registers with the two rows and a weight vector), five or six while
 * that many are left and the last one to four by four; a short block repeats its final weight row
 * and stores only the real ones. A lone last row pairs with itself. Every row's sums take the same
 * order however rows or outputs are grouped, so rows split across threads give the same bits.
 */
export function forward1(
  pix: usize, inputs: i32, idx: usize, r0: i32, r1: i32,
  Wp: usize, c: usize, outputs: i32, z: usize, scratch: usize
): void {
  const rowBytes = <usize>inputs
  const wRow = <usize>inputs << 2
  const xb = scratch + (<usize>K_TILE << 2)
  for (let k0: i32 = 0; k0 < inputs; k0 += K_TILE) {
    const k1 = min(k0 + K_TILE, inputs)
    const first = k0 == 0
    const kw = <usize>k0 << 2
    for (let r = r0; r < r1; r += 2) {
      const pair = r + 1 < r1
      convertRow(pix + <usize>load<u32>(idx + (<usize>r << 2)) * rowBytes, k0, k1, scratch)
      if (pair) convertRow(pix + <usize>load<u32>(idx + (<usize>(r + 1) << 2)) * rowBytes, k0, k1, xb)
      const xs = pair ? xb : scratch
      const za = z + (<usize>(r * outputs) << 2)
      const zb = za + (<usize>outputs << 2)
      const span = <usize>(k1 - k0) << 2
      let o: i32 = 0
      for (; o + 4 < outputs; o += 6) {
        const w0 = Wp + <usize>o * wRow + kw
        const w1 = w0 + wRow
        const w2 = w1 + wRow
        const w3 = w2 + wRow
        const w4 = w3 + wRow
        const w5 = o + 5 < outputs ? w4 + wRow : w4
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0), a4 = f32x4.splat(0), a5 = f32x4.splat(0)
        let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0), b4 = f32x4.splat(0), b5 = f32x4.splat(0)
        for (let j: usize = 0; j < span; j += 16) {
          const xa = v128.load(scratch + j)
          const xbv = v128.load(xs + j)
          let u = v128.load(w0 + j)
          a0 = madd(xa, u, a0); b0 = madd(xbv, u, b0)
          u = v128.load(w1 + j)
          a1 = madd(xa, u, a1); b1 = madd(xbv, u, b1)
          u = v128.load(w2 + j)
          a2 = madd(xa, u, a2); b2 = madd(xbv, u, b2)
          u = v128.load(w3 + j)
          a3 = madd(xa, u, a3); b3 = madd(xbv, u, b3)
          u = v128.load(w4 + j)
          a4 = madd(xa, u, a4); b4 = madd(xbv, u, b4)
          u = v128.load(w5 + j)
          a5 = madd(xa, u, a5); b5 = madd(xbv, u, b5)
        }
        accumulate(za, o, hsum(a0), c, first); accumulate(za, o + 1, hsum(a1), c, first)
        accumulate(za, o + 2, hsum(a2), c, first); accumulate(za, o + 3, hsum(a3), c, first)
        accumulate(za, o + 4, hsum(a4), c, first)
        if (o + 5 < outputs) accumulate(za, o + 5, hsum(a5), c, first)
        if (pair) {
          accumulate(zb, o, hsum(b0), c, first); accumulate(zb, o + 1, hsum(b1), c, first)
          accumulate(zb, o + 2, hsum(b2), c, first); accumulate(zb, o + 3, hsum(b3), c, first)
          accumulate(zb, o + 4, hsum(b4), c, first)
          if (o + 5 < outputs) accumulate(zb, o + 5, hsum(b5), c, first)
        }
      }
      // the last one to four outputs, four at a time (a short block repeats its final weight row)
      for (; o < outputs; o += 4) {
        const w0 = Wp + <usize>o * wRow + kw
        const w1 = o + 1 < outputs ? w0 + wRow : w0
        const w2 = o + 2 < outputs ? w1 + wRow : w1
        const w3 = o + 3 < outputs ? w2 + wRow : w2
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
        let b0 = f32x4.splat(0), b1 = f32x4.splat(0), b2 = f32x4.splat(0), b3 = f32x4.splat(0)
        for (let j: usize = 0; j < span; j += 16) {
          const xa = v128.load(scratch + j)
          const xbv = v128.load(xs + j)
          let u = v128.load(w0 + j)
          a0 = madd(xa, u, a0); b0 = madd(xbv, u, b0)
          u = v128.load(w1 + j)
          a1 = madd(xa, u, a1); b1 = madd(xbv, u, b1)
          u = v128.load(w2 + j)
          a2 = madd(xa, u, a2); b2 = madd(xbv, u, b2)
          u = v128.load(w3 + j)
          a3 = madd(xa, u, a3); b3 = madd(xbv, u, b3)
        }
        accumulate(za, o, hsum(a0), c, first)
        if (pair) accumulate(zb, o, hsum(b0), c, first)
        if (o + 1 < outputs) { accumulate(za, o + 1, hsum(a1), c, first); if (pair) accumulate(zb, o + 1, hsum(b1), c, first) }
        if (o + 2 < outputs) { accumulate(za, o + 2, hsum(a2), c, first); if (pair) accumulate(zb, o + 2, hsum(b2), c, first) }
        if (o + 3 < outputs) { accumulate(za, o + 3, hsum(a3), c, first); if (pair) accumulate(zb, o + 3, hsum(b3), c, first) }
      }
    }
  }
}

@inline function accumulate(zRow: usize, o: i32, s: f32, c: usize, first: bool): void {
  const at = zRow + (<usize>o << 2)
  store<f32>(at, first ? s + load<f32>(c + (<usize>o << 2)) : load<f32>(at) + s)
}

/**
 * For k in [k0, k1) (multiples of 8): S[o, k] = Σ_b dzT[o, b]·p[idx[b], k] over `rows` rows, then
 * the fused L2 + momentum update of W, V and the refresh of Wp; cPart[o] += Σ_k offset[k]·W[o, k].
 * Per chunk of 8 columns the rows' bytes are converted to f32 once (scratch: rows·32 bytes), then
 * four outputs at a time accumulate over the rows (a short last block repeats its last output).
 */
export function backwardUpdate1(
  pix: usize, inputs: i32, idx: usize, rows: i32, dzT: usize, outputs: i32,
  W: usize, V: usize, Wp: usize, gain: usize, offset: usize, db: usize, cPart: usize,
  k0: i32, k1: i32, lr: f32, mu: f32, l2: f32, scratch: usize
): void {
  const rowBytes = <usize>inputs
  const wRow = <usize>inputs << 2
  const dzRow = <usize>rows << 2
  const span = <usize>rows << 5
  for (let o: i32 = 0; o < outputs; o++) store<f32>(cPart + (<usize>o << 2), 0)
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu), vkeep = f32x4.splat(1 - mu), vl2 = f32x4.splat(l2)
  for (let k = k0; k < k1; k += 8) {
    for (let b: i32 = 0; b < rows; b++) {
      const h = v128.load8x8_u(pix + <usize>load<u32>(idx + (<usize>b << 2)) * rowBytes + <usize>k)
      const at = scratch + (<usize>b << 5)
      v128.store(at, f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(h)))
      v128.store(at + 16, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(h)))
    }
    const kb = <usize>k << 2
    const g0 = v128.load(gain + kb), g1 = v128.load(gain + kb + 16)
    const f0 = v128.load(offset + kb), f1 = v128.load(offset + kb + 16)
    for (let o: i32 = 0; o < outputs; o += 4) {
      const d0 = dzT + <usize>o * dzRow
      const d1 = o + 1 < outputs ? d0 + dzRow : d0
      const d2 = o + 2 < outputs ? d0 + 2 * dzRow : d1
      const d3 = o + 3 < outputs ? d0 + 3 * dzRow : d2
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0)
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0)
      let e: usize = 0
      for (let j: usize = 0; j < span; j += 32) {
        const x0 = v128.load(scratch + j)
        const x1 = v128.load(scratch + j + 16)
        const e0 = v128.load32_splat(d0 + e), e1 = v128.load32_splat(d1 + e)
        const e2 = v128.load32_splat(d2 + e), e3 = v128.load32_splat(d3 + e)
        e += 4
        s00 = madd(e0, x0, s00); s01 = madd(e0, x1, s01)
        s10 = madd(e1, x0, s10); s11 = madd(e1, x1, s11)
        s20 = madd(e2, x0, s20); s21 = madd(e2, x1, s21)
        s30 = madd(e3, x0, s30); s31 = madd(e3, x1, s31)
      }
      update(W, V, Wp, db, cPart, o, wRow, kb, s00, s01, g0, g1, f0, f1, vlr, vmu, vkeep, vl2)
      if (o + 1 < outputs) update(W, V, Wp, db, cPart, o + 1, wRow, kb, s10, s11, g0, g1, f0, f1, vlr, vmu, vkeep, vl2)
      if (o + 2 < outputs) update(W, V, Wp, db, cPart, o + 2, wRow, kb, s20, s21, g0, g1, f0, f1, vlr, vmu, vkeep, vl2)
      if (o + 3 < outputs) update(W, V, Wp, db, cPart, o + 3, wRow, kb, s30, s31, g0, g1, f0, f1, vlr, vmu, vkeep, vl2)
    }
  }
}

/**
 * backwardUpdate1 for a sparse dZ (ReLU zeroes about half of it): for each output o only its
 * rows with dz ≠ 0 are summed, active[o, 0 .. counts[o]) being their positions in the batch
 * (ascending). Skipped terms are exact zeros, so the result is bit-identical to backwardUpdate1.
 * Columns go 32 at a time (scratch: rows·128 bytes of converted pixels), so that each active row's
 * position and dz, loaded once, serve eight vectors of sums.
 */
export function backwardUpdateSparse1(
  pix: usize, inputs: i32, idx: usize, rows: i32, dzT: usize, outputs: i32,
  W: usize, V: usize, Wp: usize, gain: usize, offset: usize, db: usize, cPart: usize,
  k0: i32, k1: i32, lr: f32, mu: f32, l2: f32, scratch: usize, active: usize, counts: usize
): void {
  const rowBytes = <usize>inputs
  const wRow = <usize>inputs << 2
  const dzRow = <usize>rows << 2
  for (let o: i32 = 0; o < outputs; o++) store<f32>(cPart + (<usize>o << 2), 0)
  const vlr = f32x4.splat(lr), vmu = f32x4.splat(mu), vkeep = f32x4.splat(1 - mu), vl2 = f32x4.splat(l2)
  let k = k0
  for (; k + 32 <= k1; k += 32) {
    for (let b: i32 = 0; b < rows; b++) {
      const p = pix + <usize>load<u32>(idx + (<usize>b << 2)) * rowBytes + <usize>k
      const at = scratch + (<usize>b << 7)
      for (let c: usize = 0; c < 32; c += 8) {
        const h = v128.load8x8_u(p + c)
        v128.store(at + (c << 2), f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(h)))
        v128.store(at + (c << 2) + 16, f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(h)))
      }
    }
    const kb = <usize>k << 2
    for (let o: i32 = 0; o < outputs; o++) {
      const d = dzT + <usize>o * dzRow
      const list = active + <usize>o * dzRow
      const n = load<u32>(counts + (<usize>o << 2))
      let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0)
      let s4 = f32x4.splat(0), s5 = f32x4.splat(0), s6 = f32x4.splat(0), s7 = f32x4.splat(0)
      for (let j: u32 = 0; j < n; j++) {
        const b = <usize>load<u32>(list + (<usize>j << 2))
        const e = v128.load32_splat(d + (b << 2))
        const x = scratch + (b << 7)
        s0 = madd(e, v128.load(x), s0)
        s1 = madd(e, v128.load(x + 16), s1)
        s2 = madd(e, v128.load(x + 32), s2)
        s3 = madd(e, v128.load(x + 48), s3)
        s4 = madd(e, v128.load(x + 64), s4)
        s5 = madd(e, v128.load(x + 80), s5)
        s6 = madd(e, v128.load(x + 96), s6)
        s7 = madd(e, v128.load(x + 112), s7)
      }
      updateAt(W, V, Wp, gain, offset, db, cPart, o, wRow, kb, s0, s1, vlr, vmu, vkeep, vl2)
      updateAt(W, V, Wp, gain, offset, db, cPart, o, wRow, kb + 32, s2, s3, vlr, vmu, vkeep, vl2)
      updateAt(W, V, Wp, gain, offset, db, cPart, o, wRow, kb + 64, s4, s5, vlr, vmu, vkeep, vl2)
      updateAt(W, V, Wp, gain, offset, db, cPart, o, wRow, kb + 96, s6, s7, vlr, vmu, vkeep, vl2)
    }
  }
  for (; k < k1; k += 8) {
    // a last 8 to 24 columns, 8 at a time through the dense path (the same sums), so that cPart
    // adds each chunk's part in column order, as there
    for (let o: i32 = 0; o < outputs; o++) store<f32>(scratch + (<usize>o << 2), load<f32>(cPart + (<usize>o << 2)))
    backwardUpdate1(pix, inputs, idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart, k, k + 8, lr, mu, l2, scratch + (<usize>outputs << 2))
    for (let o: i32 = 0; o < outputs; o++) {
      const at = cPart + (<usize>o << 2)
      store<f32>(at, load<f32>(scratch + (<usize>o << 2)) + load<f32>(at))
    }
  }
}

/** update() of 8 columns at byte offset kb, loading their gain and offset. */
@inline function updateAt(
  W: usize, V: usize, Wp: usize, gain: usize, offset: usize, db: usize, cPart: usize, o: i32, wRow: usize, kb: usize,
  s0: v128, s1: v128, vlr: v128, vmu: v128, vkeep: v128, vl2: v128
): void {
  const g0 = v128.load(gain + kb), g1 = v128.load(gain + kb + 16)
  const f0 = v128.load(offset + kb), f1 = v128.load(offset + kb + 16)
  update(W, V, Wp, db, cPart, o, wRow, kb, s0, s1, g0, g1, f0, f1, vlr, vmu, vkeep, vl2)
}

/**
 * The momentum and L2 step of 8 weights of output o, in four lanes at a time: the step written once
 * in src/core/nn/optimizer.ts (nextVelocity, nextParameter), v = μ·v + (1 − μ)·(g + λW), W = W − η·v,
 * with g = gain·S + offset·db; then Wp = W·gain and cPart[o] += Σ offset·W.
 */
@inline function update(
  W: usize, V: usize, Wp: usize, db: usize, cPart: usize, o: i32, wRow: usize, kb: usize,
  s0: v128, s1: v128, g0: v128, g1: v128, f0: v128, f1: v128,
  vlr: v128, vmu: v128, vkeep: v128, vl2: v128
): void {
  const at = <usize>o * wRow + kb
  const dbo = v128.load32_splat(db + (<usize>o << 2))
  let w0 = v128.load(W + at), w1 = v128.load(W + at + 16)
  // g = gain·S + offset·db + λ·W
  const gr0 = madd(vl2, w0, madd(f0, dbo, f32x4.mul(g0, s0)))
  const gr1 = madd(vl2, w1, madd(f1, dbo, f32x4.mul(g1, s1)))
  const v0 = madd(vmu, v128.load(V + at), f32x4.mul(vkeep, gr0))
  const v1 = madd(vmu, v128.load(V + at + 16), f32x4.mul(vkeep, gr1))
  v128.store(V + at, v0)
  v128.store(V + at + 16, v1)
  w0 = nmadd(vlr, v0, w0)
  w1 = nmadd(vlr, v1, w1)
  v128.store(W + at, w0)
  v128.store(W + at + 16, w1)
  v128.store(Wp + at, f32x4.mul(w0, g0))
  v128.store(Wp + at + 16, f32x4.mul(w1, g1))
  const cAt = cPart + (<usize>o << 2)
  store<f32>(cAt, load<f32>(cAt) + hsum(madd(f1, w1, f32x4.mul(f0, w0))))
}

/** Wp = W·gain and cPart[o] = Σ_{k in [k0,k1)} offset[k]·W[o, k] without updating (after loading weights). */
export function refresh1(W: usize, Wp: usize, gain: usize, offset: usize, cPart: usize, outputs: i32, inputs: i32, k0: i32, k1: i32): void {
  const wRow = <usize>inputs << 2
  for (let o: i32 = 0; o < outputs; o++) {
    let acc = f32x4.splat(0)
    for (let k = k0; k < k1; k += 8) {
      const kb = <usize>k << 2
      const at = <usize>o * wRow + kb
      const w0 = v128.load(W + at), w1 = v128.load(W + at + 16)
      v128.store(Wp + at, f32x4.mul(w0, v128.load(gain + kb)))
      v128.store(Wp + at + 16, f32x4.mul(w1, v128.load(gain + kb + 16)))
      acc = madd(v128.load(offset + kb + 16), w1, madd(v128.load(offset + kb), w0, acc))
    }
    store<f32>(cPart + (<usize>o << 2), hsum(acc))
  }
}

/**
 * Evaluation forward with the first-layer weights quantised to 16-bit integers per output
 * (Wp[o, k] ≈ scale[o]·Q[o, k]): z[r, o] = cq[o] + Σ_tiles scale[o]·Σ_{k in tile} p[idx[r], k]·Q[o, k],
 * each tile of 512 inputs summed exactly in 32-bit integers (512·255·32767 < 2^31) and tiles
 * added in f32 through z, so that a tile of Q (outputs × 1 KiB) stays in cache across rows.
 * Q: [outputs, inputs] i16. Two rows by four outputs at a time, as in forward1.
 */
export function forwardQ1(
  pix: usize, inputs: i32, idx: usize, r0: i32, r1: i32,
  Q: usize, scale: usize, c: usize, outputs: i32, z: usize
): void {
  const rowBytes = <usize>inputs
  const qRow = <usize>inputs << 1
  for (let k0: i32 = 0; k0 < inputs; k0 += 512) {
    const k1 = min(k0 + 512, inputs)
    const first = k0 == 0
    for (let r = r0; r < r1; r += 2) {
      const pair = r + 1 < r1
      const pa = pix + <usize>load<u32>(idx + (<usize>r << 2)) * rowBytes
      const pb = pair ? pix + <usize>load<u32>(idx + (<usize>(r + 1) << 2)) * rowBytes : pa
      const za = z + (<usize>(r * outputs) << 2)
      const zb = za + (<usize>outputs << 2)
      for (let o: i32 = 0; o < outputs; o += 4) {
        const q0 = Q + <usize>o * qRow
        const q1 = o + 1 < outputs ? q0 + qRow : q0
        const q2 = o + 2 < outputs ? q0 + 2 * qRow : q1
        const q3 = o + 3 < outputs ? q0 + 3 * qRow : q2
        let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0)
        let b0 = i32x4.splat(0), b1 = i32x4.splat(0), b2 = i32x4.splat(0), b3 = i32x4.splat(0)
        for (let k = k0; k < k1; k += 16) {
          const va = v128.load(pa + <usize>k)
          const vb = v128.load(pb + <usize>k)
          const al = i16x8.extend_low_i8x16_u(va), ah = i16x8.extend_high_i8x16_u(va)
          const bl = i16x8.extend_low_i8x16_u(vb), bh = i16x8.extend_high_i8x16_u(vb)
          const kq = <usize>k << 1
          let w = v128.load(q0 + kq), u = v128.load(q0 + kq + 16)
          a0 = i32x4.add(a0, i32x4.add(i32x4.dot_i16x8_s(al, w), i32x4.dot_i16x8_s(ah, u)))
          b0 = i32x4.add(b0, i32x4.add(i32x4.dot_i16x8_s(bl, w), i32x4.dot_i16x8_s(bh, u)))
          w = v128.load(q1 + kq); u = v128.load(q1 + kq + 16)
          a1 = i32x4.add(a1, i32x4.add(i32x4.dot_i16x8_s(al, w), i32x4.dot_i16x8_s(ah, u)))
          b1 = i32x4.add(b1, i32x4.add(i32x4.dot_i16x8_s(bl, w), i32x4.dot_i16x8_s(bh, u)))
          w = v128.load(q2 + kq); u = v128.load(q2 + kq + 16)
          a2 = i32x4.add(a2, i32x4.add(i32x4.dot_i16x8_s(al, w), i32x4.dot_i16x8_s(ah, u)))
          b2 = i32x4.add(b2, i32x4.add(i32x4.dot_i16x8_s(bl, w), i32x4.dot_i16x8_s(bh, u)))
          w = v128.load(q3 + kq); u = v128.load(q3 + kq + 16)
          a3 = i32x4.add(a3, i32x4.add(i32x4.dot_i16x8_s(al, w), i32x4.dot_i16x8_s(ah, u)))
          b3 = i32x4.add(b3, i32x4.add(i32x4.dot_i16x8_s(bl, w), i32x4.dot_i16x8_s(bh, u)))
        }
        storeQ(za, o, a0, scale, c, first); if (pair) storeQ(zb, o, b0, scale, c, first)
        if (o + 1 < outputs) { storeQ(za, o + 1, a1, scale, c, first); if (pair) storeQ(zb, o + 1, b1, scale, c, first) }
        if (o + 2 < outputs) { storeQ(za, o + 2, a2, scale, c, first); if (pair) storeQ(zb, o + 2, b2, scale, c, first) }
        if (o + 3 < outputs) { storeQ(za, o + 3, a3, scale, c, first); if (pair) storeQ(zb, o + 3, b3, scale, c, first) }
      }
    }
  }
}

@inline function storeQ(zRow: usize, o: i32, acc: v128, scale: usize, c: usize, first: bool): void {
  const ob = <usize>o << 2
  // lanes convert to f32 before adding: four lanes of up to 2^30 each could overflow an i32
  const tile = hsum(f32x4.convert_i32x4_s(acc))
  store<f32>(zRow + ob, (first ? load<f32>(c + ob) : load<f32>(zRow + ob)) + tile * load<f32>(scale + ob))
}

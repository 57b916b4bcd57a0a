/**
 * Dense (fully connected) layer kernels on row-major float32 buffers.
 *   forward:  z[b, o] = Σ_i x[b, i] · W[o, i] + bias[o]          x: [rows, in], W: [out, in], z: [rows, out]
 *   backward of that line, given dz = ∂L/∂z: [rows, out]:
 *             dW[o, i] = Σ_b dz[b, o] · x[b, i]                  dW: [out, in]   (dW = dzᵀ·x)
 *             db[o]    = Σ_b dz[b, o]                            db: [out]
 *             dx[b, i] = Σ_o dz[b, o] · W[o, i]                  dx: [rows, in]  (dx = dz·W)
 * Inner loops run over the contiguous `in` axis; sums accumulate in float64 registers.
 * Plain TypeScript; no allocation. Layers 1..L train on these; layer 0 trains on the engine's
 * kernels (engine/kernels.ts), and these are its reference (passes.ts says which tests tie them).
 */

/** z = x·Wᵀ + b for `rows` rows. Four output units share each load of x[b, i]; below four outputs, four rows share each load of W[o, i]. */
export function denseForward(
  x: Float32Array, W: Float32Array, bias: Float32Array, z: Float32Array,
  rows: number, inputs: number, outputs: number
): void {
  let b = 0
  if (outputs < 4) {
    // the single logit of two classes: four sums in flight instead of one chain of dependent
    // adds, each summed in the same order as alone
    for (; b + 4 <= rows; b += 4) {
      const x0 = b * inputs
      const x1 = x0 + inputs
      const x2 = x1 + inputs
      const x3 = x2 + inputs
      const zo = b * outputs
      for (let o = 0; o < outputs; o++) {
        const wo = o * inputs
        let s0 = 0
        let s1 = 0
        let s2 = 0
        let s3 = 0
        for (let i = 0; i < inputs; i++) {
          const w = W[wo + i]
          s0 += x[x0 + i] * w
          s1 += x[x1 + i] * w
          s2 += x[x2 + i] * w
          s3 += x[x3 + i] * w
        }
        z[zo + o] = s0 + bias[o]
        z[zo + outputs + o] = s1 + bias[o]
        z[zo + 2 * outputs + o] = s2 + bias[o]
        z[zo + 3 * outputs + o] = s3 + bias[o]
      }
    }
  }
  for (; b < rows; b++) {
    const xo = b * inputs
    const zo = b * outputs
    let o = 0
    for (; o + 4 <= outputs; o += 4) {
      const w0 = o * inputs
      const w1 = w0 + inputs
      const w2 = w1 + inputs
      const w3 = w2 + inputs
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let i = 0; i < inputs; i++) {
        const xi = x[xo + i]
        s0 += xi * W[w0 + i]
        s1 += xi * W[w1 + i]
        s2 += xi * W[w2 + i]
        s3 += xi * W[w3 + i]
      }
      z[zo + o] = s0 + bias[o]
      z[zo + o + 1] = s1 + bias[o + 1]
      z[zo + o + 2] = s2 + bias[o + 2]
      z[zo + o + 3] = s3 + bias[o + 3]
    }
    for (; o < outputs; o++) {
      const wo = o * inputs
      let s = 0
      for (let i = 0; i < inputs; i++) s += x[xo + i] * W[wo + i]
      z[zo + o] = s + bias[o]
    }
  }
}

/** dW = dzᵀ·x and db = Σ_b dz (overwritten, not accumulated). */
export function denseWeightGrad(
  dz: Float32Array, x: Float32Array, dW: Float32Array, db: Float32Array,
  rows: number, inputs: number, outputs: number
): void {
  for (let o = 0; o < outputs; o++) {
    let s = 0
    for (let b = 0; b < rows; b++) s += dz[b * outputs + o]
    db[o] = s
  }
  // dW[o, i]: accumulate over rows in float64 for four rows of x at a time
  for (let o = 0; o < outputs; o++) {
    const wo = o * inputs
    let b = 0
    let first = true
    for (; b + 4 <= rows; b += 4) {
      const g0 = dz[b * outputs + o]
      const g1 = dz[(b + 1) * outputs + o]
      const g2 = dz[(b + 2) * outputs + o]
      const g3 = dz[(b + 3) * outputs + o]
      const x0 = b * inputs
      const x1 = x0 + inputs
      const x2 = x1 + inputs
      const x3 = x2 + inputs
      if (first) {
        for (let i = 0; i < inputs; i++) dW[wo + i] = g0 * x[x0 + i] + g1 * x[x1 + i] + g2 * x[x2 + i] + g3 * x[x3 + i]
        first = false
      } else {
        for (let i = 0; i < inputs; i++) dW[wo + i] += g0 * x[x0 + i] + g1 * x[x1 + i] + g2 * x[x2 + i] + g3 * x[x3 + i]
      }
    }
    if (first) dW.fill(0, wo, wo + inputs)
    for (; b < rows; b++) {
      const g = dz[b * outputs + o]
      const xb = b * inputs
      for (let i = 0; i < inputs; i++) dW[wo + i] += g * x[xb + i]
    }
  }
}

/** dx = dz·W (overwritten): each row of dx is a sum of rows of W, so loops stay contiguous. */
export function denseInputGrad(
  dz: Float32Array, W: Float32Array, dx: Float32Array,
  rows: number, inputs: number, outputs: number
): void {
  for (let b = 0; b < rows; b++) {
    const xo = b * inputs
    const zo = b * outputs
    dx.fill(0, xo, xo + inputs)
    for (let o = 0; o < outputs; o++) {
      const g = dz[zo + o]
      if (g === 0) continue
      const wo = o * inputs
      for (let i = 0; i < inputs; i++) dx[xo + i] += g * W[wo + i]
    }
  }
}

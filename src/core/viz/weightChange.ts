/**
 * What training changed: ΔW = W − W₀, the weights now minus the weights the run started from,
 * with W and W₀ of the same shape (e.g. W1: [hidden, 3072]). He-initialised weights start as
 * noise that takes many epochs to fade from the pictures, while ΔW holds only what was learned.
 * The share ‖ΔW‖ / ‖W₀‖ (Euclidean norms over the whole layer) says how much of the picture is
 * still the random start: below 1, the start is bigger than everything learned so far.
 */

/** ΔW = W − W₀ into `out` (a new array unless given). */
export function weightChange(W: Float32Array, W0: Float32Array, out: Float32Array = new Float32Array(W.length)): Float32Array {
  if (W0.length !== W.length || out.length !== W.length) {
    throw new RangeError(`weights of lengths ${W.length} and ${W0.length} cannot be subtracted into ${out.length}`)
  }
  for (let i = 0; i < W.length; i++) out[i] = W[i] - W0[i]
  return out
}

/** ‖W − W₀‖ / ‖W₀‖: 0 at the start, NaN when W₀ is all zeros or a weight is not a number. */
export function changeShare(W: Float32Array, W0: Float32Array): number {
  if (W0.length !== W.length) throw new RangeError(`weights of lengths ${W.length} and ${W0.length} cannot be compared`)
  let moved = 0
  let start = 0
  for (let i = 0; i < W.length; i++) {
    const d = W[i] - W0[i]
    moved += d * d
    start += W0[i] * W0[i]
  }
  return start > 0 ? Math.sqrt(moved / start) : Number.NaN
}

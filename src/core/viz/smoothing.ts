/**
 * Smoothing of a noisy series (the per-batch loss) by an exponential moving average with
 * debiasing, the way TensorBoard smooths its scalar charts. With weight w in [0, 1):
 *   m_0 = 0,   m_n = w · m_{n−1} + (1 − w) · y_n,   s_n = m_n / (1 − wⁿ)
 * where n counts the finite values so far. Dividing by 1 − wⁿ (the weights' total) removes the
 * pull towards the zero start, so s_1 = y_1 and a constant series stays constant. w = 0 is the
 * raw series. A non-finite value (a NaN loss) is passed through and leaves the average alone.
 */

/** The largest weight the slider may give: beyond it the line barely moves at all. */
export const MAX_SMOOTHING = 0.999

/** `weight` clamped to 0..MAX_SMOOTHING (NaN counts as 0). */
export function clampSmoothing(weight: number): number {
  return weight > 0 ? Math.min(weight, MAX_SMOOTHING) : 0
}

/**
 * The smoothed series of the first `count` values (all by default), written into `out` (a new
 * array unless given) and returned.
 */
export function smoothEma(
  values: ArrayLike<number>, weight: number, count: number = values.length, out: Float32Array = new Float32Array(count)
): Float32Array {
  if (count > values.length || count > out.length) throw new RangeError(`cannot smooth ${count} values into ${out.length} of ${values.length}`)
  const w = clampSmoothing(weight)
  let m = 0
  let debias = 1
  for (let i = 0; i < count; i++) {
    const y = values[i]
    if (!Number.isFinite(y)) {
      out[i] = y
      continue
    }
    m = w * m + (1 - w) * y
    debias *= w
    out[i] = m / (1 - debias)
  }
  return out
}

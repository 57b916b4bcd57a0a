/**
 * Log-spaced slider positions for settings whose sensible values span several powers of ten
 * (learning rate, L2 penalty). Position k of a scale from 10^a to 10^b is the value
 *   NICE[k mod 6] · 10^(a + ⌊k / 6⌋),   NICE = 1, 1.5, 2, 3, 5, 7
 * so each decade has six round values that are equally far apart on a log axis, give or take.
 * With `zero`, position 0 stands for 0 ("off") and the log scale starts at position 1.
 */

/** Round values within a decade, each about 10^(1/6) ≈ 1.47 times the one before. */
const NICE = [1, 1.5, 2, 3, 5, 7] as const

export interface LogScale {
  /** the smallest and largest positive values on the slider, both powers of ten. */
  readonly minExponent: number
  readonly maxExponent: number
  /** position 0 means 0. */
  readonly zero: boolean
}

export const LEARNING_RATE_SCALE: LogScale = { minExponent: -5, maxExponent: 0, zero: false }
export const L2_SCALE: LogScale = { minExponent: -6, maxExponent: -1, zero: true }

const offset = (s: LogScale): number => (s.zero ? 1 : 0)

/** The largest slider position (the smallest is 0). */
export function lastPosition(s: LogScale): number {
  return offset(s) + NICE.length * (s.maxExponent - s.minExponent)
}

/** The value at slider position `position` (clamped to the slider's ends). */
export function valueAt(s: LogScale, position: number): number {
  const p = Math.min(lastPosition(s), Math.max(0, Math.round(position)))
  if (s.zero && p === 0) return 0
  const k = p - offset(s)
  const decade = s.minExponent + Math.floor(k / NICE.length)
  // toPrecision strips the float noise of 3 · 10^-4 = 0.00030000000000000003
  return Number((NICE[k % NICE.length] * 10 ** decade).toPrecision(6))
}

/** The slider position nearest to `value` on a log axis; out-of-range values go to the ends. */
export function positionOf(s: LogScale, value: number): number {
  if (!Number.isFinite(value)) return 0
  if (value <= 0) return 0
  const target = Math.log10(value)
  let best = s.zero ? 1 : 0
  let bestDistance = Infinity
  for (let p = best; p <= lastPosition(s); p++) {
    const distance = Math.abs(Math.log10(valueAt(s, p)) - target)
    if (distance < bestDistance) {
      best = p
      bestDistance = distance
    }
  }
  return best
}

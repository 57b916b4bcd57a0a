/**
 * The update-to-weight ratio r = ‖ΔW‖ / ‖W‖ per batch (how far one step moves a layer's weights,
 * relative to their size) read as a health sign. About 1e-3 is healthy (CS231n's rule of
 * thumb); we call r within a factor of ten of it healthy:
 *   r < 1e-4          'slow'  the steps are tiny: the layer learns very slowly (learning rate too low?)
 *   1e-4 ≤ r ≤ 1e-2   'healthy'
 *   r > 1e-2          'fast'  the steps are big next to the weights: training may jump about or blow up
 */
import { formatCount } from '../text/count'

export const HEALTHY_RATIO = 1e-3
export const SLOW_BELOW = 1e-4
export const FAST_ABOVE = 1e-2

export type RatioHealth = 'unknown' | 'slow' | 'healthy' | 'fast'

export function ratioHealth(ratio: number | null): RatioHealth {
  if (ratio === null || !Number.isFinite(ratio) || ratio < 0) return 'unknown'
  if (ratio < SLOW_BELOW) return 'slow'
  if (ratio > FAST_ABOVE) return 'fast'
  return 'healthy'
}

/** Where r lies on a log scale from `lo` to `hi`, as 0..1 (clamped), for a gauge. */
export function logPosition(ratio: number, lo: number = 1e-6, hi: number = 1): number {
  if (!(ratio > 0)) return 0
  const t = (Math.log10(ratio) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
  return Math.min(1, Math.max(0, t))
}

/** r as a plain fraction, "1/800" (two significant digits), or "0.6×" from a half up. */
export function ratioFraction(ratio: number): string {
  if (!(ratio > 0) || !Number.isFinite(ratio)) return ''
  if (ratio >= 0.5) return `${Number(ratio.toPrecision(2))}×`
  return `1/${formatCount(Number((1 / ratio).toPrecision(2)))}`
}

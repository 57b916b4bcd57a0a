/**
 * The per-epoch history as the four lines of the metrics chart: train and test loss, train and
 * test accuracy, x in epochs. Pure data shaping, so it is tested without a canvas.
 */
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { formatCount } from '../../../core/text/count'

export interface Point {
  readonly x: number
  readonly y: number
}

export type SeriesKey = 'trainLoss' | 'testLoss' | 'trainAccuracy' | 'testAccuracy'
export const SERIES_KEYS: readonly SeriesKey[] = ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']

/** One point of `key` for an epoch; accuracy as a percentage, a non-finite loss left out (a gap). */
export function pointOf(m: EpochMetrics, key: SeriesKey): Point | null {
  const y = key === 'trainAccuracy' || key === 'testAccuracy' ? 100 * m[key] : m[key]
  return Number.isFinite(y) ? { x: m.epoch, y } : null
}

/** A sentence that says what the chart shows, for screen readers and the status line. */
export function describeMetrics(history: readonly EpochMetrics[]): string {
  if (history.length === 0) return 'No epochs yet: the chart fills in as training runs.'
  const last = history[history.length - 1]
  const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'unknown')
  const loss = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : 'not a number')
  const epochs = history.length === 1 ? '1 epoch' : `${history.length} epochs`
  return `${epochs} so far. After epoch ${last.epoch}: test accuracy ${pct(last.testAccuracy)}, ` +
    `train accuracy ${pct(last.trainAccuracy)}, test loss ${loss(last.testLoss)}, train loss ${loss(last.trainLoss)}.` +
    sampleSentence(last)
}

/** " Training figures are measured on a sample of 2,000 training pictures." when they are. */
function sampleSentence(m: EpochMetrics): string {
  if (m.trainMeasured === undefined) return ''
  return ` Training figures are measured on a sample of ${formatCount(m.trainMeasured)} training pictures.`
}

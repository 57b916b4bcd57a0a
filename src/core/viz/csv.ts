/**
 * The charts' numbers as CSV text (comma-separated, one header line, "\n" line ends), for a
 * spreadsheet or pandas:
 *   epochs:  epoch, train_loss, train_accuracy, test_loss, test_accuracy, seconds, and
 *            train_pictures_measured when the training figures were a sample's (how many pictures)
 *   batches: batch (run-wide, from 1), epoch, batch_in_epoch, loss, smoothed_loss
 * Accuracies are fractions (0..1). Numbers keep 7 significant digits (a float32's worth);
 * a value that is not a number is written NaN.
 */
import type { EpochMetrics } from '../nn/hyperparameters'

/** `v` with up to 7 significant digits and no trailing zeros; NaN, Infinity and -Infinity as such. */
export function csvNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  return String(Number(v.toPrecision(7)))
}

export function epochCsv(history: readonly EpochMetrics[]): string {
  const sampled = history.some((m) => m.trainMeasured !== undefined)
  const lines = [`epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds${sampled ? ',train_pictures_measured' : ''}`]
  for (const m of history) {
    const row = [m.epoch, m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy, m.seconds].map(csvNumber)
    // an epoch measured on every training picture leaves the column empty
    if (sampled) row.push(m.trainMeasured === undefined ? '' : String(m.trainMeasured))
    lines.push(row.join(','))
  }
  return lines.join('\n') + '\n'
}

export interface BatchLosses {
  /** run-wide batch losses by batch number from 0; NaN where a batch was not seen. */
  readonly losses: ArrayLike<number>
  /** how many of `losses` hold batches (the rest is spare room). */
  readonly count: number
  /** the first batch number that was seen (a page opened mid-run missed the earlier ones). */
  readonly first: number
  readonly batchesPerEpoch: number
  /** the smoothed losses shown on the chart, same indexing, or null to leave the column out. */
  readonly smoothed: ArrayLike<number> | null
}

export function batchCsv(b: BatchLosses): string {
  if (!(b.batchesPerEpoch >= 1)) throw new RangeError(`batches per epoch must be at least 1, not ${b.batchesPerEpoch}`)
  const lines = [b.smoothed ? 'batch,epoch,batch_in_epoch,loss,smoothed_loss' : 'batch,epoch,batch_in_epoch,loss']
  for (let i = Math.max(0, b.first); i < b.count; i++) {
    const row = [String(i + 1), String(Math.floor(i / b.batchesPerEpoch) + 1), String((i % b.batchesPerEpoch) + 1), csvNumber(b.losses[i])]
    if (b.smoothed) row.push(csvNumber(b.smoothed[i]))
    lines.push(row.join(','))
  }
  return lines.join('\n') + '\n'
}

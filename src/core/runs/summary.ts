/**
 * What a run's history says: its best epoch (the lowest test loss; on a tie the earlier epoch; an
 * epoch whose test loss is not a number is never best), its final metrics (the last epoch's), and
 * whether and since when it overfits, with the sentences the studio and the CLI show.
 *
 * Overfitting (docs/runs.md): call epoch e a *rise* when both losses of e and of the epoch before
 * it are numbers, test loss went up (testLoss_e > testLoss_e−1) and training loss went down
 * (trainLoss_e < trainLoss_e−1). The run overfits *since* the first epoch that begins 3 rises in
 * a row; it *was best* at the best epoch before that one. Only the first such onset counts, and it
 * depends on no later epoch, so the answer never changes as the run trains on.
 */
import type { EpochMetrics } from '../nn/hyperparameters'
import { formatPercent } from '../text/percent'
import type { BestEpoch, RunMetrics } from './types'

/** Rises in a row that make overfitting. */
export const OVERFIT_RISES = 3

/** The four metrics of a history row (without its seconds), with the training sample's size when there was one. */
export function metricsOf(m: RunMetrics): RunMetrics {
  return {
    trainLoss: m.trainLoss, trainAccuracy: m.trainAccuracy, testLoss: m.testLoss, testAccuracy: m.testAccuracy,
    ...(m.trainMeasured === undefined ? {} : { trainMeasured: m.trainMeasured })
  }
}

/** The epoch with the lowest test loss (the earlier on a tie); null when no test loss is a number. */
export function bestEpoch(history: readonly EpochMetrics[]): BestEpoch | null {
  let best: EpochMetrics | null = null
  for (const m of history) {
    if (Number.isFinite(m.testLoss) && (best === null || m.testLoss < best.testLoss)) best = m
  }
  return best === null ? null : { epoch: best.epoch, ...metricsOf(best) }
}

/** The last epoch's metrics; null before the first epoch. */
export function finalMetrics(history: readonly EpochMetrics[]): RunMetrics | null {
  return history.length === 0 ? null : metricsOf(history[history.length - 1])
}

/** Since which epoch the run overfits, and its best epoch before then (both 1-based epoch numbers). */
export interface Overfitting {
  readonly since: number
  readonly best: number
}

function isRise(before: EpochMetrics, m: EpochMetrics): boolean {
  const finite = Number.isFinite(before.testLoss) && Number.isFinite(m.testLoss) &&
    Number.isFinite(before.trainLoss) && Number.isFinite(m.trainLoss)
  return finite && m.testLoss > before.testLoss && m.trainLoss < before.trainLoss
}

/** The first overfitting onset of the history (see the header), or null. */
export function overfitting(history: readonly EpochMetrics[]): Overfitting | null {
  let run = 0
  for (let i = 1; i < history.length; i++) {
    run = isRise(history[i - 1], history[i]) ? run + 1 : 0
    if (run === OVERFIT_RISES) {
      const start = i - OVERFIT_RISES + 1
      // the rows before the onset hold a number (the row just before it does), so best is not null
      const best = bestEpoch(history.slice(0, start)) as BestEpoch
      return { since: history[start].epoch, best: best.epoch }
    }
  }
  return null
}

/** "Since epoch 9 the network has been memorising the training pictures: it was best at epoch 8." */
export function overfittingSentence(o: Overfitting): string {
  return `Since epoch ${o.since} the network has been memorising the training pictures: it was best at epoch ${o.best}.`
}

const loss = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : 'not a number')

/**
 * The end-of-run message naming the best epoch, e.g. "Best at epoch 8 of 10: test accuracy
 * 81.0 % (test loss 0.4123); at the end 79.5 %." or "Best at epoch 10, the last: test accuracy
 * 81.0 % (test loss 0.4123)."
 */
export function endOfRunSentence(history: readonly EpochMetrics[]): string {
  if (history.length === 0) return 'No epoch was trained, so there is no result yet.'
  const best = bestEpoch(history)
  if (best === null) {
    return 'No epoch had a test loss that is a number (the weights blew up), so none was best. Try a smaller learning rate.'
  }
  const last = history[history.length - 1]
  const at = `test accuracy ${formatPercent(best.testAccuracy)} (test loss ${loss(best.testLoss)})`
  if (best.epoch === last.epoch) return `Best at epoch ${best.epoch}, the last: ${at}.`
  return `Best at epoch ${best.epoch} of ${last.epoch}: ${at}; at the end ${formatPercent(last.testAccuracy)}.`
}

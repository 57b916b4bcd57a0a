/**
 * Successive halving: after epoch `afterEpoch`, the worse half of a sweep's runs stop. Runs reach
 * that epoch at different times (they train in lanes, one after another), so each run is judged
 * against the runs before it in the plan, never against whichever happened to be faster:
 *
 *   run i is judged once it has reached afterEpoch and every run before it has reached it too
 *   or ended without reaching it. Among the runs j ≤ i that reached it, ranked by test loss at
 *   afterEpoch (lower is better; a loss that is not a number is worst; on a tie the earlier run),
 *   run i continues when its rank is at most ⌈k / 2⌉ of those k, and stops otherwise.
 *
 * The first run always continues, so at least one run is kept. With one lane a run must be judged
 * before any later run starts, so a rule that gives the same verdicts with one lane as with many
 * can only compare a run with the runs before it: this one stops about half of the runs when
 * their order says nothing of their losses (run k stops with chance ⌊k/2⌋/k), fewer when later
 * runs are better (none when each beats all before it), more when earlier ones are. A run's
 * verdict depends only on the test losses of the runs before it, which the same settings, seeds
 * and threads per run reproduce bit for bit, so it never depends on timing. The host calls
 * halvingVerdicts whenever a run reaches the epoch or ends; a run that reached it and is told
 * 'wait' should pause at that epoch (its history must not grow past it before its verdict, or its
 * record would depend on timing). The host starts runs in plan order, so no run waits on one that
 * has not started.
 */
import type { EpochMetrics } from '../nn/hyperparameters'

/** A sweep run as halving sees it: its history so far, and whether it has ended (for any reason). */
export interface HalvingRun {
  readonly history: readonly EpochMetrics[]
  readonly ended: boolean
}

/**
 * continue / stop: judged; wait: not yet judged (it has not reached the epoch, or a run before it
 * has not); ended: it ended before reaching the epoch, so there is nothing to judge.
 */
export type HalvingVerdict = 'continue' | 'stop' | 'wait' | 'ended'

/** Test loss at `epoch`, NaN for a loss that is not a number; undefined when the run has not reached it. */
function lossAt(run: HalvingRun, epoch: number): number | undefined {
  // epochs increase along a history: binary search
  const h = run.history
  let lo = 0
  let hi = h.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (h[mid].epoch < epoch) lo = mid + 1
    else hi = mid
  }
  if (lo === h.length || h[lo].epoch !== epoch) return undefined
  return Number.isFinite(h[lo].testLoss) ? h[lo].testLoss : NaN
}

/** Whether run a (plan index ia) ranks before run b (index ib): lower loss, NaN last, earlier on a tie. */
function better(la: number, ia: number, lb: number, ib: number): boolean {
  if (Number.isNaN(la) !== Number.isNaN(lb)) return Number.isNaN(lb)
  if (!Number.isNaN(la) && la !== lb) return la < lb
  return ia < ib
}

/** Every run's verdict, in plan order (see the header). */
export function halvingVerdicts(runs: readonly HalvingRun[], afterEpoch: number): HalvingVerdict[] {
  const verdicts: HalvingVerdict[] = []
  // the runs that reached the epoch so far, best first
  const ranked: { loss: number; index: number }[] = []
  let blocked = false // a run before this one is still on its way to the epoch
  runs.forEach((run, i) => {
    const loss = lossAt(run, afterEpoch)
    if (loss === undefined) {
      verdicts.push(run.ended ? 'ended' : 'wait')
      if (!run.ended) blocked = true
      return
    }
    let lo = 0
    let hi = ranked.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (better(ranked[mid].loss, ranked[mid].index, loss, i)) lo = mid + 1
      else hi = mid
    }
    ranked.splice(lo, 0, { loss, index: i })
    if (blocked) verdicts.push('wait')
    else verdicts.push(lo + 1 <= Math.ceil(ranked.length / 2) ? 'continue' : 'stop')
  })
  return verdicts
}

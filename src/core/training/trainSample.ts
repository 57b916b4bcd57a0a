/**
 * The training sample: each epoch's training loss and accuracy are measured on S fixed rows of the
 * training split, at the epoch's end weights (the same weights as the test figures), not on all n:
 *   S = min(n, max(TRAIN_SAMPLE_MIN, testCount)), or n when the test split is the training split;
 *   per class c with n_c rows: S·n_c/n rounded down, the S − Σ left over going to the classes with
 *   the largest remainders (the lower class first on a tie); each class's rows are drawn uniformly
 *   by selection sampling (Knuth's algorithm S), so the rows come out in ascending order.
 */
import { Rng } from '../random/rng'
import { formatCount } from '../text/count'

/** The fewest training pictures the training figures are measured on (about ±1 % on accuracy). */
export const TRAIN_SAMPLE_MIN = 2000

/**
 * S, the training pictures an epoch's training figures are measured on. As many as the test set
 * has, so that the training and test curves are equally precise, and at least 2,000, which gives
 * about ±1 % on accuracy; all n when the test split is the training split (its figures must match).
 */
export function trainSampleSize(n: number, testCount: number, sameSplit: boolean): number {
  if (sameSplit || n <= TRAIN_SAMPLE_MIN) return n
  return Math.min(n, Math.max(TRAIN_SAMPLE_MIN, testCount))
}

/** The random stream the sample is drawn from: the run's seed, apart from the initialisation and the shuffle. */
export function sampleRng(seed: number): Rng {
  return new Rng((seed ^ 0x3c6ef372) >>> 0)
}

/**
 * Fills `rows` (length S ≤ n) with S of the row numbers 0..n−1, in ascending order, stratified by
 * the labels y[0..n) (values below 256) as in the header.
 */
export function sampleRows(y: Uint8Array, n: number, rng: Rng, rows: Uint32Array): void {
  const size = rows.length
  if (size > n) throw new Error(`A sample of ${size} rows cannot be drawn from ${n}`)
  const left = new Float64Array(256) // rows of each class not yet visited: n_c at first
  for (let i = 0; i < n; i++) left[y[i]]++
  const need = new Float64Array(256) // rows of each class still to pick
  const remainder = new Float64Array(256)
  let given = 0
  for (let c = 0; c < 256; c++) {
    need[c] = Math.floor((size * left[c]) / n)
    remainder[c] = size * left[c] - need[c] * n
    given += need[c]
  }
  for (; given < size; given++) {
    let best = -1
    for (let c = 0; c < 256; c++) if (left[c] > need[c] && (best < 0 || remainder[c] > remainder[best])) best = c
    need[best]++
    remainder[best] = -1
  }
  let k = 0
  for (let i = 0; i < n && k < size; i++) {
    const c = y[i]
    if (need[c] > 0 && rng.int(left[c]) < need[c]) {
      rows[k++] = i
      need[c]--
    }
    left[c]--
  }
}

/**
 * Words for the pictures an epoch's training figures were measured on, e.g. "2,000 of 10,000
 * pictures" (or "2,000 pictures" without the total); '' when they were measured on all of them.
 */
export function trainMeasuredWords(measured: number | undefined, total?: number): string {
  if (measured === undefined || (total !== undefined && measured >= total)) return ''
  return total === undefined ? `${formatCount(measured)} pictures` : `${formatCount(measured)} of ${formatCount(total)} pictures`
}

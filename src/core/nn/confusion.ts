/**
 * The confusion matrix and what is read off it. C[a][p] counts the pictures of actual class a
 * that the network called p (rows: the truth, columns: the answer); C: [classes, classes].
 *   accuracy of class a (recall)  = C[a][a] / Σ_p C[a][p]   (NaN when class a has no pictures)
 *   precision of class p          = C[p][p] / Σ_a C[a][p]   (NaN when nothing was called p)
 * Confident mistakes: wrong answers before right ones, each ordered by the probability the
 * network gave its answer, highest first (ties in row order).
 */

export type Confusion = readonly (readonly number[])[]

/** C[a][p] from the labels and answers of `labels.length` rows. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  if (labels.length !== predicted.length) throw new RangeError(`${labels.length} labels but ${predicted.length} answers`)
  const C = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  for (let i = 0; i < labels.length; i++) C[labels[i]][predicted[i]]++
  return C
}

/** Share of each actual class answered right: C[a][a] / row sum (NaN for an empty row). */
export function classAccuracy(C: Confusion): number[] {
  return C.map((row, a) => row[a] / row.reduce((s, n) => s + n, 0))
}

/** Share of each answer that was right: C[p][p] / column sum (NaN for an empty column). */
export function classPrecision(C: Confusion): number[] {
  return C.map((_, p) => C[p][p] / C.reduce((s, row) => s + row[p], 0))
}

/** Σ C: every picture counted. */
export function confusionTotal(C: Confusion): number {
  return C.reduce((s, row) => s + row.reduce((t, n) => t + n, 0), 0)
}

export interface Mix {
  readonly actual: number
  readonly predicted: number
  readonly count: number
}

/** The off-diagonal cells with any pictures, most pictures first (ties in row, then column order). */
export function commonMistakes(C: Confusion): Mix[] {
  const mixes: Mix[] = []
  C.forEach((row, actual) => row.forEach((count, predicted) => {
    if (actual !== predicted && count > 0) mixes.push({ actual, predicted, count })
  }))
  return mixes.sort((x, y) => y.count - x.count)
}

/**
 * Sorts `rows` (row numbers into labels/predicted) in place: mistakes first, then right answers,
 * each by the probability of the predicted class, probs: [rows of the split, classes].
 */
export function orderConfidentMistakes(
  rows: number[], labels: ArrayLike<number>, predicted: ArrayLike<number>, probs: Float32Array, classes: number
): number[] {
  const key = (i: number): number => (predicted[i] === labels[i] ? 0 : 2) + probs[i * classes + predicted[i]]
  return rows.sort((a, b) => key(b) - key(a) || a - b)
}

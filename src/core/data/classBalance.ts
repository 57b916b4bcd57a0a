/**
 * Are the classes about equally common? A network trained on uneven classes can score well by
 * favouring the big one, so the studio's data panel and the command line's `inspect` warn when
 * the largest class has at least IMBALANCE_RATIO times the training pictures of the smallest:
 *   ratio = max_c train_c / min_c train_c  (Infinity when a class has none).
 */
import { formatCount } from '../text/count'

/** A class and its count of training pictures (ClassInfo and ClassSummary are such). */
export interface ClassTrainCount {
  readonly name: string
  readonly train: number
}

/** Largest ÷ smallest training count from which the classes count as badly uneven. */
export const IMBALANCE_RATIO = 1.5

export interface Imbalance<C extends ClassTrainCount = ClassTrainCount> {
  readonly largest: C
  readonly smallest: C
  /** largest.train ÷ smallest.train (Infinity when the smallest has none). */
  readonly ratio: number
}

/** The most and least common classes and their ratio, or null for fewer than two classes. */
export function classImbalance<C extends ClassTrainCount>(classes: readonly C[]): Imbalance<C> | null {
  if (classes.length < 2) return null
  let largest = classes[0]
  let smallest = classes[0]
  for (const c of classes) {
    if (c.train > largest.train) largest = c
    if (c.train < smallest.train) smallest = c
  }
  return { largest, smallest, ratio: smallest.train > 0 ? largest.train / smallest.train : Infinity }
}

/**
 * A plain warning when the classes are badly uneven, or null when they are fine. `where` says
 * where the accuracy of each class is shown ("under Results" in the studio).
 */
export function imbalanceWarning(classes: readonly ClassTrainCount[], where: string): string | null {
  const found = classImbalance(classes)
  if (!found || found.ratio < IMBALANCE_RATIO) return null
  const { largest, smallest, ratio } = found
  if (smallest.train === 0) {
    return `"${smallest.name}" has no training pictures, so the network cannot learn what it looks like. Pick other classes, or another file.`
  }
  const times = ratio < 10 ? ratio.toFixed(1) : Math.round(ratio).toString()
  return `The classes are uneven: "${largest.name}" has ${times} times as many training pictures as "${smallest.name}" ` +
    `(${formatCount(largest.train)} against ${formatCount(smallest.train)}). ` +
    `A network can then score well just by answering "${largest.name}" more often, so check the accuracy of each class ${where}, not only the overall one.`
}

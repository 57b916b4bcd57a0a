/**
 * The accuracy a network gets without learning anything, for reading an accuracy against: with
 * k classes of about equal size, guessing gets 1/k ("chance: 50 %" for two, "chance: 10 %" for
 * ten); with uneven classes, always answering the largest class of the test split gets
 *   share = max_c test_c / Σ_c test_c     ("always saying cat: 73 %").
 * Classes count as even when the largest one's share is within EVEN_TOLERANCE of 1/k.
 */
import { formatPercent } from '../text/percent'

/** How far above 1/k the largest class's share may be for the classes to count as even. */
export const EVEN_TOLERANCE = 0.005

export interface ChanceLevel {
  /** the accuracy, 0..1. */
  readonly share: number
  /** 'chance' for even classes (share = 1/k); 'majority' for always answering `className`. */
  readonly kind: 'chance' | 'majority'
  /** the largest class (for 'majority'). */
  readonly className: string | null
  /** what the chart writes beside its line: "chance: 50 %" or "always saying cat: 73 %". */
  readonly label: string
}

/**
 * The chance level of a test split with `testCounts[c]` pictures of class `classNames[c]`; null
 * for fewer than two classes or an empty test split.
 */
export function chanceLevel(classNames: readonly string[], testCounts: readonly number[]): ChanceLevel | null {
  const k = classNames.length
  if (k < 2 || testCounts.length !== k) return null
  let total = 0
  let largest = 0
  for (let c = 0; c < k; c++) {
    total += testCounts[c]
    if (testCounts[c] > testCounts[largest]) largest = c
  }
  if (total <= 0) return null
  const share = testCounts[largest] / total
  if (share - 1 / k <= EVEN_TOLERANCE) {
    return { share: 1 / k, kind: 'chance', className: null, label: `chance: ${formatPercent(1 / k, 0)}` }
  }
  const name = classNames[largest]
  return { share, kind: 'majority', className: name, label: `always saying ${name}: ${formatPercent(share, 0)}` }
}

/**
 * The Results tab's words and numbers, worked out without a DOM: the confusion matrix as table
 * rows with a label per cell, its summary in plain language, and the predicted pictures as
 * cards (answer, how sure, right or wrong). The counting itself lives in core/nn/confusion.ts.
 */
import { classPrecision, commonMistakes, confusionTotal } from '../../../core/nn/confusion'
import type { EpochMetrics, Predictions, Split, SplitEvaluation } from '../../../shared/ipc'
import { formatPercent as percent } from '../../../core/text/percent'
import { formatCount } from '../../../core/text/count'

export { percent }

/**
 * Beside the training pictures' results (every picture scored), when the chart's training figures
 * are a sample's: how many that sample has, so that the two numbers differing is no surprise.
 */
export function trainSampleNote(split: Split, history: readonly EpochMetrics[]): string {
  const measured = history[history.length - 1]?.trainMeasured
  if (split !== 'train' || measured === undefined) return ''
  return `Every training picture is scored here; the chart's training figures are measured on a sample of ${formatCount(measured)} of them.`
}

/** How sure the network is, never quite certain: "97 %", ">99 %", "<1 %". */
export function sureText(p: number): string {
  return percent(Math.min(Math.max(p, 0.001), 0.999), 0)
}

export const SPLIT_WORDS: Record<Split, string> = { test: 'test pictures', train: 'training pictures' }

const pictures = (n: number): string => `${n} ${n === 1 ? 'picture' : 'pictures'}`

export function className(names: readonly string[], c: number): string {
  return names[c] ?? `class ${c}`
}

export interface MatrixCell {
  readonly actual: number
  readonly predicted: number
  readonly count: number
  /** count ÷ the pictures of the actual class (0 for a class with none). */
  readonly share: number
  readonly right: boolean
  /** e.g. "true cat, predicted dog: 37 pictures". */
  readonly label: string
}

export interface MatrixRow {
  readonly actual: number
  readonly name: string
  readonly cells: readonly MatrixCell[]
  /** share of this class's pictures answered right (from the evaluation). */
  readonly accuracy: number
  readonly total: number
}

export interface MatrixView {
  readonly names: readonly string[]
  readonly rows: readonly MatrixRow[]
  /** per answer: the share of pictures given that answer that were right. */
  readonly precision: readonly number[]
  readonly total: number
}

export function matrixView(evaluation: SplitEvaluation, names: readonly string[]): MatrixView {
  const C = evaluation.confusion
  const classes = C.map((_, c) => className(names, c))
  const rows = C.map((row, actual) => {
    const total = row.reduce((s, n) => s + n, 0)
    const cells = row.map((count, predicted) => ({
      actual,
      predicted,
      count,
      share: total > 0 ? count / total : 0,
      right: actual === predicted,
      label: `true ${classes[actual]}, predicted ${classes[predicted]}: ${pictures(count)}`
    }))
    return { actual, name: classes[actual], cells, accuracy: evaluation.classAccuracy[actual], total }
  })
  return { names: classes, rows, precision: classPrecision(C), total: confusionTotal(C) }
}

/** Two or three sentences: how many are right, and the most common mix-up. */
export function matrixSummary(evaluation: SplitEvaluation, names: readonly string[], split: Split): string {
  const C = evaluation.confusion
  const total = confusionTotal(C)
  const right = C.reduce((s, row, c) => s + row[c], 0)
  const first = `${right} of the ${total} ${SPLIT_WORDS[split]} are right (${percent(right / Math.max(1, total))}).`
  const worst = commonMistakes(C)[0]
  if (!worst) return `${first} No mix-ups at all.`
  return `${first} The most common mix-up: ${pictures(worst.count)} of ${className(names, worst.actual)} taken for ${className(names, worst.predicted)}.`
}

export interface PredictionCard {
  /** position in the Predictions arrays. */
  readonly slot: number
  /** row number in the split. */
  readonly index: number
  readonly actual: number
  readonly predicted: number
  readonly right: boolean
  /** the probability the network gave its answer. */
  readonly confidence: number
  readonly answer: string
  readonly truth: string
  /** the whole card in words, for screen readers and the tooltip. */
  readonly label: string
}

export function predictionCards(p: Predictions, names: readonly string[], split: Split): PredictionCard[] {
  const n = p.labels.length
  const classes = n > 0 ? p.probabilities.length / n : 0
  const cards: PredictionCard[] = []
  for (let slot = 0; slot < n; slot++) {
    const actual = p.labels[slot]
    const predicted = p.predicted[slot]
    const confidence = p.probabilities[slot * classes + predicted]
    const right = actual === predicted
    const answer = className(names, predicted)
    const truth = className(names, actual)
    const index = p.indices[slot]
    const verdict = right ? 'right' : `wrong, it is ${truth}`
    cards.push({
      slot, index, actual, predicted, right, confidence, answer, truth,
      label: `${split === 'test' ? 'Test' : 'Training'} picture ${index + 1}: the network says ${answer} (${sureText(confidence)} sure), ${verdict}.`
    })
  }
  return cards
}

/**
 * What `predict` prints: a line per picture ("cat.jpg: cat (92 %)", the K most likely classes with
 * --top K, "…, but it is dog" for a mistake), or a JSON line per picture {"file", "class",
 * "probabilities": {"<class>": p, …}} (and "expected", "correct" when its folder names its class);
 * for pictures in class folders, the accuracy and the confusion matrix (rows: the folder's class,
 * columns: the network's answer), as text or one JSON summary line.
 */
import { classAccuracy, type Confusion } from '../core/nn/confusion'
import { formatPercent } from '../core/text/percent'

/** One answered picture: probs: [classes] (one per class, summing to 1); label −1 when its folder names no class. */
export interface Answer {
  readonly file: string
  readonly probs: Float32Array
  readonly predicted: number
  readonly label: number
}

/** Classes by probability, highest first (ties in class order). */
function ranked(probs: Float32Array): number[] {
  return Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a] || a - b)
}

export function answerLine(a: Answer, classNames: readonly string[], top: number): string {
  const shown = ranked(a.probs).slice(0, top).map((c) => `${classNames[c]} (${formatPercent(a.probs[c], 0)})`)
  const wrong = a.label >= 0 && a.label !== a.predicted ? `, but it is ${classNames[a.label]}` : ''
  return `${a.file}: ${shown.join(', ')}${wrong}\n`
}

/** The JSON line of one picture; with `top` below the class count, only the `top` most likely classes. */
export function answerJson(a: Answer, classNames: readonly string[], top: number): string {
  const probabilities: Record<string, number> = {}
  for (const c of ranked(a.probs).slice(0, top)) probabilities[classNames[c]] = a.probs[c]
  const labelled = a.label >= 0 ? { expected: classNames[a.label], correct: a.label === a.predicted } : {}
  return JSON.stringify({ file: a.file, class: classNames[a.predicted], probabilities, ...labelled }) + '\n'
}

/** Accuracy, accuracy per class and the confusion matrix as text. */
export function accuracyLines(C: Confusion, classNames: readonly string[], right: number, total: number): string[] {
  const lines = [`Accuracy: ${formatPercent(right / total)} (${right} of ${total} pictures right)`]
  const perClass = classAccuracy(C)
  const nameWidth = Math.max(...classNames.map((n) => n.length), 6)
  const cellWidth = Math.max(...classNames.map((n) => n.length), ...C.flat().map((n) => String(n).length)) + 2
  lines.push('Confusion matrix (rows: the class of the folder, columns: the network\'s answer):')
  lines.push(`  ${' '.repeat(nameWidth)}${classNames.map((n) => n.padStart(cellWidth)).join('')}   accuracy`)
  C.forEach((row, a) => {
    const share = Number.isFinite(perClass[a]) ? formatPercent(perClass[a]) : '–'
    lines.push(`  ${classNames[a].padEnd(nameWidth)}${row.map((n) => String(n).padStart(cellWidth)).join('')}   ${share}`)
  })
  return lines
}

export function summaryJson(C: Confusion, classNames: readonly string[], right: number, total: number): string {
  return JSON.stringify({ summary: { pictures: total, right, accuracy: right / total, classes: classNames, confusion: C } }) + '\n'
}

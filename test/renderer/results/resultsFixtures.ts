/** Evaluations and predictions for the Results tab's tests, shaped like the worker's answers. */
import { classAccuracy } from '../../../src/core/nn/confusion'
import type { Evaluation, Predictions, SplitEvaluation } from '../../../src/shared/ipc'

export function splitEvaluation(confusion: number[][], loss = 0.25): SplitEvaluation {
  const total = confusion.flat().reduce((s, n) => s + n, 0)
  const right = confusion.reduce((s, row, c) => s + row[c], 0)
  return { loss, accuracy: right / total, confusion, classAccuracy: classAccuracy(confusion) }
}

export function evaluation(test: number[][], train: number[][] = test): Evaluation {
  return { test: splitEvaluation(test), train: splitEvaluation(train, 0.2) }
}

/**
 * Predictions of two classes for the given rows: row i's picture is filled with the value
 * `10 + i` (so a test can tell pictures apart), with the answer and its probability as given.
 */
export function predictions(rows: { index: number; label: number; predicted: number; p: number }[], total = rows.length): Predictions {
  const n = rows.length
  const out = {
    total,
    indices: new Uint32Array(n),
    pixels: new Uint8Array(n * 3072),
    labels: new Uint8Array(n),
    predicted: new Uint8Array(n),
    probabilities: new Float32Array(n * 2)
  }
  rows.forEach((r, i) => {
    out.indices[i] = r.index
    out.pixels.fill(10 + i, i * 3072, (i + 1) * 3072)
    out.labels[i] = r.label
    out.predicted[i] = r.predicted
    out.probabilities[2 * i + r.predicted] = r.p
    out.probabilities[2 * i + 1 - r.predicted] = 1 - r.p
  })
  return out
}

/**
 * What a network makes of a dataset: loss and accuracy per split with the confusion matrix
 * (confusion[actual][predicted]), and picked predictions with their pictures. The numbers come
 * from a Scorer — a run's own trainer (its engine, with the pixels already in its memory), or an
 * Evaluator for a network without one — in one exact forward pass per split, so both give the
 * same answer for the same weights.
 * Two classes: one sigmoid unit p = P(class 1), shown as [1 − p, p]; predicted = p > 0.5.
 */
import type { Dataset, Split } from '../../core/data/dataset'
import type { Scaling } from '../../core/data/scaling'
import { Evaluator, type Scores } from '../../core/training/evaluate'
import { classAccuracy, confusionMatrix, orderConfidentMistakes } from '../../core/nn/confusion'
import type { Network } from '../../core/nn/network'
import type { Evaluation, PredictionQuery, Predictions, SplitEvaluation } from '../../shared/payloads'

/** Probabilities, loss and accuracy of a split of the dataset in question (Trainer and Evaluator both are). */
export interface Scorer {
  score(split: Split): Scores
}

/** A network without a trainer, scored on an engine of its own (its pixels copied there). */
export function networkScorer(net: Network, scaling: Scaling): Scorer {
  return new Evaluator(net, scaling)
}

interface Scored {
  /** probabilities [count, classes]. */
  readonly probs: Float32Array
  readonly predicted: Uint8Array
  readonly loss: number
  readonly accuracy: number
}

/** Class probabilities and the predicted class of every row of a split. */
function score(scorer: Scorer, split: Split, classes: number): Scored {
  const { probabilities: raw, loss, accuracy } = scorer.score(split)
  const probs = classes === 2 && raw.length === split.count ? twoColumns(raw) : raw
  const predicted = new Uint8Array(split.count)
  for (let i = 0; i < split.count; i++) {
    let best = 0
    for (let c = 1; c < classes; c++) if (probs[i * classes + c] > probs[i * classes + best]) best = c
    predicted[i] = best
  }
  return { probs, predicted, loss, accuracy }
}

function twoColumns(p: Float32Array): Float32Array {
  const out = new Float32Array(p.length * 2)
  for (let i = 0; i < p.length; i++) {
    out[2 * i] = 1 - p[i]
    out[2 * i + 1] = p[i]
  }
  return out
}

function splitEvaluation(scorer: Scorer, split: Split, classes: number): SplitEvaluation {
  const { predicted, loss, accuracy } = score(scorer, split, classes)
  const confusion = confusionMatrix(split.y.subarray(0, split.count), predicted, classes)
  return { loss, accuracy, confusion, classAccuracy: classAccuracy(confusion) }
}

export function evaluate(scorer: Scorer, ds: Dataset): Evaluation {
  const classes = ds.classNames.length
  return { train: splitEvaluation(scorer, ds.train, classes), test: splitEvaluation(scorer, ds.test, classes) }
}

export function predictions(scorer: Scorer, ds: Dataset, query: PredictionQuery): Predictions {
  const split = query.split === 'train' ? ds.train : ds.test
  const classes = ds.classNames.length
  const { probs, predicted } = score(scorer, split, classes)
  let rows: number[] = []
  for (let i = 0; i < split.count; i++) {
    if (query.actual !== undefined && split.y[i] !== query.actual) continue
    if (query.predicted !== undefined && predicted[i] !== query.predicted) continue
    rows.push(i)
  }
  if (query.order === 'confident-mistakes') orderConfidentMistakes(rows, split.y, predicted, probs, classes)
  const total = rows.length
  rows = rows.slice(query.offset, query.offset + query.limit)
  const inputs = ds.inputs
  const out = {
    total,
    indices: Uint32Array.from(rows),
    pixels: new Uint8Array(rows.length * inputs),
    labels: new Uint8Array(rows.length),
    predicted: new Uint8Array(rows.length),
    probabilities: new Float32Array(rows.length * classes)
  }
  rows.forEach((row, j) => {
    out.pixels.set(split.x.subarray(row * inputs, (row + 1) * inputs), j * inputs)
    out.labels[j] = split.y[row]
    out.predicted[j] = predicted[row]
    out.probabilities.set(probs.subarray(row * classes, (row + 1) * classes), j * classes)
  })
  return out
}

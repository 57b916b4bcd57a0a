/**
 * What a network makes of a dataset: loss and accuracy per split with the confusion matrix
 * (confusion[actual][predicted]), and picked predictions with their pictures. The numbers come
 * from a Scorer — a run's own trainer (its engine, with the pixels already in its memory), or an
 * Evaluator for a network without one — in one exact forward pass per split, so both give the
 * same answer for the same weights. A run keeps its splits' scores for the weights they were made
 * with (ScoredSplits), so the Results tab's evaluation and each page of predictions after it are
 * slices of one pass per split, not a pass each.
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

/**
 * The scores of a run's splits for the weights as they are now (`version` changes whenever they
 * do): the newest weights' scores of each split are kept, older ones dropped.
 */
export class ScoredSplits {
  private kept: Array<{ readonly version: number; readonly split: Split; readonly classes: number; readonly scored: Scored }> = []

  constructor(private readonly version: () => number) {}

  /** The scores of `split` for the weights now: kept ones, or made by `scorer` and kept. */
  get(scorer: Scorer, split: Split, classes: number): Scored {
    const now = this.version()
    this.kept = this.kept.filter((k) => k.version === now)
    const hit = this.kept.find((k) => k.split === split && k.classes === classes)
    if (hit) return hit.scored
    const scored = score(scorer, split, classes)
    this.kept.push({ version: now, split, classes, scored })
    return scored
  }
}

/** The scores of `split`, kept in `cache` when there is one. */
function scoredOnce(scorer: Scorer, split: Split, classes: number, cache: ScoredSplits | null): Scored {
  return cache ? cache.get(scorer, split, classes) : score(scorer, split, classes)
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

function splitEvaluation(scorer: Scorer, split: Split, classes: number, cache: ScoredSplits | null): SplitEvaluation {
  const { predicted, loss, accuracy } = scoredOnce(scorer, split, classes, cache)
  const confusion = confusionMatrix(split.y.subarray(0, split.count), predicted, classes)
  return { loss, accuracy, confusion, classAccuracy: classAccuracy(confusion) }
}

/** Both splits' loss, accuracy and confusion; `cache`: a run's kept scores, used and filled. */
export function evaluate(scorer: Scorer, ds: Dataset, cache: ScoredSplits | null = null): Evaluation {
  const classes = ds.classNames.length
  return { train: splitEvaluation(scorer, ds.train, classes, cache), test: splitEvaluation(scorer, ds.test, classes, cache) }
}

/** One page of a split's pictures with their predictions; `cache`: a run's kept scores, used and filled. */
export function predictions(scorer: Scorer, ds: Dataset, query: PredictionQuery, cache: ScoredSplits | null = null): Predictions {
  const split = query.split === 'train' ? ds.train : ds.test
  const classes = ds.classNames.length
  const { probs, predicted } = scoredOnce(scorer, split, classes, cache)
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

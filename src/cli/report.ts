/** Plain-text lines the commands print: epoch metrics, split sizes. */
import type { Dataset } from '../core/data/dataset'
import type { EpochMetrics } from '../core/nn/hyperparameters'
import { trainMeasuredWords } from '../core/training/trainSample'

export function percent(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '--'
}

/**
 * One epoch's line; training figures measured on a sample say on how many pictures, e.g.
 * "accuracy  81.0% (2,000 of 10,000 pictures)" (`trainCount`: the training pictures, when known).
 */
export function formatEpoch(m: EpochMetrics, epochs: number, trainCount?: number): string {
  const w = String(epochs).length
  const sample = trainMeasuredWords(m.trainMeasured, trainCount)
  return (
    `Epoch ${String(m.epoch).padStart(w)}/${epochs}  ` +
    `train loss ${m.trainLoss.toFixed(4)}  accuracy ${percent(m.trainAccuracy).padStart(6)}${sample && ` (${sample})`}   ` +
    `test loss ${m.testLoss.toFixed(4)}  accuracy ${percent(m.testAccuracy).padStart(6)}   ` +
    `${m.seconds.toFixed(2)} s\n`
  )
}

export function describeSplitSizes(ds: Dataset): string {
  const split = ds.testWasSplitOff ? ' (test pictures set aside from the training ones)' : ''
  return `${ds.train.count} training and ${ds.test.count} test pictures${split}, classes: ${ds.classNames.join(', ')}`
}

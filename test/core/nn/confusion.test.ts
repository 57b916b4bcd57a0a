import { describe, expect, it } from 'vitest'
import {
  classAccuracy, classPrecision, commonMistakes, confusionMatrix, confusionTotal, orderConfidentMistakes
} from '../../../src/core/nn/confusion'

describe('the confusion matrix', () => {
  // three classes; the truth in rows, the answer in columns
  const labels = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
  const answers = Uint8Array.from([0, 0, 1, 2, 1, 1, 0, 1, 1, 2])
  const C = confusionMatrix(labels, answers, 3)

  it('counts each picture once, in the cell of its true class and its answer', () => {
    expect(C).toEqual([
      [2, 1, 1],
      [1, 2, 0],
      [0, 2, 1]
    ])
    expect(confusionTotal(C)).toBe(10)
  })

  it('reads accuracy per class along rows and precision per answer down columns', () => {
    expect(classAccuracy(C)).toEqual([2 / 4, 2 / 3, 1 / 3])
    expect(classPrecision(C)).toEqual([2 / 3, 2 / 5, 1 / 2])
    const empty = confusionMatrix([0, 0], [0, 0], 2)
    expect(classAccuracy(empty)[1]).toBeNaN()
    expect(classPrecision(empty)[1]).toBeNaN()
  })

  it('lists the mix-ups, most pictures first', () => {
    expect(commonMistakes(C)).toEqual([
      { actual: 2, predicted: 1, count: 2 },
      { actual: 0, predicted: 1, count: 1 },
      { actual: 0, predicted: 2, count: 1 },
      { actual: 1, predicted: 0, count: 1 }
    ])
    expect(commonMistakes([[5, 0], [0, 5]])).toEqual([])
  })

  it('refuses labels and answers of different lengths', () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/2 labels but 1 answers/)
  })
})

describe('confident mistakes first', () => {
  it('puts wrong answers first, each group by the probability of the answer, ties in row order', () => {
    const labels = [0, 1, 0, 1, 0, 1]
    const predicted = [1, 1, 0, 0, 1, 1]
    // probs [row, 2]: the answer's probability is 0.6, 0.9, 0.7, 0.8, 0.6, 0.55
    const probs = Float32Array.from([0.4, 0.6, 0.1, 0.9, 0.7, 0.3, 0.8, 0.2, 0.4, 0.6, 0.45, 0.55])
    const rows = [0, 1, 2, 3, 4, 5]
    expect(orderConfidentMistakes(rows, labels, predicted, probs, 2)).toEqual([3, 0, 4, 1, 2, 5])
    // a filtered subset keeps its own rows only
    expect(orderConfidentMistakes([5, 4, 2], labels, predicted, probs, 2)).toEqual([4, 2, 5])
  })
})

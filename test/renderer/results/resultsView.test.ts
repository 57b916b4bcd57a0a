import { describe, expect, it } from 'vitest'
import { matrixSummary, matrixView, percent, predictionCards, sureText, trainSampleNote } from '../../../src/renderer/src/results/resultsView'
import { predictions, splitEvaluation } from './resultsFixtures'

describe("the Results tab's words", () => {
  const e = splitEvaluation([[230, 20], [37, 213]])

  it('labels every cell with its true class, its answer and its count, and reads accuracy per class', () => {
    const view = matrixView(e, ['night', 'day'])
    expect(view.rows.map((r) => r.cells.map((c) => c.label))).toEqual([
      ['true night, predicted night: 230 pictures', 'true night, predicted day: 20 pictures'],
      ['true day, predicted night: 37 pictures', 'true day, predicted day: 213 pictures']
    ])
    expect(view.rows.map((r) => r.accuracy)).toEqual([230 / 250, 213 / 250])
    expect(view.rows[1].cells[0].share).toBeCloseTo(37 / 250)
    expect(view.precision).toEqual([230 / 267, 213 / 233])
    expect(view.total).toBe(500)
    expect(matrixView(splitEvaluation([[1, 0], [0, 1]]), []).names).toEqual(['class 0', 'class 1'])
  })

  it('sums the matrix up in plain words', () => {
    expect(matrixSummary(e, ['night', 'day'], 'test')).toBe(
      '443 of the 500 test pictures are right (88.6\u00a0%). The most common mix-up: 37 pictures of day taken for night.')
    expect(matrixSummary(splitEvaluation([[3, 0], [0, 1]]), ['a', 'b'], 'train')).toBe(
      '4 of the 4 training pictures are right (100.0\u00a0%). No mix-ups at all.')
  })

  it('turns predictions into cards with the answer, how sure and right or wrong', () => {
    const cards = predictionCards(predictions([
      { index: 4, label: 0, predicted: 1, p: 0.97 },
      { index: 9, label: 1, predicted: 1, p: 0.6 }
    ], 80), ['cat', 'dog'], 'test')
    expect(cards.map((c) => [c.index, c.answer, c.truth, c.right])).toEqual([[4, 'dog', 'cat', false], [9, 'dog', 'dog', true]])
    expect(cards[0].confidence).toBeCloseTo(0.97)
    expect(cards[0].label).toBe('Test picture 5: the network says dog (97\u00a0% sure), wrong, it is cat.')
    expect(cards[1].label).toBe('Test picture 10: the network says dog (60\u00a0% sure), right.')
  })

  it('never claims certainty, and never rounds a share short of all to 100 %', () => {
    expect([1, 0.999, 0.992, 0.5, 0.004, 0].map(sureText)).toEqual(['>99', '>99', '99', '50', '<1', '<1'].map((t) => `${t}\u00a0%`))
    expect([1, 1999 / 2000, 0.934, 1 / 5000, 0].map((s) => percent(s))).toEqual(['100.0', '>99.9', '93.4', '<0.1', '0.0'].map((t) => `${t}\u00a0%`))
    expect(percent(1 / 1000, 0)).toBe('<1\u00a0%')
    expect(percent(Number.NaN)).toBe('–')
  })
})

describe("the Results tab beside a sampled chart", () => {
  const epoch = { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.6, testAccuracy: 0.7, seconds: 1 }

  it('says that it scores every training picture when the chart\'s training figures are a sample\'s', () => {
    expect(trainSampleNote('train', [{ ...epoch, trainMeasured: 2000 }]))
      .toBe("Every training picture is scored here; the chart's training figures are measured on a sample of 2,000 of them.")
  })

  it('says nothing for the test pictures, a run measured on every picture, or before the first epoch', () => {
    expect(trainSampleNote('test', [{ ...epoch, trainMeasured: 2000 }])).toBe('')
    expect(trainSampleNote('train', [epoch])).toBe('')
    expect(trainSampleNote('train', [])).toBe('')
  })
})

import { describe, expect, it } from 'vitest'
import { bestEpoch, endOfRunSentence, finalMetrics, overfitting, overfittingSentence } from '../../../src/core/runs/summary'
import { historyOf, row } from './fixtures'

describe('bestEpoch', () => {
  it('is the epoch of the lowest test loss, with its metrics', () => {
    const h = historyOf([[0.7, 0.6], [0.6, 0.5], [0.5, 0.52]], [0.6, 0.7, 0.72])
    expect(bestEpoch(h)).toEqual({ epoch: 2, trainLoss: 0.6, trainAccuracy: 0.8, testLoss: 0.5, testAccuracy: 0.7 })
  })

  it('takes the earlier epoch on a tie', () => {
    expect(bestEpoch(historyOf([[0.7, 0.6], [0.6, 0.4], [0.5, 0.4], [0.4, 0.4]]))?.epoch).toBe(2)
  })

  it('never picks a test loss that is not a number', () => {
    expect(bestEpoch([row(1, 0.7, 0.6), row(2, NaN, NaN), row(3, Infinity, -Infinity)])?.epoch).toBe(1)
    expect(bestEpoch([row(1, NaN, NaN), row(2, NaN, Infinity)])).toBeNull()
    expect(bestEpoch([])).toBeNull()
  })
})

describe('finalMetrics', () => {
  it('is the last epoch without its seconds', () => {
    expect(finalMetrics(historyOf([[0.7, 0.6], [0.6, 0.65]]))).toEqual({ trainLoss: 0.6, trainAccuracy: 0.8, testLoss: 0.65, testAccuracy: 0.75 })
    expect(finalMetrics([])).toBeNull()
  })
})

describe('overfitting', () => {
  // test loss 0.60 0.50 0.45 0.47 0.49 0.52 …, training loss falling throughout: best at 3, rising from 4
  const losses: [number, number][] = [[0.9, 0.6], [0.8, 0.5], [0.7, 0.45], [0.6, 0.47], [0.5, 0.49], [0.4, 0.52], [0.3, 0.6]]

  it('starts at the first of 3 rises in a row of test loss while training loss falls', () => {
    expect(overfitting(historyOf(losses))).toEqual({ since: 4, best: 3 })
  })

  it('needs 3 rises: two are not enough', () => {
    expect(overfitting(historyOf(losses.slice(0, 5)))).toBeNull()
    expect(overfitting(historyOf(losses.slice(0, 6)))).toEqual({ since: 4, best: 3 })
  })

  it('is not a rise when training loss rose too (the whole run got worse, not memorising)', () => {
    const h = historyOf([[0.9, 0.6], [0.8, 0.5], [0.85, 0.55], [0.7, 0.56], [0.6, 0.57], [0.5, 0.58]])
    // epoch 3's training loss rose, so the rises run 4, 5, 6
    expect(overfitting(h)).toEqual({ since: 4, best: 2 })
  })

  it('a level test loss breaks the rises', () => {
    expect(overfitting(historyOf([[0.9, 0.5], [0.8, 0.55], [0.7, 0.55], [0.6, 0.6], [0.5, 0.65]]))).toBeNull()
  })

  it('a loss that is not a number breaks the rises', () => {
    const h = [row(1, 0.9, 0.5), row(2, 0.8, 0.55), row(3, NaN, 0.6), row(4, 0.6, 0.65), row(5, 0.5, 0.7)]
    expect(overfitting(h)).toBeNull()
  })

  it('names the best epoch before the onset, the earlier one on a tie', () => {
    const h = historyOf([[0.9, 0.4], [0.8, 0.5], [0.7, 0.4], [0.6, 0.45], [0.5, 0.5], [0.4, 0.55]])
    expect(overfitting(h)).toEqual({ since: 4, best: 1 })
  })

  it('keeps the first onset as the run trains on, whatever follows', () => {
    const first = overfitting(historyOf(losses))
    for (let extra = 0; extra < 5; extra++) {
      const h = historyOf([...losses, ...Array.from({ length: extra }, (_, i): [number, number] => [0.2 - i * 0.01, 0.3 - i * 0.01])])
      expect(overfitting(h)).toEqual(first)
    }
  })

  it('uses the history\'s epoch numbers (a continued run)', () => {
    const h = historyOf(losses).map((m) => ({ ...m, epoch: m.epoch + 10 }))
    expect(overfitting(h)).toEqual({ since: 14, best: 13 })
  })
})

describe('sentences', () => {
  it('says since when the network memorises and where it was best', () => {
    expect(overfittingSentence({ since: 9, best: 8 })).toBe('Since epoch 9 the network has been memorising the training pictures: it was best at epoch 8.')
  })

  it('names the best epoch at the end of a run', () => {
    const h = historyOf([[0.7, 0.6], [0.6, 0.41234], [0.5, 0.52]], [0.7, 0.81, 0.795])
    expect(endOfRunSentence(h)).toBe('Best at epoch 2 of 3: test accuracy 81.0\u00a0% (test loss 0.4123); at the end 79.5\u00a0%.')
    expect(endOfRunSentence(h.slice(0, 2))).toBe('Best at epoch 2, the last: test accuracy 81.0\u00a0% (test loss 0.4123).')
  })

  it('says so plainly when there is no best epoch', () => {
    expect(endOfRunSentence([])).toBe('No epoch was trained, so there is no result yet.')
    expect(endOfRunSentence([row(1, NaN, NaN)])).toMatch(/^No epoch had a test loss that is a number .* Try a smaller learning rate\.$/)
  })

  it('never rounds an accuracy short of all up to 100 %', () => {
    expect(endOfRunSentence([row(1, 0.1, 0.1, 1, 1999 / 2000)])).toContain('test accuracy >99.9\u00a0%')
  })
})

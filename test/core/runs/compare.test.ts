import { describe, expect, it } from 'vitest'
import { compareRuns, listWords } from '../../../src/core/runs/compare'
import { historyOf, manifestOf, type RunOptions } from './fixtures'

const P = '\u00a0%'
// test loss falls to epoch 8, then rises three times while training loss falls: overfits since 9
const OVERFITS: [number, number][] = [
  [0.9, 0.9], [0.8, 0.8], [0.7, 0.7], [0.6, 0.6], [0.5, 0.5], [0.45, 0.45], [0.4, 0.42], [0.35, 0.4], [0.3, 0.41], [0.25, 0.43], [0.2, 0.46]
]
const STEADY: [number, number][] = OVERFITS.map((_, i) => [0.9 - 0.05 * i, 0.9 - 0.04 * i])

/** A run whose best epoch (the last, for STEADY) has this test accuracy. */
function run(accuracy: number, o: RunOptions = {}, losses = STEADY) {
  const accuracies = losses.map(() => accuracy)
  return manifestOf({ ...o, history: historyOf(losses, accuracies) })
}

describe('compareRuns', () => {
  it('says what changed and what it did, as in the issue', () => {
    const a = run(0.78)
    const b = run(0.81, { settings: { learningRate: 0.05 } }, OVERFITS)
    expect(compareRuns(a, b)).toBe(`B used learning rate 0.05 instead of 0.01: best test accuracy 81.0${P} instead of 78.0${P}, and it began to overfit at epoch 9.`)
  })

  it('lists every differing setting in order, in the CLI\'s words', () => {
    const a = run(0.78)
    const b = run(0.77, { settings: { seed: 2, hidden: [100, 50], activation: 'tanh', l2: 0.001, epochs: 20, scaling: 'standardise', momentum: 0.9, batchSize: 100 } })
    expect(compareRuns(a, b)).toBe(
      'B used 2 hidden layers (100, 50) instead of one of 15, tanh instead of relu, batch size 100 instead of 200, momentum 0.9 instead of 0.8, ' +
      `L2 0.001 instead of 0.0001, 20 epochs instead of 10, input scaling standardise instead of centre and another seed (2 instead of 1): best test accuracy 77.0${P} instead of 78.0${P}.`
    )
  })

  it('words the hidden layers by how their number changed', () => {
    const a = run(0.78)
    expect(compareRuns(a, run(0.8, { settings: { hidden: [100] } }))).toMatch(/^B used 100 hidden units instead of 15:/)
    expect(compareRuns(run(0.8, { settings: { hidden: [100, 50] } }), run(0.8, { settings: { hidden: [100, 20] } }))).toMatch(/^B used hidden layers 100, 20 instead of 100, 50:/)
    expect(compareRuns(run(0.8, { settings: { hidden: [100, 50] } }), a)).toMatch(/^B used one hidden layer of 15 instead of 2 \(100, 50\):/)
    expect(compareRuns(a, run(0.8, { settings: { hidden: [] } }))).toMatch(/^B used no hidden layer instead of one of 15:/)
  })

  it('calls other pictures out first', () => {
    const a = run(0.78)
    const b = run(0.6, { dataset: { name: 'cifar-10-python.tar.gz', fingerprint: 'ffff0000' }, settings: { learningRate: 0.05 } })
    expect(compareRuns(a, b)).toBe(`B was trained on other pictures (cifar-10-python.tar.gz instead of cifar_2class_py2.p) and used learning rate 0.05 instead of 0.01: best test accuracy 60.0${P} instead of 78.0${P}.`)
    const sameName = run(0.78, { dataset: { fingerprint: 'ffff0000', classNames: ['airplane', 'ship'], classes: [0, 8] } })
    expect(compareRuns(a, sameName)).toMatch(/^B was trained on other pictures \(airplane, ship instead of cat, dog\):/)
    expect(compareRuns(a, run(0.78, { dataset: { fingerprint: 'ffff0000' } }))).toMatch(/^B was trained on other pictures \(a different cifar_2class_py2\.p\):/)
  })

  it('says when only the seed differs that the difference is its noise', () => {
    const a = run(0.78)
    const b = run(0.792, { settings: { seed: 2 } })
    expect(compareRuns(a, b, ['run 1', 'run 2'])).toBe(
      `run 2 used another seed (2 instead of 1): best test accuracy 79.2${P} instead of 78.0${P}; with nothing else changed, the difference is the noise of the seed.`
    )
    expect(compareRuns(a, run(0.78, { settings: { threads: 4 } }))).toMatch(/4 threads instead of 2: the same best test accuracy, 78\.0.%; with nothing else changed, the difference is rounding noise/)
  })

  it('shows more decimals only where one would read the same', () => {
    expect(compareRuns(run(0.7802), run(0.7804, { settings: { seed: 2 } }))).toContain(`best test accuracy 78.04${P} instead of 78.02${P}`)
  })

  it('never rounds an accuracy short of all up to 100 %', () => {
    expect(compareRuns(run(0.9), run(0.9996, { settings: { seed: 2 } }))).toContain(`best test accuracy >99.9${P} instead of 90.0${P}`)
  })

  it('names the overfitting of either run', () => {
    const a = run(0.78, {}, OVERFITS)
    expect(compareRuns(a, run(0.8, { settings: { seed: 3 } }))).toContain(', and A began to overfit at epoch 9 (B did not);')
    expect(compareRuns(a, run(0.8, { settings: { seed: 3 } }, OVERFITS))).toContain(', and both began to overfit at epoch 9;')
    // epoch 9 falls to 0.39, so its rises are epochs 10, 11, 12
    const later = [...OVERFITS.map(([tr, te], i): [number, number] => (i === 8 ? [tr, 0.39] : [tr, te])), [0.15, 0.5] as [number, number]]
    expect(compareRuns(a, run(0.8, { settings: { l2: 0.01 } }, later))).toContain(', and both began to overfit: B at epoch 10, A at epoch 9.')
  })

  it('says so when a run has no best epoch', () => {
    const a = run(0.78)
    const diverged = manifestOf({ settings: { learningRate: 5 }, history: historyOf([[NaN, NaN]]) })
    expect(compareRuns(a, diverged)).toBe(`B used learning rate 5 instead of 0.01: it blew up (no epoch had a test loss that is a number), where A reached a best test accuracy of 78.0${P}.`)
    expect(compareRuns(diverged, a)).toContain(`best test accuracy 78.0${P}, where A blew up`)
    expect(compareRuns(manifestOf(), manifestOf({ settings: { seed: 5 } }))).toContain('neither has a best epoch yet: B has not finished an epoch yet, A has not finished an epoch yet')
  })

  it('says when nothing differs', () => {
    expect(compareRuns(run(0.78), run(0.78))).toBe(`B used the same pictures and settings as A: the same best test accuracy, 78.0${P}.`)
  })
})

describe('listWords', () => {
  it('joins with commas and a final and', () => {
    expect(listWords([])).toBe('')
    expect(listWords(['a'])).toBe('a')
    expect(listWords(['a', 'b'])).toBe('a and b')
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})

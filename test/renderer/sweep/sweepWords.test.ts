/** A sweep in sentences: seeds, halving, run states, progress with the time left, the best run. */
import { describe, expect, it } from 'vitest'
import { bestSentence, halvingSentence, progressSentence, seedsSentence, stateWords } from '../../../src/renderer/src/sweep/sweepWords'
import { climb, sweepRun, sweepStatus } from './fixtures'

describe('the sweep in words', () => {
  it('names the seeds each combination is trained with', () => {
    expect(seedsSentence(1, 1)).toBe('Each combination is trained once, with seed 1.')
    expect(seedsSentence(1, 3)).toBe('Each combination is trained with seeds 1, 2 and 3, so that differences that are only noise show.')
    expect(seedsSentence(5, 10)).toMatch(/^Each combination is trained with seeds 5 to 14,/)
  })

  it('explains halving by the core\'s rule: each run against the runs before it', () => {
    expect(halvingSentence(3)).toBe('After epoch 3, the worse half of the runs stop: each run is compared with the runs before it at that epoch, ' +
      'and goes on only when its test loss is in the better half of them (the first run always goes on).')
  })

  it('says each run\'s state, with the problem of a failed one', () => {
    expect(stateWords('running', climb(2, 0.8), 5, null)).toBe('epoch 2 of 5')
    expect(stateWords('halted', climb(2, 0.8), 5, null)).toBe('stopped early after epoch 2: in the worse half')
    expect(stateWords('failed', [], 5, 'The computer ran out of memory.')).toBe('failed: The computer ran out of memory.')
  })

  it('counts the runs done and estimates the time left from the pace so far', () => {
    const axes = ['learningRate'] as const
    // 4 epochs in 4 s (1 s each), 2 + 3 left: about 5 s; with an epoch event, 5 in 4 s and 1 + 3 left: about 3 s
    const s = sweepStatus(axes, [
      sweepRun(axes, { runId: 1, values: [0.01], state: 'finished', history: climb(3, 0.8) }),
      sweepRun(axes, { runId: 2, values: [0.05], state: 'running', history: climb(1, 0.8) }),
      sweepRun(axes, { runId: 3, values: [0.1], state: 'waiting' })
    ], { seconds: 4 })
    expect(progressSentence(s)).toBe('1 of 3 runs done, about 5 s left.')
    expect(progressSentence(s, new Map([[2, climb(2, 0.8)]])), 'an epoch event since the state counts').toBe('1 of 3 runs done, about 3 s left.')
    expect(progressSentence({ ...s, runs: s.runs.map((r) => ({ ...r, history: [], state: 'waiting' as const })) })).toBe('0 of 3 runs done; how long it takes is known after the first epochs.')
    expect(progressSentence({ ...s, state: 'finished', seconds: 48 })).toBe('All 3 runs done in 48 s.')
    expect(progressSentence({ ...s, state: 'stopped' })).toBe('Stopped: 1 of 3 runs done, in 4.0 s.')
  })

  it('names the best run with its values, seed, accuracy and epoch', () => {
    const run = sweepRun(['learningRate', 'hidden'], { runId: 1, values: [0.05, [8]], repeat: 1, history: climb(3, 0.931) })
    expect(bestSentence(['learningRate', 'hidden'], run)).toBe('The best run is learning rate 0.05, hidden layers 8 with seed 2: best test accuracy 93.1\u00a0% at epoch 3.')
    expect(bestSentence(['learningRate'], null)).toBeNull()
  })
})

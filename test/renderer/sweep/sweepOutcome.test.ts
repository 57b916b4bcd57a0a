/** What a sweep found: its runs sorted by best test accuracy with the best marked, and the best run. */
import { describe, expect, it } from 'vitest'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { liveRuns } from '../../../src/renderer/src/sweep/sweepLive'
import { sweepOutcome } from '../../../src/renderer/src/sweep/sweepOutcome'
import { climb, finishedGrid, sweepRun, sweepStatus } from './fixtures'

describe('the outcome of a sweep', () => {
  it('sorts the runs by best test accuracy, best first and marked, each row in words', () => {
    const status = finishedGrid()
    const outcome = sweepOutcome(status.axes, liveRuns(status))
    expect(outcome.rows.map((r) => r.runId)).toEqual([8, 7, 6, 5, 12, 10, 11, 9, 4, 3, 2, 1])
    expect(outcome.rows.map((r) => r.best)).toEqual([true, ...Array(11).fill(false)])
    expect(outcome.rows[0]).toEqual({
      runId: 8, recordId: 'r00008', rank: 1, colour: RUN_COLOURS[3], values: 'learning rate 0.05, hidden layers 8', seed: 2,
      state: 'finished', bestAccuracy: '91.0\u00a0%', bestEpoch: '3', finalAccuracy: '91.0\u00a0%', time: '1.5 s', best: true
    })
    expect(outcome.best?.runId).toBe(8)
    expect(outcome.results.axes.map((a) => a.values.length)).toEqual([3, 2])
  })

  it('puts runs without a result last and has no best run when none has one', () => {
    const axes = ['learningRate'] as const
    const status = sweepStatus(axes, [
      sweepRun(axes, { runId: 1, values: [10], state: 'diverged' }),
      sweepRun(axes, { runId: 2, values: [0.01], state: 'finished', history: climb(2, 0.8) })
    ])
    const outcome = sweepOutcome(axes, liveRuns(status))
    expect(outcome.rows.map((r) => [r.runId, r.bestAccuracy, r.state])).toEqual([[2, '80.0\u00a0%', 'finished'], [1, '–', 'diverged: the loss blew up']])
    expect(sweepOutcome(axes, liveRuns({ ...status, runs: [status.runs[0]] })).best).toBeNull()
  })
})

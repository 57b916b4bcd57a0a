/** A sweep's runs for the live view: histories merged with epoch events, a colour per combination, the overlay. */
import { describe, expect, it } from 'vitest'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { combinationsOf, liveRuns, mergeHistory, sweepOverlay } from '../../../src/renderer/src/sweep/sweepLive'
import { metrics } from '../fixtures'
import { sweepRun, sweepStatus } from './fixtures'

describe('the live runs of a sweep', () => {
  it('append the epochs that came after the last state, and nothing it already has', () => {
    const state = [metrics(1), metrics(2)]
    expect(mergeHistory(state, [])).toBe(state)
    expect(mergeHistory(state, [metrics(1), metrics(2)])).toBe(state)
    expect(mergeHistory(state, [metrics(2), metrics(3), metrics(4)]).map((m) => m.epoch)).toEqual([1, 2, 3, 4])
  })

  it('give the seeds of one combination its colour, a title of their values and seed, and draw only runs with epochs', () => {
    const axes = ['learningRate', 'hidden'] as const
    const status = sweepStatus(axes, [
      sweepRun(axes, { runId: 11, values: [0.01, [4]], state: 'running', history: [metrics(1)] }),
      sweepRun(axes, { runId: 12, values: [0.01, [4]], repeat: 1, state: 'running' }),
      sweepRun(axes, { runId: 13, values: [0.05, [4]] })
    ])
    const runs = liveRuns(status, new Map([[12, [metrics(1), metrics(2)]]]))
    expect(runs.map((r) => [r.runId, r.combination, r.colour])).toEqual([[11, 0, RUN_COLOURS[0]], [12, 0, RUN_COLOURS[0]], [13, 1, RUN_COLOURS[1]]])
    expect(runs[1].title).toBe('learning rate 0.01, hidden layers 4, seed 2')
    expect(runs[1].history.map((m) => m.epoch)).toEqual([1, 2])
    expect(combinationsOf(axes, runs)).toEqual([
      { label: 'learning rate 0.01, hidden layers 4', colour: RUN_COLOURS[0] },
      { label: 'learning rate 0.05, hidden layers 4', colour: RUN_COLOURS[1] }
    ])
    const overlay = sweepOverlay(runs)
    expect(overlay.map((o) => [o.id, o.slot, o.colour])).toEqual([['11', 0, RUN_COLOURS[0]], ['12', 1, RUN_COLOURS[0]]])
    expect(liveRuns(null)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { halvingVerdicts, type HalvingRun } from '../../../src/core/runs/halving'
import { row } from './fixtures'

/** A run that reached `epochs` epochs, its test loss at epoch 2 being `loss`. */
function run(loss: number, epochs = 2, ended = false): HalvingRun {
  return { history: Array.from({ length: epochs }, (_, i) => row(i + 1, 0.5, i === 1 ? loss : 0.9)), ended }
}
const waiting = (): HalvingRun => ({ history: [], ended: false })

describe('halvingVerdicts', () => {
  it('stops a run in the worse half of the runs before it (itself included)', () => {
    // 0.2: 1st of 1; 0.4: 2nd of 2 > 1; 0.1: 1st of 3 ≤ 2; 0.3: 3rd of 4 > 2
    expect(halvingVerdicts([run(0.2), run(0.4), run(0.1), run(0.3)], 2)).toEqual(['continue', 'stop', 'continue', 'stop'])
    // best first: every later run is the worst so far
    expect(halvingVerdicts([run(0.1), run(0.2), run(0.3), run(0.4)], 2)).toEqual(['continue', 'stop', 'stop', 'stop'])
  })

  it('judges each run against the runs before it in the plan', () => {
    // 0.4: 1st of 1; 0.3: 1st of 2; 0.2: 1st of 3; 0.1: 1st of 4: each was the best so far
    expect(halvingVerdicts([run(0.4), run(0.3), run(0.2), run(0.1)], 2)).toEqual(['continue', 'continue', 'continue', 'continue'])
    // 0.3 (1/1) 0.5 (2/2 > 1) 0.1 (1/3) 0.4 (3/4 > 2) 0.2 (2/5 ≤ 3)
    expect(halvingVerdicts([run(0.3), run(0.5), run(0.1), run(0.4), run(0.2)], 2)).toEqual(['continue', 'stop', 'continue', 'stop', 'continue'])
  })

  it('always keeps one', () => {
    expect(halvingVerdicts([run(0.9)], 2)).toEqual(['continue'])
    expect(halvingVerdicts([run(NaN), run(NaN)], 2)).toEqual(['continue', 'stop'])
  })

  it('ranks a loss that is not a number last, and the earlier run first on a tie', () => {
    expect(halvingVerdicts([run(NaN), run(0.5)], 2)).toEqual(['continue', 'continue'])
    expect(halvingVerdicts([run(0.5), run(NaN)], 2)).toEqual(['continue', 'stop'])
    expect(halvingVerdicts([run(0.5), run(0.5)], 2)).toEqual(['continue', 'stop'])
  })

  it('waits for the runs before a run, and never judges against a later one', () => {
    const runs = [run(0.4), waiting(), run(0.1), run(0.5)]
    expect(halvingVerdicts(runs, 2)).toEqual(['continue', 'wait', 'wait', 'wait'])
    runs[1] = run(0.3, 1) // one epoch in: still on its way
    expect(halvingVerdicts(runs, 2)).toEqual(['continue', 'wait', 'wait', 'wait'])
    runs[1] = run(0.3)
    expect(halvingVerdicts(runs, 2)).toEqual(['continue', 'continue', 'continue', 'stop'])
  })

  it('gives the same verdicts whatever order the runs reached the epoch in', () => {
    const final = [run(0.35), run(0.2), run(0.6), run(0.1), run(0.5), run(0.3), run(0.45)]
    const expected = halvingVerdicts(final, 2)
    for (const order of [[6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 1, 5, 2, 4], [0, 1, 2, 3, 4, 5, 6]]) {
      const runs: HalvingRun[] = final.map(() => waiting())
      const decided: (string | null)[] = final.map(() => null)
      for (const i of order) {
        runs[i] = final[i]
        halvingVerdicts(runs, 2).forEach((v, j) => {
          if (v === 'continue' || v === 'stop') {
            if (decided[j] !== null) expect(v).toBe(decided[j]) // a verdict never changes
            decided[j] = v
          }
        })
      }
      expect(decided).toEqual(expected)
    }
  })

  it('leaves out runs that ended before the epoch, and judges runs that trained past it by that epoch', () => {
    const stoppedEarly: HalvingRun = { history: [row(1, 0.5, 0.01)], ended: true }
    expect(halvingVerdicts([stoppedEarly, run(0.3), run(0.4, 5)], 2)).toEqual(['ended', 'continue', 'stop'])
  })
})

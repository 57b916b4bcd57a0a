/** A new run's initial weights go out before its first batch: the baseline of the studio's "what training changed". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMALL, WorkerHarness } from '../helpers/workerHarness'

let w: WorkerHarness
beforeAll(async () => {
  w = new WorkerHarness()
  await w.ask('load-dataset', { source: { kind: 'demo' } })
})
afterAll(() => w.dispose())

const types = (): string[] => w.events.map((e) => e.type)

describe('a run’s start weights', () => {
  it('follow the new run’s state and come before any progress', async () => {
    w.clear()
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    const first = w.of('weights')[0]
    expect(first).toMatchObject({ runId, reason: 'start', epoch: 0, batch: 0 })
    expect(first.stats[0].updateRatio).toBeNull()
    const at = w.events.findIndex((e) => e.type === 'weights')
    expect(types().indexOf('state')).toBeLessThan(at)
    expect(types().indexOf('progress')).toBeGreaterThan(at)
    // the start is not the end: the run moved the weights
    expect(w.last('weights')!.first.W).not.toEqual(first.first.W)

    // "same start" begins from exactly these weights again
    w.clear()
    const again = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'same-start' })
    await w.untilState('finished', again.runId)
    expect(w.of('weights')[0]).toMatchObject({ runId: again.runId, reason: 'start' })
    expect(w.of('weights')[0].first.W).toEqual(first.first.W)
  })

  it('are not sent again when training continues the same network', async () => {
    w.clear()
    const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'continue' })
    await w.untilState('finished', runId)
    expect(w.of('weights').map((e) => e.reason)).not.toContain('start')
  })
})

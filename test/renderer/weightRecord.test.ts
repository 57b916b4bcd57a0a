/** The weight record (baseline, per-epoch snapshots) and the view model built on it, without a DOM. */
import { effectScope, nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import { weightChange } from '../../src/core/viz/weightChange'
import { weightTiles } from '../../src/core/viz/weightImage'
import { createWeightRecord, replayed, snapshotBytes } from '../../src/renderer/src/composables/useWeightRecord'
import { automaticView, useWeightView } from '../../src/renderer/src/composables/useWeightView'
import { fitZoom } from '../../src/renderer/src/composables/useWeightGallery'
import { fakeStudio, snapshot } from './fakeStudio'
import { status } from './fixtures'

function setup(budget?: number) {
  const { session, normalisation } = fakeStudio()
  const scope = effectScope(true)
  const { record, view } = scope.run(() => {
    const record = createWeightRecord(session, budget)
    const view = useWeightView(record, () => session.weights.value, () => normalisation.value, () => ['night', 'day'])
    return { record, view }
  })!
  return { session, normalisation, record, view, scope }
}

describe('the weight record', () => {
  it('keeps the run’s first weights as the baseline and one snapshot per epoch', () => {
    const { session, record, scope } = setup()
    const start = snapshot(2)
    session.weights.value = start
    session.weights.value = snapshot(2, { epoch: 0, batch: 3, reason: 'live' })
    session.weights.value = snapshot(2, { epoch: 1 })
    session.weights.value = snapshot(2, { epoch: 1, batch: 4, reason: 'live' })
    expect(record.baseline.value).toBe(start)
    expect(record.snapshots.value.map((s) => [s.epoch, s.item.batch])).toEqual([[0, 0], [1, 0]])
    expect(record.snapshots.value[1].bytes).toBe(snapshotBytes(snapshot(2)))
    scope.stop()
  })

  it('starts afresh with a new run, from its state event on', () => {
    const { session, record, scope } = setup()
    session.weights.value = snapshot(2)
    session.weights.value = snapshot(2, { epoch: 1 })
    record.replay.value = 1
    session.status.value = status({ state: 'running', runId: 2 })
    expect(record.baseline.value).toBeNull()
    expect(record.snapshots.value).toEqual([])
    expect(record.replay.value).toBeNull()
    const next = snapshot(2, { runId: 2 })
    session.weights.value = next
    expect(record.baseline.value).toBe(next)
    scope.stop()
  })

  it('thins the snapshots evenly within its budget', () => {
    const bytes = snapshotBytes(snapshot(1))
    const { session, record, scope } = setup(4.5 * bytes)
    for (let e = 0; e <= 8; e++) session.weights.value = snapshot(1, { epoch: e })
    expect(record.snapshots.value.map((s) => s.epoch)).toEqual([0, 4, 8])
    expect(replayed(record.snapshots.value, 6)?.epoch).toBe(4)
    expect(replayed(record.snapshots.value, 8)?.epoch).toBe(8)
    scope.stop()
  })
})

describe('the weight view', () => {
  it('shows what training changed while the random start outweighs it, else the weights', async () => {
    const { session, record, view, scope } = setup()
    session.weights.value = snapshot(3)
    expect(view.view.value).toBe('weights') // nothing changed yet
    const later = snapshot(3, { epoch: 2 })
    session.weights.value = later
    await nextTick()
    expect(view.share.value).toBeGreaterThan(0)
    expect(view.share.value).toBeLessThan(1)
    expect(view.automatic.value).toBe(true)
    expect(view.view.value).toBe('change')
    const change = weightTiles(weightChange(later.first.W, record.baseline.value!.first.W), 'tile')
    expect(view.tiles.value.map((t) => t.rgba)).toEqual(change.map((t) => t.rgba))
    expect(view.since.value).toBe('since the run began')
    record.chosenView.value = 'weights'
    expect(view.tiles.value.map((t) => t.rgba)).toEqual(weightTiles(later.first.W, 'tile').map((t) => t.rgba))
    expect(view.automatic.value).toBe(false)
    scope.stop()
  })

  it('shows the weights when the baseline is not a true start (an opened model, a page opened mid-run)', () => {
    expect(automaticView(snapshot(1, { epoch: 3, reason: 'loaded' }), 0.2)).toBe('weights')
    expect(automaticView(snapshot(1), 0.2)).toBe('change')
    expect(automaticView(snapshot(1), 1.5)).toBe('weights')
    expect(automaticView(snapshot(1), 0)).toBe('weights')
    expect(automaticView(null, null)).toBe('weights')
    const { session, view, record, scope } = setup()
    session.weights.value = snapshot(2, { epoch: 3, batch: 5, reason: 'loaded' })
    session.weights.value = snapshot(2, { epoch: 5 })
    expect(view.view.value).toBe('weights')
    record.chosenView.value = 'change'
    expect(view.view.value).toBe('change')
    expect(view.since.value).toBe('since epoch 4, batch 5')
    scope.stop()
  })

  it('sorts by vote for a class and gives each tile its votes', () => {
    const { session, record, view, scope } = setup()
    session.weights.value = snapshot(4, { votes: [0.5, -2, 0, 1.5] })
    expect(view.classes.value).toEqual(['night', 'day'])
    expect(view.tiles.value.map((t) => t.unit)).toEqual([0, 1, 2, 3])
    record.sortClass.value = 1
    expect(view.tiles.value.map((t) => t.unit)).toEqual([3, 0, 2, 1])
    record.sortClass.value = 0
    expect(view.tiles.value.map((t) => t.unit)).toEqual([1, 2, 0, 3])
    expect(Array.from(view.tiles.value[0].votes!)).toEqual([2, -2])
    scope.stop()
  })

  it('replays a kept epoch and follows live again', () => {
    const { session, record, view, scope } = setup()
    for (let e = 0; e <= 3; e++) session.weights.value = snapshot(2, { epoch: e })
    record.replay.value = 1
    expect(view.shown.value?.epoch).toBe(1)
    // the view chosen for the live weights holds while replaying, even the unchanged start
    expect(view.view.value).toBe('change')
    record.replay.value = 0
    expect(view.view.value).toBe('change')
    expect(view.share.value).toBe(0)
    record.replay.value = null
    expect(view.shown.value?.epoch).toBe(3)
    scope.stop()
  })
})

describe('fitZoom', () => {
  it('picks the largest tiles that fit the box', () => {
    // 15 tiles in 600 × 470: 128 px needs 4 rows of 4 (530 px), 96 px fits 6 a row in 3 rows
    expect(fitZoom(15, 600, 470, 6)).toBe(3)
    expect(fitZoom(1, 1000, 1000, 6, 8)).toBe(8)
    expect(fitZoom(4000, 300, 300, 6)).toBe(1)
    expect(fitZoom(2, 40, 1000, 6)).toBe(1)
  })
})

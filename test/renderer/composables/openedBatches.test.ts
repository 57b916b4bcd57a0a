/**
 * A reopened model (or a recorded run opened from the Runs tab) brings its batch losses: the
 * batch chart shows them again, placed by epoch, whether the chart's record exists already or is
 * made later (the Training tab opened afterwards); a fresh run clears them.
 */
import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import { createChartRecord } from '../../../src/renderer/src/composables/useChartRecord'
import { useNotices } from '../../../src/renderer/src/composables/useNotices'
import { useTrainingSession } from '../../../src/renderer/src/composables/useTrainingSession'
import { FakeApi } from '../fakeApi'
import { status } from '../fixtures'

const LOSSES = Float32Array.from([0.7, 0.6, 0.5, 0.45, 0.4, 0.38, 0.36, 0.35])

describe('the batch chart of an opened network', () => {
  it('shows the batch losses an opened model brought, four a batch-epoch here', () => {
    const api = new FakeApi()
    const scope = effectScope(true)
    const { session, record } = scope.run(() => {
      const session = useTrainingSession(api, useNotices())
      return { session, record: createChartRecord(session) }
    })!
    api.emit('train:state', status({ runId: 3, epoch: 2, targetEpoch: 2, hasNetwork: true }))
    session.showBatchLosses(LOSSES, 2)
    expect(Array.from(record.batches.values.subarray(0, record.batches.count))).toEqual(Array.from(LOSSES))
    expect(record.batches.batchesPerEpoch).toBe(4)
    expect(record.version.value).toBe(record.batches.version)

    // a chart record made afterwards (the Training tab first opened now) finds them too
    const later = scope.run(() => createChartRecord(session))!
    expect(later.batches.count).toBe(8)

    // a fresh run: its own losses only
    api.emit('train:state', status({ state: 'running', runId: 4, hasNetwork: true }))
    expect(record.batches.count).toBe(0)
    scope.stop()
  })

  it('leaves the chart alone when the model brought none', () => {
    const api = new FakeApi()
    const scope = effectScope(true)
    const session = scope.run(() => useTrainingSession(api, useNotices()))!
    api.emit('train:state', status({ runId: 3, hasNetwork: true }))
    session.showBatchLosses(undefined, 2)
    session.showBatchLosses(new Float32Array(0), 2)
    expect(session.openedBatches.value).toBeNull()
    scope.stop()
  })
})

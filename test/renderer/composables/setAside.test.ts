/**
 * A network set aside (it does not fit the dataset in use: TrainingStatus.networkMismatch) is not
 * shown as the current run: its curves and batch losses leave the charts, the status line says why
 * instead of its old test accuracy, and Continue and Step are not offered; on a dataset it fits,
 * its curves come back.
 */
import { effectScope, nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import { createChartRecord } from '../../../src/renderer/src/composables/useChartRecord'
import { useNotices } from '../../../src/renderer/src/composables/useNotices'
import { runAvailability } from '../../../src/renderer/src/composables/useRunActions'
import { SET_ASIDE, showAppNotice, withdrawSetAsideWhenFits } from '../../../src/renderer/src/composables/setAsideNote'
import { useTrainingSession } from '../../../src/renderer/src/composables/useTrainingSession'
import { describeStatus } from '../../../src/renderer/src/status/describeStatus'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { FakeApi } from '../fakeApi'
import { progress } from '../fakeStudio'
import { DEMO, metrics, status } from '../fixtures'

const ASIDE = 'The network from before tells apart 10 classes, but Demo has 2, so it is set aside: press Save model to keep it, or Train for a new network on this dataset.'
const CONFIG = { ...SEED_DEFAULTS, threads: 0 }

describe('a network set aside', () => {
  it('leaves the charts and the status line, and is not offered for Continue or Step', () => {
    const api = new FakeApi()
    const scope = effectScope(true)
    const { session, record } = scope.run(() => {
      const session = useTrainingSession(api, useNotices())
      return { session, record: createChartRecord(session) }
    })!
    const trained = status({ state: 'finished', runId: 1, epoch: 2, targetEpoch: 2, hasNetwork: true, config: CONFIG })
    api.emit('train:state', trained)
    api.emit('train:progress', progress(1, 0, [0.7, 0.6]))
    api.emit('train:epoch', { runId: 1, targetEpoch: 2, metrics: metrics(1, 0.04) })
    api.emit('train:epoch', { runId: 1, targetEpoch: 2, metrics: metrics(2, 0.05) })
    expect(session.history.value).toHaveLength(2)
    expect(record.batches.count).toBe(2)

    // the two-class demo opened after a ten-class run: the worker parks the network and says why it does not fit
    const aside = status({ state: 'idle', runId: 1, epoch: 2, targetEpoch: 2, hasNetwork: true, config: CONFIG, networkMismatch: ASIDE })
    api.emit('train:state', aside)
    expect(session.history.value).toEqual([])
    expect(record.batches.count).toBe(0)
    const text = describeStatus(session.status.value, null, DEMO, session.history.value)
    expect(text).toBe(ASIDE)
    expect(text).not.toMatch(/Test accuracy/)
    const can = runAvailability({ status: aside, busy: false, formOk: true, dataReady: true })
    expect(can).toMatchObject({ train: true, continue: false, step: false, sameStart: false, reset: true })

    // a dataset it fits again: its curves are the current run's once more
    api.emit('train:state', { ...aside, networkMismatch: null })
    expect(session.history.value.map((m) => m.epoch)).toEqual([1, 2])
    expect(runAvailability({ status: session.status.value, busy: false, formOk: true, dataReady: true }))
      .toMatchObject({ continue: true, step: true })
    scope.stop()
  })

  it('keeps its note only while it is set aside: a newer note replaces it, and it goes once the network fits', async () => {
    const api = new FakeApi()
    const scope = effectScope(true)
    const { session, notices } = scope.run(() => {
      const notices = useNotices()
      const session = useTrainingSession(api, notices)
      withdrawSetAsideWhenFits(notices, session.status)
      return { session, notices }
    })!
    const aside = status({ state: 'idle', runId: 1, epoch: 2, targetEpoch: 2, hasNetwork: true, config: CONFIG, networkMismatch: ASIDE })
    api.emit('train:state', aside)
    showAppNotice(notices, { level: 'warning', code: SET_ASIDE, message: ASIDE })
    showAppNotice(notices, { level: 'warning', code: 'other', message: 'Something else to keep.' })
    await nextTick()
    expect(notices.list.value.map((n) => n.message)).toEqual([ASIDE, 'Something else to keep.'])
    // another dataset it does not fit either: the newer note replaces the older
    const later = ASIDE.replace('Demo has 2', 'CIFAR-100 has 100')
    api.emit('train:state', { ...aside, networkMismatch: later })
    showAppNotice(notices, { level: 'warning', code: SET_ASIDE, message: later })
    await nextTick()
    expect(notices.list.value.map((n) => n.message)).toEqual(['Something else to keep.', later])
    // a dataset it fits (or a new network): the note is no longer so, and goes
    api.emit('train:state', { ...aside, networkMismatch: null })
    await nextTick()
    expect(notices.list.value.map((n) => n.message)).toEqual(['Something else to keep.'])
    expect(session.status.value?.networkMismatch).toBeNull()
    scope.stop()
  })
})

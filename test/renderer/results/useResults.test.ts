import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref, shallowRef } from 'vue'
import { useResults } from '../../../src/renderer/src/composables/useResults'
import type { DatasetInfo, EpochMetrics, Evaluation, TrainingStatus } from '../../../src/shared/ipc'
import { FakeApi } from '../fakeApi'
import { DEMO, metrics, status } from '../fixtures'
import { evaluation, predictions } from './resultsFixtures'

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
  await nextTick()
}

function follow(api: FakeApi, start: TrainingStatus, active = () => true) {
  const st = shallowRef<TrainingStatus | null>(start)
  const history = shallowRef<readonly EpochMetrics[]>([])
  const scope = effectScope()
  const results = scope.run(() => useResults(api, { status: st, history }, { throttleMs: 1000, pageSize: 6, active }))!
  return { results, status: st, history, scope }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('useResults', () => {
  it('follows a run after each epoch, at most once per throttle interval while it runs, and once more at the end', async () => {
    const api = new FakeApi({ 'train:evaluate': () => evaluation([[1, 0], [0, 1]]), 'train:predictions': () => predictions([]) })
    const { results, status: st, history, scope } = follow(api, status({ hasNetwork: false }))
    await flush()
    expect(api.calls).toEqual([])

    st.value = status({ state: 'running', runId: 1, hasNetwork: true })
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(1)
    for (let e = 1; e <= 5; e++) {
      history.value = [...history.value, metrics(e)]
      await flush()
    }
    expect(api.callsTo('train:evaluate'), 'five quick epochs wait for the throttle').toHaveLength(1)
    vi.advanceTimersByTime(1000)
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(2)
    expect(results.epoch.value).toBe(5)

    history.value = [...history.value, metrics(6)]
    st.value = status({ state: 'finished', runId: 1, epoch: 6, hasNetwork: true })
    await flush()
    expect(api.callsTo('train:evaluate'), 'the end does not wait').toHaveLength(3)
    expect(results.epoch.value).toBe(6)

    // a reset drops the network: the results go
    st.value = status({ state: 'idle', runId: 2, hasNetwork: false })
    await flush()
    expect(results.evaluation.value).toBeNull()
    expect(results.predictions.value).toBeNull()
    scope.stop()
  })

  it('drops an answer that arrives after a newer question', async () => {
    const answers: ((e: Evaluation) => void)[] = []
    const api = new FakeApi({
      'train:evaluate': () => new Promise<Evaluation>((r) => answers.push(r)),
      'train:predictions': () => predictions([])
    })
    const { results, scope } = follow(api, status({ state: 'paused', runId: 1, epoch: 1, hasNetwork: true }))
    await flush()
    void results.refresh()
    await flush()
    expect(answers).toHaveLength(2)
    answers[1](evaluation([[2, 0], [0, 2]]))
    await flush()
    answers[0](evaluation([[9, 9], [9, 9]]))
    await flush()
    expect(results.evaluation.value?.confusion).toEqual([[2, 0], [0, 2]])
    expect(results.loading.value).toBe(false)
    scope.stop()
  })

  it('pages within a cell and keeps the page in range', async () => {
    const api = new FakeApi({ 'train:evaluate': () => evaluation([[1, 0], [0, 1]]), 'train:predictions': () => predictions([], 20) })
    const { results, scope } = follow(api, status({ state: 'finished', runId: 1, epoch: 3, hasNetwork: true }))
    await flush()
    results.openCell({ actual: 0, predicted: 1 })
    await flush()
    expect(results.pages.value).toBe(4)
    results.setPage(9)
    await flush()
    expect(api.callsTo('train:predictions').at(-1)).toEqual({ query: { split: 'test', actual: 0, predicted: 1, order: 'confident-mistakes', offset: 18, limit: 6 } })
    scope.stop()
  })

  it('asks nothing while nobody looks, and catches up at the next look', async () => {
    const api = new FakeApi({ 'train:evaluate': () => evaluation([[1, 0], [0, 1]]), 'train:predictions': () => predictions([]) })
    const looking = ref(false)
    const { results, status: st, history, scope } = follow(api, status({ state: 'running', runId: 1, hasNetwork: true }), () => looking.value)
    history.value = [metrics(1), metrics(2)]
    st.value = status({ state: 'finished', runId: 1, epoch: 2, hasNetwork: true })
    await flush()
    expect(api.calls).toEqual([])
    looking.value = true
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(1)
    expect(results.epoch.value).toBe(2)
    looking.value = false
    await flush()
    looking.value = true
    await flush()
    expect(api.callsTo('train:evaluate'), 'nothing changed meanwhile').toHaveLength(1)
    scope.stop()
  })
})

describe('useResults follows the data and the network', () => {
  it('drops what it showed (a mismatch message too) when another dataset is in use, and asks again at once', async () => {
    let mismatch = false
    const api = new FakeApi({
      'train:evaluate': () => {
        if (mismatch) throw new Error('This model tells apart 10 classes, but this dataset has 2.')
        return evaluation([[1, 0], [0, 1]])
      },
      'train:predictions': () => predictions([])
    })
    const st = shallowRef<TrainingStatus | null>(status({ state: 'idle', runId: 1, epoch: 2, hasNetwork: true }))
    const history = shallowRef<readonly EpochMetrics[]>([metrics(1), metrics(2)])
    const dataset = shallowRef<DatasetInfo | null>(DEMO)
    const scope = effectScope()
    const results = scope.run(() => useResults(api, { status: st, history, dataset }, { throttleMs: 1000, pageSize: 6 }))!
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(1)
    expect(results.evaluation.value).not.toBeNull()

    // another two-class file, the same network and status: the matrix is about the old file, so it goes and is asked again
    mismatch = true
    dataset.value = { ...DEMO, name: 'other.p' }
    expect(results.evaluation.value, 'gone at once, before any answer').toBeNull()
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(2)
    expect(results.error.value).toMatch(/tells apart 10 classes/)

    // the file it fits again: the message does not stay until Refresh is pressed
    mismatch = false
    dataset.value = DEMO
    expect(results.error.value).toBeNull()
    await flush()
    expect(api.callsTo('train:evaluate')).toHaveLength(3)
    expect(results.error.value).toBeNull()
    expect(results.evaluation.value).not.toBeNull()
    scope.stop()
  })

  it('has no results for a network set aside (it does not fit the dataset in use), and none are asked for', async () => {
    const api = new FakeApi({ 'train:evaluate': () => evaluation([[1, 0], [0, 1]]), 'train:predictions': () => predictions([]) })
    const { results, status: st, scope } = follow(api, status({ state: 'finished', runId: 1, epoch: 2, hasNetwork: true }))
    await flush()
    expect(results.evaluation.value).not.toBeNull()
    st.value = status({ state: 'idle', runId: 1, epoch: 2, hasNetwork: true, networkMismatch: 'The network from before tells apart 2 classes, but x has 10, so it is set aside.' })
    await flush()
    expect(results.available.value).toBe(false)
    expect(results.evaluation.value).toBeNull()
    expect(results.error.value).toBeNull()
    expect(api.callsTo('train:evaluate')).toHaveLength(1)
    scope.stop()
  })
})

// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref, shallowRef } from 'vue'
import ResultsPanel from '../../../src/renderer/src/components/ResultsPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { API_KEY } from '../../../src/renderer/src/composables/useApi'
import type { Studio } from '../../../src/renderer/src/composables/useStudio'
import type { DatasetInfo, EpochMetrics, PredictionQuery, StudioTab, TrainingStatus } from '../../../src/shared/ipc'
import { failure, FakeApi } from '../fakeApi'
import { DEMO, metrics, status } from '../fixtures'
import { evaluation, predictions } from '../results/resultsFixtures'
import { labelsWithoutTheirText } from './labelInName'

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ({ putImageData: () => {} }) as never)
})
afterEach(() => vi.restoreAllMocks())

/** The parts of the studio the panel reads, as refs the test moves. */
function setup(api: FakeApi, start: TrainingStatus, dataset: DatasetInfo | null = DEMO) {
  const st = shallowRef<TrainingStatus | null>(start)
  const history = shallowRef<readonly EpochMetrics[]>([])
  const tab = ref<StudioTab>('results')
  const studio = { session: { status: st, history }, dataset: { dataset: shallowRef(dataset) }, tab } as unknown as Studio
  const wrapper = mount(ResultsPanel, { global: { provide: { [STUDIO as symbol]: studio, [API_KEY as symbol]: api } } })
  return { wrapper, status: st, history, tab }
}

const TEST = [[230, 20], [37, 213]]
/** rows the fake worker answers for a cell query: mistakes most confident first, as the worker sorts them. */
const MIX = [
  { index: 41, label: 1, predicted: 0, p: 0.98 },
  { index: 7, label: 1, predicted: 0, p: 0.9 },
  { index: 300, label: 1, predicted: 0, p: 0.55 }
]

function trainedApi(): FakeApi {
  return new FakeApi({
    'train:evaluate': () => evaluation(TEST, [[900, 100], [50, 950]]),
    'train:predictions': ({ query }) => query.actual === 1 && query.predicted === 0
      ? predictions(MIX, 37)
      : predictions([{ index: 0, label: 0, predicted: 0, p: 0.9 }, { index: 1, label: 1, predicted: 0, p: 0.7 }], 500)
  })
}

describe('ResultsPanel', () => {
  it('says what will appear and how to get it before there is a network, without asking the worker', async () => {
    const api = trainedApi()
    const { wrapper } = setup(api, status({ hasNetwork: false }))
    await flushPromises()
    expect(wrapper.find('[data-testid=results-empty]').text()).toMatch(/Results appear here after training.*press Train.*mixes up/s)
    expect(api.calls).toEqual([])
    const none = setup(api, status({ hasDataset: false }), null)
    expect(none.wrapper.text()).toContain('Open a dataset (or the demo)')
  })

  it('shows the matrix with accuracy per class and the first test pictures once trained', async () => {
    const api = trainedApi()
    const { wrapper, status: st, history } = setup(api, status({ hasNetwork: false }))
    history.value = [metrics(1), metrics(2)]
    st.value = status({ state: 'finished', runId: 1, epoch: 2, hasNetwork: true })
    await flushPromises()
    expect(api.callsTo('train:predictions')).toEqual([{ query: { split: 'test', order: 'index', offset: 0, limit: 24 } }])
    expect(wrapper.find('[data-testid=results-heading]').text()).toBe('After epoch 2: 88.6\u00a0% of the test pictures right · loss 0.250')
    expect(wrapper.find('[data-testid=results-summary]').text()).toContain('The most common mix-up: 37 pictures of day taken for night.')
    expect(wrapper.findAll('[data-testid=confusion-cell]').map((c) => c.attributes('aria-label')!.replace(/.*: /, ''))).toEqual(
      ['230 pictures', '20 pictures', '37 pictures', '213 pictures'])
    expect(wrapper.findAll('tbody td.acc').map((t) => t.text())).toEqual(['92.0\u00a0%', '85.2\u00a0%'])
    expect(wrapper.findAll('[data-testid=prediction]')).toHaveLength(2)
    expect(wrapper.text()).toContain('How to read this table')
  })

  it('names Refresh by what it shows, Working… included, while it asks the network again', async () => {
    const api = trainedApi()
    const { wrapper } = setup(api, status({ state: 'finished', runId: 1, epoch: 2, hasNetwork: true }))
    await flushPromises()
    let answer: () => void = () => {}
    const asked = new Promise<void>((resolve) => { answer = resolve })
    const evaluate = api.handlers['train:evaluate']!
    api.handlers['train:evaluate'] = async (args) => { await asked; return evaluate(args) }
    const refresh = wrapper.findAll('button').find((b) => b.text() === 'Refresh')!
    await refresh.trigger('click')
    // "Working…" was named "Refresh the results": a name that did not say what the button showed
    expect(refresh.text()).toBe('Working…')
    expect(labelsWithoutTheirText(wrapper)).toEqual([])
    answer()
    await flushPromises()
    expect(refresh.text()).toBe('Refresh')
    expect(refresh.attributes('title')).toBe('Ask the network again')
  })

  it('opens a cell: its pictures in the order the worker gives (most confident mistakes first), then back to all', async () => {
    const api = trainedApi()
    const { wrapper } = setup(api, status({ state: 'finished', runId: 1, epoch: 2, hasNetwork: true }))
    await flushPromises()
    await wrapper.find('[aria-label="true day, predicted night: 37 pictures"]').trigger('click')
    await flushPromises()
    const asked = api.callsTo('train:predictions').at(-1) as { query: PredictionQuery }
    expect(asked.query).toEqual({ split: 'test', actual: 1, predicted: 0, order: 'confident-mistakes', offset: 0, limit: 24 })
    expect(wrapper.find('[data-testid=results-cell-title]').text()).toBe('True day, predicted night: 37 pictures')
    const cards = wrapper.findAll('[data-testid=prediction]')
    expect(cards.map((c) => c.find('canvas').attributes('aria-label')!.replace(/:.*/, ''))).toEqual(['Test picture 42', 'Test picture 8', 'Test picture 301'])
    expect(cards.map((c) => c.attributes('data-right'))).toEqual(['false', 'false', 'false'])
    // opening a cell asks only for pictures; the matrix is the same network's
    expect(api.callsTo('train:evaluate')).toHaveLength(1)

    await wrapper.findAll('button').find((b) => b.text() === 'Show all test pictures')!.trigger('click')
    await flushPromises()
    expect((api.callsTo('train:predictions').at(-1) as { query: PredictionQuery }).query).toMatchObject({ order: 'index' })
    expect(wrapper.find('[data-testid=results-cell-title]').exists()).toBe(false)
  })

  it('switches to the training pictures and to the most confident mistakes', async () => {
    const api = trainedApi()
    const { wrapper } = setup(api, status({ state: 'paused', runId: 1, epoch: 1, hasNetwork: true }))
    await flushPromises()
    await wrapper.find('input[type=radio][value=train]').setValue(true)
    await flushPromises()
    expect(wrapper.find('[data-testid=results-summary]').text()).toMatch(/^1850 of the 2000 training pictures are right/)
    await wrapper.find('select').setValue('confident-mistakes')
    await flushPromises()
    expect((api.callsTo('train:predictions').at(-1) as { query: PredictionQuery }).query).toEqual(
      { split: 'train', order: 'confident-mistakes', offset: 0, limit: 24 })
  })

  it('says, beside the training pictures scored in full, that the chart\'s training figures are a sample\'s, only when they are', async () => {
    const api = trainedApi()
    const { wrapper, history } = setup(api, status({ state: 'paused', runId: 1, epoch: 1, hasNetwork: true }))
    history.value = [{ ...metrics(1), trainMeasured: 2000 }]
    await flushPromises()
    expect(wrapper.find('[data-testid=results-sample-note]').exists(), 'not beside the test pictures').toBe(false)
    await wrapper.find('input[type=radio][value=train]').setValue(true)
    await flushPromises()
    expect(wrapper.find('[data-testid=results-sample-note]').text()).toBe(
      "Every training picture is scored here; the chart's training figures are measured on a sample of 2,000 of them.")
    history.value = [metrics(1)]
    await flushPromises()
    expect(wrapper.find('[data-testid=results-sample-note]').exists()).toBe(false)
  })

  it('rests while another tab is open and catches up when the Results tab opens', async () => {
    const api = trainedApi()
    const { wrapper, status: st, history, tab } = setup(api, status({ hasNetwork: false }))
    tab.value = 'training'
    history.value = [metrics(1)]
    st.value = status({ state: 'finished', runId: 1, epoch: 1, hasNetwork: true })
    await flushPromises()
    expect(api.calls).toEqual([])
    tab.value = 'results'
    await flushPromises()
    expect(api.callsTo('train:evaluate')).toHaveLength(1)
    expect(wrapper.find('[data-testid=results-heading]').text()).toMatch(/^After epoch 1:/)
  })

  it('shows the plain reason when the results cannot be worked out', async () => {
    const api = new FakeApi({
      'train:evaluate': () => { throw failure('model-mismatch', 'This model expects 10 classes, but the dataset has 2.') },
      'train:predictions': () => predictions([])
    })
    const { wrapper } = setup(api, status({ state: 'idle', hasNetwork: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid=results-error]').text()).toBe('This model expects 10 classes, but the dataset has 2.')
  })
})

describe('ResultsPanel follows the data and the network', () => {
  it('drops "tells apart 10 classes" as soon as a dataset the network fits is in use, without Refresh, and says why a set-aside network has none', async () => {
    let fits = false
    const api = new FakeApi({
      'train:evaluate': () => {
        if (!fits) throw failure('model-mismatch', 'This model tells apart 10 classes, but this dataset has 2.')
        return evaluation(TEST, [[900, 100], [50, 950]])
      },
      'train:predictions': () => predictions([{ index: 0, label: 0, predicted: 0, p: 0.9 }], 500)
    })
    const st = shallowRef<TrainingStatus | null>(status({ state: 'idle', runId: 1, epoch: 2, hasNetwork: true }))
    const data = shallowRef<DatasetInfo | null>(DEMO)
    const studio = { session: { status: st, history: shallowRef([metrics(1), metrics(2)]) }, dataset: { dataset: data }, tab: ref<StudioTab>('results') } as unknown as Studio
    const wrapper = mount(ResultsPanel, { global: { provide: { [STUDIO as symbol]: studio, [API_KEY as symbol]: api } } })
    await flushPromises()
    expect(wrapper.find('[data-testid=results-error]').text()).toMatch(/tells apart 10 classes/)

    fits = true
    data.value = { ...DEMO, name: 'ten classes.bin' }
    await flushPromises()
    expect(wrapper.find('[data-testid=results-error]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=results-heading]').text()).toMatch(/After epoch 2/)

    const why = 'The network from before tells apart 10 classes, but Demo has 2, so it is set aside: press Save model to keep it, or Train for a new network on this dataset.'
    st.value = status({ state: 'idle', runId: 1, epoch: 2, hasNetwork: true, networkMismatch: why })
    await flushPromises()
    expect(wrapper.find('[data-testid=results-set-aside]').text()).toBe(why)
    expect(wrapper.find('[data-testid=results-heading]').exists()).toBe(false)
  })
})

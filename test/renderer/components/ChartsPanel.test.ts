// @vitest-environment happy-dom
/** The Training tab's charts: batch losses collected, the controls reaching the charts, and the exports. */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ChartsPanel from '../../../src/renderer/src/components/ChartsPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { CHART_INTERVAL_MS } from '../../../src/renderer/src/composables/useChartCanvas'
import { useWeightRecord } from '../../../src/renderer/src/composables/useWeightRecord'
import { fakeStudio, progress, snapshot } from '../fakeStudio'
import type { DatasetInfo } from '../../../src/shared/payloads'
import { DEMO, metrics } from '../fixtures'
import { drawn, PNG_BYTES, stubCanvas } from './canvasStub'

/** What the stand-in charts were asked to do. */
const calls: { chart: string; call: string; args: unknown[] }[] = []
const downloads: { name: string; bytes: Uint8Array }[] = []

/** A chart that records its calls; its points are counted from the last show(). */
function fakeChart(chart: string, count: (shown: unknown) => number) {
  let points = 0
  const record = (call: string) => (...args: unknown[]) => {
    calls.push({ chart, call, args })
    if (call === 'show') points = count(args[0])
  }
  return {
    show: record('show'), setLogScale: record('setLogScale'), setDiverged: record('setDiverged'), setOverlay: record('setOverlay'),
    setChance: record('setChance'), setTheme: record('setTheme'), destroy: record('destroy'),
    get points() { return points },
    smoothed: new Float32Array(64).fill(0.5)
  }
}

vi.mock('../../../src/renderer/src/charts/metricsChart', async (original) => ({
  ...(await original<object>()),
  createMetricsChart: () => fakeChart('epochs', (history) => (history as unknown[]).length)
}))
vi.mock('../../../src/renderer/src/charts/batchLossChart', () => ({
  createBatchLossChart: () => fakeChart('batches', (losses) => (losses as { count: number }).count)
}))
vi.mock('../../../src/renderer/src/files/browserFiles', () => ({
  downloadBytes: (name: string, bytes: Uint8Array) => downloads.push({ name, bytes })
}))

const last = (chart: string, call: string): unknown[] | undefined => calls.filter((c) => c.chart === chart && c.call === call).at(-1)?.args
const afterThrottle = (): Promise<void> => new Promise((r) => setTimeout(r, CHART_INTERVAL_MS + 30))

beforeEach(() => {
  stubCanvas()
  calls.length = 0
  downloads.length = 0
})
afterEach(() => vi.restoreAllMocks())

function mountPanel() {
  const fake = fakeStudio()
  const wrapper = mount(ChartsPanel, { global: { provide: { [STUDIO as symbol]: fake.studio } }, attachTo: document.body })
  return { ...fake, wrapper }
}

describe('ChartsPanel', () => {
  it('draws the epochs and every batch loss, a few times a second at most', async () => {
    const { wrapper, session } = mountPanel()
    session.history.value = [metrics(1), metrics(2)]
    session.progress.value = progress(1, 0, [0.7, 0.6, 0.5])
    session.progress.value = progress(1, 3, [0.45, 0.4])
    await afterThrottle()
    expect(last('epochs', 'show')).toEqual([[metrics(1), metrics(2)], 10])
    const [losses, smoothing, planned] = last('batches', 'show') as [{ count: number; values: Float32Array }, number, number]
    expect(losses.count).toBe(5)
    expect(Array.from(losses.values.subarray(0, 5))).toEqual([0.7, 0.6, 0.5, 0.45, 0.4].map(Math.fround))
    expect([smoothing, planned]).toEqual([0.6, 10])
    // a burst of events is drawn once, not once per event
    const shows = calls.filter((c) => c.call === 'show').length
    for (let k = 5; k < 25; k++) session.progress.value = progress(1, k, [0.3])
    await afterThrottle()
    expect(calls.filter((c) => c.call === 'show').length - shows).toBeLessThanOrEqual(2)
    expect(wrapper.find('[data-testid=batch-loss-chart]').attributes('data-points')).toBe('25')
    expect(wrapper.find('[data-testid=metrics-chart]').attributes('data-points')).toBe('2')
    wrapper.unmount()
  })

  it('passes the smoothing, the log scales and the divergence mark to the charts', async () => {
    const { wrapper, session } = mountPanel()
    session.progress.value = progress(1, 0, [0.7, 0.6])
    await afterThrottle()
    const slider = wrapper.find('input[aria-label="Smoothing of the batch loss"]')
    await slider.setValue('0.9')
    await afterThrottle()
    expect(last('batches', 'show')?.[1]).toBe(0.9)
    expect(slider.attributes('aria-valuetext')).toBe('0.90')
    await wrapper.find('input[aria-label="Log scale for the batch loss"]').setValue(true)
    expect(last('batches', 'setLogScale')).toEqual([true])
    await wrapper.find('input[aria-label="Log scale for the epoch chart\'s loss"]').setValue(true)
    expect(last('epochs', 'setLogScale')).toEqual([true])
    session.divergedAt.value = { runId: 1, epoch: 2, batch: 5, loss: Number.NaN, learningRate: 1, message: '', lossIndex: 14 }
    await flushPromises()
    expect(last('epochs', 'setDiverged')).toEqual([1.5])
    expect(last('batches', 'setDiverged')).toEqual([1.5])
    expect(wrapper.find('[data-testid=metrics-chart] canvas').attributes('aria-label')).toContain('Training diverged; a dashed line marks where.')
    wrapper.unmount()
  })

  it('saves the epochs and the batch losses as CSV, and a chart as PNG', async () => {
    const { wrapper, session } = mountPanel()
    session.history.value = [{ epoch: 1, trainLoss: 0.5, trainAccuracy: 0.75, testLoss: 0.625, testAccuracy: 0.5, seconds: 2 }]
    session.progress.value = progress(1, 0, [0.5, 0.25])
    await afterThrottle()
    await wrapper.find('button[aria-label="Save the epoch metrics as CSV"]').trigger('click')
    await wrapper.find('button[aria-label="Save every batch loss as CSV"]').trigger('click')
    await wrapper.find('button[aria-label="Save the epoch chart as PNG"]').trigger('click')
    await flushPromises()
    const text = (i: number): string => new TextDecoder().decode(downloads[i].bytes)
    expect(downloads.map((d) => d.name)).toEqual(['nn-scratch-epochs.csv', 'nn-scratch-batch-loss.csv', 'nn-scratch-epochs.png'])
    expect(text(0)).toBe('epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n1,0.5,0.75,0.625,0.5,2\n')
    // smoothed with the slider's 0.6: (0.4 · 0.6 · 0.5 + 0.4 · 0.25) / (1 − 0.36)
    expect(text(1)).toBe('batch,epoch,batch_in_epoch,loss,smoothed_loss\n1,1,1,0.5,0.5\n2,1,2,0.25,0.34375\n')
    expect(downloads[2].bytes).toEqual(PNG_BYTES)
    wrapper.unmount()
  })

  it('shows the compact gallery with the view switch, and says what to do before training', async () => {
    const { wrapper, session, studio } = mountPanel()
    expect(wrapper.text()).toContain('Press Train')
    expect(wrapper.find('button[aria-label="Save the epoch metrics as CSV"]').attributes('disabled')).toBeDefined()
    session.weights.value = snapshot(6)
    session.weights.value = snapshot(6, { epoch: 1 })
    await flushPromises()
    const gallery = wrapper.find('[data-testid=compact-weight-gallery]')
    expect(gallery.attributes()).toMatchObject({ 'data-tiles': '6', 'data-view': 'change' })
    expect(wrapper.text()).toContain('What training changed: each picture is the unit’s weights now minus its random start')
    await wrapper.find('input[type=radio][value=weights]').setValue(true)
    expect(wrapper.find('[data-testid=compact-weight-gallery]').attributes('data-view')).toBe('weights')
    // the compact gallery has no scrubber: it stays live while the Weights tab replays
    const live = wrapper.findAll('[data-testid=compact-weight-tile]').map((c) => drawn.get(c.element as HTMLCanvasElement))
    useWeightRecord(studio).replay.value = 0
    await flushPromises()
    expect(wrapper.findAll('[data-testid=compact-weight-tile]').map((c) => drawn.get(c.element as HTMLCanvasElement))).toEqual(live)
    wrapper.unmount()
  })

  it('keeps the compact gallery small for wide layers', async () => {
    const { wrapper, session } = mountPanel()
    session.weights.value = snapshot(70)
    session.weights.value = snapshot(70, { epoch: 1 })
    await flushPromises()
    expect(wrapper.findAll('[data-testid=compact-weight-tile]')).toHaveLength(64)
    expect(wrapper.text()).toContain('The first 64 of 70 units; the Weights tab shows them all.')
    wrapper.unmount()
  })

  it('draws the ticked runs beside the current one, with their legend and the sentence about two runs', async () => {
    const { wrapper, runs } = mountPanel()
    await afterThrottle()
    expect(last('epochs', 'setOverlay')).toEqual([[]])
    expect(wrapper.find('[data-testid=run-legend]').exists()).toBe(false)
    const overlay = [
      { id: 'aaaaaa', label: 'lr 0.05', colour: '#e69f00', slot: 0, history: [metrics(1), metrics(2)] },
      { id: 'bbbbbb', label: 'hidden 100', colour: '#56b4e9', slot: 1, history: [metrics(1)] }
    ]
    runs.overlay.value = overlay
    runs.comparison.value = '“hidden 100” used 100 hidden units instead of 15: best test accuracy 60.0 % instead of 65.0 %.'
    await flushPromises()
    expect(last('epochs', 'setOverlay')).toEqual([overlay])
    expect(wrapper.findAll('[data-testid=run-legend] li').map((l) => l.text())).toEqual(['This run', 'lr 0.05', 'hidden 100'])
    expect(wrapper.find('[data-testid=run-legend] li[data-run=aaaaaa] span').attributes('style')).toContain('background: #e69f00')
    expect(wrapper.find('[data-testid=chart-comparison]').text()).toBe(runs.comparison.value)
    runs.overlay.value = []
    runs.comparison.value = null
    await flushPromises()
    expect(last('epochs', 'setOverlay')).toEqual([[]])
    expect(wrapper.find('[data-testid=run-legend]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('marks the chance level of the data in use on the accuracy axis, and follows the data', async () => {
    const { wrapper, studio } = mountPanel()
    await afterThrottle()
    expect((last('epochs', 'setChance')?.[0] as { label: string }).label).toBe('chance: 50\u00a0%')
    const chart = wrapper.find('[data-testid=metrics-chart]')
    expect(chart.attributes('data-chance')).toBe('chance: 50\u00a0%')
    expect(chart.find('canvas').attributes('aria-label')).toContain('A dotted line marks the accuracy without learning, chance: 50\u00a0%.')
    const dataset = studio.dataset.dataset as unknown as { value: DatasetInfo | null }
    dataset.value = { ...DEMO, classes: [{ index: 0, name: 'night', train: 1000, test: 100 }, { index: 1, name: 'day', train: 1000, test: 300 }] }
    await flushPromises()
    expect((last('epochs', 'setChance')?.[0] as { label: string }).label).toBe('always saying day: 75\u00a0%')
    dataset.value = null
    await flushPromises()
    expect(last('epochs', 'setChance')).toEqual([null])
    wrapper.unmount()
  })

  it('rests while its tab is hidden and catches up when it opens', async () => {
    const { wrapper, session, tab } = mountPanel()
    tab.value = 'training'
    session.weights.value = snapshot(3)
    session.weights.value = snapshot(3, { epoch: 1 })
    await afterThrottle()
    const print = () => wrapper.find('[data-testid=compact-weight-gallery]').attributes('data-fingerprint')
    const before = print()
    const shows = calls.filter((c) => c.call === 'show').length
    tab.value = 'weights'
    session.progress.value = progress(1, 0, [0.7, 0.6])
    session.weights.value = snapshot(3, { epoch: 2 })
    await afterThrottle()
    expect(calls.filter((c) => c.call === 'show').length).toBe(shows)
    expect(print()).toBe(before)
    tab.value = 'training'
    await afterThrottle()
    expect((last('batches', 'show')?.[0] as { count: number }).count).toBe(2)
    expect(print()).not.toBe(before)
    wrapper.unmount()
  })
})

// @vitest-environment happy-dom
/** The Weights tab: views, colour modes, sorting, hover, enlarging, the replay and the layers' health. */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { weightChange } from '../../../src/core/viz/weightChange'
import { weightTiles } from '../../../src/core/viz/weightImage'
import WeightsPanel from '../../../src/renderer/src/components/WeightsPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { fakeStudio, snapshot } from '../fakeStudio'
import { drawn, stubCanvas } from './canvasStub'

beforeEach(stubCanvas)
afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

async function trained(units = 4, epochs = 3, votes?: number[]) {
  const fake = fakeStudio()
  const wrapper = mount(WeightsPanel, { global: { provide: { [STUDIO as symbol]: fake.studio } }, attachTo: document.body })
  const events = Array.from({ length: epochs + 1 }, (_, e) => snapshot(units, { epoch: e, votes }))
  for (const w of events) fake.session.weights.value = w
  await flushPromises()
  return { ...fake, wrapper, events }
}

const tilePixels = (wrapper: ReturnType<typeof mount>): Uint8ClampedArray[] =>
  wrapper.findAll('[data-testid=weight-gallery] canvas').map((c) => drawn.get(c.element as HTMLCanvasElement)!)

describe('WeightsPanel', () => {
  it('shows what training changed first, and the weights on request', async () => {
    const { wrapper, events } = await trained()
    const gallery = () => wrapper.find('[data-testid=weight-gallery]')
    expect(gallery().attributes('data-view')).toBe('change')
    const change = weightTiles(weightChange(events[3].first.W, events[0].first.W), 'tile')
    expect(tilePixels(wrapper)).toEqual(change.map((t) => t.rgba))
    expect(wrapper.text()).toMatch(/Shown first because the random start still outweighs what was learned: the change since the run began is \d+ % of the size of the start\./)
    await wrapper.find('input[type=radio][value=weights]').setValue(true)
    expect(gallery().attributes('data-view')).toBe('weights')
    expect(tilePixels(wrapper)).toEqual(weightTiles(events[3].first.W, 'tile').map((t) => t.rgba))
    expect(wrapper.find('label.on').text()).toBe('Weights now')
  })

  it('redraws in the colour mode picked and says what the colours mean and the input scaling', async () => {
    const { wrapper, normalisation, events } = await trained()
    await wrapper.find('select[aria-label=Colours]').setValue('zero')
    expect(normalisation.value).toBe('zero')
    await flushPromises()
    expect(tilePixels(wrapper)).toEqual(weightTiles(weightChange(events[3].first.W, events[0].first.W), 'zero').map((t) => t.rgba))
    const legend = wrapper.find('[data-testid=weight-legend]').text()
    expect(legend).toContain('Grey is no change')
    expect(legend).toContain('The inputs are pixels divided by 255, minus their average over the training pictures.')
  })

  it('sorts the pictures by their vote for a class', async () => {
    const { wrapper } = await trained(4, 1, [0.5, -2, 0, 1.5])
    const units = () => wrapper.findAll('[data-testid=weight-gallery] button').map((b) => b.attributes('data-unit'))
    const order = wrapper.find('select[aria-label="Order of the weight pictures"]')
    expect(order.findAll('option').map((o) => o.text())).toEqual(['Unit number', 'Strongest vote for night first', 'Strongest vote for day first'])
    await order.setValue('1')
    expect(units()).toEqual(['3', '0', '2', '1'])
    await order.setValue('0')
    expect(units()).toEqual(['1', '2', '0', '3'])
    await order.setValue('unit')
    expect(units()).toEqual(['0', '1', '2', '3'])
  })

  it('enlarges a clicked picture with its numbers, steps through the units and closes', async () => {
    const { wrapper } = await trained(3)
    await wrapper.findAll('[data-testid=weight-gallery] button')[1].trigger('click')
    const dialog = () => wrapper.find('[role=dialog]')
    expect(dialog().find('h2').text()).toBe('Hidden unit 2')
    expect(dialog().findAll('[data-testid=enlarged-tile]')).toHaveLength(2)
    expect(dialog().findAll('[data-testid=enlarged-tile]')[0].attributes('style')).toContain('width: 256px')
    expect(dialog().text()).toContain('What training changed since the run began')
    expect(dialog().text()).toMatch(/Weight into the output −0\.200: when this unit fires, the network leans towards night\./)
    await wrapper.find('button[aria-label="Next unit"]').trigger('click')
    expect(dialog().find('h2').text()).toBe('Hidden unit 3')
    expect(wrapper.find('button[aria-label="Next unit"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid=tile-dialog]').trigger('keydown', { key: 'ArrowLeft' })
    expect(dialog().find('h2').text()).toBe('Hidden unit 2')
    await wrapper.find('[data-testid=tile-dialog]').trigger('keydown', { key: 'Escape' })
    expect(dialog().exists()).toBe(false)
    await wrapper.findAll('[data-testid=weight-gallery] button')[0].trigger('click')
    await flushPromises()
    // focus starts on Close and Tab stays inside the dialog
    const close = wrapper.find('button[aria-label="Close the enlarged picture"]')
    expect(document.activeElement).toBe(close.element)
    await wrapper.find('[data-testid=tile-dialog]').trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(wrapper.find('button[aria-label="Next unit"]').element)
    await close.trigger('click')
    expect(dialog().exists()).toBe(false)
  })

  it('replays an earlier epoch and goes back to live', async () => {
    const { wrapper, events } = await trained(2, 3)
    const slider = wrapper.find('input[aria-label="Epoch to show"]')
    expect(slider.attributes('max')).toBe('4')
    expect(slider.attributes('aria-valuetext')).toBe('live')
    await slider.setValue('1')
    expect(slider.attributes('aria-valuetext')).toBe('after epoch 1')
    expect(wrapper.find('[data-testid=weight-scrubber]').text()).toContain('Replaying after epoch 1')
    expect(tilePixels(wrapper)).toEqual(weightTiles(weightChange(events[1].first.W, events[0].first.W), 'tile').map((t) => t.rgba))
    await slider.setValue('0')
    expect(slider.attributes('aria-valuetext')).toBe('the start of the run')
    await wrapper.find('button[aria-label="Back to live"]').trigger('click')
    expect(slider.attributes('aria-valuetext')).toBe('live')
    expect(wrapper.find('button[aria-label="Replay the epochs"]').attributes('disabled')).toBeUndefined()
  })

  it('plays the replay epoch by epoch up to live', async () => {
    vi.useFakeTimers()
    try {
      const { wrapper } = await trained(2, 2)
      await wrapper.find('button[aria-label="Replay the epochs"]').trigger('click')
      const slider = wrapper.find('input[aria-label="Epoch to show"]')
      expect(slider.attributes('aria-valuetext')).toBe('the start of the run')
      await vi.advanceTimersByTimeAsync(400)
      expect(slider.attributes('aria-valuetext')).toBe('after epoch 1')
      await vi.advanceTimersByTimeAsync(1200)
      expect(slider.attributes('aria-valuetext')).toBe('live')
      expect(wrapper.find('button[aria-label="Replay the epochs"]').exists()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('reads each layer’s step size as a plain health sign', async () => {
    const { wrapper, session } = await trained(2, 1)
    const layers = () => wrapper.findAll('[data-testid=layer-health] article')
    expect(layers().map((l) => l.find('h4').text())).toEqual(['Layer 1: 3072 inputs → 2 units', 'Layer 2: 2 units → 1 output'])
    expect(layers()[0].attributes('data-health')).toBe('healthy')
    expect(layers()[0].text()).toContain('A step moves the weights by 1/1,000 of their size. Healthy')
    session.weights.value = snapshot(2, { epoch: 2, updateRatio: 2e-5 })
    await flushPromises()
    expect(layers()[0].text()).toContain('Learning very slowly')
    session.weights.value = snapshot(2, { epoch: 3, updateRatio: 0.05 })
    await flushPromises()
    expect(layers()[0].text()).toContain('Steps too big')
    session.weights.value = snapshot(2, { epoch: 4, updateRatio: null })
    await flushPromises()
    expect(layers()[0].text()).toContain('Not measured yet')
    expect(layers()[0].find('svg').attributes('aria-label')).toMatch(/^Histogram of Layer 1: 3072 inputs → 2 units\. Weights from −1\.000 to 1\.000/)
  })

  it('says what to do before there are weights', async () => {
    const fake = fakeStudio()
    const wrapper = mount(WeightsPanel, { global: { provide: { [STUDIO as symbol]: fake.studio } } })
    expect(wrapper.text()).toContain('Press Train: a picture for each hidden unit appears here')
    expect(wrapper.find('input[aria-label="Epoch to show"]').attributes('disabled')).toBeDefined()
  })
})

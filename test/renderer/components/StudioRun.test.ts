// @vitest-environment happy-dom
/** The studio's run flows: shortcuts, the divergence guard, the question before discarding work, the tabs. */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import StudioApp from '../../../src/renderer/src/StudioApp.vue'
import { FakeApi } from '../fakeApi'
import { DEMO, SETTINGS, snapshot, status } from '../fixtures'

const CONFIG = { ...SEED_DEFAULTS, threads: 0 }

async function started(api = new FakeApi()) {
  api.handlers['app:snapshot'] ??= () => snapshot({ dataset: DEMO, training: status() })
  api.handlers['settings:update'] ??= ({ patch }) => ({ ...SETTINGS, ...patch } as typeof SETTINGS)
  const wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
  await flushPromises()
  unmount = () => wrapper.unmount()
  return { api, wrapper }
}

function key(k: string, target: Element | Window = window): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
}

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.innerHTML = ''
})

describe('the studio at work', () => {
  it('answers Enter, Space, S and Esc, but not while the user types', async () => {
    const { api } = await started()
    api.handlers['train:start'] = () => status({ state: 'running', runId: 1, targetEpoch: 10, config: CONFIG })
    api.handlers['train:pause'] = () => status({ state: 'paused', runId: 1, targetEpoch: 10, batch: 3, config: CONFIG })
    api.handlers['train:step'] = () => status({ state: 'running', runId: 1, targetEpoch: 10, config: CONFIG })
    api.handlers['train:stop'] = () => status({ state: 'finished', runId: 1, epoch: 1, targetEpoch: 1, hasNetwork: true, config: CONFIG })

    const epochs = document.querySelector('input[name=epochs]')!
    key('Enter', epochs)
    key(' ', epochs)
    key('s', epochs)
    await flushPromises()
    expect(api.calls.filter((c) => c.channel.startsWith('train:'))).toEqual([])

    key('Enter')
    await flushPromises()
    expect(api.callsTo('train:start')).toHaveLength(1)
    key(' ')
    await flushPromises()
    expect(api.callsTo('train:pause')).toHaveLength(1)
    key('s')
    await flushPromises()
    expect(api.callsTo('train:step')).toHaveLength(1)
    key('Escape')
    await flushPromises()
    expect(api.callsTo('train:stop')).toHaveLength(1)
  })

  it('explains a divergence and retries with half the learning rate from the same start', async () => {
    const { api, wrapper } = await started()
    await wrapper.find('input[name=learningRate]').setValue('0.8')
    api.emit('train:state', status({ state: 'running', runId: 2, targetEpoch: 5, hasNetwork: true, config: { ...CONFIG, learningRate: 0.8 } }))
    api.emit('train:progress', {
      runId: 2, epoch: 1, targetEpoch: 5, batch: 7, batches: 10, loss: Number.NaN, losses: new Float32Array([0.7, Number.NaN]),
      firstBatch: 5, examplesPerSecond: 1000, epochSeconds: 0.1, elapsedSeconds: 0.1
    })
    api.emit('train:diverged', { runId: 2, epoch: 1, batch: 7, loss: Number.NaN, learningRate: 0.8, message: 'Training was paused: the loss is no longer a number.' })
    api.emit('train:state', status({ state: 'paused', runId: 2, targetEpoch: 5, batch: 7, hasNetwork: true, unsavedChanges: true, config: { ...CONFIG, learningRate: 0.8 } }))
    await flushPromises()

    const guard = wrapper.find('[data-testid=divergence-guard]')
    expect(guard.attributes('role')).toBe('alert')
    expect(guard.text()).toContain('In epoch 1, batch 7, the loss stopped being a number')
    expect(guard.text()).toContain('learning rate (0.8)')
    expect(wrapper.find('[data-testid=notice][data-level=error]').exists()).toBe(false)

    api.handlers['train:start'] = () => status({ state: 'running', runId: 3, targetEpoch: 5, hasNetwork: true, config: { ...CONFIG, learningRate: 0.4 } })
    await guard.find('[data-testid=retry-half-rate]').trigger('click')
    await flushPromises()
    expect((wrapper.find('input[name=learningRate]').element as HTMLInputElement).value).toBe('0.4')
    expect(api.callsTo('train:start')).toEqual([{ config: expect.objectContaining({ learningRate: 0.4 }), from: 'same-start' }])
    // no question first: a network that blew up is not worth keeping
    expect(document.querySelector('dialog[open]')).toBeNull()
    expect(wrapper.find('[data-testid=divergence-guard]').exists()).toBe(false)
  })

  it('asks before a fresh start throws away a trained network that was not saved', async () => {
    const api = new FakeApi({
      'app:snapshot': () => snapshot({ dataset: DEMO, training: status({ state: 'finished', runId: 1, epoch: 3, targetEpoch: 3, hasNetwork: true, unsavedChanges: true, config: CONFIG }) })
    })
    const { wrapper } = await started(api)
    api.handlers['train:start'] = () => status({ state: 'running', runId: 2, targetEpoch: 10 })
    api.handlers['train:reset'] = () => status({ runId: 2 })

    await wrapper.find('button[aria-label="Train a new network"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.find('dialog')
    expect(dialog.text()).toContain('Discard the trained network?')
    expect(dialog.text()).toContain('A fresh start replaces it')
    await dialog.findAll('button').find((b) => b.text() === 'Cancel')!.trigger('click')
    await flushPromises()
    expect(api.callsTo('train:start')).toEqual([])

    await wrapper.find('button[aria-label="Reset the network"]').trigger('click')
    await flushPromises()
    await wrapper.find('dialog').findAll('button').find((b) => b.text() === 'Discard and reset')!.trigger('click')
    await flushPromises()
    expect(api.callsTo('train:reset')).toHaveLength(1)
  })

  it('asks the browser to confirm leaving the page while trained work is unsaved (browser mode only)', async () => {
    const { api } = await started()
    const leave = (): boolean => {
      const e = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(e)
      return e.defaultPrevented
    }
    expect(leave()).toBe(false)
    api.emit('train:state', status({ state: 'finished', runId: 1, epoch: 1, hasNetwork: true, unsavedChanges: true }))
    await flushPromises()
    expect(leave()).toBe(true)
    api.emit('train:state', status({ state: 'finished', runId: 1, epoch: 1, hasNetwork: true, unsavedChanges: false }))
    await flushPromises()
    expect(leave()).toBe(false)
  })

  it('switches tabs with the arrow keys, remembers the tab in the settings, and opens on it next time', async () => {
    const { api, wrapper } = await started()
    const tabs = wrapper.findAll('[role=tab]')
    expect(tabs.map((t) => t.text())).toEqual(['Training', 'Weights', 'Results', 'Try', 'Runs', 'Sweep', 'Data'])
    expect(tabs.map((t) => t.attributes('aria-selected'))).toEqual(['true', 'false', 'false', 'false', 'false', 'false', 'false'])
    expect(tabs.map((t) => t.attributes('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1', '-1', '-1'])
    await tabs[0].trigger('keydown', { key: 'ArrowLeft' })
    await flushPromises()
    expect(wrapper.find('[role=tab][aria-selected=true]').text()).toBe('Data')
    expect(document.activeElement?.textContent?.trim()).toBe('Data')
    expect((wrapper.find('#panel-data').element as HTMLElement).style.display).toBe('')
    expect((wrapper.find('#panel-training').element as HTMLElement).style.display).toBe('none')
    expect(wrapper.find('#panel-data').attributes('aria-labelledby')).toBe('tab-data')
    await wrapper.find('#tab-data').trigger('keydown', { key: 'Home' })
    await wrapper.find('#tab-training').trigger('keydown', { key: 'ArrowRight' })
    expect(api.callsTo('settings:update')).toEqual([{ patch: { studioTab: 'data' } }, { patch: { studioTab: 'training' } }, { patch: { studioTab: 'weights' } }])
    await wrapper.find('#tab-data').trigger('keydown', { key: 'ArrowLeft' })
    expect(wrapper.find('[role=tab][aria-selected=true]').text()).toBe('Sweep')
    expect(api.callsTo('settings:update')[3]).toEqual({ patch: { studioTab: 'sweep' } })
    wrapper.unmount()

    const again = await started(new FakeApi({ 'app:snapshot': () => snapshot({ dataset: DEMO, training: status(), settings: { ...SETTINGS, studioTab: 'results' } }) }))
    expect(again.wrapper.find('[role=tab][aria-selected=true]').text()).toBe('Results')
  })

  it('opens a folder of dataset files in browser mode', async () => {
    const { api, wrapper } = await started()
    api.handlers['dataset:open-bytes'] = () => ({ ...DEMO, name: 'cifar-10-batches-bin' })
    const input = wrapper.find('input[data-testid=dataset-folder]')
    const file = Object.defineProperty(new File([new Uint8Array([5])], 'data_batch_1.bin'), 'webkitRelativePath', { value: 'cifar-10-batches-bin/data_batch_1.bin' })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await flushPromises()
    const [args] = api.callsTo('dataset:open-bytes') as { source: { kind: string; name: string; files: { name: string }[] } }[]
    expect(args.source).toMatchObject({ kind: 'folder', name: 'cifar-10-batches-bin', files: [{ name: 'data_batch_1.bin' }] })
    expect(wrapper.find('[data-testid=dataset-name]').text()).toBe('cifar-10-batches-bin')
  })
})

// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import StudioApp from '../../../src/renderer/src/StudioApp.vue'
import { failure, FakeApi } from '../fakeApi'
import { DEMO, metrics, model, snapshot, status, weights } from '../fixtures'

function button(wrapper: ReturnType<typeof mount>, name: string) {
  const found = wrapper.findAll('button').find((b) => b.text() === name)
  if (!found) throw new Error(`no button "${name}"`)
  return found
}

async function started(api = new FakeApi()) {
  api.handlers['app:snapshot'] ??= () => snapshot()
  api.handlers['dataset:open-demo'] ??= () => DEMO
  const wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
  await flushPromises()
  return { api, wrapper }
}

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.innerHTML = ''
})

describe('StudioApp', () => {
  it('opens the demo dataset on start when the app has none, and says it is ready', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    expect(api.calls.map((c) => c.channel)).toEqual(['app:snapshot', 'dataset:open-demo'])
    expect(wrapper.find('[data-testid=dataset-name]').text()).toBe(DEMO.name)
    expect(wrapper.text()).toContain('2,000 training, 500 test pictures · night / day')
    api.emit('train:state', status())
    await flushPromises()
    expect(wrapper.find('[data-testid=status-text]').text()).toBe(`Ready to train on ${DEMO.name}: check the settings and press Train.`)
  })

  it('keeps the dataset the app already has instead of opening the demo, and shows waiting notices', async () => {
    const api = new FakeApi({
      'app:snapshot': () => snapshot({
        dataset: { ...DEMO, name: 'cats.p' }, training: status(),
        notices: [{ level: 'warning', code: 'settings-reset', message: 'Your settings file was damaged, so it was reset.' }]
      })
    })
    const { wrapper } = await started(api)
    unmount = () => wrapper.unmount()
    expect(api.callsTo('dataset:open-demo')).toEqual([])
    expect(wrapper.find('[data-testid=dataset-name]').text()).toBe('cats.p')
    expect(wrapper.find('[data-testid=notice][data-level=warning]').text()).toContain('Your settings file was damaged, so it was reset.')
  })

  it('trains with what the form says, then follows the run through its events', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    api.handlers['train:start'] = () => status({ state: 'running', runId: 1, targetEpoch: 4 })
    api.handlers['settings:update'] = () => snapshot().settings
    await wrapper.find('input[name=hidden-0]').setValue('12')
    await wrapper.find('input[name=epochs]').setValue('4')
    await button(wrapper, 'Train').trigger('click')
    await flushPromises()
    const [start] = api.callsTo('train:start') as { config: Record<string, unknown>; from: string }[]
    expect(start.from).toBe('fresh')
    expect(start.config).toMatchObject({ hidden: [12], epochs: 4, learningRate: 0.01, batchSize: 200, momentum: 0.8, threads: 0 })
    expect(button(wrapper, 'Train').attributes('disabled')).toBeDefined()
    expect(button(wrapper, 'Pause').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('input[name=hidden-0]').element.closest('fieldset')?.hasAttribute('disabled')).toBe(true)
    expect(wrapper.find('input[name=learningRate]').attributes('disabled')).toBeDefined()

    api.emit('train:progress', {
      runId: 1, epoch: 2, targetEpoch: 4, batch: 5, batches: 10, loss: 0.4, losses: new Float32Array([0.4]),
      firstBatch: 14, examplesPerSecond: 12345, epochSeconds: 0.2, elapsedSeconds: 1
    })
    api.emit('train:epoch', { runId: 1, metrics: metrics(1), targetEpoch: 4 })
    api.emit('train:weights', weights(12))
    await flushPromises()
    expect(wrapper.find('[data-testid=status-text]').text()).toBe('Training: epoch 2 of 4, batch 5 of 10.')
    expect(wrapper.find('[data-testid=status-details]').text()).toContain('12,345 pictures/s')
    expect(wrapper.find('progress').attributes('aria-label')).toBe('Run 38 % done')
    expect(wrapper.find('#panel-weights').findAll('[data-testid=weight-tile]')).toHaveLength(12)
    expect(wrapper.find('canvas[role=img]').attributes('aria-label')).toMatch(/^1 epoch so far\. After epoch 1: test accuracy 55\.0 %/)
    // events of another run are not mixed in
    api.emit('train:weights', weights(3, 99))
    await flushPromises()
    expect(wrapper.find('#panel-weights').findAll('[data-testid=weight-tile]')).toHaveLength(12)

    api.handlers['train:pause'] = () => status({ state: 'paused', runId: 1, epoch: 1, targetEpoch: 4, batch: 5, settings: { learningRate: 0.01, momentum: 0.8, l2: 0.0001 } })
    await button(wrapper, 'Pause').trigger('click')
    await flushPromises()
    expect(button(wrapper, 'Resume').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid=status-text]').text()).toBe('Paused at epoch 2 of 4, batch 5 of 10. Press Resume to carry on.')
    // while paused only the learning rate, momentum and L2 penalty are open, and apply on resume
    expect(wrapper.find('input[name=epochs]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('input[name=learningRate]').attributes('disabled')).toBeUndefined()
    await wrapper.find('input[name=learningRate]').setValue('0.005')
    api.handlers['train:update-settings'] = ({ settings }) => status({ state: 'paused', runId: 1, epoch: 1, targetEpoch: 4, batch: 5, settings })
    api.handlers['train:resume'] = () => status({ state: 'running', runId: 1, epoch: 1, targetEpoch: 4, batch: 5 })
    await button(wrapper, 'Resume').trigger('click')
    await flushPromises()
    expect(api.callsTo('train:update-settings')).toEqual([{ settings: { learningRate: 0.005, momentum: 0.8, l2: 0.0001 } }])
    expect(api.calls.map((c) => c.channel).slice(-2)).toEqual(['train:update-settings', 'train:resume'])
  })

  it('refuses to train with a wrong field and says why beside it', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    await wrapper.find('input[name=learningRate]').setValue('-1')
    expect(wrapper.find('#learningRate-error').text()).toMatch(/^The learning rate must be above 0/)
    expect(wrapper.find('input[name=learningRate]').attributes('aria-invalid')).toBe('true')
    expect(button(wrapper, 'Train').attributes('disabled')).toBeDefined()
    expect(api.callsTo('train:start')).toEqual([])
  })

  it('shows a failed upload in a banner that can be dismissed', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    api.handlers['dataset:open-bytes'] = () => {
      throw failure('not-a-dataset', '"noise.bin" is not a dataset NN Scratch can read.')
    }
    const input = wrapper.find('input[data-testid=dataset-file]')
    const file = new File([new Uint8Array([1, 2, 3])], 'noise.bin')
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await flushPromises()
    const [args] = api.callsTo('dataset:open-bytes') as { source: { kind: string; name: string; bytes: Uint8Array } }[]
    expect(args.source).toMatchObject({ kind: 'file', name: 'noise.bin' })
    expect(Array.from(args.source.bytes)).toEqual([1, 2, 3])
    const alert = wrapper.find('[role=alert][data-testid=notice]')
    expect(alert.text()).toContain('"noise.bin" is not a dataset NN Scratch can read.')
    await alert.find('button[aria-label="Dismiss this message"]').trigger('click')
    expect(wrapper.find('[data-testid=notice][data-level=error]').exists()).toBe(false)
  })

  it('shows an opened model: its history, its settings and its weights', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    const history = [metrics(1), metrics(2), metrics(3)]
    api.handlers['model:open-bytes'] = () => model(history)
    const input = wrapper.find('input[data-testid=model-file]')
    Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array(8)], 'night-day.safetensors')], configurable: true })
    await input.trigger('change')
    api.emit('train:state', status({ runId: 2, epoch: 3, targetEpoch: 3, hasNetwork: true }))
    api.emit('train:weights', weights(7, 2, 'loaded'))
    await flushPromises()
    expect((wrapper.find('input[name=hidden-0]').element as HTMLInputElement).value).toBe('7')
    expect((wrapper.find('select[name=activation]').element as HTMLSelectElement).value).toBe('tanh')
    expect(wrapper.find('canvas[role=img]').attributes('aria-label')).toMatch(/^3 epochs so far\. After epoch 3/)
    expect(wrapper.find('#panel-weights').findAll('[data-testid=weight-tile]')).toHaveLength(7)
    expect(wrapper.find('[data-testid=status-text]').text()).toMatch(/^The network has trained 3 epochs\. Test accuracy 65\.0\u00a0%/)
    expect(button(wrapper, 'Save model…').attributes('disabled')).toBeUndefined()
    // it can be trained further with its own settings
    api.handlers['train:start'] = () => status({ state: 'running', runId: 2, epoch: 3, targetEpoch: 6, hasNetwork: true })
    await button(wrapper, 'Continue').trigger('click')
    await flushPromises()
    expect(api.callsTo('train:start')).toEqual([{ config: expect.objectContaining({ hidden: [7], activation: 'tanh', epochs: 3 }), from: 'continue' }])
  })

  it('saves the model as a download in browser mode, and says so', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    api.emit('train:state', status({ state: 'finished', runId: 1, epoch: 2, targetEpoch: 2, hasNetwork: true }))
    api.handlers['model:save-bytes'] = () => ({ name: 'demo-15-hidden-2-epochs.safetensors', bytes: new Uint8Array([1, 2]) })
    const clicked: string[] = []
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    await flushPromises()
    await button(wrapper, 'Save model…').trigger('click')
    await flushPromises()
    expect(api.callsTo('model:save-bytes')).toEqual([{ format: 'safetensors' }])
    expect(clicked).toEqual(['demo-15-hidden-2-epochs.safetensors'])
    expect(wrapper.find('[data-testid=notice][data-level=info]').text()).toContain('Model downloaded as demo-15-hidden-2-epochs.safetensors.')
    click.mockRestore()
  })

  it("uses the desktop app's native dialogs when it has them", async () => {
    const api = new FakeApi({
      'app:snapshot': () => snapshot({ info: { version: '1', mode: 'desktop', nativeDialogs: true, cpuCount: 8 }, dataset: DEMO, training: status() }),
      'dataset:open-dialog': () => null,
      'model:save-dialog': () => {
        api.emit('model:saved', { name: 'cats.safetensors', path: '/home/me/cats.safetensors' })
        return { name: 'cats.safetensors', path: '/home/me/cats.safetensors' }
      }
    })
    const { wrapper } = await started(api)
    unmount = () => wrapper.unmount()
    // datasets and models open by main's dialogs (a path main reads, the recent list); only the Try
    // tab's pictures are chosen by the page, as bytes, in either mode
    expect(wrapper.findAll('input[type=file]').map((i) => i.attributes('data-testid'))).toEqual(['try-pictures', 'try-folder'])
    await button(wrapper, 'Open dataset…').trigger('click')
    await flushPromises()
    expect(api.callsTo('dataset:open-dialog')).toHaveLength(1)
    // a cancelled dialog changes nothing and says nothing
    expect(wrapper.find('[data-testid=notice]').exists()).toBe(false)
    api.emit('train:state', status({ state: 'finished', runId: 1, epoch: 1, targetEpoch: 1, hasNetwork: true }))
    await flushPromises()
    await button(wrapper, 'Save model…').trigger('click')
    await flushPromises()
    expect(api.callsTo('model:save-dialog')).toEqual([{ format: 'safetensors' }])
    expect(wrapper.find('[data-testid=notice][data-level=info]').text()).toContain('Model saved as cats.safetensors.')
  })

  it('says in words when a run ends, and exports the weights as .npz', async () => {
    const { api, wrapper } = await started()
    unmount = () => wrapper.unmount()
    api.emit('train:state', status({ state: 'running', runId: 3, targetEpoch: 2 }))
    api.emit('train:finished', { runId: 3, reason: 'completed', history: [metrics(1), metrics(2, 0.875)] })
    api.emit('train:state', status({ state: 'finished', runId: 3, epoch: 2, targetEpoch: 2, hasNetwork: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid=notice][data-level=info]').text()).toContain('Training finished after epoch 2. Best at epoch 2, the last: test accuracy 87.5\u00a0% (test loss 0.3667).')
    api.handlers['model:save-bytes'] = ({ format }) => ({ name: `demo.${format}`, bytes: new Uint8Array([1]) })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await wrapper.find('button[data-testid=export-npz]').trigger('click')
    await flushPromises()
    expect(api.callsTo('model:save-bytes')).toEqual([{ format: 'npz' }])
    // information stacks (each leaves by itself): the newest is last
    expect(wrapper.findAll('[data-testid=notice][data-level=info]').at(-1)?.text()).toContain('Weights exported as demo.npz.')
    click.mockRestore()
  })

  it('redraws a trained but unsaved run after a reload, from the snapshot', async () => {
    const history = [metrics(1), metrics(2)]
    const api = new FakeApi({
      'app:snapshot': () => snapshot({
        dataset: DEMO, training: status({ state: 'finished', runId: 4, epoch: 2, targetEpoch: 2, hasNetwork: true, unsavedChanges: true }),
        weights: weights(5, 4, 'loaded'), history
      })
    })
    const { wrapper } = await started(api)
    unmount = () => wrapper.unmount()
    expect(wrapper.find('canvas[role=img]').attributes('aria-label')).toMatch(/^2 epochs so far\. After epoch 2/)
    expect(wrapper.find('[data-testid=status-text]').text()).toMatch(/^Finished: trained 2 epochs\./)
  })

  it('stops listening to the API when it goes away', async () => {
    const { api, wrapper } = await started()
    expect(api.listenerCount()).toBeGreaterThan(5)
    wrapper.unmount()
    expect(api.listenerCount()).toBe(0)
  })
})

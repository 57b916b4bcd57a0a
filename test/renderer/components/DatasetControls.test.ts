// @vitest-environment happy-dom
/** The header's dataset controls in the studio: opening a file shows what is happening and can be cancelled. */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import StudioApp from '../../../src/renderer/src/StudioApp.vue'
import type { DatasetInfo } from '../../../src/shared/ipc'
import { failure, FakeApi } from '../fakeApi'
import { DEMO, snapshot } from '../fixtures'

let unmount: (() => void) | undefined
afterEach(() => {
  unmount?.()
  document.body.innerHTML = ''
})

async function studio(api: FakeApi) {
  api.handlers['app:snapshot'] ??= () => snapshot({ dataset: DEMO })
  const wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
  unmount = () => wrapper.unmount()
  await flushPromises()
  return wrapper
}

/** Picks `file` in the hidden file input, as the browser does. */
async function pick(wrapper: Awaited<ReturnType<typeof studio>>, file: File): Promise<void> {
  const input = wrapper.find('input[data-testid=dataset-file]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('DatasetControls', () => {
  it('offers Cancel while a file is opened; cancelling keeps the dataset from before and reports nothing', async () => {
    const api = new FakeApi()
    let reject: (e: unknown) => void = () => undefined
    api.handlers['dataset:open-bytes'] = () => new Promise<DatasetInfo>((_, r) => { reject = r })
    api.handlers['dataset:cancel-open'] = () => {
      reject(failure('cancelled', 'Opening the dataset was cancelled. The dataset from before is still in use.'))
      return true
    }
    const wrapper = await studio(api)
    expect(wrapper.find('[data-testid=cancel-open]').exists()).toBe(false)

    await pick(wrapper, new File([new Uint8Array([1, 2, 3])], 'cats.p'))
    expect(wrapper.find('[data-testid=dataset-summary]').text()).toBe('Reading cats.p…')
    const cancel = wrapper.find('[data-testid=cancel-open]')
    expect(cancel.text()).toBe('Cancel')
    expect(wrapper.findAll('button').find((b) => b.text() === 'Use demo')?.attributes('disabled')).toBeDefined()

    await cancel.trigger('click')
    await flushPromises()
    expect(api.callsTo('dataset:cancel-open')).toEqual([{}])
    expect(wrapper.find('[data-testid=notice]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=cancel-open]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=dataset-name]').text()).toBe(DEMO.name)
    expect(wrapper.findAll('button').find((b) => b.text() === 'Use demo')?.attributes('disabled')).toBeUndefined()
  })

  it('does not send a file the page was still reading when Cancel was pressed', async () => {
    const api = new FakeApi()
    api.handlers['dataset:open-bytes'] = () => DEMO
    api.handlers['dataset:cancel-open'] = () => false
    const wrapper = await studio(api)
    const file = new File([new Uint8Array([1, 2, 3])], 'big.npz')
    let finishReading: () => void = () => undefined
    const bytes = file.arrayBuffer()
    file.arrayBuffer = () => new Promise((resolve) => { finishReading = () => resolve(bytes) })

    await pick(wrapper, file)
    await wrapper.find('[data-testid=cancel-open]').trigger('click')
    finishReading()
    await flushPromises()
    expect(api.callsTo('dataset:open-bytes')).toEqual([])
    expect(wrapper.find('[data-testid=notice]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=dataset-summary]').text()).not.toContain('big.npz')
  })
})

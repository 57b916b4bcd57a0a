// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, provide } from 'vue'
import { pictureRgba } from '../../../src/core/data/picture'
import DataPanel from '../../../src/renderer/src/components/DataPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { useStudio, type Studio } from '../../../src/renderer/src/composables/useStudio'
import type { DatasetInfo } from '../../../src/shared/ipc'
import { FakeApi } from '../fakeApi'
import { DEMO, snapshot, status } from '../fixtures'

const TEN = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

/** A CIFAR-10-like source with two pictures per class (picture i is all value 10·i + channel). */
function cifar(patch: Partial<DatasetInfo> = {}): DatasetInfo {
  const n = 20
  const pixels = new Uint8Array(n * 3072)
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) pixels.fill(10 * i + c, i * 3072 + c * 1024, i * 3072 + (c + 1) * 1024)
  return {
    ...DEMO, name: 'sample_cifar10.bin', origin: 'bytes', trainCount: 80, testCount: 20, testWasSplitOff: true,
    options: { classes: 'all', testFraction: 0.2 }, sourceClassNames: TEN,
    classes: TEN.map((name, index) => ({ index, name, train: 8, test: 2 })),
    samples: { perClass: 2, pixels, labels: Uint8Array.from({ length: n }, (_, i) => Math.floor(i / 2)) },
    ...patch
  }
}

const drawn = new Map<HTMLCanvasElement, Uint8ClampedArray>()
beforeEach(() => {
  drawn.clear()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return { putImageData: (image: ImageData) => drawn.set(this, image.data) } as unknown as CanvasRenderingContext2D
  } as never)
})
afterEach(() => vi.restoreAllMocks())

async function panel(dataset: DatasetInfo | null, api = new FakeApi()) {
  api.handlers['app:snapshot'] ??= () => snapshot({ dataset, training: status({ hasDataset: dataset !== null }) })
  api.handlers['dataset:open-demo'] ??= () => DEMO
  let studio!: Studio
  const Host = defineComponent({
    setup() {
      studio = useStudio(api)
      provide(STUDIO, studio)
      return () => h(DataPanel)
    }
  })
  const wrapper = mount(Host)
  await studio.boot()
  await flushPromises()
  return { wrapper, api, studio }
}

describe('DataPanel', () => {
  it('shows the splits, every class with its counts, and sample pictures drawn pixel for pixel', async () => {
    const { wrapper } = await panel(cifar())
    expect(wrapper.text()).toContain('32×32 pixels, colour · 80 to train on, 20 to test with')
    const rows = wrapper.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()).slice(0, 3))
    expect(rows[0]).toEqual(['airplane', '8', '2'])
    expect(rows).toHaveLength(10)
    const pictures = wrapper.findAll('[data-testid=sample-picture]')
    expect(pictures).toHaveLength(20)
    expect(pictures[3].attributes('aria-label')).toBe('automobile, training picture 2')
    expect(pictures[3].attributes('style')).toContain('width: 64px')
    expect(drawn.get(pictures[3].element as HTMLCanvasElement)).toEqual(pictureRgba(cifar().samples.pixels, 3))
    expect(wrapper.find('[data-testid=imbalance-warning]').exists()).toBe(false)
  })

  it('warns when the classes are badly uneven, and says what that means', async () => {
    const { wrapper } = await panel(cifar({ classes: [{ index: 0, name: 'cat', train: 900, test: 100 }, { index: 1, name: 'dog', train: 300, test: 100 }] }))
    expect(wrapper.find('[data-testid=imbalance-warning]').text()).toMatch(/^The classes are uneven: "cat" has 3\.0 times as many training pictures as "dog"/)
  })

  it('picks classes by name and asks for them', async () => {
    const api = new FakeApi()
    api.handlers['dataset:configure'] = ({ options }) => cifar({ options, classes: [{ index: 0, name: 'airplane', train: 8, test: 2 }, { index: 1, name: 'ship', train: 8, test: 2 }] })
    const { wrapper } = await panel(cifar(), api)
    const picker = wrapper.find('[data-testid=class-picker]')
    const use = () => picker.findAll('button').find((b) => b.text() === 'Use these classes')!
    expect(use().attributes('disabled')).toBeDefined() // nothing changed yet
    for (const name of TEN.filter((n) => n !== 'airplane' && n !== 'ship')) {
      await picker.findAll('label').find((l) => l.text() === name)!.find('input').setValue(false)
    }
    expect(picker.text()).toContain('Picked: airplane and ship.')
    await use().trigger('click')
    await flushPromises()
    expect(api.callsTo('dataset:configure')).toEqual([{ options: { classes: [0, 8], testFraction: 0.2 } }])
    expect(wrapper.findAll('tbody tr').map((r) => r.find('th').text())).toEqual(['airplane', 'ship'])
  })

  it('refuses a single class with the reason, and can go back to all', async () => {
    const { wrapper } = await panel(cifar({ options: { classes: [3, 5], testFraction: 0.2 } }))
    const picker = wrapper.find('[data-testid=class-picker]')
    await picker.find('input[name=class-5]').setValue(false)
    expect(picker.find('[role=alert]').text()).toMatch(/at least one more/)
    expect(picker.findAll('button').find((b) => b.text() === 'Use these classes')!.attributes('disabled')).toBeDefined()
    await picker.findAll('button').find((b) => b.text() === 'All 10')!.trigger('click')
    expect(picker.text()).toContain('Picked: all 10 classes.')
  })

  it('offers a test share only when the file had no test pictures', async () => {
    const api = new FakeApi()
    api.handlers['dataset:configure'] = ({ options }) => cifar({ options })
    const { wrapper } = await panel(cifar(), api)
    const slider = wrapper.find('[data-testid=split-control] input[type=range]')
    expect(wrapper.find('[data-testid=split-control]').text()).toContain('Test share: 20 % of each class')
    await slider.setValue('30')
    await slider.trigger('change')
    await flushPromises()
    expect(api.callsTo('dataset:configure')).toEqual([{ options: { classes: 'all', testFraction: 0.3 } }])
    const demo = await panel(DEMO)
    expect(demo.wrapper.find('[data-testid=split-control]').exists()).toBe(false)
    expect(demo.wrapper.find('[data-testid=class-picker]').exists()).toBe(false)
    expect(demo.wrapper.text()).toContain("the file's own test set")
  })

  it('says what to do when there is no dataset', async () => {
    const api = new FakeApi({ 'dataset:open-demo': () => { throw Object.assign(new Error('no demo today'), { code: 'x' }) } })
    const { wrapper } = await panel(null, api)
    expect(wrapper.text()).toContain('No pictures yet')
    expect(wrapper.text()).toMatch(/Press Use demo .* or Open dataset…/)
    expect(wrapper.find('button.primary').text()).toBe('Use demo')
  })
})

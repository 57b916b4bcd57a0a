// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DatasetInfo } from '../../../src/shared/ipc'
import SampleGrid from '../../../src/renderer/src/components/SampleGrid.vue'
import { DEMO } from '../fixtures'
import { chromiumPath, inChromium } from './chromiumLayout'

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => ({ putImageData: () => {} })) as never)
})
afterEach(() => vi.restoreAllMocks())

const NAMES = ['automobile', 'night sky over the hills']
const dataset: DatasetInfo = {
  ...DEMO,
  sourceClassNames: NAMES,
  classes: NAMES.map((name, index) => ({ index, name, train: 1000, test: 250 })),
  samples: { perClass: 2, pixels: new Uint8Array(4 * 3072).fill(90), labels: Uint8Array.from([0, 0, 1, 1]) }
}

describe.skipIf(!chromiumPath)('SampleGrid in Chromium', () => {
  it('shows each class\'s whole name beside its pictures, wrapped when long', async () => {
    const wrapper = mount(SampleGrid, { props: { dataset, zoom: 2 } })
    expect(wrapper.findAll('.name').map((n) => n.text())).toEqual(NAMES)
    // "night sky over the hills" was cut to "night sky o…"
    const cut = await inChromium(wrapper, 'src/renderer/src/components/SampleGrid.vue', 400, (page) => page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.name')].filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight).map((e) => e.innerText)))
    expect(cut).toEqual([])
  }, 30_000)
})

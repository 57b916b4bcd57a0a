// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fingerprint } from '../../../src/core/viz/fingerprint'
import { weightTiles } from '../../../src/core/viz/weightImage'
import WeightGallery from '../../../src/renderer/src/components/WeightGallery.vue'
import { weights } from '../fixtures'

/** happy-dom has no 2D canvas: record what each tile's canvas is given instead. */
const drawn = new Map<HTMLCanvasElement, Uint8ClampedArray>()

beforeEach(() => {
  drawn.clear()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return { putImageData: (image: ImageData) => drawn.set(this, image.data) } as unknown as CanvasRenderingContext2D
  } as never)
})
afterEach(() => vi.restoreAllMocks())

describe('WeightGallery', () => {
  it('draws one 32×32 tile per hidden unit with the pixels core computes', () => {
    const w = weights(15)
    const wrapper = mount(WeightGallery, { props: { weights: w, normalisation: 'tile' } })
    const canvases = wrapper.findAll('canvas')
    expect(canvases).toHaveLength(15)
    const expected = weightTiles(w.first.W, 'tile')
    canvases.forEach((c, u) => {
      expect(c.attributes('width')).toBe('32')
      expect(c.attributes('style')).toContain('width: 96px')
      expect(drawn.get(c.element as HTMLCanvasElement)).toEqual(expected[u].rgba)
    })
    expect(canvases[2].attributes('aria-label')).toMatch(/^Hidden unit 3: weight norm \d+\.\d{3}, smallest -?\d/)
    expect(wrapper.attributes('data-tiles')).toBe('15')
    expect(wrapper.attributes('data-fingerprint')).toBe(fingerprint(w.first.W, w.first.b))
  })

  it('redraws in the mode the user picks and reports the choice', async () => {
    const w = weights(4)
    const wrapper = mount(WeightGallery, { props: { weights: w, normalisation: 'tile' } })
    await wrapper.find('select').setValue('zero')
    expect(wrapper.emitted('update:normalisation')).toEqual([['zero']])
    await wrapper.setProps({ normalisation: 'zero' })
    const zero = weightTiles(w.first.W, 'zero')
    expect(drawn.get(wrapper.findAll('canvas')[1].element as HTMLCanvasElement)).toEqual(zero[1].rgba)
    expect(wrapper.text()).toContain('Grey is a weight of zero')
    expect(wrapper.text()).toContain('The inputs are pixels divided by 255, minus their average over the training pictures.')
  })

  it('says what to do before there are weights, and uses smaller tiles for many units', async () => {
    const wrapper = mount(WeightGallery, { props: { weights: null, normalisation: 'global' } })
    expect(wrapper.text()).toContain('Press Train')
    expect(wrapper.findAll('canvas')).toHaveLength(0)
    await wrapper.setProps({ weights: weights(40) })
    expect(wrapper.findAll('canvas')[0].attributes('style')).toContain('width: 64px')
  })
})

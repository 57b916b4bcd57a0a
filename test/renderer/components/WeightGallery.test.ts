// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { votesOfUnit } from '../../../src/core/viz/votes'
import { weightTiles } from '../../../src/core/viz/weightImage'
import WeightGallery from '../../../src/renderer/src/components/WeightGallery.vue'
import type { TileInfo } from '../../../src/renderer/src/composables/useWeightView'
import { snapshot } from '../fakeStudio'
import { drawn, stubCanvas } from './canvasStub'

beforeEach(stubCanvas)
afterEach(() => vi.restoreAllMocks())

function tiles(units: number): TileInfo[] {
  const w = snapshot(units, { epoch: 2 })
  return weightTiles(w.first.W, 'tile').map((t) => ({ ...t, votes: votesOfUnit(w.second!, t.unit) }))
}

const props = (t: TileInfo[]) => ({ tiles: t, zoom: 3, what: 'weights', classes: ['night', 'day'], view: 'weights' as const, fingerprint: 'abc' })

describe('WeightGallery', () => {
  it('draws one pixel-exact 32×32 tile per unit, in the order given', () => {
    const t = tiles(5).reverse()
    const wrapper = mount(WeightGallery, { props: props(t) })
    const canvases = wrapper.findAll('canvas[data-testid=weight-tile]')
    expect(canvases).toHaveLength(5)
    canvases.forEach((c, i) => {
      expect(c.attributes('width')).toBe('32')
      expect(c.attributes('style')).toContain('width: 96px')
      expect(drawn.get(c.element as HTMLCanvasElement)).toEqual(t[i].rgba)
    })
    expect(wrapper.findAll('button').map((b) => b.attributes('data-unit'))).toEqual(['4', '3', '2', '1', '0'])
    expect(wrapper.attributes()).toMatchObject({ 'data-tiles': '5', 'data-fingerprint': 'abc', 'data-view': 'weights' })
  })

  it('names each tile by its numbers and its vote, in the words and signs of its card', async () => {
    const wrapper = mount(WeightGallery, { props: props(tiles(3)), attachTo: document.body })
    // unit 2's output weight is +0.3: it votes for day
    expect(wrapper.findAll('button')[2].attributes('aria-label')).toMatch(/^Hidden unit 3: weights norm \d+\.\d{3}, smallest −0\.\d{3}, largest 0\.\d{3}; weight into the output \+0\.300: it votes for day$/)
    // unit 1's is −0.2: it votes for night, and the label says −0.200 as the card does (it said +0.200)
    const label = wrapper.findAll('button')[1].attributes('aria-label')!
    expect(label).toMatch(/; weight into the output −0\.200: it votes for night$/)
    await wrapper.findAll('button')[1].trigger('mouseenter')
    const card = wrapper.find('[data-testid=tile-card]').text().replace(/\s+/g, ' ')
    expect(card.toLowerCase()).toContain(label.slice(label.indexOf('; ') + 2))
    wrapper.unmount()
  })

  it('names a softmax tile by its vote for each class, as its card lists them', async () => {
    const t = tiles(2).map((tile) => ({ ...tile, votes: Float32Array.from([0.5, -0.25, 0.125]) }))
    const wrapper = mount(WeightGallery, { props: { ...props(t), classes: ['cat', 'dog', 'ship'] } })
    expect(wrapper.findAll('button')[0].attributes('aria-label')).toMatch(/; its vote for each class: cat \+0\.500, dog −0\.250, ship \+0\.125$/)
  })

  it('shows a tile’s numbers while hovered or focused, sign-coloured', async () => {
    const wrapper = mount(WeightGallery, { props: props(tiles(3)), attachTo: document.body })
    expect(wrapper.find('[data-testid=tile-card]').exists()).toBe(false)
    await wrapper.findAll('button')[1].trigger('mouseenter')
    const card = wrapper.find('[data-testid=tile-card]')
    expect(card.text()).toContain('Hidden unit 2')
    expect(card.text()).toContain('Weight into the output −0.200: it votes for night')
    expect(card.find('.against').text()).toBe('−0.200')
    await wrapper.findAll('button')[1].trigger('mouseleave')
    expect(wrapper.find('[data-testid=tile-card]').exists()).toBe(false)
    await wrapper.findAll('button')[0].trigger('focus')
    expect(wrapper.find('[data-testid=tile-card]').find('.for').text()).toBe('+0.100')
    wrapper.unmount()
  })

  it('lists a vote per class for softmax outputs', async () => {
    const t = tiles(2).map((tile) => ({ ...tile, votes: Float32Array.from([0.5, -0.25, 0.125]) }))
    const wrapper = mount(WeightGallery, { props: { ...props(t), classes: ['cat', 'dog', 'ship'] } })
    await wrapper.findAll('button')[0].trigger('mouseenter')
    expect(wrapper.find('[data-testid=tile-card] ul').text()).toBe('cat+0.500dog−0.250ship+0.125')
  })

  it('asks to enlarge a clicked tile', async () => {
    const wrapper = mount(WeightGallery, { props: props(tiles(3).reverse()) })
    await wrapper.findAll('button')[0].trigger('click')
    expect(wrapper.emitted('open')).toEqual([[2]])
  })
})

// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pictureRgba } from '../../../src/core/data/picture'
import PredictionGrid from '../../../src/renderer/src/components/PredictionGrid.vue'
import { predictions } from '../results/resultsFixtures'
import { chromiumPath, inChromium } from './chromiumLayout'

/** happy-dom has no 2D canvas: record what each picture's canvas is given instead. */
const drawn = new Map<HTMLCanvasElement, Uint8ClampedArray>()

beforeEach(() => {
  drawn.clear()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return { putImageData: (image: ImageData) => drawn.set(this, image.data) } as unknown as CanvasRenderingContext2D
  } as never)
})
afterEach(() => vi.restoreAllMocks())

const P = predictions([
  { index: 0, label: 0, predicted: 0, p: 0.93 },
  { index: 1, label: 1, predicted: 0, p: 0.81 },
  { index: 2, label: 1, predicted: 1, p: 0.999 }
], 60)

describe('PredictionGrid', () => {
  it('draws each picture pixel for pixel, scaled up without smoothing', () => {
    const wrapper = mount(PredictionGrid, { props: { predictions: P, classNames: ['night', 'day'], split: 'test', zoom: 2 } })
    const canvases = wrapper.findAll('canvas')
    expect(canvases).toHaveLength(3)
    canvases.forEach((c, i) => {
      expect(c.attributes('width')).toBe('32')
      expect(c.attributes('style')).toContain('width: 64px')
      expect(drawn.get(c.element as HTMLCanvasElement)).toEqual(pictureRgba(P.pixels, i))
    })
    expect(drawn.get(canvases[1].element as HTMLCanvasElement)![0]).toBe(11)
  })

  it('marks right and wrong with a sign and a word, not colour alone, and says how sure', () => {
    const wrapper = mount(PredictionGrid, { props: { predictions: P, classNames: ['night', 'day'], split: 'test' } })
    const cards = wrapper.findAll('[data-testid=prediction]')
    expect(cards.map((c) => c.attributes('data-right'))).toEqual(['true', 'false', 'true'])
    expect(cards[0].text()).toMatch(/✓\s*night\s*93\u00a0%\s*right/)
    expect(cards[1].text()).toMatch(/✗\s*night\s*81\u00a0%\s*wrong: day/)
    expect(cards[2].text()).toContain('>99\u00a0%')
    expect(cards[1].find('canvas').attributes('aria-label')).toBe('Test picture 2: the network says night (81\u00a0% sure), wrong, it is day.')
  })

  it('pages through the pictures', async () => {
    const wrapper = mount(PredictionGrid, { props: { predictions: P, classNames: ['night', 'day'], split: 'test', page: 1, pages: 20, pageSize: 3 } })
    expect(wrapper.find('[data-testid=prediction-range]').text()).toBe('4–6 of 60')
    await wrapper.find('button[aria-label="Next pictures"]').trigger('click')
    await wrapper.find('button[aria-label="Previous pictures"]').trigger('click')
    expect(wrapper.emitted('page')).toEqual([[2], [0]])
  })

  it('says so when a page holds no pictures', () => {
    const wrapper = mount(PredictionGrid, { props: { predictions: predictions([], 0), classNames: [], split: 'train' } })
    expect(wrapper.text()).toContain('No pictures here.')
    expect(wrapper.findAll('canvas')).toHaveLength(0)
  })
})

describe.skipIf(!chromiumPath)('PredictionGrid in Chromium', () => {
  it('shows whole class names on its cards, wrapped when long, and says them in full to screen readers', async () => {
    // "automob…", "wrong: Su…": a name wider than its card was cut with an ellipsis
    const names = ['automobile', 'night sky over the hills']
    const wrapper = mount(PredictionGrid, { props: { predictions: P, classNames: names, split: 'test', zoom: 2 } })
    const cut = await inChromium(wrapper, 'src/renderer/src/components/PredictionGrid.vue', 252, (page) => page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=prediction]')].flatMap((card) => {
        const box = card.getBoundingClientRect()
        return [...card.querySelectorAll<HTMLElement>('.answer, .truth')]
          .filter((e) => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > box.right || e.getBoundingClientRect().left < box.left)
          .map((e) => e.innerText)
      })))
    expect(cut, 'names cut short or sticking out of their card').toEqual([])
    const cards = wrapper.findAll('[data-testid=prediction]')
    expect(cards[1].find('.answer').text()).toBe('automobile')
    expect(cards[1].find('.truth').text()).toBe('wrong: night sky over the hills')
    expect(cards[1].find('canvas').attributes('aria-label')).toBe('Test picture 2: the network says automobile (81\u00a0% sure), wrong, it is night sky over the hills.')
  }, 30_000)
})

// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ConfusionMatrix from '../../../src/renderer/src/components/ConfusionMatrix.vue'
import { splitEvaluation } from '../results/resultsFixtures'
import { chromiumPath, inChromium } from './chromiumLayout'
import { labelsWithoutTheirText } from './labelInName'

const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

describe('ConfusionMatrix', () => {
  it('is a table with the true classes as row headers and the answers as column headers', () => {
    const wrapper = mount(ConfusionMatrix, {
      props: { evaluation: splitEvaluation([[230, 20], [37, 213]]), classNames: ['night', 'day'], split: 'test', selected: null }
    })
    expect(wrapper.find('caption').text()).toContain('rows are the true class, columns the network\'s answer')
    expect(wrapper.findAll('thead th[scope=col]').map((t) => t.text())).toEqual(['true ↓ says →', 'night', 'day', 'Right'])
    expect(wrapper.findAll('tbody th[scope=row]').map((t) => t.text())).toEqual(['night', 'day'])
    const cells = wrapper.findAll('[data-testid=confusion-cell]')
    expect(cells.map((c) => c.attributes('aria-label'))).toEqual([
      'true night, predicted night: 230 pictures', 'true night, predicted day: 20 pictures',
      'true day, predicted night: 37 pictures', 'true day, predicted day: 213 pictures'
    ])
    // the count in the button, its share of the row beside it: a button's name holds all it shows
    expect(cells.map((c) => c.text())).toEqual(['230', '20', '37', '213'])
    expect(wrapper.findAll('tbody .share').map((s) => s.text())).toEqual(['92\u00a0%', '8\u00a0%', '15\u00a0%', '85\u00a0%'])
    expect(labelsWithoutTheirText(wrapper)).toEqual([])
    // accuracy per class at the end of each row, precision per answer at the foot
    expect(wrapper.findAll('tbody td.acc').map((t) => t.text())).toEqual(['92.0\u00a0%', '85.2\u00a0%'])
    expect(wrapper.findAll('tfoot td.acc').map((t) => t.text())).toEqual(['86\u00a0%', '91\u00a0%'])
  })

  it('opens a cell when it is clicked and shows which one is open', async () => {
    const wrapper = mount(ConfusionMatrix, {
      props: { evaluation: splitEvaluation([[5, 1], [2, 4]]), classNames: ['cat', 'dog'], split: 'train', selected: { actual: 1, predicted: 0 } }
    })
    const cells = wrapper.findAll('[data-testid=confusion-cell]')
    expect(cells.map((c) => c.attributes('aria-pressed'))).toEqual(['false', 'false', 'true', 'false'])
    await cells[1].trigger('click')
    expect(wrapper.emitted('select')).toEqual([[{ actual: 0, predicted: 1 }]])
  })

  it('holds ten classes with their names, and a class without pictures reads as a dash', () => {
    const C = CIFAR.map((_, a) => CIFAR.map((__, p) => (a === 9 ? 0 : a === p ? 80 : 2)))
    const wrapper = mount(ConfusionMatrix, { props: { evaluation: splitEvaluation(C), classNames: CIFAR, split: 'test', selected: null } })
    expect(wrapper.attributes('data-classes')).toBe('10')
    expect(wrapper.findAll('[data-testid=confusion-cell]')).toHaveLength(100)
    expect(wrapper.findAll('thead th[scope=col]').map((t) => t.text()).slice(1, 11)).toEqual(CIFAR)
    expect(wrapper.findAll('tbody td.acc').map((t) => t.text()).slice(8)).toEqual([`${(8000 / 98).toFixed(1)}\u00a0%`, '–'])
    expect(wrapper.find('[aria-label="true cat, predicted dog: 2 pictures"]').exists()).toBe(true)
  })
})

describe.skipIf(!chromiumPath)('ConfusionMatrix in Chromium', () => {
  it('shows whole class names as its column heads, and each cell\'s share on its tint', async () => {
    const names = ['automobile', 'aeroplanesandhelicopters', 'night sky over the hills']
    const C = [[50, 3, 1], [4, 40, 6], [2, 2, 60]]
    const wrapper = mount(ConfusionMatrix, { props: { evaluation: splitEvaluation(C), classNames: names, split: 'test', selected: null } })
    const seen = await inChromium(wrapper, 'src/renderer/src/components/ConfusionMatrix.vue', 700, (page) => page.evaluate(() => ({
      // a long name was clipped at 90 px with no ellipsis to say so
      cut: [...document.querySelectorAll<HTMLElement>('thead th, tbody th')].filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.innerText),
      // the share's text sits on its cell's button, under the count, on its tint
      outside: [...document.querySelectorAll<HTMLElement>('.share')].filter((s) => {
        const b = s.parentElement!.querySelector('button')!.getBoundingClientRect()
        const range = document.createRange()
        range.selectNodeContents(s)
        const r = range.getBoundingClientRect()
        return r.top < b.top + 20 || r.bottom > b.bottom || r.left < b.left || r.right > b.right
      }).map((s) => s.innerText)
    })))
    expect(seen).toEqual({ cut: [], outside: [] })
  }, 30_000)
})

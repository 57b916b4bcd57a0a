// @vitest-environment happy-dom
/**
 * The notices' region: each message with its kind and a dismiss button, "×3" for one said three
 * times, and hold/let go as the pointer or the keyboard's focus comes and goes. In the studio it
 * sits in the page's last row (above the status line), in the layout, not floating over the cards.
 */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import NoticeBanner from '../../../src/renderer/src/components/NoticeBanner.vue'
import type { Notice } from '../../../src/renderer/src/composables/useNotices'

const NOTICES: Notice[] = [
  { id: 1, level: 'error', message: 'The file is damaged.', count: 3 },
  { id: 2, level: 'info', message: 'Model saved.', count: 1 }
]

describe('NoticeBanner', () => {
  it('shows each message once with how many times it was said, problems as alerts', () => {
    const wrapper = mount(NoticeBanner, { props: { notices: NOTICES } })
    const items = wrapper.findAll('[data-testid=notice]')
    expect(items.map((i) => i.attributes('role'))).toEqual(['alert', 'status'])
    expect(items[0].text()).toMatch(/Problem\s*The file is damaged\.\s*×3/)
    expect(items[0].find('[data-testid=notice-count]').attributes('aria-label')).toBe('said 3 times')
    expect(items[1].find('[data-testid=notice-count]').exists()).toBe(false)
  })

  it('holds a message while it is pointed at or focused, and dismisses it on request', async () => {
    const wrapper = mount(NoticeBanner, { props: { notices: NOTICES } })
    const info = wrapper.findAll('[data-testid=notice]')[1]
    await info.trigger('mouseenter')
    await info.trigger('mouseleave')
    await info.find('button').trigger('focusin')
    await info.find('button').trigger('focusout')
    expect(wrapper.emitted('hold')).toEqual([[2, true], [2, false], [2, true], [2, false]])
    await info.find('button').trigger('click')
    expect(wrapper.emitted('dismiss')).toEqual([[2]])
  })
})

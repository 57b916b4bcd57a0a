// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import StudioTabs from '../../../src/renderer/src/components/StudioTabs.vue'

const TABS = [{ id: 'training', label: 'Training' }, { id: 'data', label: 'Data' }]

describe('StudioTabs', () => {
  it('is the page\'s main landmark, holding the tabs and their panels', () => {
    const wrapper = mount(StudioTabs, { props: { tabs: TABS, modelValue: 'data' }, slots: { training: 'the charts', data: 'the pictures' } })
    // screen readers jump to <main>; without it the tabs were outside every landmark
    expect(wrapper.element.tagName).toBe('MAIN')
    expect(wrapper.find('main [role=tablist]').findAll('[role=tab]').map((t) => [t.text(), t.attributes('aria-selected')])).toEqual([['Training', 'false'], ['Data', 'true']])
    expect(wrapper.findAll('main [role=tabpanel]').map((p) => p.attributes('aria-labelledby'))).toEqual(['tab-training', 'tab-data'])
  })
})

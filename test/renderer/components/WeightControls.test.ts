// @vitest-environment happy-dom
/** The gallery's switches: each copy (the Training tab's and the Weights tab's) is a radio group of its own. */
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import WeightControls from '../../../src/renderer/src/components/WeightControls.vue'

const props = { view: 'weights' as const, canChange: true, classes: null, normalisation: 'tile' as const, chosenView: null }

describe('WeightControls', () => {
  it('gives each copy its own radio group, so checking one never unchecks the other', () => {
    const Both = defineComponent({ render: () => h('div', [h(WeightControls, props), h(WeightControls, props)]) })
    const w = mount(Both, { attachTo: document.body })
    const radios = w.findAll('input[type=radio]')
    expect(radios).toHaveLength(4)
    const names = radios.map((r) => r.attributes('name'))
    expect(names[0]).toBe(names[1])
    expect(names[2]).toBe(names[3])
    expect(names[0]).not.toBe(names[2])
    // the browser's own rule: checking a radio unchecks the others of its name in the document
    ;(radios[0].element as HTMLInputElement).checked = true
    ;(radios[2].element as HTMLInputElement).checked = true
    expect((radios[0].element as HTMLInputElement).checked).toBe(true)
    w.unmount()
  })
})

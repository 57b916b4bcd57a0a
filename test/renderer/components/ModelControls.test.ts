// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ModelControls from '../../../src/renderer/src/components/ModelControls.vue'
import { labelsWithoutTheirText } from './labelInName'

describe('ModelControls', () => {
  it('names each button by what it shows, and says more in its title', async () => {
    const wrapper = mount(ModelControls, { props: { nativeDialogs: false, canSave: true, canOpen: true, working: false } })
    // "Export .npz…" was named "Export the weights as .npz": a voice command of what it shows missed it
    expect(labelsWithoutTheirText(wrapper)).toEqual([])
    const exportNpz = wrapper.find('[data-testid=export-npz]')
    expect(exportNpz.text()).toBe('Export .npz…')
    expect(exportNpz.attributes('title')).toBe('Export only the weights, as a .npz file for NumPy')
    await exportNpz.trigger('click')
    expect(wrapper.emitted('save')).toEqual([['npz']])
  })
})

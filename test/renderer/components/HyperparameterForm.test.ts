// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import HyperparameterForm from '../../../src/renderer/src/components/HyperparameterForm.vue'
import LayerEditor from '../../../src/renderer/src/components/LayerEditor.vue'
import { useHyperparameterForm } from '../../../src/renderer/src/composables/useHyperparameterForm'

/** The form wired to its composable, as the studio does it. */
function mountForm(locked: 'none' | 'most' | 'all' = 'none') {
  let form!: ReturnType<typeof useHyperparameterForm>
  const Host = defineComponent({
    setup() {
      form = useHyperparameterForm()
      return () => h(HyperparameterForm, {
        modelValue: form.fields.value,
        'onUpdate:modelValue': (v: typeof form.fields.value) => { form.fields.value = v },
        errors: form.errors.value,
        locked,
        preset: form.preset.value,
        cpuCount: 8,
        onPreset: form.applyPreset
      })
    }
  })
  return { wrapper: mount(Host, { attachTo: document.body }), form: () => form }
}

describe('HyperparameterForm', () => {
  it('applies a preset and shows which one the form matches', async () => {
    const { wrapper, form } = mountForm()
    const pressed = () => wrapper.findAll('.presets button').filter((b) => b.attributes('aria-pressed') === 'true').map((b) => b.text())
    expect(pressed()).toEqual(['Seed defaults'])
    await wrapper.findAll('.presets button').find((b) => b.text() === 'Careful')!.trigger('click')
    expect(form().fields.value).toMatchObject({ hidden: ['50'], learningRate: '0.003', l2: '0.001', epochs: '30' })
    expect(pressed()).toEqual(['Careful'])
    await wrapper.find('input[name=epochs]').setValue('31')
    expect(pressed()).toEqual([])
    wrapper.unmount()
  })

  it('moves the learning rate along a log scale with the slider and keeps the exact value editable', async () => {
    const { wrapper, form } = mountForm()
    const slider = wrapper.find('input[type=range][aria-label^="Learning rate"]')
    expect(slider.attributes('max')).toBe('30')
    expect((slider.element as HTMLInputElement).value).toBe('18') // 0.01 = 10^-2, 3 decades above 10^-5
    await slider.setValue('19')
    expect(form().fields.value.learningRate).toBe('0.015')
    await wrapper.find('input[name=learningRate]').setValue('0.0031')
    expect((slider.element as HTMLInputElement).value).toBe('15')
    expect(form().fields.value.learningRate).toBe('0.0031')
    await wrapper.find('input[type=range][aria-label^="L2 penalty"]').setValue('0')
    expect(form().fields.value.l2).toBe('0')
    wrapper.unmount()
  })

  it('shows the reason beside a wrong field and explains each field in the help box', async () => {
    const { wrapper } = mountForm()
    expect(wrapper.find('[data-testid=field-help]').text()).toMatch(/^Point at a setting/)
    await wrapper.find('input[name=momentum]').trigger('focusin')
    expect(wrapper.find('[data-testid=field-help]').text()).toMatch(/^Momentum: .*Too high: the loss swings/)
    await wrapper.find('input[name=threads]').trigger('focusin')
    expect(wrapper.find('[data-testid=field-help]').text()).toContain('This computer has 8 cores.')
    await wrapper.find('input[name=batchSize]').setValue('0')
    const error = wrapper.find('#batchSize-error')
    expect(error.text()).toMatch(/batch size must be a whole number of at least 1/i)
    expect(wrapper.find('input[name=batchSize]').attributes('aria-describedby')).toBe('batchSize-error help-batchSize')
    expect(document.getElementById('help-batchSize')?.textContent).toMatch(/How many pictures the network looks at/)
    wrapper.unmount()
  })

  it('keeps only the learning rate, momentum and L2 open while paused, and nothing while running', () => {
    const open = (locked: 'none' | 'most' | 'all') => {
      const { wrapper } = mountForm(locked)
      const names = wrapper.findAll('input, select').filter((e) => {
        const el = e.element as HTMLInputElement
        return !el.disabled && !el.closest('fieldset[disabled]')
      }).map((e) => e.attributes('name') ?? e.attributes('aria-label'))
      wrapper.unmount()
      return names
    }
    expect(open('most')).toEqual([expect.stringMatching(/^Learning rate/), 'learningRate', expect.stringMatching(/^L2 penalty/), 'l2', 'momentum'])
    expect(open('all')).toEqual([])
    expect(open('none')).toHaveLength(12)
  })
})

describe('LayerEditor', () => {
  it('adds a layer like the last one, removes any, and stops at the limit', async () => {
    const wrapper = mount(LayerEditor, { props: { modelValue: ['15'], describedBy: 'help', 'onUpdate:modelValue': (v: string[]) => wrapper.setProps({ modelValue: v }) } })
    const add = () => wrapper.findAll('button').find((b) => b.text() === '+ Add layer')!
    await add().trigger('click')
    expect(wrapper.props('modelValue')).toEqual(['15', '15'])
    await wrapper.find('input[aria-label="Units in hidden layer 2"]').setValue('7')
    expect(wrapper.props('modelValue')).toEqual(['15', '7'])
    await wrapper.find('button[aria-label="Remove hidden layer 1"]').trigger('click')
    expect(wrapper.props('modelValue')).toEqual(['7'])
    await wrapper.find('button[aria-label="Remove hidden layer 1"]').trigger('click')
    expect(wrapper.props('modelValue')).toEqual([])
    expect(wrapper.text()).toContain('None: the network is a linear classifier')
    await wrapper.setProps({ modelValue: Array(8).fill('4') })
    expect(add().attributes('disabled')).toBeDefined()
  })

  it('marks the wrong layer and says why beside it', () => {
    const wrapper = mount(LayerEditor, { props: { modelValue: ['15', 'x'], errors: [undefined, 'Use a whole number of units, such as 15.'], describedBy: 'help' } })
    const second = wrapper.find('input[name=hidden-1]')
    expect(second.attributes('aria-invalid')).toBe('true')
    expect(second.attributes('aria-describedby')).toBe('hidden-1-error help')
    expect(wrapper.find('#hidden-1-error').text()).toBe('Use a whole number of units, such as 15.')
    expect(wrapper.find('input[name=hidden-0]').attributes('aria-invalid')).toBe('false')
  })
})

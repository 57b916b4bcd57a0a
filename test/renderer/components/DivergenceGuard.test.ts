// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import DivergenceGuard from '../../../src/renderer/src/components/DivergenceGuard.vue'
import { labelsWithoutTheirText } from './labelInName'

const divergence = { runId: 2, epoch: 3, batch: 17, loss: 812.5, learningRate: 0.8, message: 'the loss grew out of control', lossIndex: 117 }

describe('DivergenceGuard', () => {
  it('offers the retry by what its button says, the halved rate included', async () => {
    const wrapper = mount(DivergenceGuard, { props: { divergence, busy: false } })
    // "Retry with half the learning rate (0.4)" was named without its "(0.4)"
    expect(labelsWithoutTheirText(wrapper)).toEqual([])
    const retry = wrapper.find('[data-testid=retry-half-rate]')
    expect(retry.text()).toBe('Retry with half the learning rate (0.4)')
    await retry.trigger('click')
    expect(wrapper.emitted('retry')).toEqual([[]])
  })
})

// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import RunControls from '../../../src/renderer/src/components/RunControls.vue'
import type { TrainingState } from '../../../src/shared/ipc'

function enabled(state: TrainingState | null, canTrain = true, busy = false): string[] {
  const wrapper = mount(RunControls, { props: { state, canTrain, busy } })
  return wrapper.findAll('button').filter((b) => b.attributes('disabled') === undefined).map((b) => b.text())
}

describe('RunControls', () => {
  it('offers only the buttons that make sense now', () => {
    expect(enabled('idle')).toEqual(['Train'])
    expect(enabled('finished')).toEqual(['Train'])
    expect(enabled('running')).toEqual(['Pause', 'Stop'])
    expect(enabled('paused')).toEqual(['Resume', 'Stop'])
    expect(enabled('idle', false)).toEqual([])
    expect(enabled('running', true, true)).toEqual([])
    expect(enabled(null, false)).toEqual([])
  })

  it('has an accessible name on every button and emits what was pressed', async () => {
    const wrapper = mount(RunControls, { props: { state: 'paused', canTrain: true, busy: false } })
    for (const b of wrapper.findAll('button')) expect(b.attributes('aria-label')).toMatch(/^(Train|Pause|Resume|Stop)/)
    await wrapper.find('button[aria-label="Resume training"]').trigger('click')
    await wrapper.find('button[aria-label="Stop training"]').trigger('click')
    expect(Object.keys(wrapper.emitted())).toEqual(expect.arrayContaining(['resume', 'stop']))
    expect(wrapper.emitted('train')).toBeUndefined()
  })
})

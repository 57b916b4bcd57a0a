// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import RunControls from '../../../src/renderer/src/components/RunControls.vue'
import { runAvailability, type RunAvailability } from '../../../src/renderer/src/composables/useRunActions'
import type { TrainingStatus } from '../../../src/shared/ipc'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { status } from '../fixtures'

const CONFIG = { ...SEED_DEFAULTS, threads: 0 }

function enabled(s: TrainingStatus | null, formOk = true, busy = false, dataReady = true, sweeping = false): string[] {
  const can = runAvailability({ status: s, busy, formOk, dataReady, sweeping })
  const wrapper = mount(RunControls, { props: { can, epochs: '10' } })
  return wrapper.findAll('button').filter((b) => b.attributes('disabled') === undefined).map((b) => b.text())
}

describe('RunControls', () => {
  it('offers only the buttons that make sense now', () => {
    expect(enabled(status())).toEqual(['Train', 'Step'])
    expect(enabled(status({ state: 'finished', epoch: 3, hasNetwork: true, config: CONFIG })))
      .toEqual(['Train', 'Step', 'Same start', 'Continue', 'Reset'])
    expect(enabled(status({ state: 'running', hasNetwork: true, config: CONFIG }))).toEqual(['Pause', 'Step', 'Stop'])
    expect(enabled(status({ state: 'paused', hasNetwork: true, config: CONFIG }))).toEqual(['Resume', 'Step', 'Stop', 'Reset'])
    // an opened model: no earlier start to repeat, but it can be trained further
    expect(enabled(status({ epoch: 3, hasNetwork: true }))).toEqual(['Train', 'Step', 'Continue', 'Reset'])
  })

  it('offers nothing to start while the form has mistakes, no dataset is ready, or a request is on its way', () => {
    expect(enabled(status({ hasNetwork: true, epoch: 2 }), false)).toEqual(['Reset'])
    expect(enabled(status(), true, false, false)).toEqual([])
    expect(enabled(status({ state: 'running' }), true, true)).toEqual([])
    expect(enabled(null)).toEqual([])
    // while a sweep trains, the studio's own run does not start (a finished network can still be reset)
    expect(enabled(status({ state: 'finished', epoch: 3, hasNetwork: true, config: CONFIG }), true, false, true, true)).toEqual(['Reset'])
    // a paused run can go on even while the form's other fields are being edited
    expect(enabled(status({ state: 'paused', hasNetwork: true }), false)).toEqual(['Resume', 'Step', 'Stop', 'Reset'])
  })

  it('names every button for screen readers, shows its shortcut, and emits what was pressed', async () => {
    const can: RunAvailability = { train: true, sameStart: true, continue: true, step: true, pause: true, resume: true, stop: true, reset: true }
    const wrapper = mount(RunControls, { props: { can, epochs: '7' } })
    const names = wrapper.findAll('button').map((b) => b.attributes('aria-label'))
    expect(names).toEqual([
      'Train a new network', 'Pause training', 'Resume training', 'Step one epoch', 'Stop training',
      'Train again from the same start', 'Continue training this network', 'Reset the network'
    ])
    const byName = (name: string) => wrapper.find(`button[aria-label="${name}"]`)
    expect(byName('Pause training').attributes('title')).toMatch(/\(shortcut: Space\)$/)
    expect(byName('Pause training').attributes('aria-keyshortcuts')).toBe('Space')
    expect(byName('Train a new network').attributes('title')).toMatch(/\(shortcut: Enter\)$/)
    expect(byName('Step one epoch').attributes('title')).toMatch(/\(shortcut: S\)$/)
    expect(byName('Stop training').attributes('title')).toMatch(/\(shortcut: Esc\)$/)
    expect(byName('Continue training this network').attributes('title')).toContain('for 7 more epochs')
    for (const [name, event] of [['Resume training', 'resume'], ['Step one epoch', 'step'], ['Train again from the same start', 'sameStart'], ['Reset the network', 'reset']]) {
      await byName(name).trigger('click')
      expect(wrapper.emitted(event), event).toHaveLength(1)
    }
    expect(wrapper.emitted('train')).toBeUndefined()
  })
})

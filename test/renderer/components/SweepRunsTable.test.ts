// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import SweepRunsTable from '../../../src/renderer/src/components/SweepRunsTable.vue'
import type { OutcomeRow } from '../../../src/renderer/src/sweep/sweepOutcome'
import { labelsWithoutTheirText } from './labelInName'

const row = (runId: number, values: string, seed: number, best: boolean): OutcomeRow => ({
  runId, recordId: `r${runId}`, rank: best ? 1 : 2, colour: '#0072b2', values, seed, state: 'finished',
  bestAccuracy: '81.0\u00a0%', bestEpoch: '4', finalAccuracy: '80.0\u00a0%', time: '3 s', best
})

describe('SweepRunsTable', () => {
  it('names each run\'s buttons by what they show and the run they act on', async () => {
    const wrapper = mount(SweepRunsTable, {
      props: { rows: [row(2, 'learning rate 0.05', 1, true), row(1, 'learning rate 0.01', 2, false)], locked: false, canOpen: true }
    })
    // "Use these settings" was named "Use the settings of …": said aloud as shown, it was not found
    expect(labelsWithoutTheirText(wrapper)).toEqual([])
    const use = wrapper.findAll('button').filter((b) => b.text() === 'Use these settings')
    expect(use.map((b) => b.attributes('aria-label'))).toEqual([
      'Use these settings: learning rate 0.05, seed 1', 'Use these settings: learning rate 0.01, seed 2'
    ])
    await use[1].trigger('click')
    expect(wrapper.emitted('use')).toEqual([['r1']])
  })
})

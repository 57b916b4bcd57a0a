// @vitest-environment happy-dom
/**
 * The Sweep tab in the whole studio, with a fake training process behind the API: the builder
 * (values as chips, reasons beside wrong ones, the spec it sends, the cost asked again after
 * typing pauses), the live view (a small chart per run from 'sweep:state', growing with its runs'
 * 'train:epoch' events, stop one or all, Train refused meanwhile) and the results (the best run
 * named, a chart and table per swept setting, the heat map's cells, the runs sorted with the best
 * highlighted, "Use these settings").
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SweepSpec } from '../../../src/core/runs/types'
import StudioApp from '../../../src/renderer/src/StudioApp.vue'
import { ESTIMATE_DEBOUNCE_MS } from '../../../src/renderer/src/composables/useSweepBuilder'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import type { SweepStatus, TrainConfig } from '../../../src/shared/ipc'
import { FakeApi, failure } from '../fakeApi'
import { DEMO, SETTINGS, metrics, model, snapshot, status } from '../fixtures'
import { record, runList } from '../runs/fixtures'
import { climb, finishedGrid, sweepRun, sweepStatus } from '../sweep/fixtures'

const AXES = ['learningRate', 'hidden'] as const

/** The 2×3 grid with two seeds as the training process reports it when it starts: every run waiting. */
function started(spec: SweepSpec): SweepStatus {
  const done = finishedGrid()
  return { ...done, state: 'running', seconds: 0, spec, runs: done.runs.map((r) => ({ ...r, state: 'waiting', history: [] })) }
}

function sweepApi(initial: SweepStatus | null = null): FakeApi {
  const api = new FakeApi({
    'app:snapshot': () => ({ ...snapshot({ dataset: DEMO, training: status() }), ...(initial ? { sweep: initial } : {}) }),
    'settings:update': ({ patch }) => ({ ...SETTINGS, ...patch } as typeof SETTINGS),
    'sweep:estimate': ({ spec }) => {
      const runs = spec.axes.length * 6
      return { runs, epochs: runs * 10, parallel: 4, threadsPerRun: 1, seconds: 40, sentence: `${runs} runs × 10 epochs, about 40 s on this computer` }
    },
    'sweep:start': ({ spec }) => started(spec),
    'sweep:stop': ({ runId }) => {
      const s = started({ axes: [], mode: { kind: 'grid' }, repeats: 2, halving: null, parallel: 0 })
      return { ...s, runs: s.runs.map((r) => (runId === null || r.runId === runId ? { ...r, state: 'stopped' as const } : r)) }
    },
    'runs:list': () => runList(finishedGrid().runs.map((r) => record({ id: r.recordId!, settings: r.settings })))
  })
  return api
}

let wrapper: VueWrapper | undefined
beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }) })
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

async function openSweep(api: FakeApi): Promise<VueWrapper> {
  wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
  await flushPromises()
  await wrapper.find('#tab-sweep').trigger('click')
  await flushPromises()
  return wrapper
}

/** Lets the debounce pass and the estimate's answer arrive. */
async function settle(): Promise<void> {
  await flushPromises()
  vi.advanceTimersByTime(ESTIMATE_DEBOUNCE_MS)
  await flushPromises()
}

const chips = (w: VueWrapper, axis = 0): string[] => w.findAll(`[data-axis="${axis}"] [data-testid=sweep-chips] .chip`).map((c) => c.text())
const reasons = (w: VueWrapper, axis = 0): string[] => w.findAll(`[data-axis="${axis}"] [data-testid=sweep-reasons] li`).map((c) => c.text())
const buttonNamed = (w: VueWrapper, text: string) => {
  const found = w.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`no button "${text}"`)
  return found
}

describe('the sweep builder', () => {
  it('shows the values it will use as chips while typing, and the reason beside each that cannot work', async () => {
    const w = await openSweep(sweepApi())
    expect(chips(w)).toEqual(['0.001', '0.01', '0.1'])
    await w.find('input[name=sweep-list-0]').setValue('0.01, abc, 50, 0.05')
    expect(chips(w)).toEqual(['0.01', '0.05'])
    expect(reasons(w)).toEqual([
      '"abc" is not a number: type numbers apart by commas, such as 0.001, 0.01, 0.1.',
      'The learning rate must be above 0 and at most 10 (you gave 50). Typical values are 0.001 to 0.1.'
    ])
    expect(w.find('input[name=sweep-list-0]').attributes('aria-invalid')).toBe('true')
    expect(w.find('[data-testid=sweep-cost]').text()).toBe('Fix the values marked in red to see what the sweep costs.')
    expect(buttonNamed(w, 'Start sweep').attributes('disabled')).toBeDefined()

    // a range: log by default for the learning rate
    await w.find('input[name=sweep-kind-0][value=range]').setValue(true)
    expect((w.find('select[name=sweep-scale-0]').element as HTMLSelectElement).value).toBe('log')
    await w.find('input[name=sweep-steps-0]').setValue('5')
    expect(chips(w)).toEqual(['0.001', '0.00316', '0.01', '0.0316', '0.1'])
    await w.find('input[name=sweep-from-0]').setValue('0')
    expect(reasons(w)[0]).toMatch(/^A log range of the learning rate must start and end above 0/)
  })

  it('sends the spec it describes with the form as the base, asking the cost again once typing pauses', async () => {
    const api = sweepApi()
    const w = await openSweep(api)
    await settle()
    expect(api.callsTo('sweep:estimate')).toHaveLength(1)
    expect(w.find('[data-testid=sweep-cost]').text()).toBe('6 runs × 10 epochs, about 40 s on this computer.')

    await w.find('input[name=sweep-list-0]').setValue('0.01, 0.05')
    await w.find('input[name=sweep-list-0]').setValue('0.01, 0.05, 0.1')
    await buttonNamed(w, '+ Add a second setting').trigger('click')
    expect((w.find('select[name=sweep-setting-1]').element as HTMLSelectElement).value).toBe('hidden')
    expect(w.find('select[name=sweep-setting-1] option[value=learningRate]').attributes('disabled'), 'a setting is swept once').toBeDefined()
    await w.find('input[name=sweep-list-1]').setValue('4 | 8')
    expect(chips(w, 1)).toEqual(['4', '8'])
    expect(w.find('[data-testid=sweep-cost]').text(), 'the old cost is not shown for the new spec').toContain('measuring')
    expect(api.callsTo('sweep:estimate'), 'nothing asked while typing').toHaveLength(1)
    await settle()
    expect(api.callsTo('sweep:estimate'), 'once, after typing paused').toHaveLength(2)
    expect(w.find('[data-testid=sweep-cost]').text()).toBe('12 runs × 10 epochs, about 40 s on this computer.')

    expect(w.find('[data-testid=sweep-seeds]').text()).toBe('Each combination is trained with seeds 1 and 2, so that differences that are only noise show.')
    await w.find('input[name=sweep-halving]').setValue(true)
    await w.find('input[name=sweep-halving-epoch]').setValue('2')
    expect(w.find('[data-testid=sweep-halving]').text()).toMatch(/^After epoch 2, the worse half of the runs stop: each run is compared with the runs before it at that epoch/)
    await w.find('select[name=sweep-parallel]').setValue('2')
    await settle()

    await buttonNamed(w, 'Start sweep').trigger('click')
    await flushPromises()
    const [{ spec, config }] = api.callsTo('sweep:start') as { spec: SweepSpec; config: TrainConfig }[]
    expect(spec).toEqual({
      axes: [
        { setting: 'learningRate', values: { kind: 'list', values: [0.01, 0.05, 0.1] } },
        { setting: 'hidden', values: { kind: 'list', values: [[4], [8]] } }
      ],
      mode: { kind: 'grid' }, repeats: 2, halving: { afterEpoch: 2 }, parallel: 2
    })
    expect(config).toMatchObject({ learningRate: 0.01, hidden: [15], epochs: 10, seed: 1, threads: 0 })
    expect(api.callsTo('sweep:estimate').at(-1), 'the cost asked was of the spec that starts').toEqual({ spec, config })
  })

  it('says in plain words why the cost cannot be said, and why a sweep cannot start now', async () => {
    const api = sweepApi()
    api.handlers['sweep:estimate'] = () => { throw failure('no-dataset', 'Open a dataset first.') }
    const w = await openSweep(api)
    await settle()
    expect(w.find('[data-testid=sweep-cost]').text()).toBe('Open a dataset first.')
    await w.find('input[name=epochs]').setValue('0')
    expect(w.find('[data-testid=sweep-cost]').text()).toBe('Fix the settings marked in red on the left first: every run of the sweep starts from them.')
    expect(buttonNamed(w, 'Start sweep').attributes('disabled')).toBeDefined()
  })
})

describe('a sweep while it runs', () => {
  it('draws a small chart per run from sweep:state, grows it with the run\'s epoch events, and stops one run or all', async () => {
    const api = sweepApi()
    const w = await openSweep(api)
    await settle()
    await buttonNamed(w, 'Start sweep').trigger('click')
    await flushPromises()
    const cards = () => w.findAll('[data-testid=sweep-run]')
    expect(cards()).toHaveLength(12)
    expect(cards()[0].find('h3').text()).toBe('learning rate 0.01, hidden layers 4')
    expect(cards()[0].find('.swatch').attributes('style')).toContain(`background: ${RUN_COLOURS[0]}`)
    expect(cards()[2].find('.swatch').attributes('style'), 'the next combination has the next colour').toContain(`background: ${RUN_COLOURS[1]}`)
    expect(w.find('[data-testid=sweep-progress]').text()).toBe('0 of 12 runs done; how long it takes is known after the first epochs.')
    expect(buttonNamed(w, 'Train').attributes('disabled'), 'Train waits while a sweep trains').toBeDefined()
    expect(w.find('[data-testid=status-text]').text()).toBe('Sweep: 0 of 12 runs done; how long it takes is known after the first epochs.')

    const running = sweepStatus(AXES, finishedGrid().runs.map((r, i) => ({
      ...r, state: i < 2 ? 'running' as const : i < 3 ? 'finished' as const : 'waiting' as const, history: i < 3 ? climb(1, 0.8) : []
    })), { seconds: 3 })
    api.emit('sweep:state', running)
    api.emit('train:epoch', { runId: 2, metrics: metrics(2, 0.84), targetEpoch: 3 })
    api.emit('train:epoch', { runId: 99, metrics: metrics(1), targetEpoch: 3 })
    await flushPromises()
    // the overlay redraws a few times a second at most
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(cards()[1].find('[data-testid=sweep-run-state]').text()).toBe('epoch 2 of 3 · 84.0\u00a0%')
    expect(cards()[0].find('[data-testid=sweep-run-state]').text()).toBe('epoch 1 of 3 · 80.0\u00a0%')
    expect(cards()[1].find('canvas').attributes('aria-label')).toContain('2 epochs so far')
    expect(w.find('[data-testid=sweep-overlay]').attributes('data-overlay')).toBe('1 2 3')
    expect(w.find('[data-testid=sweep-progress]').text()).toMatch(/^1 of 12 runs done, about \d+ s left\.$/)
    expect(cards()[2].find('button').exists(), 'a finished run has nothing to stop').toBe(false)

    await cards()[0].find('button').trigger('click')
    await flushPromises()
    expect(api.callsTo('sweep:stop')).toEqual([{ runId: 1 }])
    await buttonNamed(w, 'Stop all').trigger('click')
    await flushPromises()
    expect(api.callsTo('sweep:stop')).toEqual([{ runId: 1 }, { runId: null }])
  })

  it('takes over a sweep that was running before the page was reloaded', async () => {
    const w = await openSweep(sweepApi(started(finishedGrid().spec!)))
    expect(w.find('[data-testid=sweep-builder]').exists()).toBe(false)
    expect(w.findAll('[data-testid=sweep-run]')).toHaveLength(12)
  })
})

describe('a sweep that ended', () => {
  it('names the best run, charts and tables best test accuracy per setting, the heat map, and the runs best first', async () => {
    const api = sweepApi(started(finishedGrid().spec!))
    const w = await openSweep(api)
    api.emit('sweep:state', finishedGrid())
    await flushPromises()
    expect(w.find('[data-testid=sweep-progress]').text()).toBe('All 12 runs done in 24 s.')
    expect(w.find('[data-testid=sweep-best]').text()).toBe('The best run is learning rate 0.05, hidden layers 8 with seed 2: best test accuracy 91.0\u00a0% at epoch 3.')
    const charts = w.findAll('[data-testid=sweep-value-chart]')
    expect(charts.map((c) => c.attributes('data-setting'))).toEqual(['learning rate', 'hidden layers'])
    expect(charts[0].find('canvas').attributes('data-scale'), 'learning rates spanning ten times are log-spaced').toBe('log')
    expect(charts[0].findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()))).toEqual([
      ['0.01', '81.5\u00a0%', '80.0\u00a0% to 83.0\u00a0% (± 1.3 points)', '4 seeds'],
      ['0.05', '88.5\u00a0%', '86.0\u00a0% to 91.0\u00a0% (± 2.4 points)', '4 seeds'],
      ['0.1', '85.0\u00a0%', '84.0\u00a0% to 86.0\u00a0% (± 0.8 points)', '4 seeds']
    ])
    expect(charts[0].find('[data-testid=sweep-noise]').text()).toBe(
      'The differences between learning rate 0.05 and 0.1 are within the spread of the seeds (86.0\u00a0% to 91.0\u00a0% and 84.0\u00a0% to 86.0\u00a0%).')

    const heat = w.find('[data-testid=sweep-heat-map]')
    expect(heat.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()))).toEqual([
      ['0.01', '80.5\u00a0%', '82.5\u00a0%'], ['0.05', '86.5\u00a0%', '90.5\u00a0% (the best)'], ['0.1', '84.5\u00a0%', '85.5\u00a0%']
    ])
    expect(heat.findAll('td[data-best]')).toHaveLength(1)

    const rows = w.findAll('[data-testid=sweep-runs-table] tbody tr')
    expect(rows.map((r) => r.attributes('data-run'))).toEqual(['8', '7', '6', '5', '12', '10', '11', '9', '4', '3', '2', '1'])
    expect(rows[0].classes()).toContain('best')
    expect(rows[0].find('th').text()).toBe('learning rate 0.05, hidden layers 8best')
    expect(rows.filter((r) => r.classes().includes('best'))).toHaveLength(1)
    expect(w.findAll('[data-testid=sweep-run]'), 'the runs\' curves stay below').toHaveLength(12)
    expect(buttonNamed(w, 'Train').attributes('disabled'), 'Train again once the sweep ended').toBeUndefined()
    await settle()
    expect(api.callsTo('sweep:estimate'), 'no cost is measured while the builder is out of sight').toEqual([])
  })

  it('copies the best run\'s settings into the form, opens its network, and goes back to the builder with its fields kept', async () => {
    const api = sweepApi(started(finishedGrid().spec!))
    const w = await openSweep(api)
    api.emit('sweep:state', finishedGrid())
    await flushPromises()
    const best = w.find('[data-testid=sweep-runs-table] tbody tr')
    await best.findAll('button').find((b) => b.text() === 'Use these settings')!.trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:list'), 'the store is read to find the run').toHaveLength(1)
    expect((w.find('input[name=learningRate]').element as HTMLInputElement).value).toBe('0.05')
    expect((w.find('input[name=hidden-0]').element as HTMLInputElement).value).toBe('8')
    expect((w.find('input[name=seed]').element as HTMLInputElement).value).toBe('2')

    // Open: the run's network becomes the current one, its curves on the Training tab
    api.handlers['runs:open'] = ({ id }) => {
      const info = { ...model(finishedGrid().runs[7].history), name: `run ${id}`, hyperparameters: { ...finishedGrid().runs[7].settings } }
      api.emit('train:state', status({ runId: 5, epoch: 3, hasNetwork: true, recordId: id }))
      api.emit('model:loaded', info)
      return info
    }
    await best.findAll('button').find((b) => b.text() === 'Open')!.trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:open')).toEqual([{ id: 'r00008' }])
    expect(w.find('[role=tab][aria-selected=true]').text()).toBe('Training')
    expect(w.findAll('[data-testid=notice][data-level=info]').at(-1)?.text()).toContain('Opened run “run r00008”. Continue trains it further')
    await w.find('#tab-sweep').trigger('click')

    await buttonNamed(w, 'New sweep').trigger('click')
    expect(w.find('[data-testid=sweep-builder]').exists()).toBe(true)
    await buttonNamed(w, 'Back to the results').trigger('click')
    expect(w.find('[data-testid=sweep-results]').exists()).toBe(true)
  })
})

// @vitest-environment happy-dom
/**
 * The Runs tab in the whole studio, with a fake store behind the API: the table and its empty
 * state, "only what differs", sorting, ticking runs onto the charts (colours, the limit, the
 * sentence about two runs), renaming in place, stars, deleting and cleaning up after a question,
 * "Use these settings", "Open", and the store's changes arriving as events.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import type { RunList, RunRecord } from '../../../src/core/runs/types'
import StudioApp from '../../../src/renderer/src/StudioApp.vue'
import { RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { failure, FakeApi } from '../fakeApi'
import { DEMO, model, SETTINGS, snapshot, status } from '../fixtures'
import { damaged, historyOf, record, runList } from '../runs/fixtures'

/** An API whose run store holds `runs` and changes as asked. */
function storeApi(runs: RunRecord[]): { api: FakeApi; list: () => RunList } {
  let list = runList(runs)
  const api = new FakeApi({
    'app:snapshot': () => snapshot({ dataset: DEMO, training: status() }),
    'settings:update': ({ patch }) => ({ ...SETTINGS, ...patch } as typeof SETTINGS),
    'runs:list': () => list,
    'runs:rename': ({ id, name }) => {
      list = runList(list.runs.map((r) => (r.id === id && r.ok ? { ...r, name: name.trim() || r.manifest.name } : r)))
      return list
    },
    'runs:star': ({ id, starred }) => {
      list = runList(list.runs.map((r) => (r.id === id && r.ok ? { ...r, starred } : r)))
      return list
    },
    'runs:delete': ({ ids }) => {
      list = runList(list.runs.filter((r) => !ids.includes(r.id)))
      return list
    }
  })
  return { api, list: () => list }
}

const THREE = (): RunRecord[] => [
  record({ id: 'cccccc', name: 'hidden 100', startedAt: '2026-11-30T12:00:00.000Z', settings: { hidden: [100] }, history: historyOf(6, 0.755) }),
  record({ id: 'bbbbbb', name: 'lr 0.05', startedAt: '2026-11-30T11:00:00.000Z', settings: { learningRate: 0.05 }, history: historyOf(12, 0.81, 9), starred: true }),
  record({ id: 'aaaaaa', name: 'lr 0.01', startedAt: '2026-11-30T10:00:00.000Z', history: historyOf(6, 0.78) })
]

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

async function openRuns(api: FakeApi): Promise<VueWrapper> {
  wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
  await flushPromises()
  await wrapper.find('#tab-runs').trigger('click')
  await flushPromises()
  return wrapper
}

const panel = (w: VueWrapper) => w.find('[data-testid=runs-panel]')
const rowIds = (w: VueWrapper): string[] => w.findAll('[data-testid=runs-table] tbody tr').map((r) => r.attributes('data-run') ?? '')
const headers = (w: VueWrapper): string[] => w.findAll('[data-testid=runs-table] thead th[data-column]').map((h) => h.attributes('data-column') ?? '')
const box = (w: VueWrapper, id: string) => w.find(`input[aria-label="Show run ${id} on the charts"]`)
const buttonNamed = (w: VueWrapper, text: string) => {
  const found = w.findAll('button').find((b) => b.text() === text)
  if (!found) throw new Error(`no button "${text}"`)
  return found
}

async function tick(w: VueWrapper, id: string, on = true): Promise<void> {
  await box(w, id).setValue(on)
  await flushPromises()
}

describe('the Runs tab', () => {
  it('reads the store only when it opens, and explains what it is for while it is empty', async () => {
    const { api } = storeApi([])
    wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
    await flushPromises()
    expect(api.callsTo('runs:list'), 'not read before the tab opens').toEqual([])
    await wrapper.find('#tab-runs').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:list')).toHaveLength(1)
    expect(panel(wrapper).find('[data-testid=runs-empty]').text()).toContain('Every training is recorded here. Train a network and it appears')
    expect(panel(wrapper).find('[data-testid=runs-store]').text()).toBe('0 runs, 0.0 MB in ~/.config/nn-scratch/runs')
    expect(buttonNamed(wrapper, 'Clean up…').attributes('disabled')).toBeDefined()
  })

  it('lists the runs newest first in a real table, with only the settings that differ until asked for all', async () => {
    const { api } = storeApi([...THREE(), damaged('dddddd')])
    const w = await openRuns(api)
    expect(panel(w).find('[data-testid=runs-store]').text()).toBe('4 runs, 4.5 MB in ~/.config/nn-scratch/runs')
    expect(rowIds(w)).toEqual(['cccccc', 'bbbbbb', 'aaaaaa', 'dddddd'])
    // "settings" holds them all in one cell, shown instead of their columns when the table is narrow
    expect(headers(w)).toEqual(['name', 'status', 'settings', 'hidden', 'learningRate', 'bestAccuracy', 'bestEpoch', 'finalAccuracy', 'time'])
    expect(w.findAll('tr[data-run=bbbbbb] td.settings .line').map((c) => c.text())).toEqual(['hidden layers 15', 'learning rate 0.05'])
    expect(w.findAll('[data-testid=runs-table] th[scope=row] .text').map((h) => h.text())).toEqual(['hidden 100', 'lr 0.05', 'lr 0.01', 'dddddd'])
    const cells = w.findAll('tr[data-run=bbbbbb] td:not(.settings)').map((c) => c.text())
    expect(cells.slice(2, 9)).toEqual(['finished', '15', '0.05', '79.8\u00a0%', '8', '80.2\u00a0%', '18 s'])
    expect(w.find('tr[data-run=dddddd] .problem').text()).toBe('damaged: its run.json is not JSON (unexpected end of the file).')
    expect(box(w, 'dddddd').attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid=runs-same]').text()).toMatch(/^Same for every run: data demo, activation ReLU, batch size 200, momentum 0\.8, L2 0\.0001, epochs 10, input scaling Centred, shuffling on, initialisation He, /)

    await w.find('input[name=onlyDiffers]').setValue(false)
    expect(headers(w)).toContain('seed')
    expect(headers(w)).toContain('activation')
    expect(w.find('[data-testid=runs-same]').exists()).toBe(false)
  })

  it('sorts by a column when its header is clicked, saying so in aria-sort', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    const header = () => w.find('th[data-column=bestAccuracy]')
    expect(header().attributes('aria-sort')).toBe('none')
    await header().find('button').trigger('click')
    expect(header().attributes('aria-sort')).toBe('descending')
    expect(rowIds(w)).toEqual(['bbbbbb', 'aaaaaa', 'cccccc'])
    await header().find('button').trigger('click')
    expect(header().attributes('aria-sort')).toBe('ascending')
    expect(rowIds(w)).toEqual(['cccccc', 'aaaaaa', 'bbbbbb'])
    await w.find('th[data-column=name] button').trigger('click')
    expect(header().attributes('aria-sort')).toBe('none')
    expect(w.find('th[data-column=name]').attributes('aria-sort')).toBe('ascending')
    expect(rowIds(w)).toEqual(['cccccc', 'aaaaaa', 'bbbbbb'])
  })

  it('puts ticked runs on the charts in their colours, and says what changed between two of them', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    await tick(w, 'bbbbbb')
    expect(w.find('tr[data-run=bbbbbb] [data-testid=run-swatch]').attributes('style')).toContain('background: #e69f00')
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay')).toBe('bbbbbb')
    expect(w.find('[data-testid=run-comparison]').exists(), 'one run has nothing to compare with').toBe(false)
    await tick(w, 'aaaaaa')
    expect(w.find('tr[data-run=aaaaaa] [data-testid=run-swatch]').attributes('style')).toContain(`background: ${RUN_COLOURS[1]}`)
    const sentence = '“lr 0.05” used learning rate 0.05 instead of 0.01: best test accuracy 79.8\u00a0% instead of 76.3\u00a0%, and it began to overfit at epoch 9.'
    expect(w.find('[data-testid=run-comparison]').text()).toBe(sentence)
    // the Training tab: both runs beside the current one, their legend and the same sentence
    await w.find('#tab-training').trigger('click')
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay')).toBe('bbbbbb aaaaaa')
    expect(w.find('[data-testid=metrics-chart] canvas').attributes('aria-label')).toContain('Beside it: lr 0.05, lr 0.01.')
    expect(w.findAll('[data-testid=run-legend] li').map((l) => l.text())).toEqual(['This run', 'lr 0.05', 'lr 0.01'])
    expect(w.find('[data-testid=chart-comparison]').text()).toBe(sentence)
    await w.find('#tab-runs').trigger('click')
    await tick(w, 'bbbbbb', false)
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay')).toBe('aaaaaa')
    expect(w.find('[data-testid=run-comparison]').exists()).toBe(false)
    expect(w.find('[data-testid=run-legend]').exists()).toBe(true)
  })

  it('explains the limit when one run more than the charts hold is ticked', async () => {
    const ids = ['aaaaa1', 'aaaaa2', 'aaaaa3', 'aaaaa4', 'aaaaa5', 'aaaaa6', 'aaaaa7', 'aaaaa8']
    const { api } = storeApi(ids.map((id) => record({ id })))
    const w = await openRuns(api)
    for (const id of ids.slice(0, 7)) await tick(w, id)
    expect(w.find('[role=status].note').text()).toBe('')
    await tick(w, 'aaaaa8')
    expect(w.find('[role=status].note').text()).toBe('The charts show at most 8 runs at once: the current run and 7 ticked ones. Untick a run to show another.')
    expect((box(w, 'aaaaa8').element as HTMLInputElement).checked).toBe(false)
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay')?.split(' ')).toHaveLength(7)
    const colours = w.findAll('[data-testid=run-swatch]').map((s) => s.attributes('style'))
    expect(new Set(colours).size, 'seven different colours').toBe(7)
    await tick(w, 'aaaaa1', false)
    expect(w.find('[role=status].note').text()).toBe('')
    await tick(w, 'aaaaa8')
    expect(w.find('tr[data-run=aaaaa8] [data-testid=run-swatch]').attributes('style'), 'the colour aaaaa1 left').toContain(`background: ${RUN_COLOURS[0]}`)
  })

  it('renames a run in place: Enter saves, Esc cancels', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    await w.find('button[aria-label="Rename run aaaaaa"]').trigger('click')
    const input = w.find('input[aria-label="New name for run aaaaaa"]')
    expect(document.activeElement).toBe(input.element)
    await input.setValue('baseline')
    await input.trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(api.callsTo('runs:rename')).toEqual([])
    expect(w.find('tr[data-run=aaaaaa] th').text()).toContain('lr 0.01')
    expect(document.activeElement).toBe(w.find('button[aria-label="Rename run aaaaaa"]').element)

    await w.find('button[aria-label="Rename run aaaaaa"]').trigger('click')
    await w.find('input[aria-label="New name for run aaaaaa"]').setValue('baseline')
    await w.find('input[aria-label="New name for run aaaaaa"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(api.callsTo('runs:rename')).toEqual([{ id: 'aaaaaa', name: 'baseline' }])
    expect(w.find('tr[data-run=aaaaaa] th').text()).toContain('baseline')
  })

  it('shows a refused name in plain words', async () => {
    const { api } = storeApi(THREE())
    api.handlers['runs:rename'] = () => { throw failure('bad-name', 'A run’s name can be at most 200 characters long; this one has 201. Choose a shorter name.') }
    const w = await openRuns(api)
    await w.find('button[aria-label="Rename run aaaaaa"]').trigger('click')
    await w.find('input[aria-label="New name for run aaaaaa"]').setValue('x'.repeat(201))
    await w.find('input[aria-label="New name for run aaaaaa"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(w.find('[data-testid=notice][data-level=error]').text()).toContain('Choose a shorter name.')
    expect(w.find('tr[data-run=aaaaaa] th').text()).toContain('lr 0.01')
  })

  it('stars a run', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    const star = () => w.find('button[aria-label="Star run aaaaaa"]')
    expect(star().attributes('aria-pressed')).toBe('false')
    await star().trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:star')).toEqual([{ id: 'aaaaaa', starred: true }])
    expect(star().attributes('aria-pressed')).toBe('true')
  })

  it('deletes a run or the ticked ones after asking, and never a run that is training', async () => {
    const { api } = storeApi([record({ id: 'eeeeee', status: 'running', startedAt: '2026-11-30T13:00:00.000Z' }), ...THREE()])
    const w = await openRuns(api)
    expect(w.find('button[aria-label="Delete run eeeeee"]').attributes('disabled')).toBeDefined()
    await w.find('button[aria-label="Delete run aaaaaa"]').trigger('click')
    await flushPromises()
    expect(w.find('#confirm-message').text()).toBe('This deletes run “lr 0.01” from the disk (1.5 MB): the record, its curves and its saved network. It cannot be undone.')
    await buttonNamed(w, 'Cancel').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:delete')).toEqual([])

    await tick(w, 'aaaaaa')
    await tick(w, 'cccccc')
    await buttonNamed(w, 'Delete ticked…').trigger('click')
    await flushPromises()
    expect(w.find('#confirm-title').text()).toBe('Delete 2 runs?')
    await buttonNamed(w, 'Delete 2 runs').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:delete')).toEqual([{ ids: ['aaaaaa', 'cccccc'] }])
    expect(rowIds(w)).toEqual(['eeeeee', 'bbbbbb'])
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay'), 'deleted runs leave the charts').toBe('')
    expect(buttonNamed(w, 'Delete ticked…').attributes('disabled')).toBeDefined()
  })

  it('cleans up after saying how many runs and megabytes go and what is kept', async () => {
    const { api } = storeApi([record({ id: 'eeeeee', status: 'running', startedAt: '2026-11-30T13:00:00.000Z' }), ...THREE(), damaged('dddddd')])
    const w = await openRuns(api)
    await buttonNamed(w, 'Clean up…').trigger('click')
    await flushPromises()
    expect(w.find('#confirm-message').text()).toBe(
      'This deletes 2 runs (3.0 MB) from the disk, with their curves and saved networks. It keeps the starred run, the run still training ' +
      'and 1 run that cannot be read (delete it one by one). It cannot be undone.'
    )
    await buttonNamed(w, 'Delete 2 runs').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:delete')).toEqual([{ ids: ['cccccc', 'aaaaaa'] }])
    expect(rowIds(w)).toEqual(['eeeeee', 'bbbbbb', 'dddddd'])
    await buttonNamed(w, 'Clean up…').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=notice][data-level=info]').text()).toContain('Nothing to clean up')
    expect(api.callsTo('runs:delete')).toHaveLength(1)
  })

  it('copies a run’s settings into the form, but not while a network trains', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    await w.find('tr[data-run=bbbbbb]').findAll('button').find((b) => b.text() === 'Use these settings')!.trigger('click')
    await flushPromises()
    expect((w.find('input[name=learningRate]').element as HTMLInputElement).value).toBe('0.05')
    expect(w.find('[data-testid=notice][data-level=info]').text()).toContain('The settings of “lr 0.05” are in the form. Press Train to train with them.')
    await w.find('tr[data-run=cccccc]').findAll('button').find((b) => b.text() === 'Use these settings')!.trigger('click')
    expect((w.find('input[name=hidden-0]').element as HTMLInputElement).value).toBe('100')
    expect((w.find('input[name=learningRate]').element as HTMLInputElement).value).toBe('0.01')
    expect((w.find('input[name=threads]').element as HTMLInputElement).value, 'threads stay').toBe('0')

    api.emit('train:state', status({ state: 'running', runId: 1, targetEpoch: 10 }))
    await flushPromises()
    expect(w.find('tr[data-run=bbbbbb]').findAll('button').find((b) => b.text() === 'Use these settings')!.attributes('disabled')).toBeDefined()
  })

  it('opens a run’s network: its settings fill the form and its curves the charts, after asking when work is unsaved', async () => {
    const runs = [...THREE(), { ...(record({ id: 'dddddd', name: 'no model yet', startedAt: '2026-11-30T09:00:00.000Z' }) as Extract<RunRecord, { ok: true }>), hasModel: false }]
    const { api } = storeApi(runs)
    const opened = { ...model(historyOf(12, 0.81, 9)), name: 'lr 0.05', hidden: [15], activation: 'relu' as const, hyperparameters: { ...SEED_DEFAULTS, learningRate: 0.05, epochs: 12 } }
    api.handlers['runs:open'] = () => {
      // main tells every page, as it does for any opened model
      api.emit('model:loaded', opened)
      return opened
    }
    const w = await openRuns(api)
    const openButton = (id: string) => w.find(`button[aria-label="Open run ${id}"]`)
    expect(openButton('dddddd').attributes('disabled'), 'a run without a saved network').toBeDefined()
    await openButton('bbbbbb').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:open')).toEqual([{ id: 'bbbbbb' }])
    expect((w.find('input[name=learningRate]').element as HTMLInputElement).value).toBe('0.05')
    expect(w.find('[data-testid=notice][data-level=info]').text()).toContain('Opened run “lr 0.05”. Continue trains it further, recorded as a new run.')

    // trained work that is not saved is never replaced without asking
    api.emit('train:state', status({ state: 'finished', runId: 2, epoch: 3, targetEpoch: 3, hasNetwork: true, unsavedChanges: true }))
    await flushPromises()
    await openButton('aaaaaa').trigger('click')
    await flushPromises()
    expect(w.find('#confirm-title').text()).toBe('Discard the trained network?')
    await buttonNamed(w, 'Cancel').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:open')).toHaveLength(1)
    await openButton('aaaaaa').trigger('click')
    await flushPromises()
    await buttonNamed(w, 'Open without saving').trigger('click')
    await flushPromises()
    expect(api.callsTo('runs:open')).toEqual([{ id: 'bbbbbb' }, { id: 'aaaaaa' }])

    api.emit('train:state', status({ state: 'running', runId: 3, targetEpoch: 10, hasNetwork: true }))
    await flushPromises()
    expect(openButton('aaaaaa').attributes('disabled'), 'not while a network trains').toBeDefined()
  })

  it('follows the store’s changes as they are announced', async () => {
    const { api } = storeApi(THREE())
    const w = await openRuns(api)
    await tick(w, 'aaaaaa')
    api.emit('runs:changed', runList([record({ id: 'ffffff', name: 'new one', startedAt: '2026-12-01T09:00:00.000Z' }), ...THREE().slice(0, 2)]))
    await flushPromises()
    expect(rowIds(w)).toEqual(['ffffff', 'cccccc', 'bbbbbb'])
    expect(w.find('[data-testid=metrics-chart]').attributes('data-overlay'), 'a run deleted elsewhere leaves the charts').toBe('')
  })
})

describe('the current run in words', () => {
  it('says once that the network memorises the training pictures, and names the best epoch at the end', async () => {
    const { api } = storeApi([])
    wrapper = mount(StudioApp, { props: { api }, attachTo: document.body })
    await flushPromises()
    api.emit('train:state', status({ state: 'running', runId: 4, targetEpoch: 12 }))
    const history = historyOf(12, 0.8, 9)
    const info = () => wrapper!.find('[data-testid=notice][data-level=info]')
    for (const m of history.slice(0, 10)) api.emit('train:epoch', { runId: 4, metrics: m, targetEpoch: 12 })
    await flushPromises()
    expect(info().exists(), 'two rises are not yet overfitting').toBe(false)
    api.emit('train:epoch', { runId: 4, metrics: history[10], targetEpoch: 12 })
    await flushPromises()
    expect(info().text()).toContain('Since epoch 9 the network has been memorising the training pictures: it was best at epoch 8.')
    await wrapper.find('[data-testid=notice] button').trigger('click')
    api.emit('train:epoch', { runId: 4, metrics: history[11], targetEpoch: 12 })
    await flushPromises()
    expect(info().exists(), 'said once').toBe(false)
    api.emit('train:finished', { runId: 4, reason: 'completed', history })
    await flushPromises()
    expect(info().text()).toContain('Training finished after epoch 12. Best at epoch 8 of 12: test accuracy 78.8\u00a0% (test loss 0.1111); at the end 79.2\u00a0%.')
    // a fresh run may say it again
    api.emit('train:state', status({ state: 'running', runId: 5, targetEpoch: 12 }))
    for (const m of history.slice(0, 11)) api.emit('train:epoch', { runId: 5, metrics: m, targetEpoch: 12 })
    await flushPromises()
    // information notices stack, the newest last
    expect(wrapper.findAll('[data-testid=notice][data-level=info]').at(-1)?.text()).toContain('Since epoch 9')
  })
})

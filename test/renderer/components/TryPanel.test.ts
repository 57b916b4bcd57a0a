// @vitest-environment happy-dom
/**
 * The Try tab as a user meets it: pictures chosen become cards with the original, what the
 * network sees, a bar per class (the answer first, whole names, shares in words) and the
 * contribution map (red towards, blue away) with its legend; a damaged file says why; a folder
 * with class sub-folders gives the accuracy and the confusion matrix, mistakes first; a recorded
 * run compared adds a column; without a network it says what to do and asks nothing.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref, shallowRef } from 'vue'
import type { RunList } from '../../../src/core/runs/types'
import { AWAY_RGB, TOWARDS_RGB } from '../../../src/core/viz/contributionImage'
import TryPanel from '../../../src/renderer/src/components/TryPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { API_KEY } from '../../../src/renderer/src/composables/useApi'
import type { Studio } from '../../../src/renderer/src/composables/useStudio'
import type { ModelInfo, StudioTab, TrainingStatus, TriedModel, TryAnswer, TryRequest } from '../../../src/shared/ipc'
import { FakeApi } from '../fakeApi'
import { status } from '../fixtures'
import { record, runList } from '../runs/fixtures'
import { drawn, stubCanvas } from './canvasStub'

const CLASSES = ['night sky over the hills', 'day']

/** The files the page decoded to show them, and at what width. */
const shown: { name: string; width: number }[] = []

beforeEach(() => {
  stubCanvas()
  shown.length = 0
  // the browser decodes what it can show; a TIFF it cannot
  vi.stubGlobal('createImageBitmap', async (file: File, options: { resizeWidth: number }) => {
    if (file.name.endsWith('.tif')) throw new DOMException('The source image could not be decoded.', 'InvalidStateError')
    shown.push({ name: file.name, width: options.resizeWidth })
    return { width: options.resizeWidth, height: 255, close: () => {} }
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/**
 * The fake training process: "broken…" files cannot be read; a picture whose name holds "dark"
 * is night (p(day) 0.2), any other day (0.9); the map pushes towards the answer in the top row
 * and away in the bottom row; a compared run answers the opposite, with an approximate map.
 */
function answerOf(request: TryRequest): TryAnswer {
  const n = request.pictures.length
  const models = request.models.map((choice): TriedModel => {
    const other = choice.kind !== 'current'
    const probabilities = new Float32Array(2 * n)
    const predicted = new Int16Array(n).fill(-1)
    const contributions = new Float32Array(n * 1024)
    request.pictures.forEach((p, i) => {
      if (p.name.includes('broken')) return
      const day = (p.name.includes('dark') ? 0.2 : 0.9)
      const pDay = other ? 1 - day : day
      probabilities.set([1 - pDay, pDay], 2 * i)
      predicted[i] = pDay > 0.5 ? 1 : 0
      contributions.fill(2, i * 1024, i * 1024 + 32)
      contributions.fill(-1, i * 1024 + 992, (i + 1) * 1024)
    })
    const actual = Int16Array.from(request.pictures, (p) => (p.name.includes('/night sky over the hills/') ? 0 : p.name.includes('/day/') ? 1 : -1))
    return {
      name: other ? 'lr 0.05' : 'The current network', classNames: CLASSES, resize: 'crop', map: other ? 'approximate' : 'exact', problem: null,
      seen: new Uint8Array(n * 3072).fill(128), probabilities, predicted, actual, contributions
    }
  })
  return { pictures: request.pictures.map((p) => ({ name: p.name, problem: p.name.includes('broken') ? 'The picture is damaged or cut short.' : null })), models }
}

function setup(hasNetwork = true) {
  const api = new FakeApi({ 'try:pictures': ({ request }) => answerOf(request), 'runs:list': () => list })
  const list: RunList = runList([record({ id: 'run002', name: 'lr 0.01 (the current run)' }), record({ id: 'run001', name: 'lr 0.05' })])
  const st = shallowRef<TrainingStatus | null>(status({ state: 'finished', runId: 1, epoch: 2, hasNetwork, recordId: 'run002' }))
  const tab = ref<StudioTab>('try')
  const reported: unknown[] = []
  const studio = {
    session: { status: st },
    models: { model: shallowRef<ModelInfo | null>(null) },
    runs: { list: shallowRef<RunList | null>(list), refresh: async () => undefined },
    info: shallowRef({ nativeDialogs: false }),
    notices: { report: (e: unknown) => reported.push(e) },
    tab
  } as unknown as Studio
  const wrapper = mount(TryPanel, { global: { provide: { [STUDIO as symbol]: studio, [API_KEY as symbol]: api } }, attachTo: document.body })
  return { api, wrapper, st, reported }
}

async function choose(wrapper: ReturnType<typeof setup>['wrapper'], testId: string, files: { name: string; path?: string }[]): Promise<void> {
  const input = wrapper.find(`input[data-testid=${testId}]`)
  const chosen = files.map((f) => {
    const file = new File([new Uint8Array([1, 2, 3])], f.name, { type: 'image/png' })
    return f.path ? Object.defineProperty(file, 'webkitRelativePath', { value: f.path }) : file
  })
  Object.defineProperty(input.element, 'files', { value: chosen, configurable: true })
  await input.trigger('change')
  await flushPromises()
}

describe('TryPanel', () => {
  it('shows each picture as a card: the original, what the network sees, the bars with the answer first, the map and its legend', async () => {
    const { api, wrapper } = setup()
    expect(wrapper.find('[data-testid=try-drop]').text()).toMatch(/Drop pictures or a folder here/)
    await choose(wrapper, 'try-pictures', [{ name: 'sunny.jpg' }, { name: 'dark.png' }])

    const [call] = api.callsTo('try:pictures') as { request: TryRequest }[]
    expect(call.request.models).toEqual([{ kind: 'current' }])
    expect(call.request.pictures.map((p) => [p.name, Array.from(p.bytes)])).toEqual([['sunny.jpg', [1, 2, 3]], ['dark.png', [1, 2, 3]]])

    const cards = wrapper.findAll('[data-testid=try-card]')
    expect(cards.map((c) => c.attributes('data-name'))).toEqual(['sunny.jpg', 'dark.png'])
    // the originals, decoded at twice the card's width
    expect(shown).toEqual([{ name: 'sunny.jpg', width: 340 }, { name: 'dark.png', width: 340 }])
    const original = cards[0].find('[data-testid=try-original]')
    expect(original.attributes('aria-label')).toBe('The picture sunny.jpg as given')
    expect([(original.element as HTMLCanvasElement).width, (original.element as HTMLCanvasElement).height]).toEqual([340, 255])
    expect(cards[0].find('[data-testid=sample-picture]').attributes('aria-label')).toBe('What the network sees: the picture at 32 × 32 (centre crop)')
    // the bars: every class by its whole name, the answer first, the share in words
    const bars = (i: number): string[] => cards[i].findAll('[data-testid=class-bar]').map((b) => b.attributes('aria-label')!)
    expect(bars(0)).toEqual(['day: 90.0\u00a0%', 'night sky over the hills: 10.0\u00a0%'])
    expect(bars(1)).toEqual(['night sky over the hills: 80.0\u00a0%', 'day: 20.0\u00a0%'])
    expect(cards[1].find('[data-testid=try-says]').text()).toBe('It says night sky over the hills')
    expect(cards[1].find('.bar.answer .name').text()).toBe('night sky over the hills')

    // the map: red in the top row (pushed towards the answer), blue in the bottom row (away), grey between
    const map = cards[0].find('[data-testid=contribution-map]')
    expect(map.attributes('aria-label')).toBe('Which pixels pushed it towards day (red) or away (blue)')
    const rgba = drawn.get(map.element as HTMLCanvasElement)!
    const pixel = (p: number): number[] => Array.from(rgba.subarray(4 * p, 4 * p + 3))
    expect(pixel(0)).toEqual([...TOWARDS_RGB])
    const away = pixel(1000)
    expect(away[2]).toBeGreaterThan(away[0])
    expect(away).not.toEqual([...AWAY_RGB])
    expect(new Set(pixel(500)).size).toBe(1)
    const legend = wrapper.find('[data-testid=contribution-legend]').text()
    expect(legend).toContain('Red: pixels that pushed the network towards its answer')
    expect(legend).toContain('Blue: pixels that pushed it away')
    expect(legend).toContain('Faint grey: the picture itself')
    expect(legend).toContain('exact')
    expect(legend).not.toMatch(/Approximate/)
  })

  it('says why a damaged file could not be used, and answers the others', async () => {
    const { wrapper } = setup()
    await choose(wrapper, 'try-pictures', [{ name: 'broken.jpg' }, { name: 'sunny.jpg' }, { name: 'scan.tif' }])
    const cards = wrapper.findAll('[data-testid=try-card]')
    // a format the page cannot show is still answered
    expect(cards[2].find('[data-testid=try-unshown]').text()).toBe('This page cannot show this file\'s format, but the network could read it.')
    expect(cards[2].findAll('[data-testid=class-bar]')).toHaveLength(2)
    expect(cards[0].find('[data-testid=try-problem]').text()).toBe('NN Scratch could not use this file: The picture is damaged or cut short.')
    expect(cards[0].find('[data-testid=class-bars]').exists()).toBe(false)
    expect(cards[1].findAll('[data-testid=class-bar]')).toHaveLength(2)
    expect(wrapper.find('[data-testid=try-unread]').text()).toBe('1 of the 3 files could not be read as pictures; their cards say why.')
  })

  it('scores a folder with class sub-folders: accuracy, the confusion matrix, and the mistakes first', async () => {
    const { wrapper } = setup()
    await choose(wrapper, 'try-folder', [
      { name: 'a.png', path: 'mine/day/a.png' },
      { name: 'dark1.png', path: 'mine/night sky over the hills/dark1.png' },
      { name: 'b.png', path: 'mine/night sky over the hills/b.png' },
      { name: '.DS_Store', path: 'mine/.DS_Store' }
    ])
    expect(wrapper.find('[data-testid=try-accuracy]').text()).toBe('2 of 3 pictures in class folders answered right (66.7\u00a0%)')
    const table = wrapper.find('[data-testid=confusion-matrix]')
    expect(table.find('caption').text()).toMatch(/^Confusion matrix of the pictures in class folders/)
    expect(table.findAll('[data-testid=confusion-cell]').map((c) => c.attributes('aria-label'))).toEqual([
      'true night sky over the hills, predicted night sky over the hills: 1 picture',
      'true night sky over the hills, predicted day: 1 picture',
      'true day, predicted night sky over the hills: 0 pictures',
      'true day, predicted day: 1 picture'
    ])
    const cards = wrapper.findAll('[data-testid=try-card]')
    expect(cards.map((c) => c.attributes('data-name'))).toEqual(['mine/night sky over the hills/b.png', 'mine/day/a.png', 'mine/night sky over the hills/dark1.png'])
    expect(cards[0].find('[data-testid=try-answer]').attributes('data-right')).toBe('false')
    expect(cards[0].find('[data-testid=try-says]').text()).toBe('It says day — ✗ wrong: it is night sky over the hills')

    // a cell of the table shows only its pictures, until asked for all
    await table.find('[aria-label="true night sky over the hills, predicted day: 1 picture"]').trigger('click')
    expect(wrapper.find('[data-testid=try-cell-title]').text()).toBe('True night sky over the hills, answered day: 1 picture')
    expect(wrapper.findAll('[data-testid=try-card]').map((c) => c.attributes('data-name'))).toEqual(['mine/night sky over the hills/b.png'])
    await wrapper.findAll('button').find((b) => b.text() === 'Show all pictures')!.trigger('click')
    expect(wrapper.findAll('[data-testid=try-card]')).toHaveLength(3)
  })

  it('compares a recorded run side by side, with an approximate map said so, and stops comparing it', async () => {
    const { api, wrapper } = setup()
    await choose(wrapper, 'try-pictures', [{ name: 'sunny.jpg' }])
    // the current network's own run is not offered: it would answer the same
    expect(wrapper.findAll('select[data-testid=try-run] option').map((o) => o.text())).toEqual(['Compare a recorded run…', 'lr 0.05'])
    await wrapper.find('select[data-testid=try-run]').setValue('run001')
    await flushPromises()
    const last = (api.callsTo('try:pictures') as { request: TryRequest }[]).at(-1)!
    expect(last.request.models).toEqual([{ kind: 'current' }, { kind: 'run', id: 'run001' }])
    expect(wrapper.findAll('[data-testid=try-model]').map((m) => m.text().replace('✕', '').trim())).toEqual(['The current network', 'lr 0.05'])
    const answers = wrapper.findAll('[data-testid=try-answer]')
    expect(answers.map((a) => [a.find('h3').text(), a.attributes('data-answer')])).toEqual([['The current network', 'day'], ['lr 0.05', 'night sky over the hills']])
    expect(answers[1].text()).toContain('(approximate)')
    expect(wrapper.find('[data-testid=contribution-legend]').text()).toMatch(/Approximate for networks with tanh or sigmoid units/)
    await wrapper.find('button[aria-label="Stop comparing lr 0.05"]').trigger('click')
    await flushPromises()
    expect((api.callsTo('try:pictures') as { request: TryRequest }[]).at(-1)!.request.models).toEqual([{ kind: 'current' }])
    expect(wrapper.findAll('[data-testid=try-answer]')).toHaveLength(1)
  })

  it('without a network says what to do and asks nothing; a network trained later is asked once the run ends', async () => {
    const { api, wrapper, st } = setup(false)
    expect(wrapper.find('[data-testid=try-no-network]').text()).toMatch(/There is no network to ask yet\. Train one/)
    await choose(wrapper, 'try-pictures', [{ name: 'sunny.jpg' }])
    expect(api.callsTo('try:pictures')).toEqual([])
    st.value = status({ state: 'running', runId: 2, epoch: 1, hasNetwork: true })
    await flushPromises()
    expect(api.callsTo('try:pictures')).toEqual([])
    st.value = status({ state: 'finished', runId: 2, epoch: 2, hasNetwork: true })
    await flushPromises()
    expect(api.callsTo('try:pictures')).toHaveLength(1)
    expect(wrapper.findAll('[data-testid=try-card]')).toHaveLength(1)
  })

  it('takes a picture pasted from the clipboard and a folder dropped on the tab, named by its path', async () => {
    const { api, wrapper } = setup()
    const pasted = new File([new Uint8Array([7])], 'image.png', { type: 'image/png' })
    const paste = Object.assign(new Event('paste'), { clipboardData: { items: [{ kind: 'file', getAsFile: () => pasted, webkitGetAsEntry: () => null }], files: [] } })
    document.dispatchEvent(paste)
    await flushPromises()
    expect(wrapper.findAll('[data-testid=try-card]').map((c) => c.attributes('data-name'))).toEqual(['image.png'])

    const file = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(new File([new Uint8Array([1])], name)) })
    const day = { isFile: false, isDirectory: true, name: 'day', createReader: () => {
      let done = false
      return { readEntries: (ok: (e: unknown[]) => void) => { ok(done ? [] : [file('a.png')]); done = true } }
    } }
    const mine = { isFile: false, isDirectory: true, name: 'mine', createReader: () => {
      let done = false
      return { readEntries: (ok: (e: unknown[]) => void) => { ok(done ? [] : [day]); done = true } }
    } }
    await wrapper.find('[data-testid=try-panel]').trigger('drop', { dataTransfer: { items: [{ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => mine }], files: [] } })
    await flushPromises()
    expect(wrapper.findAll('[data-testid=try-card]').map((c) => c.attributes('data-name')).sort()).toEqual(['image.png', 'mine/day/a.png'])
    const last = (api.callsTo('try:pictures') as { request: TryRequest }[]).at(-1)!
    expect(last.request.pictures.map((p) => p.name)).toEqual(['image.png', 'mine/day/a.png'])
    expect(wrapper.find('[data-testid=try-accuracy]').text()).toBe('1 of 1 picture in class folders answered right (100.0\u00a0%)')
  })
})

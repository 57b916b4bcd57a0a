// @vitest-environment happy-dom
/**
 * The Data tab with a folder of pictures: the preview (counts, warnings, the skipped files, the
 * resize preview in the mode chosen), the import with its progress and Cancel, the report kept with
 * the dataset, saving it as .npz, and new class names for any dataset.
 */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, provide } from 'vue'
import { pictureRgba } from '../../../src/core/data/picture'
import DataPanel from '../../../src/renderer/src/components/DataPanel.vue'
import { STUDIO } from '../../../src/renderer/src/composables/studioKey'
import { useStudio, type Studio } from '../../../src/renderer/src/composables/useStudio'
import type { DatasetInfo, PictureFolderPreview, ResizeSample } from '../../../src/shared/ipc'
import { FakeApi, failure } from '../fakeApi'
import { DEMO, SETTINGS, snapshot, status } from '../fixtures'

/** 3072 planar bytes all of one value. */
const flat = (v: number): Uint8Array => new Uint8Array(3072).fill(v)
const sample = (i: number, label: number): ResizeSample => ({ path: `${label ? 'dogs' : 'cats'}/p${i}.jpg`, label, crop: flat(10 + i), squash: flat(100 + i), pad: flat(200 + i) })

function preview(patch: Partial<PictureFolderPreview> = {}): PictureFolderPreview {
  return {
    kind: 'picture-folder',
    name: 'mypics',
    classes: [{ name: 'cats', train: 30, test: 0 }, { name: 'dogs', train: 8, test: 0 }],
    hasTestFolder: false,
    pictures: 38,
    skipped: { files: Array.from({ length: 60 }, (_, i) => ({ path: `notes/n${i}.txt`, reason: 'not a picture (a .txt file)' })), total: 75 },
    warnings: ['The class "dogs" has only 8 pictures: the network will learn little about it. Add more if you can.'],
    samples: [sample(0, 0), sample(1, 0), sample(2, 1)],
    ...patch
  }
}

const IMPORTED: DatasetInfo = {
  ...DEMO,
  name: 'mypics', origin: 'bytes', trainCount: 30, testCount: 8, testWasSplitOff: true,
  options: { classes: 'all', testFraction: 0.2 }, sourceClassNames: ['cats', 'dogs'],
  classes: [{ index: 0, name: 'cats', train: 24, test: 6 }, { index: 1, name: 'dogs', train: 6, test: 2 }],
  resize: 'squash',
  pictures: { folderName: 'mypics', pictures: 38, skipped: { files: [{ path: 'cats/broken.jpg', reason: 'the picture is damaged or cut short' }], total: 1 }, warnings: ['A warning kept.'], seconds: 1.25 }
}

const drawn = new Map<HTMLCanvasElement, Uint8ClampedArray>()
beforeEach(() => {
  drawn.clear()
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return { putImageData: (image: ImageData) => drawn.set(this, image.data) } as unknown as CanvasRenderingContext2D
  } as never)
})
/** every panel mounted, unmounted after each test (a panel listens to drops on the window). */
const mounted: { unmount(): void }[] = []
afterEach(() => {
  vi.restoreAllMocks()
  for (const w of mounted.splice(0)) w.unmount()
})

async function panel(dataset: DatasetInfo | null, api = new FakeApi()) {
  api.handlers['app:snapshot'] ??= () => snapshot({ dataset, training: status({ hasDataset: dataset !== null }) })
  api.handlers['dataset:open-demo'] ??= () => DEMO
  api.handlers['settings:update'] ??= () => SETTINGS
  let studio!: Studio
  const Host = defineComponent({
    setup() {
      studio = useStudio(api)
      provide(STUDIO, studio)
      return () => h(DataPanel)
    }
  })
  const wrapper = mount(Host)
  mounted.push(wrapper)
  await studio.boot()
  await flushPromises()
  return { wrapper, api, studio }
}

/** The panel after the desktop app's folder dialog gave a folder of pictures. */
async function previewed(api = new FakeApi(), p = preview()) {
  api.handlers['dataset:open-dialog'] = () => p
  const opened = await panel(DEMO, api)
  await opened.studio.dataset.openDialog(true)
  await flushPromises()
  return opened
}

describe('a folder of pictures on the Data tab', () => {
  it('shows the counts per class, the share set aside, the warnings and the skipped files (first 50, then how many more)', async () => {
    const { wrapper, studio } = await previewed()
    const folder = wrapper.find('[data-testid=picture-folder]')
    expect(folder.exists()).toBe(true)
    expect(folder.text()).toContain('38 pictures in 2 classes, not imported yet')
    const rows = folder.findAll('tbody tr').filter((r) => r.find('th[scope=row]').exists() && !r.attributes('data-testid'))
    expect(rows.map((r) => r.findAll('th, td').map((c) => c.text()).slice(0, 3))).toEqual([['cats', '30', '20\u00a0% of them'], ['dogs', '8', '20\u00a0% of them']])
    expect(folder.find('[data-testid=picture-warnings]').text()).toContain('only 8 pictures')
    expect(folder.find('[data-testid=split-control]').text()).toContain('The folder has no test pictures')
    const skipped = folder.find('[data-testid=skipped-files]')
    expect(skipped.find('summary').text()).toBe('75 files skipped')
    const items = skipped.findAll('li')
    expect(items).toHaveLength(51)
    expect(items[0].text()).toBe('notes/n0.txt: not a picture (a .txt file)')
    expect(items[50].text()).toBe('and 25 more')
    // the dataset in use stays
    expect(studio.dataset.dataset.value).toBe(DEMO)
    expect(folder.find('[data-testid=import-pictures]').text()).toBe('Import 38 pictures')
  })

  it('shows the user’s pictures through crop, squash and pad pixel for pixel, the chosen mode marked (crop by default)', async () => {
    const { wrapper, studio } = await previewed()
    const rows = wrapper.findAll('[data-testid=resize-sample]')
    expect(rows).toHaveLength(3)
    const canvases = rows[1].findAll('canvas')
    expect(canvases.map((c) => c.attributes('aria-label'))).toEqual(['p1.jpg, crop', 'p1.jpg, squash', 'p1.jpg, pad'])
    expect(drawn.get(canvases[0].element as HTMLCanvasElement)).toEqual(pictureRgba(flat(11), 0))
    expect(drawn.get(canvases[1].element as HTMLCanvasElement)).toEqual(pictureRgba(flat(101), 0))
    expect(drawn.get(canvases[2].element as HTMLCanvasElement)).toEqual(pictureRgba(flat(201), 0))
    expect(rows[2].text()).toContain('dogs')
    expect((wrapper.find('[data-testid=resize-crop]').element as HTMLInputElement).checked).toBe(true)
    expect(rows[0].findAll('td').map((td) => td.classes('chosen'))).toEqual([true, false, false])
    await wrapper.find('[data-testid=resize-pad]').setValue(true)
    expect(studio.dataset.resize.value).toBe('pad')
    expect(rows[0].findAll('td').map((td) => td.classes('chosen'))).toEqual([false, false, true])
  })

  it('imports with the chosen mode and share, shows the progress, and then the dataset with its report', async () => {
    const api = new FakeApi()
    let finish: (info: DatasetInfo) => void = () => undefined
    api.handlers['dataset:import-pictures'] = () => new Promise<DatasetInfo>((resolve) => { finish = resolve })
    const { wrapper, studio } = await previewed(api)
    await wrapper.find('[data-testid=resize-squash]').setValue(true)
    const slider = wrapper.find('[data-testid=split-control] input[type=range]')
    await slider.setValue('30')
    await slider.trigger('change')
    await wrapper.find('[data-testid=import-pictures]').trigger('click')
    expect(api.callsTo('dataset:import-pictures')).toEqual([{ choice: { resize: 'squash', testFraction: 0.3 } }])
    expect(wrapper.find('[data-testid=import-progress-text]').text()).toBe('0 of 38 pictures')
    api.emit('dataset:import-progress', { done: 12, total: 38, perSecond: 4.2, secondsLeft: 6.2 })
    await flushPromises()
    expect(wrapper.find('[data-testid=import-progress-text]').text()).toBe('12 of 38 pictures · 4 a second · about 6 s left')
    expect(wrapper.find('progress').attributes('value')).toBe('12')
    finish(IMPORTED)
    await flushPromises()
    expect(wrapper.find('[data-testid=picture-folder]').exists()).toBe(false)
    expect(studio.dataset.dataset.value).toBe(IMPORTED)
    expect(wrapper.find('[data-testid=resize-sentence]').text()).toBe('Pictures made 32×32 by squashing')
    const report = wrapper.find('[data-testid=picture-report]')
    expect(report.text()).toContain('38 pictures imported from the folder mypics in 1.3 s.')
    expect(report.find('[data-testid=skipped-files] li').text()).toBe('cats/broken.jpg: the picture is damaged or cut short')
    expect(report.find('[data-testid=picture-warnings]').text()).toBe('A warning kept.')
    // the share was set at the import: the slider is not offered again
    expect(wrapper.find('[data-testid=split-control]').exists()).toBe(false)
  })

  it('cancels an import: the progress goes, the preview and the dataset from before stay', async () => {
    const api = new FakeApi()
    let refuse: (e: Error) => void = () => undefined
    api.handlers['dataset:import-pictures'] = () => new Promise<DatasetInfo>((_, reject) => { refuse = reject })
    api.handlers['dataset:cancel-open'] = () => {
      refuse(failure('cancelled', 'Opening the dataset was cancelled.'))
      return true
    }
    const { wrapper, studio } = await previewed(api)
    await wrapper.find('[data-testid=import-pictures]').trigger('click')
    await wrapper.find('[data-testid=cancel-import]').trigger('click')
    await flushPromises()
    expect(api.callsTo('dataset:cancel-open')).toHaveLength(1)
    expect(wrapper.find('[data-testid=import-progress]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=import-pictures]').exists()).toBe(true)
    expect(studio.dataset.dataset.value).toBe(DEMO)
    expect(studio.notices.list.value).toEqual([])
  })

  it('shows a folder opened from the menu on the Data tab', async () => {
    const api = new FakeApi()
    const { wrapper, studio } = await panel(DEMO, api)
    expect(studio.tab.value).not.toBe('data')
    api.emit('dataset:previewed', preview({ name: 'from-the-menu' }))
    await flushPromises()
    expect(studio.tab.value).toBe('data')
    expect(api.callsTo('settings:update')).toEqual([{ patch: { studioTab: 'data' } }])
    expect(wrapper.find('[data-testid=picture-folder] h2').text()).toBe('from-the-menu')
  })

  it('opens a folder dropped anywhere on the window: its pictures sent, the rest named, its preview shown', async () => {
    const api = new FakeApi()
    api.handlers['dataset:open-bytes'] = () => preview({ name: 'dropped' })
    const { wrapper, studio } = await panel(DEMO, api)
    const file = (name: string, content: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(new File([content], name)) })
    const dir = (name: string, children: object[]) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => {
        let done = false
        return { readEntries: (ok: (e: object[]) => void) => { ok(done ? [] : children); done = true } }
      }
    })
    const drop = (entries: object[], handled = false) => {
      const event = new Event('drop', { cancelable: true, bubbles: true })
      if (handled) event.preventDefault()
      Object.defineProperty(event, 'dataTransfer', {
        value: { types: ['Files'], items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })) }
      })
      window.dispatchEvent(event)
      return event
    }
    const folder = dir('pets', [dir('cats', [file('a.jpg', 'jpeg')]), dir('dogs', [file('b.png', 'png')]), file('notes.txt', 'hello')])
    // a drop a part of the page took already (the Try tab's) is not opened here
    drop([folder], true)
    await flushPromises()
    expect(api.callsTo('dataset:open-bytes')).toEqual([])
    expect(drop([folder]).defaultPrevented).toBe(true)
    await flushPromises()
    const [args] = api.callsTo('dataset:open-bytes') as { source: { name: string; files: { name: string }[] }; others: unknown[] }[]
    expect(args.source.name).toBe('pets')
    expect(args.source.files.map((f) => f.name)).toEqual(['cats/a.jpg', 'dogs/b.png'])
    expect(args.others).toEqual([{ path: 'notes.txt', bytes: 5 }])
    expect(wrapper.find('[data-testid=picture-folder] h2').text()).toBe('dropped')
    drop([file('loose.jpg', 'x')])
    await flushPromises()
    expect(studio.notices.list.value.at(-1)?.message).toMatch(/^Drop one folder: a folder of pictures with one sub-folder per class/)
  })

  it('saves an imported dataset as .npz: a download in browser mode', async () => {
    const api = new FakeApi({ 'dataset:save-bytes': () => ({ name: 'mypics.npz', bytes: new Uint8Array([1, 2, 3]) }) })
    const { wrapper } = await panel(IMPORTED, api)
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.download) })
    await wrapper.find('[data-testid=save-npz]').trigger('click')
    await flushPromises()
    expect(api.callsTo('dataset:save-bytes')).toHaveLength(1)
    expect(clicked).toEqual(['mypics.npz'])
  })
})

describe('class names', () => {
  it('renames a two-class dataset’s classes, refusing empty and repeated names first', async () => {
    const api = new FakeApi()
    const twoClass: DatasetInfo = { ...DEMO, classes: [{ index: 0, name: 'class 0', train: 5, test: 5 }, { index: 1, name: 'class 1', train: 5, test: 5 }] }
    api.handlers['dataset:rename-classes'] = ({ names }) => {
      const info = { ...twoClass, classes: twoClass.classes.map((c, i) => ({ ...c, name: names[i] })) }
      api.emit('dataset:loaded', info)
      return info
    }
    const { wrapper } = await panel(twoClass, api)
    await wrapper.find('[data-testid=rename-classes]').trigger('click')
    const save = () => wrapper.find('[data-testid=save-class-names]')
    await wrapper.find('[data-testid=class-name-0]').setValue('  ')
    expect(wrapper.find('[data-testid=class-names-problem]').text()).toBe('Class 0 needs a name.')
    expect(save().attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid=class-name-0]').setValue('Cat')
    await wrapper.find('[data-testid=class-name-1]').setValue('cat ')
    expect(wrapper.find('[data-testid=class-names-problem]').text()).toBe('Classes 0 and 1 are both called "cat": give each class a name of its own.')
    await wrapper.find('[data-testid=class-name-1]').setValue(' dog ')
    expect(wrapper.find('[data-testid=class-names-problem]').exists()).toBe(false)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(api.callsTo('dataset:rename-classes')).toEqual([{ names: ['Cat', 'dog'] }])
    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.findAll('tbody tr th').map((t) => t.text())).toEqual(['Cat', 'dog'])
  })
})

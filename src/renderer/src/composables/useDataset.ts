/**
 * The loaded dataset and the ways to open one: the built-in demo, the desktop app's native
 * dialog, or (browser mode) a file the user picked, uploaded as bytes.
 */
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { DatasetInfo, DatasetOptions } from '../../../shared/ipc'
import { readFolder, readUpload } from '../files/browserFiles'
import type { Notices } from './useNotices'

export interface DatasetState {
  readonly dataset: Readonly<ShallowRef<DatasetInfo | null>>
  /** what is being opened right now, in words ("Opening the demo…"), or null. */
  readonly opening: Readonly<Ref<string | null>>
  adopt(info: DatasetInfo | null): void
  /** `quietly`: without the "Loaded …" confirmation (the demo the app opens by itself). */
  openDemo(quietly?: boolean): Promise<void>
  /** desktop: the native open dialog (for a folder with `folder`). */
  openDialog(folder?: boolean): Promise<void>
  /** browser mode: a file the user chose. */
  openFile(file: File): Promise<void>
  /** browser mode: the files of a folder the user chose. */
  openFolder(files: readonly File[]): Promise<void>
  /** Other classes of the loaded source, or another test share. */
  configure(options: DatasetOptions): Promise<void>
}

export function useDataset(api: RendererApi, notices: Notices): DatasetState {
  const dataset = shallowRef<DatasetInfo | null>(null)
  const opening = ref<string | null>(null)

  const stop = api.on('dataset:loaded', (info) => {
    dataset.value = info
  })
  onScopeDispose(stop)

  async function open(what: string, request: () => Promise<DatasetInfo | null>, quietly = false): Promise<void> {
    opening.value = what
    try {
      const info = await request()
      if (info) {
        dataset.value = info
        if (!quietly) notices.show('info', `Loaded ${info.name}: ${info.trainCount.toLocaleString('en')} training and ${info.testCount.toLocaleString('en')} test pictures.`)
      }
    } catch (e) {
      notices.report(e)
    } finally {
      opening.value = null
    }
  }

  return {
    dataset,
    opening,
    adopt(info) {
      dataset.value = info
    },
    openDemo: (quietly = false) => open('Opening the demo dataset…', () => api.invoke('dataset:open-demo', {}), quietly),
    openDialog: (folder = false) => open('Opening the dataset…', () => api.invoke('dataset:open-dialog', folder ? { folder } : {})),
    openFile: (file) => open(`Reading ${file.name}…`, async () => {
      const { name, bytes } = await readUpload(file)
      return api.invoke('dataset:open-bytes', { source: { kind: 'file', name, bytes } })
    }),
    openFolder: (files) => open('Reading the folder…', async () => api.invoke('dataset:open-bytes', { source: await readFolder(files) })),
    configure: (options) => open('Picking the pictures…', () => api.invoke('dataset:configure', { options }), true)
  }
}

/**
 * The loaded dataset and the ways to open one: the built-in demo, the desktop app's native
 * dialog, or (browser mode) a file the user picked, uploaded as bytes. Opening a big file takes
 * a while, and can be cancelled: the dataset from before then stays, and nothing is reported.
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
  /** Stops what is being opened (also a browser-mode file still being read by the page). */
  cancelOpen(): Promise<void>
}

/** A request that failed because the user cancelled it: not an error to show. */
const wasCancelled = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'cancelled'

export function useDataset(api: RendererApi, notices: Notices): DatasetState {
  const dataset = shallowRef<DatasetInfo | null>(null)
  const opening = ref<string | null>(null)

  const stop = api.on('dataset:loaded', (info) => {
    dataset.value = info
  })
  onScopeDispose(stop)

  /** Counts openings and cancellations: an opening is still wanted while it is the latest. */
  let latest = 0

  /** `request` is told whether the opening is still wanted (a file read by the page is sent only then). */
  async function open(what: string, request: (wanted: () => boolean) => Promise<DatasetInfo | null>, quietly = false): Promise<void> {
    const mine = ++latest
    const wanted = (): boolean => latest === mine
    opening.value = what
    try {
      const info = await request(wanted)
      if (info) {
        dataset.value = info
        if (!quietly && wanted()) notices.show('info', `Loaded ${info.name}: ${info.trainCount.toLocaleString('en')} training and ${info.testCount.toLocaleString('en')} test pictures.`)
      }
    } catch (e) {
      if (!wasCancelled(e)) notices.report(e)
    } finally {
      if (wanted()) opening.value = null
    }
  }

  async function cancelOpen(): Promise<void> {
    latest++
    try {
      await api.invoke('dataset:cancel-open', {})
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
    openFile: (file) => open(`Reading ${file.name}…`, async (wanted) => {
      const { name, bytes } = await readUpload(file)
      return wanted() ? api.invoke('dataset:open-bytes', { source: { kind: 'file', name, bytes } }) : null
    }),
    openFolder: (files) => open('Reading the folder…', async (wanted) => {
      const source = await readFolder(files)
      return wanted() ? api.invoke('dataset:open-bytes', { source }) : null
    }),
    configure: (options) => open('Picking the pictures…', () => api.invoke('dataset:configure', { options }), true),
    cancelOpen
  }
}

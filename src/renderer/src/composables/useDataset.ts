/**
 * The loaded dataset and the ways to open one: the built-in demo, the desktop app's native
 * dialog, or (browser mode) a file the user picked, uploaded as bytes. Opening a big file takes
 * a while, and can be cancelled: the dataset from before then stays, and nothing is reported.
 * A folder of pictures opens as a preview (usePictureImport) that the user imports when ready;
 * the dataset from before stays in use until then.
 */
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { DatasetInfo, DatasetOptions, Opened } from '../../../shared/ipc'
import { readFolderFiles, readUpload } from '../files/browserFiles'
import { chosenFolder, isPictureFolder, readPictureFolder, type ChosenFolder } from '../files/pictureFolder'
import type { Notices } from './useNotices'
import { usePictureImport, type PictureImport } from './usePictureImport'

export interface DatasetState extends PictureImport {
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
  /** a folder chosen or dropped, its files by their path in it: a folder of pictures is previewed, anything else opened. */
  openChosenFolder(folder: ChosenFolder): Promise<void>
  /** Other classes of the loaded source, or another test share. */
  configure(options: DatasetOptions): Promise<void>
  /** Stops what is being opened (also a browser-mode file still being read by the page). */
  cancelOpen(): Promise<void>
}

/** A request that failed because the user cancelled it: not an error to show. */
const wasCancelled = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'cancelled'

/** `desktop`: whether the page is the desktop app's (its Open folder… reads folders from the disk). */
export function useDataset(api: RendererApi, notices: Notices, desktop: () => boolean = () => false): DatasetState {
  const dataset = shallowRef<DatasetInfo | null>(null)
  const opening = ref<string | null>(null)

  const stop = api.on('dataset:loaded', (info) => {
    dataset.value = info
  })
  onScopeDispose(stop)

  /** Counts openings and cancellations: an opening is still wanted while it is the latest. */
  let latest = 0

  /**
   * `request` is told whether the opening is still wanted (a file read by the page is sent only
   * then); a folder of pictures it gives is previewed. Resolves true when it was opened or previewed.
   */
  async function open(what: string, request: (wanted: () => boolean) => Promise<Opened | null>, quietly = false): Promise<boolean> {
    const mine = ++latest
    const wanted = (): boolean => latest === mine
    opening.value = what
    try {
      const opened = await request(wanted)
      if (!opened) return false
      if ('kind' in opened) {
        pictures.show(opened)
        return true
      }
      dataset.value = opened
      pictures.close()
      if (!quietly && wanted()) notices.show('info', `Loaded ${opened.name}: ${opened.trainCount.toLocaleString('en')} training and ${opened.testCount.toLocaleString('en')} test pictures.`)
      return true
    } catch (e) {
      if (!wasCancelled(e)) notices.report(e)
      return false
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

  const pictures = usePictureImport(api, notices, open)

  const openChosenFolder = (folder: ChosenFolder): Promise<void> => open(`Reading the folder ${folder.name}…`, async (wanted) => {
    if (isPictureFolder(folder)) {
      const { source, others } = await readPictureFolder(folder, undefined, desktop())
      return wanted() ? api.invoke('dataset:open-bytes', { source, others }) : null
    }
    const source = await readFolderFiles(folder)
    return wanted() ? api.invoke('dataset:open-bytes', { source }) : null
  }).then(() => undefined)

  return {
    ...pictures,
    dataset,
    opening,
    adopt(info) {
      dataset.value = info
    },
    openDemo: (quietly = false) => open('Opening the demo dataset…', () => api.invoke('dataset:open-demo', {}), quietly).then(() => undefined),
    openDialog: (folder = false) => open('Opening the dataset…', () => api.invoke('dataset:open-dialog', folder ? { folder } : {})).then(() => undefined),
    openFile: (file) => open(`Reading ${file.name}…`, async (wanted) => {
      const { name, bytes } = await readUpload(file)
      return wanted() ? api.invoke('dataset:open-bytes', { source: { kind: 'file', name, bytes } }) : null
    }).then(() => undefined),
    openFolder: (files) => openChosenFolder(chosenFolder(files)),
    openChosenFolder,
    configure: (options) => open('Picking the pictures…', () => api.invoke('dataset:configure', { options }), true).then(() => undefined),
    cancelOpen
  }
}

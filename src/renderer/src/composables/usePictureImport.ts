/**
 * A folder of pictures between opening and importing: the preview the training process made
 * (counts per class, skipped files, warnings, samples through each resize mode), the user's
 * choice of resize mode and test share, the import with its progress (count, rate, time left;
 * cancelled like any opening), and, for the dataset in use, new class names and saving it as .npz.
 */
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { DEFAULT_TEST_FRACTION } from '../../../core/data/assemble'
import { DEFAULT_RESIZE } from '../../../core/pictures/types'
import type { RendererApi } from '../../../shared/api'
import type { ImportProgress, Opened, PictureFolderPreview, ResizeMode } from '../../../shared/ipc'
import { downloadBytes } from '../files/browserFiles'
import type { Notices } from './useNotices'

export interface PictureImport {
  /** the folder of pictures waiting to be imported, or null. */
  readonly preview: Readonly<ShallowRef<PictureFolderPreview | null>>
  /** how its pictures will be made 32×32 (the preview shows each mode; the import uses this one). */
  readonly resize: Ref<ResizeMode>
  /** the share of each class set aside for testing when the folder has no test folder. */
  readonly testFraction: Ref<number>
  /** how far the import is while it runs, or null. */
  readonly progress: Readonly<ShallowRef<ImportProgress | null>>
  readonly importing: Readonly<Ref<boolean>>
  /** Shows a preview the training process made (the dataset in use stays). */
  show(preview: PictureFolderPreview): void
  /** Closes the preview (the training process lets the folder go when something else is opened). */
  close(): void
  /** Imports the previewed folder with the chosen mode and share; the dataset it gives is put in use. */
  importPictures(): Promise<void>
  /** New names for the classes in use; false (with a notice) when they were refused. */
  renameClasses(names: readonly string[]): Promise<boolean>
  /** The dataset in use as a .npz file: a save dialog (desktop) or a download (browser mode). */
  saveAsNpz(nativeDialogs: boolean): Promise<void>
}

/** How useDataset opens something: `what` said while it is on the way; true when it was put in use (or previewed). */
export type OpenWith = (what: string, request: (wanted: () => boolean) => Promise<Opened | null>) => Promise<boolean>

export function usePictureImport(api: RendererApi, notices: Notices, open: OpenWith): PictureImport {
  const preview = shallowRef<PictureFolderPreview | null>(null)
  const resize = ref<ResizeMode>(DEFAULT_RESIZE)
  const testFraction = ref(DEFAULT_TEST_FRACTION)
  const progress = shallowRef<ImportProgress | null>(null)
  const importing = ref(false)

  const stops = [
    api.on('dataset:import-progress', (p) => {
      if (importing.value) progress.value = p
    }),
    api.on('dataset:previewed', (p) => {
      if (!importing.value) show(p)
    })
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
  })

  function show(p: PictureFolderPreview): void {
    preview.value = p
    resize.value = DEFAULT_RESIZE
  }

  async function importPictures(): Promise<void> {
    const p = preview.value
    if (!p || importing.value) return
    importing.value = true
    progress.value = { done: 0, total: p.pictures, perSecond: 0, secondsLeft: null }
    let lost = false
    try {
      await open(`Importing ${p.pictures.toLocaleString('en')} pictures from ${p.name}…`, async () => {
        try {
          return await api.invoke('dataset:import-pictures', { choice: { resize: resize.value, testFraction: testFraction.value } })
        } catch (e) {
          // the training process no longer holds the folder (files the page sent go with their import)
          lost = (e as { code?: unknown } | null)?.code === 'no-picture-folder'
          throw e
        }
      })
    } finally {
      importing.value = false
      progress.value = null
      if (lost && preview.value === p) preview.value = null
    }
  }

  async function renameClasses(names: readonly string[]): Promise<boolean> {
    try {
      await api.invoke('dataset:rename-classes', { names })
      return true
    } catch (e) {
      notices.report(e)
      return false
    }
  }

  async function saveAsNpz(nativeDialogs: boolean): Promise<void> {
    try {
      if (nativeDialogs) {
        const saved = await api.invoke('dataset:save-dialog', {})
        if (saved) notices.show('info', `Saved the pictures as ${saved.name}.`)
        return
      }
      const file = await api.invoke('dataset:save-bytes', {})
      downloadBytes(file.name, file.bytes)
      notices.show('info', `The pictures are downloaded as ${file.name}.`)
    } catch (e) {
      notices.report(e)
    }
  }

  return {
    preview, resize, testFraction, progress, importing, show,
    close: () => { preview.value = null },
    importPictures, renameClasses, saveAsNpz
  }
}

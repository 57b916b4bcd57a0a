/**
 * Folders of pictures in the training process: an opening that turns out to be a folder of
 * pictures (isPictureFolder on disk; class folders among the files the page sent) is previewed —
 * its plan and eight of its pictures through every resize mode — instead of read, and the folder
 * is held until the user imports it (or opens something else). The dataset in use stays as it was.
 * Saving the dataset in use as .npz is here too, as it is what a folder's import is kept as.
 */
import type { Dataset } from '../core/data/dataset'
import { UserError } from '../core/errors'
import type { ResizeMode } from '../core/pictures/types'
import { datasetNpzBytes } from '../node/pictures/datasetNpz'
import { previewPictures } from '../node/pictures/importFolder'
import type { DatasetInfo } from '../shared/payloads'
import { PREVIEW_PICTURES, type PictureFolderPreview } from '../shared/pictures'
import type { Opened } from '../shared/ipc'
import type { WorkerSource } from '../shared/workerProtocol'
import type { Opening } from './datasets'
import { previewOf } from './pictureInfo'
import { pictureFolderOf, pictureSourceOf, type PictureFolder } from './pictureSources'
import { cancelledRead } from './reader'

/** An opening whose answer is a dataset in use or a folder's preview. */
export interface OpeningOrPreview {
  readonly done: Promise<Opened>
  cancel(): void
}

export const noPictureFolder = (): UserError =>
  new UserError('no-picture-folder', 'There is no folder of pictures waiting to be imported. Open the folder again (Open folder…, or drop it on the window).')

export class PictureImports {
  /** the folder previewed last, until it is imported (a folder the page sent moves to the import) or another opening ends. */
  private pending: PictureFolder | null = null

  /**
   * `from` previewed when it is a folder of pictures, otherwise opened by `open` (a dataset file,
   * CIFAR batches). Cancelling ends either at once; the folder held before is let go once an
   * opening has ended well.
   */
  openOrPreview(from: WorkerSource, open: () => Opening): OpeningOrPreview {
    let inner: Opening | null = null
    let cancelled = false
    let stop: (e: Error) => void = () => undefined
    const stopped = new Promise<never>((_, reject) => { stop = reject })
    const work = (async (): Promise<Opened> => {
      const folder = await pictureFolderOf(from)
      // cancelled while it was told what it is: nothing is read (a reading begun now would be put in use later)
      if (cancelled) throw cancelledRead()
      if (!folder) {
        inner = open()
        const info = await inner.done
        this.pending = null
        return info
      }
      const preview = await this.preview(folder)
      if (cancelled) throw cancelledRead()
      this.pending = folder
      return preview
    })()
    const done = Promise.race([work, stopped])
    // a cancelled preview may still end (or fail) later: nobody is waiting for it then
    work.catch(() => undefined)
    return {
      done,
      cancel: () => {
        cancelled = true
        inner?.cancel()
        stop(cancelledRead())
      }
    }
  }

  private async preview(folder: PictureFolder): Promise<PictureFolderPreview> {
    const { plan, samples } = await previewPictures(await pictureSourceOf(folder), PREVIEW_PICTURES)
    return previewOf(plan, samples)
  }

  /** The folder to import: one on disk stays held (to import again another way); files the page sent move to the import. */
  takeForImport(): PictureFolder {
    const folder = this.pending
    if (!folder) throw noPictureFolder()
    if (folder.kind === 'bytes') this.pending = null
    return folder
  }
}

/** The dataset in use as an ordinary .npz (src/node/pictures/datasetNpz.ts), named after it. */
export function datasetFile(ds: Dataset, info: DatasetInfo): { name: string; bytes: Uint8Array } {
  const resize: ResizeMode | undefined = info.resize
  const base = info.name.replace(/\.[A-Za-z0-9]+$/, '').replace(/[\\/:*?"<>|]+/g, '_') || 'dataset'
  return { name: `${base}.npz`, bytes: datasetNpzBytes(resize ? { ...ds, resize } : ds) }
}

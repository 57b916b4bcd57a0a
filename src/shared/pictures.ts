/**
 * What crosses between processes for a folder of pictures (issue 10; docs/pictures.md): the
 * preview shown before an import (counts per class, skipped files, warnings, eight of the user's
 * own pictures through each resize mode), an import's progress, and what stays shown with the
 * dataset afterwards. The vocabulary is core's (src/core/pictures/types.ts). Types and constants.
 */
import type { ClassCount, FolderEntry, ImportProgress, ResizeMode, SkippedFile } from '../core/pictures/types'

export type { ClassCount, FolderEntry, ImportProgress, ResizeMode, SkippedFile }

/** Skipped files sent with a preview or a dataset (the rest are counted): the Data tab lists the first 50. */
export const MAX_SKIPPED_SENT = 1000
/** Pictures the resize preview shows. */
export const PREVIEW_PICTURES = 8

/** One of the user's pictures at 32×32 through each mode: 3072 channel-planar bytes each (the dataset row layout). */
export interface ResizeSample {
  /** the file, relative to the folder ("cats/tom.jpg"). */
  readonly path: string
  readonly label: number
  readonly crop: Uint8Array
  readonly squash: Uint8Array
  readonly pad: Uint8Array
}

/** Skipped files, the first MAX_SKIPPED_SENT of them, and how many there are in all. */
export interface SkippedList {
  readonly files: readonly SkippedFile[]
  readonly total: number
}

/**
 * A folder of pictures, planned but not imported: the training process holds it until the user
 * imports it (or opens something else). The dataset in use stays as it was.
 */
export interface PictureFolderPreview {
  readonly kind: 'picture-folder'
  /** the folder's name. */
  readonly name: string
  /** pictures per class in the train and test folders (test 0 for all when hasTestFolder is false). */
  readonly classes: readonly ClassCount[]
  /** whether the folder has its own test pictures; without one a share of each class is set aside. */
  readonly hasTestFolder: boolean
  /** pictures to import (train + test). */
  readonly pictures: number
  readonly skipped: SkippedList
  readonly warnings: readonly string[]
  /** up to PREVIEW_PICTURES of the folder's pictures, spread over the classes. */
  readonly samples: readonly ResizeSample[]
}

/** What an import did, kept with the dataset so the Data tab shows it while the dataset is in use. */
export interface PictureImportSummary {
  readonly folderName: string
  /** pictures imported (train + test). */
  readonly pictures: number
  /** files not imported (also pictures that failed to decode) and why. */
  readonly skipped: SkippedList
  readonly warnings: readonly string[]
  readonly seconds: number
}

/** The page's choice for an import of the folder previewed last. */
export interface PictureImportChoice {
  readonly resize: ResizeMode
  /** the share of each class set aside for testing when the folder has no test folder (0 < f < 1). */
  readonly testFraction: number
}

/**
 * The vocabulary of pictures from folders (issue 10; docs/pictures.md is the map):
 *   ResizeMode       how any picture becomes 32×32: centre crop, squash, or pad (data/resizeMode.ts).
 *   RgbPicture       a decoded picture: interleaved RGB bytes [height, width, 3], row-major.
 *   FolderEntry      one file of a folder, by its path relative to the folder ('/'-separated).
 *   PicturePlan      which files are which class and split, which are skipped and why.
 *   PictureImportReport  what an import did: counts per class, skipped files, warnings.
 *   ImportProgress   how far an import is: count, rate, time left.
 * Pure types and constants: no node:*, no DOM.
 */

import type { ResizeMode } from '../data/resizeMode'

/** How any picture becomes 32×32: a property of the dataset it goes into, so defined with it (data/). */
export { DEFAULT_RESIZE, RESIZE_MODES, type ResizeMode } from '../data/resizeMode'

/** Transparent parts of a picture are composited on white (as a viewer shows them on a page). */
export const ALPHA_BACKGROUND_RGB: readonly [number, number, number] = [255, 255, 255]
/** pad fills the bands around the fitted picture with black (a letterbox). */
export const PAD_RGB: readonly [number, number, number] = [0, 0, 0]

/** A decoded picture: rgb holds width·height·3 bytes, pixel (row r, column c) at 3·(r·width + c). */
export interface RgbPicture {
  readonly width: number
  readonly height: number
  readonly rgb: Uint8Array
}

/** One file of a folder: its path relative to the folder, '/'-separated ("cats/tom.jpg"), and size in bytes. */
export interface FolderEntry {
  readonly path: string
  readonly bytes: number
}

/** A file that is not used, and why, in plain words ("a hidden file", "not a picture (.txt)", …). */
export interface SkippedFile {
  readonly path: string
  readonly reason: string
}

/** A picture to import: its file and its class number (an index into PicturePlan.classNames). */
export interface PlannedPicture {
  readonly path: string
  readonly label: number
}

/**
 * What a folder holds, before any picture is decoded. classNames are the class folders' names,
 * sorted; test is null when the folder has no test (or val/validation) folder, and then the
 * seeded stratified split applies after decoding.
 */
export interface PicturePlan {
  readonly folderName: string
  readonly classNames: readonly string[]
  readonly train: readonly PlannedPicture[]
  readonly test: readonly PlannedPicture[] | null
  readonly skipped: readonly SkippedFile[]
  readonly warnings: readonly string[]
}

/** Pictures per class in each split (after the split is made). */
export interface ClassCount {
  readonly name: string
  readonly train: number
  readonly test: number
}

/** What an import did. skipped includes the files that failed to decode, with the reason. */
export interface PictureImportReport {
  readonly folderName: string
  readonly resize: ResizeMode
  readonly classes: readonly ClassCount[]
  readonly skipped: readonly SkippedFile[]
  readonly warnings: readonly string[]
  /** pictures imported (train + test). */
  readonly pictures: number
  readonly seconds: number
}

/** How far an import is. secondsLeft is null until the rate is known. */
export interface ImportProgress {
  readonly done: number
  readonly total: number
  readonly perSecond: number
  readonly secondsLeft: number | null
}

/**
 * A folder of pictures to a Dataset (docs/pictures.md, "Import"): the plan (core's folderPlan.ts,
 * paths only), then every planned picture read, decoded and resized to 32×32 by pictureTo32 straight
 * into its row of x: [N, 3072] uint8, at most `concurrency` pictures in flight (sharp decodes on
 * libuv's threads), so memory holds the 32×32 rows and the pictures in flight, nothing else. A
 * picture that fails is skipped with its plain reason. Progress at most every PROGRESS_MS and once
 * at the end; an AbortSignal stops it after the pictures in flight with UserError('cancelled').
 * Then core's assemblePictureDataset makes the Dataset (resize recorded) and the report.
 * previewPictures shows a few of the user's own pictures through every resize mode first.
 */
import { PICTURE_INPUTS } from '../../core/data/picture'
import { UserError } from '../../core/errors'
import { planFolder } from '../../core/pictures/folderPlan'
import { assemblePictureDataset } from '../../core/pictures/pictureDataset'
import {
  DEFAULT_RESIZE, type ImportProgress, type PictureImportReport, type PicturePlan, type PlannedPicture, type ResizeMode
} from '../../core/pictures/types'
import type { Dataset } from '../../core/data/dataset'
import { defaultConcurrency, PictureError } from './decode'
import { pictureInEveryMode, pictureTo32 } from './picture32'
import type { PictureSource } from './pictureSource'

export { filesSource, folderSource, isPictureFolder, type PictureSource, type SentFile } from './pictureSource'

/** Progress is reported at most this often (and once more at the end). */
export const PROGRESS_MS = 100

export interface ImportOptions {
  readonly resize?: ResizeMode
  /** Share of each class set aside for testing when the folder has no test folder (default 0.2). */
  readonly testFraction?: number
  readonly seed?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (p: ImportProgress) => void
  /** Pictures decoded at once (default: cores + 1). */
  readonly concurrency?: number
}

export interface PictureImport {
  readonly dataset: Dataset
  readonly report: PictureImportReport
}

export function cancelled(): UserError {
  return new UserError('cancelled', 'The import was cancelled. Nothing was changed; import the folder again when you are ready.')
}

/** The plan of a source, with what the listing skipped among the skipped files. */
export function planSource(source: PictureSource): PicturePlan {
  const plan = planFolder(source.name, source.entries)
  if (source.skipped.length === 0) return plan
  const skipped = [...source.skipped, ...plan.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { ...plan, skipped }
}

/**
 * A file that could not be read, as a short reason for the list of skipped files, or null for an
 * error that is a bug (no system error code): that one stops the import.
 */
function readFailure(e: unknown): string | null {
  if (e instanceof PictureError) return e.reason
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'no-such-file') return 'the file was removed or renamed during the import'
  if (code === 'no-permission') return 'NN Scratch is not allowed to read it'
  if (e instanceof UserError) return e.message
  // a system error reading one file (EIO from a failing disk, EMFILE): skip it, keep the rest
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? `the file could not be read (${code})` : null
}

/** Reports progress at most every PROGRESS_MS, and always when told it is the last. */
function progressReporter(total: number, onProgress: ((p: ImportProgress) => void) | undefined, start: number) {
  let last = -Infinity
  return (done: number, final: boolean): void => {
    if (!onProgress) return
    const now = performance.now()
    if (!final && now - last < PROGRESS_MS) return
    last = now
    const seconds = (now - start) / 1000
    const perSecond = done > 0 && seconds > 0 ? done / seconds : 0
    onProgress({ done, total, perSecond, secondsLeft: perSecond > 0 ? (total - done) / perSecond : null })
  }
}

/** Import the pictures of `source` (see the header). Throws UserError for a folder that is not a dataset, or when cancelled. */
export async function importPictures(source: PictureSource, options: ImportOptions = {}): Promise<PictureImport> {
  const { signal } = options
  const resize = options.resize ?? DEFAULT_RESIZE
  if (signal?.aborted) throw cancelled()
  const start = performance.now()
  const plan = planSource(source)
  const pictures: readonly PlannedPicture[] = plan.test === null ? plan.train : [...plan.train, ...plan.test]
  const n = pictures.length
  const x = new Uint8Array(n * PICTURE_INPUTS)
  const kept = new Uint8Array(n)
  const reasons = new Map<number, string>()
  const report = progressReporter(n, options.onProgress, start)
  report(0, false)

  let next = 0
  let done = 0
  const work = async (): Promise<void> => {
    while (next < n && !signal?.aborted) {
      const i = next++
      try {
        await pictureTo32(await source.read(pictures[i].path), resize, x, i * PICTURE_INPUTS)
        kept[i] = 1
      } catch (e) {
        const reason = readFailure(e)
        if (reason === null) throw e
        reasons.set(i, reason)
      }
      done++
      report(done, false)
    }
  }
  const lanes = Math.max(1, Math.min(n, options.concurrency ?? defaultConcurrency()))
  await Promise.all(Array.from({ length: lanes }, work))
  if (signal?.aborted) throw cancelled()
  report(done, true)
  const seconds = (performance.now() - start) / 1000
  return assemblePictureDataset(plan, { x, kept, reasons }, { resize, testFraction: options.testFraction, seed: options.seed, seconds })
}

/** One picture of the preview: its path and class, and the 32×32 planar bytes each mode makes of it. */
export interface PreviewSample {
  readonly path: string
  readonly label: number
  readonly crop: Uint8Array
  readonly squash: Uint8Array
  readonly pad: Uint8Array
}

/**
 * Up to `count` pictures spread over the classes (each class in turn, and within a class spread
 * over its pictures), each through crop, squash and pad, decoded at once; pictures that fail to
 * decode are passed over for the next. Also the plan, for the counts and the skipped files beside it.
 */
export async function previewPictures(source: PictureSource, count = 8): Promise<{ plan: PicturePlan; samples: PreviewSample[] }> {
  const plan = planSource(source)
  const byClass: PlannedPicture[][] = plan.classNames.map(() => [])
  for (const p of [...plan.train, ...(plan.test ?? [])]) byClass[p.label].push(p)
  // the order to try: round by round, one picture of each class, evenly spaced within the class
  const order: PlannedPicture[] = []
  const rounds = Math.max(...byClass.map((c) => c.length))
  const share = Math.ceil(count / Math.max(1, byClass.length))
  for (let r = 0; r < rounds; r++) {
    for (const pictures of byClass) {
      if (r >= pictures.length) continue
      // a class's first `share` rounds are spread over all its pictures; later rounds (when some
      // fail to decode) take the rest in order
      const spread = Math.min(pictures.length, share)
      order.push(pictures[r < spread ? Math.floor((r * pictures.length) / spread) : r])
    }
  }
  const candidates = [...new Map(order.map((p) => [p.path, p])).values()]
  const samples: PreviewSample[] = []
  // as many at once as are still missing; the ones that fail make room for the next candidates
  for (let at = 0; samples.length < count && at < candidates.length;) {
    const batch = candidates.slice(at, at + count - samples.length)
    at += batch.length
    const made = await Promise.all(batch.map(async (p): Promise<PreviewSample | null> => {
      try {
        return { path: p.path, label: p.label, ...(await pictureInEveryMode(await source.read(p.path))) }
      } catch (e) {
        if (e instanceof UserError) return null
        throw e
      }
    }))
    for (const sample of made) if (sample !== null) samples.push(sample)
  }
  return { plan, samples }
}

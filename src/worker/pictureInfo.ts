/**
 * What the page is told about a folder of pictures: the preview before an import (the plan's
 * counts per class, its skipped files and warnings, a few pictures through every resize mode) and
 * the summary of an import kept with its dataset. Skipped files are sent up to MAX_SKIPPED_SENT,
 * with their number, so a folder of 200,000 stray files stays a small message.
 */
import type { PicturePlan, PictureImportReport, SkippedFile } from '../core/pictures/types'
import { MAX_SKIPPED_SENT, type PictureFolderPreview, type PictureImportSummary, type ResizeSample, type SkippedList } from '../shared/pictures'

export function skippedList(skipped: readonly SkippedFile[]): SkippedList {
  return { files: skipped.slice(0, MAX_SKIPPED_SENT), total: skipped.length }
}

export function importSummary(report: PictureImportReport): PictureImportSummary {
  return {
    folderName: report.folderName,
    pictures: report.pictures,
    skipped: skippedList(report.skipped),
    warnings: [...report.warnings],
    seconds: report.seconds
  }
}

/** The preview of a planned folder with `samples` of its pictures through each mode. */
export function previewOf(plan: PicturePlan, samples: readonly ResizeSample[]): PictureFolderPreview {
  const k = plan.classNames.length
  const train = new Array<number>(k).fill(0)
  const test = new Array<number>(k).fill(0)
  for (const p of plan.train) train[p.label]++
  for (const p of plan.test ?? []) test[p.label]++
  return {
    kind: 'picture-folder',
    name: plan.folderName,
    classes: plan.classNames.map((name, i) => ({ name, train: train[i], test: test[i] })),
    hasTestFolder: plan.test !== null,
    pictures: plan.train.length + (plan.test?.length ?? 0),
    skipped: skippedList(plan.skipped),
    warnings: [...plan.warnings],
    samples: samples.map((s) => ({ path: s.path, label: s.label, crop: s.crop, squash: s.squash, pad: s.pad }))
  }
}

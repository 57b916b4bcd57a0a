/**
 * Folders of pictures on the command line: the --resize option, importing a folder with a
 * progress line on a terminal (count, rate, time left) that Ctrl+C cancels, and the import's
 * report as text (counts per class, the skipped files and why, the warnings) or as JSON.
 */
import type { Dataset } from '../core/data/dataset'
import { isUserError } from '../core/errors'
import { RESIZE_MODES, type PictureImportReport, type ResizeMode } from '../core/pictures/types'
import { folderSource, importPictures } from '../node/pictures/importFolder'
import { UsageError, type OptionSpec } from './args'
import { Interrupted, type CliIo } from './io'
import { ProgressBar } from './progress'

export const RESIZE_OPTION: OptionSpec = {
  kind: 'string',
  value: '<crop|squash|pad>',
  help: 'for a folder of pictures, how each becomes 32×32: crop (the centred square; default), squash (the whole picture stretched), pad (the whole picture fitted in, with black bands)'
}

/** The skipped files listed in text, before "and N more". */
export const SKIPPED_SHOWN = 20

/** --resize checked, or undefined when it is not given. */
export function resizeOption(options: ReadonlyMap<string, string | number | boolean>): ResizeMode | undefined {
  const value = options.get('resize')
  if (value === undefined) return undefined
  if (!(RESIZE_MODES as readonly string[]).includes(String(value))) {
    throw new UsageError(`--resize must be one of ${RESIZE_MODES.join(', ')}, not "${String(value)}".`)
  }
  return value as ResizeMode
}

export interface FolderImport {
  readonly dataset: Dataset
  readonly report: PictureImportReport
}

/** Imports the folder of pictures at `path`, drawing a progress line while it works; Ctrl+C cancels it. */
export async function importFolder(
  path: string, options: { resize: ResizeMode; testFraction?: number; seed: number }, io: CliIo
): Promise<FolderImport> {
  const bar = new ProgressBar(io)
  const controller = new AbortController()
  const started = io.now()
  const stopListening = io.onInterrupt(() => controller.abort())
  try {
    return await importPictures(await folderSource(path), {
      ...options,
      signal: controller.signal,
      // the last one is always drawn, so the line ends at its total
      onProgress: (p) => bar.update(`Importing ${p.done}/${p.total} pictures, ${Math.round(p.perSecond)} a second`, p.done, p.total, started, p.done === p.total)
    })
  } catch (e) {
    if (controller.signal.aborted && isUserError(e)) throw new Interrupted('Stopped by Ctrl+C while importing the pictures.')
    throw e
  } finally {
    stopListening()
    bar.clear()
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** The report as lines of text: what was imported per class, then skippedLines and warningLines. */
export function reportLines(report: PictureImportReport, shown = SKIPPED_SHOWN): string[] {
  const lines = [`Imported ${plural(report.pictures, 'picture')} from ${report.folderName} (made 32×32 by ${report.resize}) in ${report.seconds.toFixed(1)} s:`]
  const width = Math.max(4, ...report.classes.map((c) => c.name.length))
  for (const c of report.classes) lines.push(`  ${c.name.padEnd(width)}  training ${c.train}, test ${c.test}`)
  return [...lines, ...skippedLines(report, shown), ...warningLines(report.warnings)]
}

/** The files the import skipped, the first `shown` of them with the reason, then "and N more". */
export function skippedLines(report: PictureImportReport, shown = SKIPPED_SHOWN): string[] {
  if (report.skipped.length === 0) return []
  const lines = [`Skipped ${plural(report.skipped.length, 'file')}:`]
  for (const s of report.skipped.slice(0, shown)) lines.push(`  ${s.path}: ${s.reason}`)
  if (report.skipped.length > shown) lines.push(`  and ${report.skipped.length - shown} more`)
  return lines
}

/** "Warning:" (or "Warnings:") and each warning indented; nothing when there are none. */
export function warningLines(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return []
  return [warnings.length === 1 ? 'Warning:' : 'Warnings:', ...warnings.map((w) => `  ${w}`)]
}

/** The report as JSON: every skipped file with its reason. */
export function reportJson(report: PictureImportReport): object {
  return {
    folder: report.folderName,
    resize: report.resize,
    pictures: report.pictures,
    classes: report.classes.map((c) => ({ name: c.name, train: c.train, test: c.test })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    warnings: [...report.warnings],
    seconds: report.seconds
  }
}

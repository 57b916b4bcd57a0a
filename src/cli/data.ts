/**
 * Loading the dataset a command names (or the built-in demo when it names none): a dataset file
 * or folder, or a folder of pictures (one sub-folder per class), imported with --resize.
 */
import type { Dataset } from '../core/data/dataset'
import { demoDataset } from '../core/data/demo'
import { loadDataset } from '../core/data/load'
import type { DatasetChoice } from '../core/runs/datasetRecord'
import { resolveClassPicks, selectClasses, type ClassPick } from '../core/data/selectClasses'
import { DEFAULT_RESIZE, type PictureImportReport, type ResizeMode } from '../core/pictures/types'
import { isPictureFolder } from '../node/pictures/importFolder'
import type { Room } from '../core/data/source'
import { readSource } from '../node/readSource'
import type { RunHost } from '../node/runs/host'
import { UsageError, type OptionSpec } from './args'
import type { CliIo } from './io'
import { importFolder, RESIZE_OPTION, resizeOption } from './pictures'

export const DATA_OPTIONS: Record<string, OptionSpec> = {
  classes: { kind: 'string', value: '<a,b|all>', help: 'for data with more classes: the classes to tell apart, by name or number (e.g. cat,ship or 3,8), or "all"' },
  'test-split': { kind: 'number', value: '<fraction>', help: 'share of pictures kept for testing when the file has no test split (default 0.2)' },
  resize: RESIZE_OPTION
}

type Options = ReadonlyMap<string, string | number | boolean>

/** --classes as written: class numbers ("3,8") or names ("cat,ship"), resolved once the file's names are known. */
export function classesOption(value: string | number | boolean | undefined): ClassPick[] | 'all' | undefined {
  if (value === undefined) return undefined
  const text = String(value)
  if (text.trim().toLowerCase() === 'all') return 'all'
  return text.split(',').map((part) => {
    const p = part.trim()
    if (p === '') throw new UsageError(`--classes needs class names or numbers separated by commas (like cat,ship or 3,8), not "${text}".`)
    return /^\d+$/.test(p) ? Number(p) : p
  })
}

/** A dataset, the report of its import when it came from a folder of pictures, and how it was chosen. */
export interface LoadedData {
  readonly data: Dataset
  readonly pictures: PictureImportReport | null
  /** the source's class numbers picked (names resolved) and the test share asked for, as a run records them. */
  readonly choice: DatasetChoice
}

/** `full` with the picked classes kept; the picks as the source's class numbers. */
function pick(full: Dataset, picks: ClassPick[] | 'all' | undefined): { data: Dataset; classes: number[] | 'all' | undefined } {
  if (picks === undefined || picks === 'all') return { data: full, classes: picks }
  const classes = resolveClassPicks(full.classNames, picks)
  return { data: selectClasses(full, classes), classes }
}

/**
 * The dataset at `path` (the demo when undefined). A folder of pictures is imported with --resize,
 * or `resize` when it is not given (a model's own mode for evaluate; crop otherwise).
 */
export async function loadDataWithReport(
  path: string | undefined, options: Options, seed: number, io: CliIo, resize: ResizeMode = DEFAULT_RESIZE, room?: Room
): Promise<LoadedData> {
  const classes = classesOption(options.get('classes'))
  const testFraction = options.get('test-split') as number | undefined
  if (testFraction !== undefined && !(testFraction > 0 && testFraction < 1)) {
    throw new UsageError('--test-split needs a fraction between 0 and 1, such as 0.2.')
  }
  const asked = resizeOption(options)
  if (path !== undefined && await isPictureFolder(path)) {
    const { dataset, report } = await importFolder(path, { resize: asked ?? resize, testFraction, seed }, io)
    const picked = pick(dataset, classes)
    return { data: picked.data, pictures: report, choice: { classes: picked.classes, testFraction } }
  }
  if (asked !== undefined) {
    throw new UsageError(`--resize is for folders of pictures (one sub-folder per class); ${path === undefined ? 'the demo' : `"${path}"`} holds pictures that are 32×32 already.`)
  }
  if (path === undefined) {
    if (classes !== undefined) throw new UsageError('--classes needs a ten-class dataset; the demo has two classes.')
    return { data: demoDataset(), pictures: null, choice: { testFraction } }
  }
  const source = await readSource(path, room)
  const picked = pick(loadDataset(source, { testFraction, seed, room, sourceIsOwn: true }), classes)
  return { data: picked.data, pictures: null, choice: { classes: picked.classes, testFraction } }
}

/**
 * The dataset at `path`, as loadDataWithReport; for a folder of pictures, the files it skipped and
 * the warnings are said on stderr in short (inspect shows them all).
 */
export async function loadData(
  path: string | undefined, options: Options, seed: number, io: CliIo, resize: ResizeMode = DEFAULT_RESIZE, room?: Room
): Promise<LoadedData> {
  const loaded = await loadDataWithReport(path, options, seed, io, resize, room)
  const { pictures } = loaded
  if (pictures !== null) {
    const skipped = pictures.skipped.length
    if (skipped > 0) {
      io.err(`${skipped} file${skipped === 1 ? ' was' : 's were'} skipped in ${pictures.folderName} (nn-scratch inspect ${path} lists them and why).\n`)
    }
    for (const w of pictures.warnings) io.err(`Warning: ${w}\n`)
  }
  return loaded
}

/**
 * The dataset at `path` as loadData gives it, placed where `host`'s runs train: a file whose
 * pixels stay views of its bytes is read straight into the host's memory, so they are held once;
 * that room goes back at once when the dataset did not stay in it (other classes picked, say).
 */
export async function loadDataOnHost(
  host: RunHost, path: string | undefined, options: Options, seed: number, io: CliIo
): Promise<LoadedData> {
  const rooms: Uint8Array[] = []
  try {
    const loaded = await loadData(path, options, seed, io, DEFAULT_RESIZE, (bytes) => {
      const room = host.dataBytes(bytes)
      rooms.push(room)
      return room
    })
    host.useDataset(loaded.data)
    return loaded
  } finally {
    for (const room of rooms) host.settleDataBytes(room)
  }
}

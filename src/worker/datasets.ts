/**
 * The worker's dataset: the full dataset with all its classes (kept so that other classes can be
 * picked without reading the file again), the dataset in use after picking classes, placed in the
 * run host's shared memory where the runs train (its pixels held once, see build), and the
 * source's bytes where another test share may be asked for and the file cannot be read again.
 * Files are read and parsed in a thread of their own (reader.ts), off the worker's message loop;
 * what they give is put in use only once complete. A folder of pictures is imported in such a
 * thread too (importPictures), and its report and resize mode stay with the dataset it gave.
 * A file on disk is read straight into room in the shared memory (`room`), where its pixels stay.
 */
import { DEFAULT_TEST_FRACTION } from '../core/data/assemble'
import { classCounts, type Dataset } from '../core/data/dataset'
import { selectClasses } from '../core/data/selectClasses'
import type { DataSource } from '../core/data/source'
import type { DatasetChoice } from '../core/runs/datasetRecord'
import { SEED_DEFAULTS } from '../core/nn/hyperparameters'
import type { ImportProgress, PictureImportReport } from '../core/pictures/types'
import type { DatasetInfo, DatasetOptions, SampleImages } from '../shared/payloads'
import type { PictureImportChoice } from '../shared/pictures'
import type { WorkerSource } from '../shared/workerProtocol'
import { importSummary } from './pictureInfo'
import { pictureFolderArrays, type PictureFolder } from './pictureSources'
import { startReading, type Reading, type ReadingRoom } from './reader'
import { noDataset } from './refusals'
import { buffersOf, sourceArrays } from './transfer'

/** Thumbnails per class in DatasetInfo. */
export const SAMPLES_PER_CLASS = 8
/** The seed of the test split set aside for sources without one (the command line's default seed). */
const SPLIT_SEED = SEED_DEFAULTS.seed

const DEFAULT_OPTIONS: DatasetOptions = { classes: 'all', testFraction: DEFAULT_TEST_FRACTION }

interface Loaded {
  readonly origin: DatasetInfo['origin']
  readonly path: string | null
  /** null for the demo, which is generated rather than read. */
  readonly source: DataSource | null
  readonly full: Dataset
  readonly options: DatasetOptions
  readonly dataset: Dataset
  readonly info: DatasetInfo
  /** what the import did, for a folder of pictures (null for files and the demo). */
  readonly report: PictureImportReport | null
  /** lets go of the full dataset kept where the runs train while picked classes are in use (null: nothing kept there). */
  readonly release: (() => void) | null
}

/** A dataset on its way: `done` once it is in use; `cancel` ends the reading and leaves the old one in use. */
export interface Opening {
  readonly done: Promise<DatasetInfo>
  cancel(): void
}

/** Where the dataset in use lives: the run host's shared memory (placeDataset, holdDataset). */
export interface DatasetPlace {
  /** puts a dataset where the runs train on it and gives it back as seen there. */
  place(dataset: Dataset): Dataset
  /** keeps a dataset `place` gave while another is in use, until the function returned is called; null when it cannot. */
  hold(dataset: Dataset): (() => void) | null
}

const OWN_PLACE: DatasetPlace = { place: (ds) => ds, hold: () => null }

export class DatasetHolder {
  private loaded: Loaded | null = null

  /**
   * `readerScript`: the worker's own entry, which the reading threads run; `place`: where the
   * dataset in use lives (the run host's shared memory), so that its pixels are held once; `room`:
   * room in that memory that a file on disk is read straight into (null: read into memory of its own).
   */
  constructor(
    private readonly readerScript: URL, private readonly where: DatasetPlace = OWN_PLACE, private readonly room: ReadingRoom | null = null
  ) {}

  get dataset(): Dataset | null {
    return this.loaded?.dataset ?? null
  }

  get info(): DatasetInfo | null {
    return this.loaded?.info ?? null
  }

  /** How the dataset in use was chosen from its source (the classes picked, the test share), for run records. */
  get choice(): DatasetChoice {
    const o = this.loaded?.options
    return o ? { classes: o.classes, testFraction: o.testFraction } : {}
  }

  /** Reads `from` in a thread; bytes the page sent move to that thread rather than being copied. */
  open(from: WorkerSource, options: DatasetOptions = DEFAULT_OPTIONS): Opening {
    const source = from.kind === 'bytes' ? from.source : null
    // a file on disk is read again to split it another way; bytes from the page are kept for that
    const reading = startReading(this.readerScript,
      { from, testFraction: options.testFraction, seed: SPLIT_SEED, returnSource: from.kind === 'bytes' }, buffersOf(sourceArrays(source)),
      undefined, this.room)
    const origin = from.kind === 'demo' ? 'demo' : from.kind === 'path' ? 'path' : 'bytes'
    const path = from.kind === 'path' ? from.path : null
    return {
      done: released(reading, reading.result.then(({ source: read, full }) => this.use(this.build(origin, path, read, full, options)))),
      cancel: reading.cancel
    }
  }

  /**
   * Imports a folder of pictures in a reading thread (a folder the page sent moves there, not
   * copied); `onProgress` hears how far it is. Its test share is made now, so another one means
   * importing again; other classes can be picked from it as from any dataset.
   */
  importPictures(folder: PictureFolder, choice: PictureImportChoice, onProgress: (p: ImportProgress) => void): Opening {
    const reading = startReading(this.readerScript,
      { from: { kind: 'pictures', folder, resize: choice.resize }, testFraction: choice.testFraction, seed: SPLIT_SEED, returnSource: false },
      buffersOf(pictureFolderArrays(folder)), onProgress)
    const origin = folder.kind === 'path' ? 'path' : 'bytes'
    const path = folder.kind === 'path' ? folder.path : null
    const options: DatasetOptions = { classes: 'all', testFraction: choice.testFraction }
    return {
      done: reading.result.then(({ full, report }) => this.use(this.build(origin, path, null, full, options, report ?? null))),
      cancel: reading.cancel
    }
  }

  /**
   * New names for the classes in use (checked by the caller), also in the full dataset they were
   * picked from. The names are changed where they are, so the dataset keeps its place where runs train.
   */
  renameClasses(names: readonly string[]): DatasetInfo {
    const current = this.loaded
    if (!current) throw noDataset()
    const picked = current.options.classes
    const fullNames = [...current.full.classNames]
    names.forEach((n, i) => { fullNames[picked === 'all' ? i : picked[i]] = n })
    setNames(current.dataset, names)
    setNames(current.full, fullNames)
    const info = describe(current.dataset, current.full, current.origin, current.path, current.options, current.report)
    return this.use({ ...current, info })
  }

  /**
   * Other classes, or another test share. A source without a test split is split again, read in
   * a thread from a copy of its bytes (the kept source stays here, whatever becomes of the reading).
   */
  configure(options: DatasetOptions): Opening {
    const current = this.loaded
    if (!current) throw noDataset()
    const { source, path, report } = current
    const from: WorkerSource | null = source ? { kind: 'bytes', source } : path !== null ? { kind: 'path', path } : null
    if (from && !report && current.full.testWasSplitOff && options.testFraction !== current.options.testFraction) {
      // the kept source is copied to the reading thread: it stays here, whatever becomes of the reading
      const reading = startReading(this.readerScript, { from, testFraction: options.testFraction, seed: SPLIT_SEED, returnSource: false },
        [], undefined, this.room)
      return {
        done: released(reading, reading.result.then(({ full }) => this.use(this.build(current.origin, current.path, source, full, options)))),
        cancel: reading.cancel
      }
    }
    // a folder of pictures keeps the test share it was imported with (another means importing again)
    const kept = report ? { ...options, testFraction: current.options.testFraction } : options
    return { done: Promise.resolve(this.use(this.build(current.origin, current.path, source, current.full, kept, report))), cancel: () => undefined }
  }

  private use(loaded: Loaded): DatasetInfo {
    const before = this.loaded
    this.loaded = loaded
    if (before?.release && before.release !== loaded.release) before.release()
    return loaded.info
  }

  /**
   * The dataset in use, placed where the runs train (`where`): with every class, the full dataset
   * is that placed one (its pixels held once); with picked classes, the full dataset stays (to pick
   * others without reading the file again): kept where it was placed, or copied here when it was
   * not, and the picked ones are placed. The source's
   * bytes are kept only where a test share set aside may be asked for again and the file cannot
   * be read again from disk (bytes the page sent).
   */
  private build(
    origin: DatasetInfo['origin'], path: string | null, source: DataSource | null, full: Dataset, options: DatasetOptions,
    report: PictureImportReport | null = null
  ): Loaded {
    const picked = selectClasses(full, options.classes)
    let kept = full
    let release: (() => void) | null = null
    let dataset: Dataset
    if (picked === full) {
      dataset = this.where.place(full)
      kept = dataset
    } else {
      // a full dataset in the shared memory stays there, kept, when it was placed; otherwise it is copied out first
      if (inSharedMemory(full)) {
        release = this.where.hold(full)
        if (!release) kept = ownCopy(full)
      }
      dataset = this.where.place(picked)
    }
    const keptSource = full.testWasSplitOff && origin === 'bytes' ? source : null
    return {
      origin, path, source: keptSource, full: kept, options, dataset, report, release, info: describe(dataset, kept, origin, path, options, report)
    }
  }
}

/** `done`, with the room `reading` was handed settled once the dataset it read is in use, or not taken. */
function released<T>(reading: Reading, done: Promise<T>): Promise<T> {
  const release = (): void => { void reading.release() }
  done.then(release, release)
  return done
}

function inSharedMemory(ds: Dataset): boolean {
  return !(ds.train.x.buffer instanceof ArrayBuffer)
}

/** `ds` with arrays of its own (copied out of shared memory). */
function ownCopy(ds: Dataset): Dataset {
  const train = { ...ds.train, x: ds.train.x.slice(), y: ds.train.y.slice() }
  const test = ds.test === ds.train ? train : { ...ds.test, x: ds.test.x.slice(), y: ds.test.y.slice() }
  return { ...ds, train, test }
}

/** Changes a dataset's class names where they are (its identity, and so its place where runs train, stays). */
function setNames(ds: Dataset, names: readonly string[]): void {
  const own = ds.classNames as string[]
  own.splice(0, own.length, ...names)
}

function describe(
  ds: Dataset, full: Dataset, origin: DatasetInfo['origin'], path: string | null, options: DatasetOptions, report: PictureImportReport | null
): DatasetInfo {
  const k = ds.classNames.length
  const train = classCounts(ds.train, k)
  const test = classCounts(ds.test, k)
  return {
    name: ds.name,
    origin,
    path,
    inputs: ds.inputs,
    image: ds.image,
    trainCount: ds.train.count,
    testCount: ds.test.count,
    testWasSplitOff: ds.testWasSplitOff,
    options: { classes: options.classes === 'all' ? 'all' : [...options.classes], testFraction: options.testFraction },
    sourceClassNames: [...full.classNames],
    classes: ds.classNames.map((name, index) => ({ index, name, train: train[index], test: test[index] })),
    samples: samples(ds, SAMPLES_PER_CLASS),
    // how the pictures were made 32×32: by this import, or by the one that wrote the .npz reopened
    ...(report ? { resize: report.resize, pictures: importSummary(report) } : full.resize ? { resize: full.resize } : {})
  }
}

/** The first `perClass` training pictures of each class, class by class. */
export function samples(ds: Dataset, perClass: number): SampleImages {
  const k = ds.classNames.length
  const picked: number[] = []
  for (let c = 0; c < k; c++) {
    let found = 0
    for (let i = 0; i < ds.train.count && found < perClass; i++) {
      if (ds.train.y[i] === c) {
        picked.push(i)
        found++
      }
    }
  }
  const pixels = new Uint8Array(picked.length * ds.inputs)
  const labels = new Uint8Array(picked.length)
  picked.forEach((row, j) => {
    pixels.set(ds.train.x.subarray(row * ds.inputs, (row + 1) * ds.inputs), j * ds.inputs)
    labels[j] = ds.train.y[row]
  })
  return { perClass, pixels, labels }
}

/**
 * The worker's dataset: the source as read (kept so that other classes or another test share
 * can be picked without reading the file again), the full dataset with all its classes, and the
 * dataset in use after picking classes. Parsing happens here, off main's thread.
 */
import { DEFAULT_TEST_FRACTION } from '../core/data/assemble'
import { classCounts, type Dataset } from '../core/data/dataset'
import { demoDataset } from '../core/data/demo'
import { loadDataset } from '../core/data/load'
import { selectClasses } from '../core/data/selectClasses'
import type { DataSource } from '../core/data/source'
import { SEED_DEFAULTS } from '../core/nn/hyperparameters'
import { readSource } from '../node/readSource'
import type { DatasetInfo, DatasetOptions, SampleImages } from '../shared/payloads'
import type { WorkerSource } from '../shared/workerProtocol'
import { noDataset } from './refusals'

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
}

export class DatasetHolder {
  private loaded: Loaded | null = null

  get dataset(): Dataset | null {
    return this.loaded?.dataset ?? null
  }

  get info(): DatasetInfo | null {
    return this.loaded?.info ?? null
  }

  async load(from: WorkerSource, options: DatasetOptions = DEFAULT_OPTIONS): Promise<DatasetInfo> {
    const source = from.kind === 'path' ? await readSource(from.path) : from.kind === 'bytes' ? from.source : null
    const full = source ? loadDataset(source, { testFraction: options.testFraction, seed: SPLIT_SEED }) : demoDataset()
    const origin = from.kind === 'demo' ? 'demo' : from.kind === 'path' ? 'path' : 'bytes'
    this.loaded = build(origin, from.kind === 'path' ? from.path : null, source, full, options)
    return this.loaded.info
  }

  /** Other classes, or another test share (read again only when the source has no test split). */
  configure(options: DatasetOptions): DatasetInfo {
    const current = this.loaded
    if (!current) throw noDataset()
    let full = current.full
    if (current.source && full.testWasSplitOff && options.testFraction !== current.options.testFraction) {
      full = loadDataset(current.source, { testFraction: options.testFraction, seed: SPLIT_SEED })
    }
    this.loaded = build(current.origin, current.path, current.source, full, options)
    return this.loaded.info
  }
}

function build(
  origin: DatasetInfo['origin'], path: string | null, source: DataSource | null, full: Dataset, options: DatasetOptions
): Loaded {
  const dataset = selectClasses(full, options.classes)
  return { origin, path, source, full, options, dataset, info: describe(dataset, full, origin, path, options) }
}

function describe(ds: Dataset, full: Dataset, origin: DatasetInfo['origin'], path: string | null, options: DatasetOptions): DatasetInfo {
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
    samples: samples(ds, SAMPLES_PER_CLASS)
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

/**
 * The checks every loader shares, and the step that turns checked parts into a Dataset.
 *   rows:   3072 numbers per picture (32x32 pixels x 3 colours, channel-planar).
 *   labels: [count] whole class numbers 0..255, one per picture; classes = max label + 1 (at least 2).
 *   splits: both non-empty; a source with only one split gets a seeded stratified test split.
 * Messages say what is wrong with the file and what to do, for people who do not program.
 */
import { UserError } from '../errors'
import type { ResizeMode } from './resizeMode'
import type { Dataset, Split } from './dataset'
import { stratifiedSplit, stratifiedSplitInPlace } from './split'

export const IMAGE_WIDTH = 32
export const IMAGE_HEIGHT = 32
export const IMAGE_CHANNELS = 3
export const IMAGE_INPUTS = IMAGE_WIDTH * IMAGE_HEIGHT * IMAGE_CHANNELS
/** Labels are stored as uint8. */
export const MAX_CLASSES = 256

/** A split before validation: rows of pixels and labels that may still disagree in count. */
export interface RawSplit {
  /** x: [images, 3072] uint8, channel-planar. */
  readonly x: Uint8Array
  readonly images: number
  /** y: [labels] class numbers. */
  readonly y: Uint8Array
}

export interface DatasetParts {
  readonly name: string
  readonly train: RawSplit | null
  readonly test: RawSplit | null
  /** Names from the file (CIFAR's batches.meta); null when the file has none. */
  readonly classNames: readonly string[] | null
  /** How pictures from a folder were made 32×32, when the file says (an .npz saved by an import). */
  readonly resize?: ResizeMode
}

export interface AssembleOptions {
  /** Share of each class set aside for testing when the file has no test split (default 0.2). */
  readonly testFraction?: number
  readonly seed?: number
  /**
   * Room where the test rows set aside go when the pixels may be rearranged where they lie (they
   * were read for this dataset alone): the split is then made in place (stratifiedSplitInPlace).
   */
  readonly splitInPlace?: (bytes: number) => Uint8Array
}

export const DEFAULT_TEST_FRACTION = 0.2
export const DEFAULT_SPLIT_SEED = 0

/** The plain message for rows of the wrong width. */
export function checkRowWidth(width: number): void {
  if (width === IMAGE_INPUTS) return
  throw new UserError(
    'wrong-width',
    `Each picture must have 3072 numbers (32×32 pixels × 3 colours); this file's rows have ${width}. ` +
      'NN Scratch works with 32×32 colour images such as CIFAR-10.'
  )
}

/** "row 17 (counting from 0)": how messages point at a picture or label. */
export function rowName(i: number): string {
  return `row ${i} (counting from 0)`
}

/** A value that is not a finite number, in words: NaN and Infinity mean nothing to most people. */
export function notFinite(v: number): string {
  return Number.isNaN(v) ? 'a missing value (not a number)' : `an infinite value (${v < 0 ? 'minus ' : ''}infinity)`
}

/**
 * Check one label value and return it as a class number. `where` names the labels, e.g.
 * '"train_labels" in cifar_2class_py2.p'. Called once per label: no allocation unless it fails.
 */
export function checkLabel(v: number, row: number, where: string): number {
  if (Number.isInteger(v) && v >= 0 && v < MAX_CLASSES) return v
  if (Number.isNaN(v) || !Number.isFinite(v)) {
    throw new UserError(
      'bad-labels',
      `The labels ${where} have ${notFinite(v)} at ${rowName(row)}. ` +
        'Every picture needs a whole class number: 0, 1, 2, …'
    )
  }
  if (!Number.isInteger(v)) {
    throw new UserError(
      'bad-labels',
      `Labels must be whole class numbers (0, 1, 2, …), but the labels ${where} have ${v} at ${rowName(row)}. ` +
        'Save one whole class number per picture.'
    )
  }
  if (v < 0) {
    throw new UserError(
      'bad-labels',
      `Labels must be class numbers from 0 upwards, but the labels ${where} have ${v} at ${rowName(row)}. ` +
        'Number the classes 0, 1, 2, … (a two-class file uses 0 and 1).'
    )
  }
  throw new UserError(
    'bad-labels',
    `The labels ${where} have ${v} at ${rowName(row)}, but NN Scratch handles at most ${MAX_CLASSES} classes ` +
      `(numbers 0 to ${MAX_CLASSES - 1}). Number the classes 0, 1, 2, …`
  )
}

/** Labels from plain numbers (a Python list, a converted array). */
export function labelsFromNumbers(values: ArrayLike<number>, where: string): Uint8Array {
  const y = new Uint8Array(values.length)
  for (let i = 0; i < values.length; i++) y[i] = checkLabel(values[i], i, where)
  return y
}

/** Labels from a Python list as unpickled: ints (number or bigint), bools or floats. */
export function labelsFromList(list: readonly unknown[], where: string): Uint8Array {
  const y = new Uint8Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const v = list[i]
    let n: number
    if (typeof v === 'number') n = v
    else if (typeof v === 'bigint') n = Number(v)
    else if (typeof v === 'boolean') n = v ? 1 : 0
    else {
      throw new UserError(
        'bad-labels',
        `The labels ${where} should be class numbers, but ${rowName(i)} is not a number. ` +
          'Save one whole class number per picture.'
      )
    }
    y[i] = checkLabel(n, i, where)
  }
  return y
}

/** One file's rows (a CIFAR batch), named for messages. */
export interface NamedSplit {
  readonly name: string
  readonly split: RawSplit
}

function countMismatch(what: string, images: number, labels: number): UserError {
  return new UserError(
    'count-mismatch',
    `${what} has ${images} pictures but ${labels} labels. ` +
      'Each picture needs exactly one label; check that the file was saved completely.'
  )
}

/**
 * Join splits of the same kind (CIFAR's data_batch_1..5) into one, in order, the pictures in
 * `room` (where they stay). Each part must have one label per picture by itself: totals that
 * agree could still pair the labels of one batch with the pictures of another.
 */
export function concatSplits(parts: readonly NamedSplit[], room?: (bytes: number) => Uint8Array): RawSplit {
  for (const { name, split } of parts) {
    if (split.images !== split.y.length) throw countMismatch(name, split.images, split.y.length)
  }
  // one part stays where it is, unless there is room for it to stay in
  if (parts.length === 1 && !room) return parts[0].split
  let images = 0
  for (const p of parts) images += p.split.images
  const x = room ? room(images * IMAGE_INPUTS).subarray(0, images * IMAGE_INPUTS) : new Uint8Array(images * IMAGE_INPUTS)
  const y = new Uint8Array(images)
  let at = 0
  for (const { split } of parts) {
    x.set(split.x.subarray(0, split.images * IMAGE_INPUTS), at * IMAGE_INPUTS)
    y.set(split.y, at)
    at += split.images
  }
  return { x, images, y }
}

/**
 * Rows that are a small view into a big buffer (one batch inside an unpacked 178 MB archive) are
 * copied, so the archive can be freed; a view that is most of its buffer is kept as it is, and so
 * is a view of shared memory (the engine's, where the file was read in place: it stays there).
 */
export function compact(x: Uint8Array): Uint8Array {
  if (typeof SharedArrayBuffer !== 'undefined' && x.buffer instanceof SharedArrayBuffer) return x
  return x.buffer.byteLength > 2 * x.byteLength + 1048576 ? x.slice() : x
}

function checkSplit(s: RawSplit, part: string, name: string): Split {
  if (s.images !== s.y.length) throw countMismatch(`The ${part} part of ${name}`, s.images, s.y.length)
  if (s.images === 0) {
    throw new UserError(
      'empty-split',
      `The ${part} part of ${name} has no pictures. NN Scratch needs pictures to ${part === 'training' ? 'learn from' : 'test on'}.`
    )
  }
  return { x: compact(s.x.subarray(0, s.images * IMAGE_INPUTS)), y: s.y, count: s.images }
}

function maxLabel(y: Uint8Array): number {
  let m = 0
  for (let i = 0; i < y.length; i++) if (y[i] > m) m = y[i]
  return m
}

/** Validate the parts and build the Dataset, splitting off a test set when the file has none. */
export function assembleDataset(parts: DatasetParts, options: AssembleOptions = {}): Dataset {
  const { name } = parts
  let train: Split
  let test: Split
  let testWasSplitOff = false
  if (parts.train && parts.test) {
    train = checkSplit(parts.train, 'training', name)
    test = checkSplit(parts.test, 'test', name)
  } else if (parts.train || parts.test) {
    const only = checkSplit((parts.train ?? parts.test) as RawSplit, parts.train ? 'training' : 'test', name)
    const fraction = options.testFraction ?? DEFAULT_TEST_FRACTION
    const seed = options.seed ?? DEFAULT_SPLIT_SEED
    const split = options.splitInPlace
      ? stratifiedSplitInPlace(only.x, only.y, IMAGE_INPUTS, fraction, seed, options.splitInPlace)
      : stratifiedSplit(only.x, only.y, IMAGE_INPUTS, fraction, seed)
    if (split.test.count === 0 || split.train.count === 0) {
      throw new UserError(
        'too-few',
        `${name} has only ${only.count} pictures and no separate test set, which is too few to set some aside ` +
          'for testing. Use a file with more pictures per class.'
      )
    }
    train = split.train
    test = split.test
    testWasSplitOff = true
  } else {
    throw new UserError('not-a-dataset', `${name} has no pictures in it.`)
  }
  const highest = Math.max(maxLabel(train.y), maxLabel(test.y))
  const given = parts.classNames
  if (given && highest >= given.length) {
    throw new UserError(
      'bad-labels',
      `${name} names ${given.length} classes, but a label says class ${highest}. ` +
        'The labels and the list of class names do not belong together; check that the files come from the same dataset.'
    )
  }
  const classes = Math.max(highest + 1, 2, given ? given.length : 0)
  const classNames: string[] = []
  for (let c = 0; c < classes; c++) classNames.push(given && c < given.length ? given[c] : `class ${c}`)
  return {
    name,
    inputs: IMAGE_INPUTS,
    image: { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, channels: IMAGE_CHANNELS },
    classNames,
    train,
    test,
    testWasSplitOff,
    ...(parts.resize ? { resize: parts.resize } : {})
  }
}

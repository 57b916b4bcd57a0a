/**
 * CIFAR-10 (and CIFAR-100) batches in both published layouts, to raw splits.
 *   python: a pickled dict {data: uint8 [N, 3072] planar, labels: [N] (CIFAR-100: fine_labels)};
 *           batches.meta (CIFAR-100: meta) is a pickled dict with label_names (fine_label_names).
 *   binary: N records of 1 label byte + 3072 pixel bytes (CIFAR-100: coarse, fine, 3072 pixels);
 *           batches.meta.txt (fine_label_names.txt) has one class name per line.
 * data_batch_N / train go to training, test_batch / test to testing.
 */
import { UserError } from '../errors'
import type { Room, SourceFile } from './source'
import { baseName } from './source'
import {
  concatSplits, labelsFromList, IMAGE_INPUTS, MAX_CLASSES, type DatasetParts, type NamedSplit, type RawSplit
} from './assemble'
import { labelValues, pixelRows } from './pixels'
import { dictGet, dictKeys, isDict, isNdArray, PyBytes, unpickle, type PyDict, type PyValue } from '../formats/pickle'
import { shownNames } from '../formats/shown'

export const CIFAR10_CLASSES: readonly string[] = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'
]
export const CIFAR10_RECORD = 1 + IMAGE_INPUTS
export const CIFAR100_RECORD = 2 + IMAGE_INPUTS

export type CifarRole = 'train' | 'test' | 'meta'

/** What a file is by its name: data_batch_3 -> train, test_batch.bin -> test, batches.meta -> meta. */
export function cifarRole(path: string): CifarRole | null {
  const b = baseName(path).toLowerCase()
  if (/^data_batch(_\d+)?(\.bin)?$/.test(b) || b === 'train' || b === 'train.bin') return 'train'
  if (/^test_batch(\.bin)?$/.test(b) || b === 'test' || b === 'test.bin') return 'test'
  if (b === 'batches.meta' || b === 'batches.meta.txt' || b === 'meta' || b === 'fine_label_names.txt') return 'meta'
  return null
}

/** Bytes per record of a binary batch: CIFAR-100's train.bin / test.bin carry two label bytes. */
export function recordSize(path: string): number {
  const b = baseName(path).toLowerCase()
  return b === 'train.bin' || b === 'test.bin' ? CIFAR100_RECORD : CIFAR10_RECORD
}

/** A whole number of 3073-byte records whose label bytes are all 0..9. */
export function looksLikeCifarBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD !== 0) return false
  for (let at = 0; at < bytes.length; at += CIFAR10_RECORD) if (bytes[at] > 9) return false
  return true
}

/** A binary batch to rows: record r = [labels…, 3072 pixels]; the last label byte is the class. */
export function cifarBinaryBatch(bytes: Uint8Array, fileName: string, record = CIFAR10_RECORD): RawSplit {
  const labelBytes = record - IMAGE_INPUTS
  if (bytes.length === 0 || bytes.length % record !== 0) {
    const whole = Math.floor(bytes.length / record)
    throw new UserError(
      'truncated',
      `${fileName} has ${bytes.length} bytes, which is not a whole number of CIFAR records ` +
        `(${record} bytes each: ${labelBytes === 1 ? 'a label byte' : 'two label bytes'} and 3072 pixels; ` +
        `${whole} whole records and ${bytes.length - whole * record} bytes over). ` +
        'The file is probably cut off; download it again.'
    )
  }
  const images = bytes.length / record
  const maxClass = labelBytes === 1 ? 9 : 99
  const x = new Uint8Array(images * IMAGE_INPUTS)
  const y = new Uint8Array(images)
  for (let r = 0; r < images; r++) {
    const at = r * record
    const label = bytes[at + labelBytes - 1]
    if (label > maxClass) {
      throw new UserError(
        'bad-labels',
        `${fileName} does not look like a CIFAR binary batch: record ${r} (counting from 0) has class ${label}, ` +
          `but classes go from 0 to ${maxClass}. The file may be damaged or in another format.`
      )
    }
    y[r] = label
    x.set(bytes.subarray(at + labelBytes, at + record), r * IMAGE_INPUTS)
  }
  return { x, images, y }
}

/** Is this unpickled value a CIFAR python batch ({data, labels} or {data, fine_labels})? */
export function isCifarPythonBatch(v: PyValue): v is PyDict {
  return isDict(v) && dictGet(v, 'data') !== undefined &&
    (dictGet(v, 'labels') !== undefined || dictGet(v, 'fine_labels') !== undefined)
}

/** A python batch to rows (CIFAR-100: the fine labels). */
export function cifarPythonBatch(d: PyDict, fileName: string): RawSplit {
  const data = dictGet(d, 'data') as PyValue
  if (!isNdArray(data)) {
    throw new UserError('not-images', `In ${fileName}, "data" is not an array of pictures, so it is not a CIFAR batch.`)
  }
  const { x, images } = pixelRows(data, `"data" in ${fileName}`)
  const key = dictGet(d, 'labels') !== undefined ? 'labels' : 'fine_labels'
  const labels = dictGet(d, key) as PyValue
  const where = `"${key}" in ${fileName}`
  let y: Uint8Array
  if (Array.isArray(labels)) y = labelsFromList(labels, where)
  else if (isNdArray(labels)) y = labelValues(labels, where)
  else throw new UserError('bad-labels', `In ${fileName}, "${key}" is not a list of class numbers.`)
  return { x, images, y }
}

function text(v: PyValue): string | null {
  if (typeof v === 'string') return v
  if (v instanceof PyBytes) return v.text()
  return null
}

/** Class names from a python meta dict (label_names, else fine_label_names), or null. */
export function cifarPythonNames(d: PyDict): string[] | null {
  const list = dictGet(d, 'label_names') ?? dictGet(d, 'fine_label_names')
  if (!Array.isArray(list) || list.length === 0) return null
  const names: string[] = []
  for (const v of list) {
    const t = text(v)
    if (t === null) return null
    names.push(t)
  }
  return names
}

/** Class names from batches.meta.txt: one per line, blank lines dropped. */
export function cifarTextNames(bytes: Uint8Array): string[] {
  return new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** One batch file as rows, whichever layout it is in. */
function readBatch(f: SourceFile): RawSplit {
  const record = recordSize(f.name)
  const isPickle = f.bytes.length > 0 && f.bytes[0] === 0x80
  if (!isPickle) return cifarBinaryBatch(f.bytes, baseName(f.name), record)
  const v = unpickle(f.bytes)
  if (!isCifarPythonBatch(v)) {
    const keys = isDict(v) ? ` (it holds ${shownNames(dictKeys(v))})` : ''
    throw new UserError(
      'not-a-dataset',
      `${baseName(f.name)} is named like a CIFAR batch but is not one${keys}. A CIFAR python batch holds "data" and "labels".`
    )
  }
  return cifarPythonBatch(v, baseName(f.name))
}

/** A meta file's class names; more than a dataset can have (labels are bytes) is refused. */
function readNames(f: SourceFile): string[] | null {
  let names: string[] | null
  if (f.name.toLowerCase().endsWith('.txt')) names = cifarTextNames(f.bytes)
  else {
    const v = unpickle(f.bytes)
    names = isDict(v) ? cifarPythonNames(v) : null
  }
  if (names && names.length > MAX_CLASSES) {
    throw new UserError(
      'bad-class-names',
      `${baseName(f.name)} lists ${names.length} class names, but NN Scratch handles at most ${MAX_CLASSES} classes, ` +
        "so it is not CIFAR's list of class names. Copy the file again, or remove it and open the data files alone."
    )
  }
  return names
}

/**
 * data_batch_2 before data_batch_10: one collator for all comparisons (made per call, it is 15
 * times slower), made when first needed, so that a process that reads no CIFAR batch does not
 * bring the runtime's ICU tables into memory (src/core/text/count.ts).
 */
let nameOrder: Intl.Collator | null = null
const byNameOrder = (a: string, b: string): number => (nameOrder ??= new Intl.Collator('en', { numeric: true })).compare(a, b)

/**
 * The CIFAR files among `files` (a folder or an unpacked archive) as dataset parts, or null when
 * none is named like a batch. Batches are joined in name order (data_batch_1 … data_batch_5),
 * each split's in `room`.
 */
export function cifarParts(files: readonly SourceFile[], name: string, room?: Room): DatasetParts | null {
  const byName = files.filter((f) => cifarRole(f.name) !== null).sort((a, b) => byNameOrder(a.name, b.name))
  const folders = new Set<string>()
  for (const f of byName) {
    const role = cifarRole(f.name)
    if (role === 'train' || role === 'test') folders.add(f.name.slice(0, f.name.length - baseName(f.name).length))
  }
  if (folders.size > 1) {
    const list = shownNames([...folders].map((d) => d || './'))
    throw new UserError(
      'ambiguous',
      `${name} holds CIFAR batches in more than one folder (${list}), for example both the python and the binary ` +
        'layout. Open just one of those folders.'
    )
  }
  const train: NamedSplit[] = []
  const test: NamedSplit[] = []
  let names: string[] | null = null
  for (const f of byName) {
    const role = cifarRole(f.name)
    if (role === 'meta') names = readNames(f) ?? names
    else if (role === 'train') train.push({ name: baseName(f.name), split: readBatch(f) })
    else if (role === 'test') test.push({ name: baseName(f.name), split: readBatch(f) })
  }
  if (train.length === 0 && test.length === 0) return null
  const trainSplit = train.length ? concatSplits(train, room) : null
  const testSplit = test.length ? concatSplits(test, room) : null
  return { name, train: trainSplit, test: testSplit, classNames: names ?? defaultNames(trainSplit, testSplit) }
}

/** CIFAR-10's names when every label is 0..9 and the source had no meta file. */
export function defaultNames(...splits: Array<RawSplit | null>): readonly string[] | null {
  for (const s of splits) {
    if (!s) continue
    for (let i = 0; i < s.y.length; i++) if (s.y[i] > 9) return null
  }
  return CIFAR10_CLASSES
}

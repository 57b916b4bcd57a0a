/**
 * Datasets stored as named arrays (a pickled dict, an .npz, a folder of .npy files):
 *   train_data/train_labels, test_data/test_labels   (cifar_2class_py2.p)
 *   x_train/y_train, x_test/y_test                   (Keras, NumPy habits; any letter case)
 *   data/labels or x/y                                (one split; a test split is made from it)
 * pictures: see pixels.ts; labels: [N] or [N, 1] arrays, or a list of class numbers; class names and
 * the resize mode of an imported folder (a one-element list: "crop", "squash" or "pad") as lists of text.
 */
import { UserError } from '../errors'
import type { NdArray } from '../formats/ndarray'
import { RESIZE_MODES, type ResizeMode } from './resizeMode'
import { labelsFromList, type DatasetParts, type RawSplit } from './assemble'
import { labelValues, pixelRows } from './pixels'

/** A named value: an array, a plain list (labels, class names), or something else. */
export type NamedValue = NdArray | readonly unknown[] | { readonly other: string }

const TRAIN: ReadonlyArray<[string, string]> = [['train_data', 'train_labels'], ['x_train', 'y_train']]
const TEST: ReadonlyArray<[string, string]> = [['test_data', 'test_labels'], ['x_test', 'y_test']]
const SINGLE: ReadonlyArray<[string, string]> = [['data', 'labels'], ['x', 'y'], ['images', 'labels']]
const NAMES = ['class_names', 'label_names', 'classes']

export const NAMED_ARRAY_HINT =
  'train_data, train_labels, test_data and test_labels (or x_train, y_train, x_test and y_test)'

function isArray(v: NamedValue | undefined): v is NdArray {
  return v !== undefined && !Array.isArray(v) && 'shape' in v
}

function findKey(keys: readonly string[], wanted: string): string | undefined {
  return keys.find((k) => k === wanted) ?? keys.find((k) => k.toLowerCase() === wanted)
}

function readSplit(
  get: (key: string) => NamedValue | undefined,
  dataKey: string,
  labelKey: string | undefined,
  fileName: string
): RawSplit {
  const data = get(dataKey)
  if (!isArray(data)) {
    throw new UserError(
      'not-images',
      `In ${fileName}, "${dataKey}" is not an array of pictures. Save the pictures as a NumPy array.`
    )
  }
  if (labelKey === undefined) {
    throw new UserError(
      'no-labels',
      `${fileName} has pictures ("${dataKey}") but no labels for them. NN Scratch needs a class number for every ` +
        `picture; save the labels next to the pictures, named ${NAMED_ARRAY_HINT}.`
    )
  }
  const { x, images } = pixelRows(data, `"${dataKey}" in ${fileName}`)
  const labels = get(labelKey)
  const where = `"${labelKey}" in ${fileName}`
  let y: Uint8Array
  if (isArray(labels)) y = labelValues(labels, where)
  else if (Array.isArray(labels)) y = labelsFromList(labels, where)
  else throw new UserError('bad-labels', `In ${fileName}, "${labelKey}" is not a list of class numbers.`)
  return { x, images, y }
}

function findSplit(
  keys: readonly string[],
  pairs: ReadonlyArray<[string, string]>,
  get: (key: string) => NamedValue | undefined,
  fileName: string
): RawSplit | null {
  for (const [d, l] of pairs) {
    const dataKey = findKey(keys, d)
    if (dataKey !== undefined) return readSplit(get, dataKey, findKey(keys, l), fileName)
  }
  return null
}

function classNames(keys: readonly string[], get: (key: string) => NamedValue | undefined): string[] | null {
  for (const n of NAMES) {
    const k = findKey(keys, n)
    const v = k === undefined ? undefined : get(k)
    if (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string')) return v as string[]
  }
  return null
}

/** The resize mode an imported folder's .npz records: a one-element list of text naming a mode. */
function resizeMode(keys: readonly string[], get: (key: string) => NamedValue | undefined): ResizeMode | undefined {
  const k = findKey(keys, 'resize')
  const v = k === undefined ? undefined : get(k)
  if (!Array.isArray(v) || v.length !== 1) return undefined
  return RESIZE_MODES.find((m) => m === v[0])
}

/**
 * Dataset parts from named values, or null when none of the known names is present.
 * `keys` are the names as stored; `get` looks one up.
 */
export function namedArrayParts(
  keys: readonly string[],
  get: (key: string) => NamedValue | undefined,
  fileName: string
): DatasetParts | null {
  let train = findSplit(keys, TRAIN, get, fileName)
  const test = findSplit(keys, TEST, get, fileName)
  if (!train && !test) train = findSplit(keys, SINGLE, get, fileName)
  if (!train && !test) return null
  const resize = resizeMode(keys, get)
  return { name: fileName, train, test, classNames: classNames(keys, get), ...(resize ? { resize } : {}) }
}

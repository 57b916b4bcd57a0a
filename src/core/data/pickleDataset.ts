/**
 * A pickled dataset file to dataset parts. Recognised contents:
 *   dict of named arrays  {train_data [N,3072], train_labels [N,1], test_data, test_labels}
 *                         (cifar_2class_py2.p; also x_train/y_train/…, keys str or bytes)
 *   CIFAR python batch    {data [N,3072], labels [N]}: data_batch_* -> training, test_batch -> test
 *   pairs                 ((x_train, y_train), (x_test, y_test)), as Keras' load_data returns
 */
import { UserError } from '../errors'
import { cifarPythonBatch, cifarRole, defaultNames, isCifarPythonBatch } from './cifar'
import { dictGet, dictKeys, isDict, isNdArray, PyBytes, unpickle, type PyTuple, type PyValue } from '../formats/pickle'
import { shownNames } from '../formats/shown'
import type { DatasetParts } from './assemble'
import { NAMED_ARRAY_HINT, namedArrayParts, type NamedValue } from './namedArrays'

function describeValue(v: PyValue): string {
  if (v === null) return 'None'
  if (Array.isArray(v)) return `a list of ${v.length} items`
  if (isNdArray(v)) return `one array of shape [${v.shape.join(', ')}]`
  if (v instanceof PyBytes) return 'bytes'
  if (typeof v === 'object' && 'kind' in v) return v.kind === 'dtype' ? 'a NumPy number type' : `a ${v.kind}`
  return `a ${typeof v}`
}

function isTuple(v: PyValue): v is PyTuple {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'tuple'
}

/** A pickled value as a named value: arrays as they are, lists with Python 2 strings as text. */
function named(v: PyValue | undefined): NamedValue | undefined {
  if (v === undefined) return undefined
  if (isNdArray(v)) return v
  const items = Array.isArray(v) ? v : isTuple(v) ? v.items : null
  if (items) return items.map((s) => (s instanceof PyBytes ? s.text() : s))
  return { other: describeValue(v) }
}

/** ((x, y), (x, y)) or ((x, y), (x, y), (x, y)): the first pair trains, the last tests. */
function pairParts(v: PyValue, fileName: string): DatasetParts | null {
  const outer = Array.isArray(v) ? v : isTuple(v) ? v.items : null
  if (!outer || outer.length < 2 || outer.length > 3) return null
  const pairs: Array<readonly PyValue[]> = []
  for (const p of outer) {
    const items = Array.isArray(p) ? p : isTuple(p) ? p.items : null
    if (!items || items.length !== 2 || !isNdArray(items[0])) return null
    pairs.push(items)
  }
  const last = pairs[pairs.length - 1]
  const train = namedArrayParts(['x_train', 'y_train'], (k) => named(pairs[0][k[0] === 'x' ? 0 : 1]), fileName)
  const test = namedArrayParts(['x_test', 'y_test'], (k) => named(last[k[0] === 'x' ? 0 : 1]), fileName)
  return { name: fileName, train: train?.train ?? null, test: test?.test ?? null, classNames: null }
}

function notADataset(fileName: string, what: string): UserError {
  return new UserError(
    'not-a-dataset',
    `${fileName} is a Python pickle, but it holds ${what}, not a dataset NN Scratch knows. It looks for ` +
      `${NAMED_ARRAY_HINT}, or a CIFAR-10 batch ("data" and "labels").`
  )
}

export function pickleParts(bytes: Uint8Array, fileName: string): DatasetParts {
  const v = unpickle(bytes)
  if (isCifarPythonBatch(v)) {
    const batch = cifarPythonBatch(v, fileName)
    const isTest = cifarRole(fileName) === 'test'
    return {
      name: fileName,
      train: isTest ? null : batch,
      test: isTest ? batch : null,
      classNames: dictGet(v, 'labels') !== undefined ? defaultNames(batch) : null
    }
  }
  if (isDict(v)) {
    const keys = dictKeys(v)
    const parts = namedArrayParts(keys, (k) => named(dictGet(v, k)), fileName)
    if (parts) return parts
    if (dictGet(v, 'label_names') !== undefined || dictGet(v, 'fine_label_names') !== undefined) {
      throw new UserError(
        'not-a-dataset',
        `${fileName} is CIFAR's list of class names (batches.meta), not pictures. Open the whole CIFAR folder, ` +
          'the .tar.gz archive, or one of the data_batch files instead.'
      )
    }
    throw notADataset(fileName, keys.length ? `a dictionary with the keys ${shownNames(keys)}` : 'an empty dictionary')
  }
  const pairs = pairParts(v, fileName)
  if (pairs) return pairs
  if (isNdArray(v)) {
    throw new UserError(
      'no-labels',
      `${fileName} holds ${describeValue(v)} of pictures but no labels. NN Scratch needs a class number for every ` +
        `picture; save a dictionary with ${NAMED_ARRAY_HINT}.`
    )
  }
  throw notADataset(fileName, describeValue(v))
}

/**
 * NumPy files to dataset parts.
 *   .npz:   arrays named x_train, y_train, x_test, y_test (or train_data, train_labels, …)
 *   folder: the same names as separate .npy files (x_train.npy, y_train.npy, …)
 *   .npy:   one array alone has no labels, so it is refused with a plain explanation.
 * Pictures [N,32,32,3] (channel-last) become planar rows; [N,3,32,32] and [N,3072] are planar already.
 * class_names may be an array of text (numpy's '<U…', as numpy.array(["cat", "dog"]) saves it).
 */
import { UserError } from '../errors'
import type { NdArray } from '../formats/ndarray'
import { readNpy } from '../formats/npy'
import { openNpz } from '../formats/npz'
import { shownNames } from '../formats/shown'
import type { DatasetParts } from './assemble'
import { NAMED_ARRAY_HINT, namedArrayParts } from './namedArrays'
import { baseName, type Room, type SourceFile } from './source'

function fromArrays(
  keys: readonly string[], get: (key: string) => NdArray | string[], fileName: string, kind: string
): DatasetParts {
  const parts = namedArrayParts(keys, get, fileName)
  if (parts) return parts
  throw new UserError(
    'not-a-dataset',
    `${fileName} holds ${keys.length ? `the arrays ${shownNames(keys)}` : 'no arrays'}, ` +
      `but NN Scratch looks for ${kind} named ${NAMED_ARRAY_HINT}.`
  )
}

/**
 * Only the arrays the dataset names are unpacked, one at a time, into `room` (where pixels stay);
 * an array of text (class names) is a list.
 */
export function npzParts(bytes: Uint8Array, fileName: string, room?: Room): DatasetParts {
  const archive = openNpz(bytes, undefined, room)
  return fromArrays(archive.names, (k) => archive.readValue(k), fileName, 'arrays')
}

/** The .npy files of a folder, named by file name without ".npy"; null when there are none. */
export function npyFolderParts(files: readonly SourceFile[], name: string): DatasetParts | null {
  const arrays = new Map<string, NdArray>()
  for (const f of files) {
    const b = baseName(f.name)
    if (b.toLowerCase().endsWith('.npy')) arrays.set(b.slice(0, -4), readNpy(f.bytes, b))
  }
  if (arrays.size === 0) return null
  return fromArrays([...arrays.keys()], (k) => arrays.get(k) as NdArray, name, '.npy files')
}

/** A lone .npy file: pictures without labels. */
export function loneNpyError(bytes: Uint8Array, fileName: string): UserError {
  const a = readNpy(bytes)
  return new UserError(
    'no-labels',
    `${fileName} holds a single array (shape [${a.shape.join(', ')}]) and no labels. NN Scratch needs a class ` +
      `number for every picture: save pictures and labels together with numpy.savez, naming them ` +
      `${NAMED_ARRAY_HINT}, and open that .npz file.`
  )
}

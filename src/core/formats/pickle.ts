/**
 * A safe reader for Python pickles (protocols 0-5, Python 2 and 3) holding plain data and numpy
 * arrays, e.g. cifar_2class_py2.p or CIFAR-10's python batches. Nothing from the file runs:
 * only numpy's array/dtype/scalar constructors, bytes, set and OrderedDict may be named, and
 * any other global is refused as soon as it is read. Array data is a view into `bytes`, not a
 * copy, so keep `bytes` unchanged while the result is in use.
 */
import { Unpickler } from './pickle-machine'
import type { PyValue } from './pickle-types'

export {
  PyBytes, dictGet, dictKeys, isDict, isNdArray,
  type PyDict, type PyDType, type PySet, type PyTuple, type PyValue
} from './pickle-types'

/** Read one pickled value. Throws UserError (empty, truncated, not-a-pickle, unsafe-pickle, ...). */
export function unpickle(bytes: Uint8Array): PyValue {
  return new Unpickler(bytes).run()
}

/**
 * The values a pickle can hold once read: Python scalars, str/bytes, list/tuple/dict/set, numpy
 * arrays (NdArray) and numpy dtype objects. A Python 2 str is bytes (PyBytes); dictGet/dictKeys
 * read such keys as latin1 text, the way Python 3 loads old pickles with encoding='latin1'.
 */
import type { DType, NdArray } from './ndarray'

/** bytes, bytearray or a Python 2 str; usually a view into the file's own bytes (no copy). */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}

  /**
   * The bytes as latin1 text: byte b is the character with code b. Made once per object, so a
   * value the memo hands out many times (as a dict key, say) is converted only once.
   */
  text(): string {
    let t = texts.get(this)
    if (t === undefined) {
      t = latin1(this.bytes)
      texts.set(this, t)
    }
    return t
  }
}

/** PyBytes.text, kept beside the objects rather than in them (so equal bytes stay equal objects). */
const texts = new WeakMap<PyBytes, string>()

export interface PyTuple {
  readonly kind: 'tuple'
  readonly items: PyValue[]
}

/** Entries in insertion order; keys are unique. */
export interface PyDict {
  readonly kind: 'dict'
  readonly entries: Array<[PyValue, PyValue]>
}

/** set or frozenset; items are unique by Python equality for str, bytes and numbers. */
export interface PySet {
  readonly kind: 'set'
  readonly items: PyValue[]
}

/** A numpy.dtype object: the element type with the byte order its pickled state gave. */
export interface PyDType {
  readonly kind: 'dtype'
  readonly dtype: DType
}

export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyBytes
  | PyValue[]
  | PyTuple
  | PyDict
  | PySet
  | NdArray
  | PyDType

export function latin1(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[])
  }
  return s
}

export function isNdArray(v: PyValue): v is NdArray {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyBytes) &&
    !('kind' in v) && 'data' in v && 'shape' in v
  )
}

export function isDict(v: PyValue): v is PyDict {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'dict'
}

export function isTuple(v: PyValue): v is PyTuple {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'tuple'
}

export function isDType(v: PyValue): v is PyDType {
  return typeof v === 'object' && v !== null && 'kind' in v && v.kind === 'dtype'
}

/** A str or Python 2 str key as text; undefined for any other key. */
function keyText(k: PyValue): string | undefined {
  if (typeof k === 'string') return k
  if (k instanceof PyBytes) return k.text()
  return undefined
}

/** Look up a dict entry by a text key that may be stored as str or as Python 2 str/bytes. */
export function dictGet(d: PyDict, key: string): PyValue | undefined {
  for (const [k, v] of d.entries) {
    if (k instanceof PyBytes ? k.bytes.length === key.length && k.text() === key : k === key) return v
  }
  return undefined
}

/** Keys as text: str as is, bytes as latin1, numbers in decimal; other keys are left out. */
export function dictKeys(d: PyDict): string[] {
  const out: string[] = []
  for (const [k] of d.entries) {
    const t = keyText(k)
    if (t !== undefined) out.push(t)
    else if (typeof k === 'number' || typeof k === 'bigint') out.push(String(k))
  }
  return out
}

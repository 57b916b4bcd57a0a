/**
 * The only Python callables a pickle may name, and what calling each one builds: numpy arrays
 * (ndarray._reconstruct + BUILD, or _frombuffer), dtypes, numpy scalars, bytes, sets and
 * OrderedDicts. Any other name (os.system, builtins.eval, ...) is refused the moment the file
 * names it: nothing from a file ever runs. A call that copies its argument (set(list),
 * OrderedDict(pairs), encode(text)) pays for it from the reader's budget (CallContext.spend),
 * so reusing one large value through the memo cannot make the work grow with its square.
 */
import { UserError } from '../errors'
import { elementCount, MAX_DIMS, parseDType, readElement, type DType, type NdArray } from './ndarray'
import { newSet, type Containers } from './pickle-containers'
import { corrupt, shown, unsupported } from './pickle-reader'
import { intValue } from './pickle-text'
import {
  isDType, isNdArray, isTuple, PyBytes, type PyDict, type PyDType, type PyValue
} from './pickle-types'

type GlobalFn =
  | 'reconstruct' | 'ndarray' | 'dtype' | 'frombuffer' | 'scalar' | 'encode'
  | 'set' | 'frozenset' | 'bytearray' | 'bytes' | 'ordereddict'

/** Keyed by module NUL name, so 'numpy.core' + 'multiarray._reconstruct' does not match. */
const ALLOWED = new Map<string, GlobalFn>([
  ['numpy.core.multiarray\0_reconstruct', 'reconstruct'],
  ['numpy._core.multiarray\0_reconstruct', 'reconstruct'],
  ['numpy\0ndarray', 'ndarray'],
  ['numpy\0dtype', 'dtype'],
  ['numpy.core.numeric\0_frombuffer', 'frombuffer'],
  ['numpy._core.numeric\0_frombuffer', 'frombuffer'],
  ['numpy.core.multiarray\0scalar', 'scalar'],
  ['numpy._core.multiarray\0scalar', 'scalar'],
  ['_codecs\0encode', 'encode'],
  ['__builtin__\0set', 'set'],
  ['builtins\0set', 'set'],
  ['__builtin__\0frozenset', 'frozenset'],
  ['builtins\0frozenset', 'frozenset'],
  ['__builtin__\0bytearray', 'bytearray'],
  ['builtins\0bytearray', 'bytearray'],
  ['__builtin__\0bytes', 'bytes'],
  ['builtins\0bytes', 'bytes'],
  ['collections\0OrderedDict', 'ordereddict']
])

/** A reference to an allowed callable; lives on the stack, never in the result. */
export class PyGlobal {
  constructor(readonly fn: GlobalFn, readonly name: string) {}
}

/** What the machine's stack holds: values, and callables waiting for their arguments. */
export type Item = PyValue | PyGlobal

/** What a call may use from the machine: its dicts' indexes, and the budget for copying values. */
export interface CallContext {
  readonly containers: Containers
  /** Account for copying `n` values or characters; throws UserError once the budget is spent. */
  spend(n: number): void
}

/** Names a call takes as text (a dtype, an encoding, an order) are short; longer ones are not names. */
const MAX_NAME = 64

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The allowed callable named exactly `module`, `name`; anything else is refused. */
export function lookupGlobal(module: string, name: string): PyGlobal {
  const full = `${module}.${name}`
  const fn = module.includes('\0') ? undefined : ALLOWED.get(`${module}\0${name}`)
  if (fn === undefined) {
    throw new UserError(
      'unsafe-pickle',
      `This file asks to run the Python code "${shown(full)}" while it is opened. ` +
        'NN Scratch never runs code from files, so it will not open this one. Use a file that ' +
        'only holds data (numbers, lists, dicts and numpy arrays), or ask its maker for one.'
    )
  }
  return new PyGlobal(fn, full)
}

/** A short text argument (str or bytes), or undefined for anything else or anything longer. */
function text(v: Item | undefined): string | undefined {
  if (typeof v === 'string') return v.length <= MAX_NAME ? v : undefined
  if (v instanceof PyBytes) return v.bytes.length <= MAX_NAME ? v.text() : undefined
  return undefined
}

function encode(s: string, encoding: string, pos: number): PyBytes {
  const enc = encoding.toLowerCase().replace(/[-_ ]/g, '')
  if (enc === 'utf8') return new PyBytes(new TextEncoder().encode(s))
  if (enc !== 'latin1' && enc !== 'iso88591') throw unsupported(`the text encoding "${shown(encoding)}"`)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xff) throw corrupt(pos, 'bytes stored as text that holds non-byte characters')
    out[i] = c
  }
  return new PyBytes(out)
}

/** bytes(), bytes(b), bytes(str, encoding), and the same for bytearray. */
function toBytes(args: Item[], pos: number, ctx: CallContext): PyBytes {
  if (args.length === 0) return new PyBytes(new Uint8Array(0))
  if (args[0] instanceof PyBytes) return args[0]
  const enc = text(args[1])
  if (typeof args[0] === 'string' && enc !== undefined) {
    ctx.spend(args[0].length)
    return encode(args[0], enc, pos)
  }
  throw unsupported('a kind of bytes value')
}

function iterable(v: Item | undefined): PyValue[] | undefined {
  if (Array.isArray(v)) return v
  if (typeof v === 'object' && v !== null && 'kind' in v && (v.kind === 'tuple' || v.kind === 'set')) {
    return v.items
  }
  return undefined
}

function shapeOf(v: Item | undefined, pos: number): number[] {
  const dims = isTuple(v as PyValue) ? (v as { items: PyValue[] }).items : undefined
  if (dims && dims.length > MAX_DIMS) throw unsupported(`an array with more than ${MAX_DIMS} dimensions`)
  if (!dims || !dims.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw corrupt(pos, 'an array with an unreadable shape')
  }
  return dims as number[]
}

function dtypeOf(v: Item | undefined, pos: number): DType {
  if (!isDType(v as PyValue)) throw corrupt(pos, 'an array without a number type')
  return (v as PyDType).dtype
}

/** Check that the stored bytes are exactly shape × itemsize. */
function checkArrayData(shape: number[], dtype: DType, data: Uint8Array): void {
  const expected = elementCount(shape) * dtype.size
  if (expected !== data.length) {
    const count = shape.length ? `${shape.join(' × ')} numbers` : 'one number'
    throw new UserError(
      'bad-array',
      `An array in the file should hold ${count} of ${dtype.size} byte${dtype.size > 1 ? 's' : ''} ` +
        `each (${expected} bytes), but ${data.length} bytes are stored. ` +
        'The file is damaged; download or copy it again.'
    )
  }
}

function arrayData(v: Item | undefined, pos: number): Uint8Array {
  if (v instanceof PyBytes) return v.bytes
  if (Array.isArray(v)) throw unsupported('an array of Python objects')
  throw corrupt(pos, 'an array whose data is missing')
}

/** scalar(dtype, bytes): one numpy number; 64-bit integers past 2^53 stay exact as bigint. */
function scalar(dtype: DType, raw: Uint8Array): number | bigint {
  checkArrayData([], dtype, raw)
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  if (dtype.size === 8 && dtype.kind !== 'f') {
    const le = dtype.littleEndian
    return intValue(dtype.kind === 'i' ? view.getBigInt64(0, le) : view.getBigUint64(0, le))
  }
  return readElement(view, dtype, 0)
}

/**
 * Call an allowed global (REDUCE, NEWOBJ) with positional arguments. The machine has checked
 * that no argument carries a global except _reconstruct's class (pickle-machine.ts, call).
 */
export function callGlobal(g: PyGlobal, args: Item[], pos: number, ctx: CallContext): PyValue {
  switch (g.fn) {
    case 'reconstruct': {
      const cls = args[0]
      if (!(cls instanceof PyGlobal) || cls.fn !== 'ndarray') {
        throw corrupt(pos, 'an array of an unknown class')
      }
      // An empty int8 array; the BUILD that follows gives it its shape, dtype and data.
      const empty: NdArray = {
        dtype: { kind: 'i', size: 1, littleEndian: true }, shape: [0], data: new Uint8Array(0),
        fortranOrder: false
      }
      return empty
    }
    case 'dtype': {
      const descr = text(args[0])
      if (descr === undefined) throw corrupt(pos, 'a number type without a name')
      const d: PyDType = { kind: 'dtype', dtype: parseDType(descr) }
      return d
    }
    case 'frombuffer': {
      const data = arrayData(args[0], pos)
      const dtype = dtypeOf(args[1], pos)
      const shape = shapeOf(args[2], pos)
      const order = text(args[3]) ?? 'C'
      checkArrayData(shape, dtype, data)
      return { dtype, shape, data, fortranOrder: order === 'F' && shape.length > 1 }
    }
    case 'scalar': {
      const dtype = dtypeOf(args[0], pos)
      const raw = args[1] instanceof PyBytes ? args[1].bytes : undefined
      if (!raw) throw corrupt(pos, 'a number without its bytes')
      return scalar(dtype, raw)
    }
    case 'encode': {
      if (typeof args[0] !== 'string') throw corrupt(pos, 'bytes stored as something other than text')
      ctx.spend(args[0].length)
      return encode(args[0], text(args[1]) ?? 'utf-8', pos)
    }
    case 'set':
    case 'frozenset': {
      if (args.length === 0) return { kind: 'set', items: [] }
      const items = iterable(args[0])
      if (!items) throw corrupt(pos, 'a set made from something that is not a list')
      ctx.spend(items.length)
      return newSet(items)
    }
    case 'bytes':
    case 'bytearray':
      return toBytes(args, pos, ctx)
    case 'ordereddict': {
      const d: PyDict = { kind: 'dict', entries: [] }
      if (args.length === 0) return d
      const pairs = iterable(args[0])
      if (!pairs) throw corrupt(pos, 'a dict made from something that is not a list')
      ctx.spend(pairs.length)
      for (const p of pairs) {
        const kv = iterable(p)
        if (!kv || kv.length !== 2) throw corrupt(pos, 'a dict entry that is not a key and a value')
        ctx.containers.dictSet(d, kv[0], kv[1])
      }
      return d
    }
    case 'ndarray':
      throw unsupported('a numpy array made in an unusual way')
  }
}

/** BUILD: numpy's __setstate__ for arrays and dtypes; anything else is refused. */
export function buildState(target: Item, state: Item, pos: number): void {
  const items = isTuple(state as PyValue) ? (state as { items: Item[] }).items : undefined
  if (isDType(target as PyValue) && items && items.length >= 2) {
    const order = text(items[1])
    const d = target as Mutable<PyDType>
    if (d.dtype.size > 1 && (order === '<' || order === '>' || order === '=')) {
      d.dtype = { ...d.dtype, littleEndian: order !== '>' }
    }
    return
  }
  if (isNdArray(target as PyValue) && items && (items.length === 5 || items.length === 4)) {
    const [shapeItem, dtypeItem, fortran, raw] = items.length === 5 ? items.slice(1) : items
    const shape = shapeOf(shapeItem, pos)
    const dtype = dtypeOf(dtypeItem, pos)
    const data = arrayData(raw, pos)
    checkArrayData(shape, dtype, data)
    const a = target as Mutable<NdArray>
    a.shape = shape
    a.dtype = dtype
    a.data = data
    a.fortranOrder = !!fortran && shape.length > 1
    return
  }
  throw unsupported('a Python object with saved attributes')
}

/**
 * NdArray: a numpy array as read from a pickle, .npy or .npz, before it becomes a dataset or a
 * tensor: the raw bytes exactly as stored, the dtype (kind, item size, byte order) and shape.
 * Element count = product(shape); data.byteLength = count · dtype.size.
 */
import { UserError } from '../errors'

export type DTypeKind = 'u' | 'i' | 'f' | 'b'

export interface DType {
  /** u: unsigned int, i: signed int, f: IEEE float, b: bool (one byte). */
  readonly kind: DTypeKind
  /** bytes per element: 1, 2, 4 or 8 (f: 2, 4 or 8). */
  readonly size: number
  readonly littleEndian: boolean
}

export interface NdArray {
  readonly dtype: DType
  readonly shape: readonly number[]
  /** raw element bytes; C (row-major) order unless fortranOrder. */
  readonly data: Uint8Array
  readonly fortranOrder: boolean
}

/**
 * Parse a numpy dtype string: '<f4', '|u1', '>i8', 'u1', 'f8', '?', 'b1'. A missing byte-order
 * mark means `defaultLittleEndian`. Anything else (objects, strings, complex) is refused.
 */
export function parseDType(descr: string, defaultLittleEndian = true): DType {
  let s = descr
  let little = defaultLittleEndian
  if (s[0] === '<' || s[0] === '>' || s[0] === '|' || s[0] === '=') {
    if (s[0] === '>') little = false
    else if (s[0] === '<') little = true
    s = s.slice(1)
  }
  if (s === '?' || s === 'b1') return { kind: 'b', size: 1, littleEndian: true }
  const kind = s[0]
  const size = Number(s.slice(1))
  const ok =
    ((kind === 'u' || kind === 'i') && (size === 1 || size === 2 || size === 4 || size === 8)) ||
    (kind === 'f' && (size === 2 || size === 4 || size === 8))
  if (!ok) {
    throw new UserError(
      'unsupported-dtype',
      `The file stores numbers as "${descr}", which NN Scratch cannot read. ` +
        'Save the arrays as whole numbers (uint8 pixels, integer labels) or ordinary floats.'
    )
  }
  return { kind: kind as DTypeKind, size, littleEndian: size === 1 ? true : little }
}

/** The most dimensions an array may have: numpy's own limit (NPY_MAXDIMS, 64 since numpy 2). */
export const MAX_DIMS = 64

/**
 * product(shape) · itemSize, checked before anything is allocated for it: undefined unless there
 * are at most MAX_DIMS dimensions, each a whole number from 0 to 2^53 − 1, and the product is at
 * most `limit` (the bytes actually there). The product stops growing as soon as it passes
 * `limit`, so it never overflows; a zero dimension makes it 0 whatever the others are.
 */
export function shapeBytes(shape: readonly unknown[], itemSize: number, limit: number): number | undefined {
  if (shape.length > MAX_DIMS) return undefined
  let zero = false
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) return undefined
    if (d === 0) zero = true
  }
  if (zero) return 0
  let bytes = itemSize
  for (let i = 0; i < shape.length && bytes <= limit; i++) bytes *= shape[i] as number
  return bytes <= limit ? bytes : undefined
}

/** product(shape), for a shape already checked (shapeBytes). */
export function elementCount(shape: readonly number[]): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

/** Half-precision bits to a number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1
  const exp = (h >> 10) & 0x1f
  const frac = h & 0x3ff
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 31) return frac ? NaN : sign * Infinity
  return sign * (1 + frac / 1024) * 2 ** (exp - 15)
}

/** Read element i as a JS number (64-bit integers beyond 2^53 lose precision). */
export function readElement(view: DataView, dtype: DType, i: number): number {
  const o = i * dtype.size
  const le = dtype.littleEndian
  switch (dtype.kind) {
    case 'b':
    case 'u':
      if (dtype.size === 1) return view.getUint8(o)
      if (dtype.size === 2) return view.getUint16(o, le)
      if (dtype.size === 4) return view.getUint32(o, le)
      return Number(view.getBigUint64(o, le))
    case 'i':
      if (dtype.size === 1) return view.getInt8(o)
      if (dtype.size === 2) return view.getInt16(o, le)
      if (dtype.size === 4) return view.getInt32(o, le)
      return Number(view.getBigInt64(o, le))
    case 'f':
      if (dtype.size === 2) return halfToNumber(view.getUint16(o, le))
      if (dtype.size === 4) return view.getFloat32(o, le)
      return view.getFloat64(o, le)
  }
}

/** All elements as float64, in C order (a Fortran-ordered array is transposed to C order). */
export function toFloat64(a: NdArray): Float64Array {
  const n = elementCount(a.shape)
  const out = new Float64Array(n)
  const view = new DataView(a.data.buffer, a.data.byteOffset, a.data.byteLength)
  if (!a.fortranOrder || a.shape.length < 2) {
    for (let i = 0; i < n; i++) out[i] = readElement(view, a.dtype, i)
    return out
  }
  // Fortran order: element at C index idx lives at F index sum(idx_d * stride_d), strides ascending
  const shape = a.shape
  const cStrides = new Array<number>(shape.length)
  const fStrides = new Array<number>(shape.length)
  let c = 1
  let f = 1
  for (let d = shape.length - 1; d >= 0; d--) { cStrides[d] = c; c *= shape[d] }
  for (let d = 0; d < shape.length; d++) { fStrides[d] = f; f *= shape[d] }
  for (let i = 0; i < n; i++) {
    let rem = i
    let src = 0
    for (let d = 0; d < shape.length; d++) {
      const idx = Math.floor(rem / cStrides[d])
      rem -= idx * cStrides[d]
      src += idx * fStrides[d]
    }
    out[i] = readElement(view, a.dtype, src)
  }
  return out
}

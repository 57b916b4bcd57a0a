/**
 * .npy: one numpy array in a file (numpy's "NPY format", versions 1.0, 2.0 and 3.0).
 *   bytes 0-5   magic "\x93NUMPY";  6, 7: major, minor version
 *   v1: uint16 LE header length at 8, header from 10;  v2/v3: uint32 LE at 8, header from 12
 *   header: a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), },
 *           padded with spaces and a final '\n' so the data starts on a multiple of 64 (older: 16)
 *   data:   product(shape) · itemsize bytes, C order unless fortran_order.
 * The header is parsed by hand (pyLiteral.ts), never evaluated; pickled object arrays are refused.
 * Text ('<U8': 8 UTF-32 code units per element, zero-padded) is read as a list of strings by
 * readNpyValue (class names), one dimension and at most MAX_TEXT_CHARS per element.
 */
import { UserError } from '../errors'
import { MAX_DIMS, parseDType, shapeBytes, type NdArray } from './ndarray'
import { parsePyLiteral, type PyValue } from './pyLiteral'

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93 N U M P Y
/** numpy itself refuses headers past 10 000 bytes by default; ours is a generous bound. */
const MAX_HEADER = 1 << 20
/** numpy pads the header so the data is aligned to this many bytes. */
const ALIGN = 64
/** numpy leaves room in the header for the growing axis to reach this many digits. */
const GROWTH_AXIS_MAX_DIGITS = 21

/** The plain-word subject of a message: 'The array "x"' or 'This .npy file'. */
function subject(name?: string): string {
  return name ? `The array "${name}"` : 'This .npy file'
}

function damaged(name: string | undefined, what: string): UserError {
  return new UserError(
    'bad-npy-header',
    `${subject(name)} has a damaged description (${what}). ` +
      'Save the array again with numpy.save, or copy the file again.'
  )
}

/** numpy's fixed-width unicode text ('<U12'): each element 12 UTF-32 code units, padded with zeros. */
const TEXT_DTYPE = /^([<>|=]?)U(\d+)$/

/** The most characters one text element may hold (class names and the like are short). */
export const MAX_TEXT_CHARS = 4096

/**
 * Read a .npy file that holds numbers (an NdArray whose `data` is a view into `bytes`, no copy)
 * or a one-dimensional array of text (numpy's '<U…' strings, e.g. class names) as a list of strings.
 */
export function readNpyValue(bytes: Uint8Array, name?: string): NdArray | string[] {
  return readNpyAny(bytes, name, true)
}

/** Read a .npy file of numbers. The result's `data` is a view into `bytes` (no copy). */
export function readNpy(bytes: Uint8Array, name?: string): NdArray {
  return readNpyAny(bytes, name, false) as NdArray
}

function readText(bytes: Uint8Array, dataStart: number, shape: readonly number[], chars: number, little: boolean, name?: string): string[] {
  if (shape.length !== 1 || chars < 1 || chars > MAX_TEXT_CHARS) {
    throw new UserError(
      'unsupported-dtype',
      `${subject(name)} holds text in a form NN Scratch cannot read (only a list of short texts is read). ` +
        'Save it as a plain list of names, e.g. numpy.array(["cat", "dog"]).'
    )
  }
  const available = bytes.length - dataStart
  const byteLength = shapeBytes(shape, 4 * chars, available)
  if (byteLength === undefined) throw truncated(name, `${describeSize(shape, 4 * chars)} of text`)
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, byteLength)
  const out: string[] = []
  for (let i = 0; i < shape[0]; i++) {
    let text = ''
    for (let k = 0; k < chars; k++) {
      const code = view.getUint32(4 * (i * chars + k), little)
      if (code === 0) break
      if (code > 0x10ffff) throw damaged(name, 'its text holds a character that does not exist')
      text += String.fromCodePoint(code)
    }
    out.push(text)
  }
  return out
}

function readNpyAny(bytes: Uint8Array, name: string | undefined, textAllowed: boolean): NdArray | string[] {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) {
      throw new UserError(
        'not-npy',
        `${subject(name)} is not a NumPy array file (it does not begin the way a .npy file does). ` +
          'Save the array with numpy.save and choose that file.'
      )
    }
  }
  if (bytes.length < 10) throw truncated(name, 'its description')
  const major = bytes[6]
  const minor = bytes[7]
  if (!(major >= 1 && major <= 3) || minor !== 0) {
    throw new UserError(
      'unsupported-npy-version',
      `${subject(name)} uses NumPy file format version ${major}.${minor}, which NN Scratch does not ` +
        'know. Save it again with numpy.save.'
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let headerStart = 10
  let headerLength: number
  if (major === 1) {
    headerLength = view.getUint16(8, true)
  } else {
    if (bytes.length < 12) throw truncated(name, 'its description')
    headerLength = view.getUint32(8, true)
    headerStart = 12
  }
  if (headerLength > MAX_HEADER) throw damaged(name, 'it is impossibly long')
  if (headerStart + headerLength > bytes.length) throw truncated(name, 'its description')

  const headerBytes = bytes.subarray(headerStart, headerStart + headerLength)
  // v1/v2 headers are latin-1, v3 utf-8; the keys and values we read are ASCII either way
  const headerText = major === 3 ? new TextDecoder('utf-8').decode(headerBytes) : latin1(headerBytes)
  let header: PyValue
  try {
    header = parsePyLiteral(headerText)
  } catch {
    throw damaged(name, 'it cannot be read')
  }
  if (!(header instanceof Map)) throw damaged(name, 'it cannot be read')

  const descr = header.get('descr')
  const fortran = header.get('fortran_order')
  const shapeValue = header.get('shape')
  if (descr === undefined || fortran === undefined || shapeValue === undefined) {
    throw damaged(name, 'it does not say the size of the array, the kind of its numbers and their order')
  }
  if (Array.isArray(descr) || (typeof descr === 'string' && descr.replace(/^[<>|=]/, '').startsWith('V'))) {
    throw new UserError(
      'unsupported-dtype',
      `${subject(name)} is a table with named columns (a structured array), which NN Scratch cannot ` +
        'read. Save each column as its own plain array, e.g. with numpy.savez(file, x=..., y=...).'
    )
  }
  if (typeof descr !== 'string') throw damaged(name, 'it does not say what kind of numbers the array holds')
  if (/^[<>|=]?O/.test(descr)) {
    throw new UserError(
      'pickled',
      `${subject(name)} holds Python objects (saved with pickling, allow_pickle), which NN Scratch ` +
        'never opens because they can run code. Convert it to plain numbers first, e.g. ' +
        'numpy.asarray(a, dtype=numpy.uint8), and save it again.'
    )
  }
  if (typeof fortran !== 'boolean') throw damaged(name, 'it does not say in which order the numbers are stored')
  if (!Array.isArray(shapeValue)) throw damaged(name, 'it does not give the size of the array')
  if (shapeValue.length > MAX_DIMS) throw damaged(name, `the array has more than ${MAX_DIMS} dimensions`)
  const shape: number[] = []
  for (const d of shapeValue) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw damaged(name, 'the size of the array holds something that is not a whole number')
    }
    shape.push(d)
  }
  const dataStart = headerStart + headerLength
  const text = TEXT_DTYPE.exec(descr)
  if (text !== null && textAllowed) return readText(bytes, dataStart, shape, Number(text[2]), text[1] !== '>', name)
  const dtype = parseDType(descr)

  const available = bytes.length - dataStart
  const byteLength = shapeBytes(shape, dtype.size, available)
  if (byteLength === undefined) {
    throw truncated(name, `${describeSize(shape, dtype.size)} of numbers, but only ${available} bytes are there`)
  }
  return { dtype, shape, data: bytes.subarray(dataStart, dataStart + byteLength), fortranOrder: fortran }
}

function latin1(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i])
  return s
}

function describeSize(shape: readonly number[], size: number): string {
  return `(${shape.join(' × ') || 'one value'}) × ${size} bytes`
}

function truncated(name: string | undefined, what: string): UserError {
  return new UserError(
    'truncated',
    `${subject(name)} ends too early: it should hold ${what}. ` +
      'The file is incomplete — copy or download it again.'
  )
}

export interface NpyInput {
  /** numpy dtype string, e.g. '<f4', '|u1', '<U8' (text: see textNpyInput). */
  readonly dtype: string
  readonly shape: readonly number[]
  /** raw element bytes in C order, in the byte order `dtype` names. */
  readonly data: Uint8Array
}

/** Python's repr of a shape tuple: (), (3,), (3, 4). */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`
  return `(${shape.join(', ')})`
}

/**
 * The bytes of a .npy file that come before the data, version 1.0, exactly as numpy.save writes
 * them, for `count` elements of `dtype` in `shape` (checked against `dataBytes`).
 */
export function npyHeader(dtypeText: string, shape: readonly number[], dataBytes: number): Uint8Array {
  const text = TEXT_DTYPE.exec(dtypeText)
  const dtype = text !== null ? { size: 4 * Number(text[2]) } : parseDType(dtypeText)
  let count = 1
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new Error(`writeNpy: bad shape ${shape.join(',')}`)
    count *= d
  }
  if (count * dtype.size !== dataBytes) {
    throw new Error(`writeNpy: shape ${shapeRepr(shape)} × ${dtype.size} bytes ≠ ${dataBytes} bytes`)
  }
  let header = `{'descr': '${dtypeText}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`
  if (shape.length > 0) header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length)
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1
  header += ' '.repeat(ALIGN - (unpadded % ALIGN)) + '\n'
  if (header.length > 0xffff) throw new Error('writeNpy: header too long for version 1.0')

  const out = new Uint8Array(10 + header.length)
  out.set(MAGIC, 0)
  out[6] = 1
  out[7] = 0
  out[8] = header.length & 0xff
  out[9] = header.length >> 8
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i)
  return out
}

/** Encode a .npy file, version 1.0, with the header exactly as numpy.save writes it. */
export function writeNpy(a: NpyInput): Uint8Array {
  const header = npyHeader(a.dtype, a.shape, a.data.byteLength)
  const out = new Uint8Array(header.length + a.data.byteLength)
  out.set(header, 0)
  out.set(a.data, header.length)
  return out
}

/** A list of texts as numpy's fixed-width unicode array ('<U…', as numpy.array(['cat', 'dog']) makes it). */
export function textNpyInput(texts: readonly string[]): NpyInput {
  const points = texts.map((t) => Array.from(t, (ch) => ch.codePointAt(0) as number))
  const chars = Math.max(1, ...points.map((p) => p.length))
  const data = new Uint8Array(4 * chars * texts.length)
  const view = new DataView(data.buffer)
  points.forEach((p, i) => p.forEach((code, k) => view.setUint32(4 * (i * chars + k), code, true)))
  return { dtype: `<U${chars}`, shape: [texts.length], data }
}

/**
 * safetensors (Hugging Face): named tensors with a JSON header.
 *   bytes 0-7:  N, unsigned 64-bit little-endian
 *   bytes 8..8+N: UTF-8 JSON {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [r, c],
 *                 "data_offsets": [begin, end]}, ...}, padded with spaces so N % 8 == 0
 *   bytes 8+N..: the tensors, little-endian, row-major, contiguous; offsets are relative to 8+N.
 * We write F32 in the given order; we read F32, F64, F16 and BF16 into Float32Array, checking
 * every size and offset against the file before allocating anything.
 */
import { UserError } from '../errors'
import { MAX_DIMS, readElement, type DType } from '../formats/ndarray'

export type SafetensorsDType = 'F32' | 'F64' | 'F16' | 'BF16'
const ITEM_SIZE: Readonly<Record<SafetensorsDType, number>> = { F32: 4, F64: 8, F16: 2, BF16: 2 }
/** The reference implementation refuses headers past 100 MB. */
const MAX_HEADER = 100_000_000
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export interface Tensor {
  readonly dtype: SafetensorsDType
  /** e.g. [outputs, inputs]; [] for a single number. */
  readonly shape: readonly number[]
  readonly data: Float32Array
}

export interface Safetensors {
  readonly tensors: Map<string, Tensor>
  readonly metadata: Record<string, string>
}

// The messages speak of "a model file" and its "parts" (the tensors), not of headers and dtypes.
function notSafetensors(why: string): UserError {
  return new UserError(
    'not-a-model',
    `This file is not a model file (${why}). Choose a model file saved by NN Scratch (.safetensors).`
  )
}

function damaged(why: string): UserError {
  return new UserError('damaged', `This model file is damaged (${why}). Save the model again, or copy the file again.`)
}

function truncated(why: string): UserError {
  return new UserError('truncated', `This model file ends too early (${why}). The file is incomplete: copy or download it again.`)
}

/** Encode F32 tensors, in the order given, with string metadata. */
export function writeSafetensors(
  tensors: Readonly<Record<string, { readonly dtype: 'F32'; readonly shape: readonly number[]; readonly data: Float32Array }>>,
  metadata: Readonly<Record<string, string>> = {}
): Uint8Array {
  const header: Record<string, unknown> = {}
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata
  let offset = 0
  const entries = Object.entries(tensors)
  for (const [name, t] of entries) {
    if (name === '__metadata__') throw new Error('writeSafetensors: "__metadata__" is not a tensor name')
    const count = t.shape.reduce((a, d) => a * d, 1)
    if (count !== t.data.length) throw new Error(`writeSafetensors: ${name} has shape [${t.shape}] but ${t.data.length} values`)
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + 4 * count] }
    offset += 4 * count
  }
  let json = new TextEncoder().encode(JSON.stringify(header))
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20)
  padded.set(json)
  json = padded

  const out = new Uint8Array(8 + json.length + offset)
  const view = new DataView(out.buffer)
  view.setUint32(0, json.length, true)
  view.setUint32(4, 0, true)
  out.set(json, 8)
  let at = 8 + json.length
  for (const [, t] of entries) {
    if (LITTLE_ENDIAN_HOST) out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at)
    else for (let i = 0; i < t.data.length; i++) view.setFloat32(at + 4 * i, t.data[i], true)
    at += t.data.byteLength
  }
  return out
}

interface Entry {
  readonly name: string
  readonly dtype: SafetensorsDType
  readonly shape: number[]
  readonly begin: number
  readonly end: number
}

/** Decode and check a safetensors file; every tensor comes back as a fresh Float32Array. */
export function readSafetensors(bytes: Uint8Array): Safetensors {
  if (bytes.length < 8) throw notSafetensors('it is too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32
  if (headerLength < 2 || headerLength > MAX_HEADER) throw notSafetensors('it does not begin the way a model file does')
  if (bytes[8] !== 0x7b /* { */) throw notSafetensors('it does not begin the way a model file does')
  if (8 + headerLength > bytes.length) throw truncated('its list of contents is cut short')

  let header: unknown
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)))
  } catch {
    throw notSafetensors('its list of contents cannot be read')
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw notSafetensors('its list of contents cannot be read')
  }

  const metadata: Record<string, string> = {}
  const entries: Entry[] = []
  const bufferLength = bytes.length - 8 - headerLength
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw damaged('its description cannot be read')
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== 'string') throw damaged(`its description of "${k}" cannot be read`)
        metadata[k] = v
      }
      continue
    }
    entries.push(parseEntry(name, value, bufferLength))
  }

  // the tensors must tile the data exactly: no overlap, no gap, nothing left over
  const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)
  let expected = 0
  for (const e of byOffset) {
    if (e.begin < expected) throw damaged(`its part "${e.name}" overlaps another part`)
    if (e.begin > expected) throw damaged(`there are stray bytes before its part "${e.name}"`)
    expected = e.end
  }
  if (expected !== bufferLength) throw damaged('there are stray bytes after its last part')

  const tensors = new Map<string, Tensor>()
  for (const e of entries) {
    const data = bytes.subarray(8 + headerLength + e.begin, 8 + headerLength + e.end)
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: toFloat32(data, e.dtype) })
  }
  return { tensors, metadata }
}

function parseEntry(name: string, value: unknown, bufferLength: number): Entry {
  if (typeof value !== 'object' || value === null) throw damaged(`its part "${name}" is not described`)
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>
  if (typeof dtype !== 'string') throw damaged(`its part "${name}" does not say what kind of numbers it holds`)
  if (!Object.hasOwn(ITEM_SIZE, dtype)) {
    throw new UserError(
      'unsupported-dtype',
      `This model file stores its part "${name}" as numbers of a kind NN Scratch cannot read (${dtype}); ` +
        'a model holds decimal numbers. Choose a model saved by NN Scratch, or save the weights again as 32-bit decimals (float32).'
    )
  }
  if (!Array.isArray(shape) || shape.length > MAX_DIMS || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw damaged(`its part "${name}" has no valid size`)
  }
  if (
    !Array.isArray(offsets) || offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]
  ) {
    throw damaged(`its part "${name}" has no valid place in the file`)
  }
  const [begin, end] = offsets as number[]
  if (end > bufferLength) throw truncated(`its part "${name}" lies past the end of the file`)
  const size = ITEM_SIZE[dtype as SafetensorsDType]
  // product(shape) · size, stopping once it passes the stored length (no overflow)
  let byteLength = shape.includes(0) ? 0 : size
  for (let i = 0; i < shape.length && byteLength <= end - begin; i++) byteLength *= shape[i] as number
  if (byteLength !== end - begin) {
    throw damaged(`its part "${name}" is the wrong length for the ${shape.join(' × ') || 1} numbers it should hold`)
  }
  return { name, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end }
}

const F16: DType = { kind: 'f', size: 2, littleEndian: true }

function toFloat32(bytes: Uint8Array, dtype: SafetensorsDType): Float32Array {
  if (dtype === 'F32' && LITTLE_ENDIAN_HOST) return new Float32Array(bytes.slice().buffer)
  const n = bytes.length / ITEM_SIZE[dtype]
  const out = new Float32Array(n)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (dtype === 'F32') for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true)
  else if (dtype === 'F64') for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, true)
  else if (dtype === 'F16') for (let i = 0; i < n; i++) out[i] = readElement(view, F16, i)
  else {
    // BF16 is the top half of a float32
    const word = new DataView(new ArrayBuffer(4))
    for (let i = 0; i < n; i++) {
      word.setUint32(0, view.getUint16(2 * i, true) << 16, true)
      out[i] = word.getFloat32(0, true)
    }
  }
  return out
}

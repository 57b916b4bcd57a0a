/**
 * Numpy arrays (from a pickle or .npz) to dataset rows and labels.
 *   pictures: [N, 3072] planar, [N, 3, 32, 32] planar, [N, 32, 32, 3] channel-last (HWC),
 *             [N, 3, 1024] or [N, 1024, 3]  ->  x: [N, 3072] uint8, 1024 R then G then B.
 *             out[n, c·1024 + h·32 + w] = a[n, c, h, w] (indices through each layout's strides).
 *   values:   uint8 as is; other integers and floats must lie in 0..255 (floats are rounded);
 *             float arrays whose values all lie in 0..1 are taken as p/255 and multiplied by 255.
 *   labels:   [N], [N, 1] or [1, N] class numbers, or [N, K] one-hot rows.
 */
import { UserError } from '../errors'
import { elementCount, readElement, shapeBytes, type DType, type NdArray } from '../formats/ndarray'
import { checkLabel, checkRowWidth, notFinite, rowName, IMAGE_INPUTS } from './assemble'

/** Element i as a number; 64-bit integers are read as two 32-bit halves (no BigInt per element). */
export function elementAt(view: DataView, dtype: DType, i: number): number {
  if (dtype.size === 8 && dtype.kind !== 'f') {
    const o = i * 8
    const le = dtype.littleEndian
    const lo = view.getUint32(le ? o : o + 4, le)
    const hi = dtype.kind === 'i' ? view.getInt32(le ? o + 4 : o, le) : view.getUint32(le ? o + 4 : o, le)
    return hi * 4294967296 + lo
  }
  return readElement(view, dtype, i)
}

/** The array's bytes, once its shape is known to fit in them (nothing is allocated before). */
function dataView(a: NdArray, where: string): DataView {
  if (shapeBytes(a.shape, a.dtype.size, a.data.byteLength) === undefined) {
    const need = elementCount(a.shape) * a.dtype.size
    throw new UserError(
      'truncated',
      `The numbers ${where} stop early: the file promises ${need} bytes but holds ${a.data.byteLength}. ` +
        'The file was probably cut off while saving or downloading; save or download it again.'
    )
  }
  return new DataView(a.data.buffer, a.data.byteOffset, a.data.byteLength)
}

/** Element strides of each axis: C order (last axis fastest) or Fortran order (first fastest). */
function strides(a: NdArray): number[] {
  const s = new Array<number>(a.shape.length)
  let step = 1
  if (a.fortranOrder) {
    for (let d = 0; d < a.shape.length; d++) { s[d] = step; step *= a.shape[d] }
  } else {
    for (let d = a.shape.length - 1; d >= 0; d--) { s[d] = step; step *= a.shape[d] }
  }
  return s
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`
}

/** Strides of picture, colour, row and column (n, c, h, w) for the recognised layouts. */
function layoutStrides(a: NdArray, where: string): [number, number, number, number] {
  const sh = a.shape
  if (sh.length < 2) {
    throw new UserError(
      'not-images',
      `The pictures ${where} are a single list of ${sh.length === 1 ? sh[0] : 1} numbers, not one row per picture. ` +
        'Save the pictures as a table with one row of 3072 numbers per picture.'
    )
  }
  let width = 1
  for (let d = 1; d < sh.length; d++) width *= sh[d]
  checkRowWidth(width)
  const s = strides(a)
  if (sh.length === 2) return [s[0], 1024 * s[1], 32 * s[1], s[1]]
  if (sh.length === 3 && sh[1] === 3) return [s[0], s[1], 32 * s[2], s[2]]
  if (sh.length === 3 && sh[2] === 3) return [s[0], s[2], 32 * s[1], s[1]]
  if (sh.length === 4 && sh[1] === 3 && sh[2] === 32) return [s[0], s[1], s[2], s[3]]
  if (sh.length === 4 && sh[3] === 3 && sh[1] === 32) return [s[0], s[3], s[1], s[2]]
  throw new UserError(
    'not-images',
    `The pictures ${where} have the shape ${shapeText(sh)}, and NN Scratch cannot tell which numbers are rows, ` +
      'columns and colours. Save them as [pictures, 32, 32, 3], [pictures, 3, 32, 32] or [pictures, 3072].'
  )
}

function badPixel(v: number, picture: number, where: string): UserError {
  if (!Number.isFinite(v)) {
    return new UserError(
      'bad-pixels',
      `The pictures ${where} have ${notFinite(v)} in picture ${picture} (counting from 0). ` +
        'Every pixel needs a number from 0 to 255.'
    )
  }
  return new UserError(
    'bad-pixels',
    `Pixel values must lie between 0 and 255, but the pictures ${where} have ${v} in picture ${picture} ` +
      '(counting from 0). If the pixels were rescaled, save the original 0–255 values instead.'
  )
}

/**
 * Pictures to rows x: [N, 3072] uint8, channel-planar. A C-ordered uint8 planar array is returned
 * as a view of its bytes; anything else is converted with plain loops.
 */
export function pixelRows(a: NdArray, where: string): { x: Uint8Array; images: number } {
  const [sN, sC, sH, sW] = layoutStrides(a, where)
  const view = dataView(a, where)
  const images = a.shape[0]
  const total = images * IMAGE_INPUTS
  const dtype = a.dtype
  const isU8 = dtype.kind === 'u' && dtype.size === 1
  if (isU8 && sN === IMAGE_INPUTS && sC === 1024 && sH === 32 && sW === 1) {
    return { x: a.data.subarray(0, total), images }
  }
  let gain = 1
  if (!isU8) {
    // first pass: every value finite and within 0..255; the picture of element i is i / sN
    // (C order) or i mod N (Fortran order)
    let max = 0
    for (let i = 0; i < total; i++) {
      const v = elementAt(view, dtype, i)
      if (!(v >= 0 && v <= 255)) throw badPixel(v, a.fortranOrder ? i % images : Math.floor(i / sN), where)
      if (v > max) max = v
    }
    if (dtype.kind === 'f' && max <= 1) gain = 255
  }
  const x = new Uint8Array(total)
  const src = a.data
  let o = 0
  for (let n = 0; n < images; n++) {
    for (let c = 0; c < 3; c++) {
      for (let h = 0; h < 32; h++) {
        let i = n * sN + c * sC + h * sH
        if (isU8) {
          for (let w = 0; w < 32; w++, i += sW) x[o++] = src[i]
        } else {
          for (let w = 0; w < 32; w++, i += sW) x[o++] = Math.round(elementAt(view, dtype, i) * gain)
        }
      }
    }
  }
  return { x, images }
}

/** Labels from an array: [N], [N, 1] or [1, N] class numbers, or [N, K] one-hot rows. */
export function labelValues(a: NdArray, where: string): Uint8Array {
  const view = dataView(a, where)
  const sh = a.shape
  const n = elementCount(sh)
  const dtype = a.dtype
  if (sh.length === 1 || (sh.length === 2 && (sh[1] === 1 || sh[0] === 1))) {
    const y = new Uint8Array(n)
    for (let i = 0; i < n; i++) y[i] = checkLabel(elementAt(view, dtype, i), i, where)
    return y
  }
  // one-hot rows need two numbers or more each: [N, 0] holds no labels at all, however large N is
  if (sh.length === 2 && sh[1] >= 2 && sh[1] <= 256) return oneHotLabels(a, view, where)
  throw new UserError(
    'bad-labels',
    `The labels ${where} have the shape ${shapeText(sh)}; NN Scratch expects one class number per picture ` +
      '(shape [pictures] or [pictures, 1]).'
  )
}

/** [N, K] rows with a single 1 and K−1 zeros: the class is the position of the 1. */
function oneHotLabels(a: NdArray, view: DataView, where: string): Uint8Array {
  const [rows, k] = a.shape
  const [sR, sK] = strides(a)
  const y = new Uint8Array(rows)
  for (let r = 0; r < rows; r++) {
    let ones = 0
    let sum = 0
    for (let c = 0; c < k; c++) {
      const v = elementAt(view, a.dtype, r * sR + c * sK)
      sum += v
      if (v === 1) { ones++; y[r] = c }
    }
    if (ones !== 1 || sum !== 1) {
      throw new UserError(
        'bad-labels',
        `The labels ${where} have ${k} numbers per picture, which NN Scratch reads as one-hot rows (a single 1 ` +
          `marking the class), but ${rowName(r)} is not like that. Save one whole class number per picture instead.`
      )
    }
  }
  return y
}

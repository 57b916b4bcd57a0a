import { describe, it, expect } from 'vitest'
import { pixelRows, labelValues, elementAt } from '../../../src/core/data/pixels'
import { parseDType, type NdArray } from '../../../src/core/formats/ndarray'
import { bytesOf } from '../../helpers/archives'
import { userError } from '../../helpers/userError'

function nd(descr: string, shape: number[], data: Uint8Array, fortranOrder = false): NdArray {
  return { dtype: parseDType(descr), shape, data, fortranOrder }
}

/** Picture n, colour c, row h, column w -> (n·7 + c·50 + h·3 + w) % 256. */
const value = (n: number, c: number, h: number, w: number): number => (n * 7 + c * 50 + h * 3 + w) % 256

function planar(n: number): Uint8Array {
  const x = new Uint8Array(n * 3072)
  for (let i = 0; i < n; i++)
    for (let c = 0; c < 3; c++)
      for (let h = 0; h < 32; h++) for (let w = 0; w < 32; w++) x[i * 3072 + c * 1024 + h * 32 + w] = value(i, c, h, w)
  return x
}

function hwc(n: number): Uint8Array {
  const x = new Uint8Array(n * 3072)
  for (let i = 0; i < n; i++)
    for (let h = 0; h < 32; h++)
      for (let w = 0; w < 32; w++) for (let c = 0; c < 3; c++) x[i * 3072 + h * 96 + w * 3 + c] = value(i, c, h, w)
  return x
}

describe('pixelRows', () => {
  const want = planar(3)

  it('returns planar uint8 rows as a view, without copying', () => {
    const data = planar(3)
    const { x, images } = pixelRows(nd('|u1', [3, 3072], data), 'in f')
    expect(images).toBe(3)
    expect(x.buffer).toBe(data.buffer)
    expect(pixelRows(nd('|u1', [3, 3, 32, 32], data), 'in f').x).toEqual(want)
  })

  it('converts channel-last [N,32,32,3] to planar', () => {
    const { x } = pixelRows(nd('|u1', [3, 32, 32, 3], hwc(3)), 'in f')
    expect(x).toEqual(want)
    // picture 2, green, row 4, column 5
    expect(x[2 * 3072 + 1024 + 4 * 32 + 5]).toBe(value(2, 1, 4, 5))
    expect(pixelRows(nd('|u1', [3, 1024, 3], hwc(3)), 'in f').x).toEqual(want)
  })

  it('reads Fortran-ordered arrays', () => {
    const f = new Uint8Array(3 * 3072)
    for (let n = 0; n < 3; n++) for (let k = 0; k < 3072; k++) f[k * 3 + n] = want[n * 3072 + k]
    expect(pixelRows(nd('|u1', [3, 3072], f, true), 'in f').x).toEqual(want)
  })

  it('converts integer and float pixels in 0..255, rounding floats', () => {
    const f64 = Float64Array.from(want, (v) => v + 0.2)
    expect(pixelRows(nd('<f8', [3, 3072], bytesOf(f64)), 'in f').x).toEqual(want)
    const i64 = BigInt64Array.from(want, (v) => BigInt(v))
    expect(pixelRows(nd('<i8', [3, 3072], bytesOf(i64)), 'in f').x).toEqual(want)
    const i16 = Int16Array.from(hwc(3))
    expect(pixelRows(nd('<i2', [3, 32, 32, 3], bytesOf(i16)), 'in f').x).toEqual(want)
  })

  it('takes float pictures in 0..1 as p/255', () => {
    const f32 = Float32Array.from(want, (v) => v / 255)
    expect(pixelRows(nd('<f4', [3, 3072], bytesOf(f32)), 'in f').x).toEqual(want)
  })

  it('refuses NaN, infinity and values outside 0..255, naming the picture', () => {
    const f = Float32Array.from(want)
    f[2 * 3072 + 17] = NaN
    expect(() => pixelRows(nd('<f4', [3, 3072], bytesOf(f)), '"x" in f')).toThrow(
      'The pictures "x" in f have a missing value (not a number) in picture 2 (counting from 0). Every pixel needs a number from 0 to 255.'
    )
    f[2 * 3072 + 17] = Infinity
    expect(() => pixelRows(nd('<f4', [3, 3072], bytesOf(f)), 'in f')).toThrow(/an infinite value \(infinity\) in picture 2/)
    const i = Int32Array.from(want)
    i[3072 + 1] = 300
    expect(() => pixelRows(nd('<i4', [3, 3072], bytesOf(i)), 'in f')).toThrow(
      /between 0 and 255, but the pictures in f have 300 in picture 1 \(counting from 0\)/
    )
    i[3072 + 1] = -2
    expect(() => pixelRows(nd('<i4', [3, 3072], bytesOf(i)), 'in f')).toThrow(/have -2 in picture 1/)
  })

  it('refuses rows that are not 3072 wide with the plain message', () => {
    expect(() => pixelRows(nd('|u1', [2, 28, 28], new Uint8Array(2 * 784)), '')).toThrow(
      "Each picture must have 3072 numbers (32×32 pixels × 3 colours); this file's rows have 784. NN Scratch works with 32×32 colour images such as CIFAR-10."
    )
    expect(() => pixelRows(nd('|u1', [2, 48, 64], new Uint8Array(2 * 3072)), 'in f')).toThrow(/shape \[2, 48, 64\]/)
    expect(() => pixelRows(nd('|u1', [3072], new Uint8Array(3072)), 'in f')).toThrow(/single list of 3072 numbers/)
  })

  it('refuses an array whose bytes stop early', () => {
    expect(() => pixelRows(nd('|u1', [3, 3072], new Uint8Array(3072)), 'in f')).toThrow(/promises 9216 bytes but holds 3072/)
  })
})

describe('labelValues', () => {
  it('reads [N], [N,1] and one-hot [N,K] labels of any numeric type', () => {
    expect(Array.from(labelValues(nd('<i8', [3, 1], bytesOf(BigInt64Array.from([1n, 0n, 1n]))), 'x'))).toEqual([1, 0, 1])
    expect(Array.from(labelValues(nd('<f4', [3], bytesOf(Float32Array.from([2, 0, 1]))), 'x'))).toEqual([2, 0, 1])
    expect(Array.from(labelValues(nd('>i2', [2], Uint8Array.from([0, 5, 0, 7])), 'x'))).toEqual([5, 7])
    const oneHot = Float32Array.from([0, 1, 0, 1, 0, 0, 0, 0, 1])
    expect(Array.from(labelValues(nd('<f4', [3, 3], bytesOf(oneHot)), 'x'))).toEqual([1, 0, 2])
  })

  it('refuses fractions, negatives, NaN and bad one-hot rows', () => {
    expect(() => labelValues(nd('<f8', [3], bytesOf(Float64Array.from([0, 1, 0.5]))), '"y" in f')).toThrow(
      /Labels must be whole class numbers \(0, 1, 2, …\), but the labels "y" in f have 0\.5 at row 2 \(counting from 0\)/
    )
    expect(() => labelValues(nd('<i4', [2, 1], bytesOf(Int32Array.from([0, -1]))), 'in f')).toThrow(/have -1 at row 1/)
    expect(() => labelValues(nd('<f4', [1], bytesOf(Float32Array.from([NaN]))), 'in f')).toThrow(/a missing value \(not a number\) at row 0/)
    expect(() => labelValues(nd('<f4', [2, 2], bytesOf(Float32Array.from([1, 1, 0, 1]))), 'in f')).toThrow(/row 0 \(counting from 0\) is not like that/)
  })

  it('reads 64-bit integers without precision surprises', () => {
    const view = new DataView(bytesOf(BigInt64Array.from([-3n, 5n ** 20n])).buffer)
    expect(elementAt(view, parseDType('<i8'), 0)).toBe(-3)
    expect(elementAt(view, parseDType('<i8'), 1)).toBe(Number(5n ** 20n))
  })
})

describe('declared shapes are checked before anything is allocated (issue 8, item 10)', () => {
  it('refuses labels of shape (2^53 − 1, 0) with a plain message, not a RangeError', () => {
    const e = userError(() => labelValues(nd('|u1', [9007199254740991, 0], new Uint8Array(0)), '"y" in f.npz'))
    expect(e.code).toBe('bad-labels')
    expect(e.message).toBe(
      'The labels "y" in f.npz have the shape [9007199254740991, 0]; NN Scratch expects one class number per ' +
        'picture (shape [pictures] or [pictures, 1]).'
    )
  })

  it('refuses pictures or labels whose shape promises more than the bytes hold, or is not a shape', () => {
    expect(userError(() => pixelRows(nd('|u1', [9007199254740991, 3072], new Uint8Array(3072)), 'x')).code).toBe('truncated')
    expect(userError(() => labelValues(nd('|u1', [2 ** 40, 2 ** 40], new Uint8Array(8)), 'y')).code).toBe('truncated')
    expect(userError(() => labelValues(nd('|u1', [2.5], new Uint8Array(8)), 'y')).code).toBe('truncated')
  })
})


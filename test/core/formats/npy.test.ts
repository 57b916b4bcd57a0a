import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toFloat64 } from '../../../src/core/formats/ndarray'
import { readNpy, writeNpy } from '../../../src/core/formats/npy'
import { userError } from '../../helpers/userError'

const FIXTURES = join(__dirname, '../../fixtures/numpy')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
const ramp = (n: number, scale = 1): number[] => Array.from({ length: n }, (_, i) => i * scale)

/** A .npy file with a hand-written header (no padding rules), for the error cases. */
function rawNpy(header: string, data = new Uint8Array(0), major = 1): Uint8Array {
  const prefix = major === 1 ? 10 : 12
  const out = new Uint8Array(prefix + header.length + data.length)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0])
  const view = new DataView(out.buffer)
  if (major === 1) view.setUint16(8, header.length, true)
  else view.setUint32(8, header.length, true)
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i)
  out.set(data, prefix + header.length)
  return out
}


describe('readNpy on files written by numpy', () => {
  it('reads uint8 [3, 4] as a view into the file bytes', () => {
    const bytes = fixture('u8_3x4.npy')
    const a = readNpy(bytes)
    expect(a.dtype).toEqual({ kind: 'u', size: 1, littleEndian: true })
    expect(a.shape).toEqual([3, 4])
    expect(a.fortranOrder).toBe(false)
    expect(Array.from(a.data)).toEqual(ramp(12))
    expect(a.data.buffer).toBe(bytes.buffer)
    expect(a.data.byteOffset).toBe(bytes.byteOffset + 128)
  })

  it('reads little-endian float32 and big-endian float64', () => {
    expect(Array.from(toFloat64(readNpy(fixture('f4_3x4.npy'))))).toEqual(ramp(12, 0.25))
    const be = readNpy(fixture('f8_be_3x4.npy'))
    expect(be.dtype).toEqual({ kind: 'f', size: 8, littleEndian: false })
    expect(Array.from(toFloat64(be))).toEqual(ramp(12, 0.25))
  })

  it('reads a Fortran-order array and toFloat64 gives C order', () => {
    const a = readNpy(fixture('i4_fortran_3x4.npy'))
    expect(a.fortranOrder).toBe(true)
    expect(Array.from(toFloat64(a))).toEqual(ramp(12))
  })

  it('reads version 2.0 and 3.0 headers', () => {
    const v2 = readNpy(fixture('i2_v2_3x4.npy'))
    expect(v2.dtype).toEqual({ kind: 'i', size: 2, littleEndian: true })
    expect(Array.from(toFloat64(v2))).toEqual(ramp(12))
    expect(Array.from(readNpy(fixture('u1_v3_3x4.npy')).data)).toEqual(ramp(12))
  })

  it('reads bool, a 0-d scalar and an empty array', () => {
    const b = readNpy(fixture('bool_5.npy'))
    expect(b.dtype.kind).toBe('b')
    expect(Array.from(b.data)).toEqual([1, 0, 1, 1, 0])
    const s = readNpy(fixture('scalar_f8.npy'))
    expect(s.shape).toEqual([])
    expect(Array.from(toFloat64(s))).toEqual([2.5])
    const e = readNpy(fixture('empty_0x3.npy'))
    expect(e.shape).toEqual([0, 3])
    expect(e.data.length).toBe(0)
  })
})

describe('readNpy refuses what it cannot or must not read', () => {
  it('refuses pickled object arrays', () => {
    const e = userError(() => readNpy(fixture('object.npy'), 'x'))
    expect(e.code).toBe('pickled')
    expect(e.message).toMatch(/^The array "x" holds Python objects \(saved with pickling, allow_pickle\)/)
  })

  it('refuses structured and complex arrays', () => {
    const s = userError(() => readNpy(fixture('structured.npy')))
    expect(s.code).toBe('unsupported-dtype')
    expect(s.message).toMatch(/^This \.npy file is a table with named columns/)
    expect(userError(() => readNpy(fixture('complex.npy'))).code).toBe('unsupported-dtype')
  })

  it('refuses a file that is not .npy', () => {
    const e = userError(() => readNpy(new TextEncoder().encode('hello, world'), 'x_train'))
    expect(e.code).toBe('not-npy')
    expect(e.message).toBe(
      'The array "x_train" is not a NumPy array file (it does not begin the way a .npy file does). ' +
        'Save the array with numpy.save and choose that file.'
    )
    expect(userError(() => readNpy(new Uint8Array(0))).code).toBe('not-npy')
  })

  it('refuses an unknown format version', () => {
    const bytes = fixture('u8_3x4.npy').slice()
    bytes[6] = 4
    const e = userError(() => readNpy(bytes))
    expect(e.code).toBe('unsupported-npy-version')
    expect(e.message).toContain('version 4.0')
  })

  it('says the file is incomplete when the data is cut short', () => {
    const e = userError(() => readNpy(fixture('f4_3x4.npy').subarray(0, 150)))
    expect(e.code).toBe('truncated')
    expect(e.message).toBe(
      'This .npy file ends too early: it should hold (3 × 4) × 4 bytes of numbers, but only 22 bytes ' +
        'are there. The file is incomplete — copy or download it again.'
    )
  })

  it('says the file is incomplete when the header is cut short', () => {
    expect(userError(() => readNpy(fixture('f4_3x4.npy').subarray(0, 60))).code).toBe('truncated')
    expect(userError(() => readNpy(fixture('f4_3x4.npy').subarray(0, 8))).code).toBe('truncated')
    expect(userError(() => readNpy(fixture('i2_v2_3x4.npy').subarray(0, 11))).code).toBe('truncated')
  })

  it('checks a huge declared shape against the file size without allocating', () => {
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4000000000, 4000000000, 4000000000), }\n"
    const e = userError(() => readNpy(rawNpy(header, new Uint8Array(16))))
    expect(e.code).toBe('truncated')
    const v2 = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000,), }\n"
    expect(userError(() => readNpy(rawNpy(v2, new Uint8Array(8), 2))).code).toBe('truncated')
  })

  it('refuses more dimensions than numpy allows (64), which could make every later step slow', () => {
    const shape = (n: number): string => `{'descr': '|u1', 'fortran_order': True, 'shape': (${'1, '.repeat(n)}), }\n`
    expect(readNpy(rawNpy(shape(64), new Uint8Array(1))).shape).toHaveLength(64)
    const e = userError(() => readNpy(rawNpy(shape(65), new Uint8Array(1))))
    expect(e.code).toBe('bad-npy-header')
    expect(e.message).toContain('the array has more than 64 dimensions')
    expect(e.message).not.toMatch(/header|\bdescr\b|fortran|'shape'/)
  })

  it('refuses a header length past the end of the file or absurdly long', () => {
    const bytes = rawNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), }\n", new Uint8Array(0), 2)
    new DataView(bytes.buffer).setUint32(8, 0xffffffff, true)
    expect(userError(() => readNpy(bytes)).code).toBe('bad-npy-header')
    new DataView(bytes.buffer).setUint32(8, 1000, true)
    expect(userError(() => readNpy(bytes)).code).toBe('truncated')
  })

  it('never evaluates the header and refuses one that is not a plain dict', () => {
    const bad = [
      "__import__('os').system('echo hi')",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3,) + (4,), }",
      "{'descr': '<f4', 'fortran_order': False}",
      "{'descr': '<f4', 'fortran_order': 0, 'shape': (3,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-3,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3.5,), }",
      "{'descr': '<f4', 'fortran_order': False, 'shape': 3, }",
      "{'descr': 4, 'fortran_order': False, 'shape': (3,), }",
      "['descr', '<f4']",
      '('.repeat(5000)
    ]
    for (const h of bad) {
      const e = userError(() => readNpy(rawNpy(h, new Uint8Array(64))))
      expect(e.code).toBe('bad-npy-header')
      expect(e.message).toMatch(/^This \.npy file has a damaged description \(.*\)\. Save the array again/)
      // in words, not in the format's own terms
      expect(e.message).not.toMatch(/header|\bdescr\b|fortran|'shape'|dictionary/)
    }
  })

  it('accepts double quotes, Python 2 longs and no trailing comma', () => {
    const a = readNpy(rawNpy('{"descr": "|u1", "shape": (2L, 1L), "fortran_order": False}\n', new Uint8Array([7, 9])))
    expect(a.shape).toEqual([2, 1])
    expect(Array.from(a.data)).toEqual([7, 9])
  })
})

describe('writeNpy', () => {
  it('writes the same bytes as numpy.save', () => {
    const f4 = fixture('f4_3x4.npy')
    const data = new Uint8Array(new Float32Array(ramp(12, 0.25)).buffer)
    expect(writeNpy({ dtype: '<f4', shape: [3, 4], data })).toEqual(f4)
    expect(writeNpy({ dtype: '|u1', shape: [3, 4], data: new Uint8Array(ramp(12)) })).toEqual(fixture('u8_3x4.npy'))
    const scalar = new Uint8Array(new Float64Array([2.5]).buffer)
    expect(writeNpy({ dtype: '<f8', shape: [], data: scalar })).toEqual(fixture('scalar_f8.npy'))
    expect(writeNpy({ dtype: '<f4', shape: [0, 3], data: new Uint8Array(0) })).toEqual(fixture('empty_0x3.npy'))
  })

  it('aligns the data to 64 bytes and round-trips through readNpy', () => {
    for (const shape of [[5], [1, 7], [2, 3, 4], [123456789012, 0]]) {
      const n = shape.reduce((a, b) => a * b, 1)
      const data = new Uint8Array(n * 2).map((_, i) => i * 7)
      const bytes = writeNpy({ dtype: '>i2', shape, data })
      expect((bytes.length - data.length) % 64).toBe(0)
      const back = readNpy(bytes)
      expect(back.shape).toEqual(shape)
      expect(back.dtype).toEqual({ kind: 'i', size: 2, littleEndian: false })
      expect(back.data).toEqual(data)
    }
  })

  it('refuses data whose length does not match the shape', () => {
    expect(() => writeNpy({ dtype: '<f4', shape: [3], data: new Uint8Array(8) })).toThrow(/writeNpy/)
  })
})

describe('.npy text arrays', () => {
  it('writes and reads numpy unicode text ("<U…"), any character, padded names', async () => {
    const { readNpyValue, textNpyInput, writeNpy } = await import('../../../src/core/formats/npy')
    const input = textNpyInput(['cats', 'dogs', 'è', '𝄞 clef'])
    expect(input.dtype).toBe('<U6')
    const file = writeNpy(input)
    expect(readNpyValue(file)).toEqual(['cats', 'dogs', 'è', '𝄞 clef'])
    // readNpy (numbers only) still refuses it plainly
    expect(userError(() => readNpy(file)).code).toBe('unsupported-dtype')
  })

  it('refuses text arrays of more than one dimension and a text longer than the bytes there', async () => {
    const { readNpyValue, writeNpy } = await import('../../../src/core/formats/npy')
    const twoD = writeNpy({ dtype: '<U1', shape: [2, 2], data: new Uint8Array(16) })
    expect(() => readNpyValue(twoD)).toThrow(/list of short texts/)
    const cut = writeNpy({ dtype: '<U2', shape: [3], data: new Uint8Array(24) }).slice(0, -4)
    expect(() => readNpyValue(cut)).toThrow(/ends too early/)
  })
})

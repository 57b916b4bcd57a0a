import { describe, expect, it } from 'vitest'
import { readSafetensors, writeSafetensors } from '../../../src/core/model/safetensors'
import { userError } from '../../helpers/userError'

/** Words a person who only saved a model cannot be expected to know. */
const JARGON = /\btensor|header|dtype|JSON|opcode|offset/i


/** A safetensors file with a hand-written header, for the cases our writer never produces. */
function raw(header: unknown, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header))
  const out = new Uint8Array(8 + json.length + data.length)
  new DataView(out.buffer).setUint32(0, json.length, true)
  out.set(json, 8)
  out.set(data, 8 + json.length)
  return out
}

const f32 = (values: number[]): Uint8Array => new Uint8Array(new Float32Array(values).buffer)

describe('writeSafetensors and readSafetensors', () => {
  const tensors = {
    'layers.0.weight': { dtype: 'F32' as const, shape: [2, 3], data: new Float32Array([1, 2, 3, -4, 5.5, 6]) },
    'layers.0.bias': { dtype: 'F32' as const, shape: [2], data: new Float32Array([0.25, -0.5]) },
    scalar: { dtype: 'F32' as const, shape: [], data: new Float32Array([7]) },
    empty: { dtype: 'F32' as const, shape: [0, 4], data: new Float32Array(0) }
  }

  it('round-trips tensors and metadata', () => {
    const back = readSafetensors(writeSafetensors(tensors, { format: 'x', note: 'héllo "quoted"' }))
    expect(back.metadata).toEqual({ format: 'x', note: 'héllo "quoted"' })
    expect([...back.tensors.keys()]).toEqual(Object.keys(tensors))
    for (const [name, t] of Object.entries(tensors)) {
      const got = back.tensors.get(name)!
      expect(got.dtype).toBe('F32')
      expect(got.shape).toEqual(t.shape)
      expect(got.data).toEqual(t.data)
    }
  })

  it('follows the layout of the spec: u64 header length, padded JSON, contiguous data in order', () => {
    const bytes = writeSafetensors(tensors, { a: 'b' })
    const view = new DataView(bytes.buffer)
    const n = view.getUint32(0, true)
    expect(view.getUint32(4, true)).toBe(0)
    expect(n % 8).toBe(0)
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)))
    expect(header.__metadata__).toEqual({ a: 'b' })
    expect(header['layers.0.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] })
    expect(header['layers.0.bias']).toEqual({ dtype: 'F32', shape: [2], data_offsets: [24, 32] })
    expect(header.scalar.data_offsets).toEqual([32, 36])
    expect(header.empty.data_offsets).toEqual([36, 36])
    expect(bytes.length).toBe(8 + n + 36)
    expect(view.getFloat32(8 + n + 12, true)).toBe(-4)
    expect(writeSafetensors(tensors, { a: 'b' })).toEqual(bytes)
  })

  it('writes no __metadata__ when there is none, and reads a file without it', () => {
    const bytes = writeSafetensors({ w: tensors.scalar })
    expect(new TextDecoder().decode(bytes)).not.toContain('__metadata__')
    expect(readSafetensors(bytes).metadata).toEqual({})
  })

  it('reads a view into a larger buffer at an odd offset', () => {
    const bytes = writeSafetensors(tensors)
    const shifted = new Uint8Array(bytes.length + 3)
    shifted.set(bytes, 3)
    expect(readSafetensors(shifted.subarray(3)).tensors.get('layers.0.weight')!.data).toEqual(tensors['layers.0.weight'].data)
  })

  it('converts F64, F16 and BF16 to float32', () => {
    const f64 = new Uint8Array(new Float64Array([0.1, -3]).buffer)
    const f16 = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c]) // 1, -2, +inf
    const bf16 = new Uint8Array([0x80, 0x3f, 0x40, 0xc0]) // 1, -3
    const file = raw(
      {
        a: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
        b: { dtype: 'F16', shape: [3], data_offsets: [16, 22] },
        c: { dtype: 'BF16', shape: [1, 2], data_offsets: [22, 26] }
      },
      new Uint8Array([...f64, ...f16, ...bf16])
    )
    const t = readSafetensors(file).tensors
    expect(t.get('a')!.dtype).toBe('F64')
    expect(Array.from(t.get('a')!.data)).toEqual([Math.fround(0.1), -3])
    expect(Array.from(t.get('b')!.data)).toEqual([1, -2, Infinity])
    expect(Array.from(t.get('c')!.data)).toEqual([1, -3])
  })

  it('accepts tensors listed in a different order from their offsets', () => {
    const file = raw(
      { b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] }, a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } },
      f32([1, 2])
    )
    const t = readSafetensors(file).tensors
    expect(t.get('a')!.data[0]).toBe(1)
    expect(t.get('b')!.data[0]).toBe(2)
  })
})

describe('readSafetensors refuses files it cannot trust', () => {
  const one = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }

  it('refuses a file that is not safetensors', () => {
    for (const bytes of [
      new Uint8Array(3),
      new TextEncoder().encode('PK\x03\x04 this is a zip file, really'),
      raw('[1, 2, 3]'),
      raw('{"w": nonsense}'),
      raw('"text"')
    ]) {
      const e = userError(() => readSafetensors(bytes))
      expect(e.code).toBe('not-a-model')
      expect(e.message).toMatch(/^This file is not a model file \(.*\)\. Choose a model file saved by NN Scratch \(\.safetensors\)\.$/)
      expect(e.message).not.toMatch(JARGON)
    }
  })

  it('checks the header length against the file before reading it', () => {
    const huge = raw(one, f32([1, 2]))
    new DataView(huge.buffer).setUint32(4, 1, true) // N ≥ 2^32
    expect(userError(() => readSafetensors(huge)).code).toBe('not-a-model')
    const long = raw(one, f32([1, 2]))
    new DataView(long.buffer).setUint32(0, 5000, true)
    const e = userError(() => readSafetensors(long))
    expect(e.code).toBe('truncated')
    expect(e.message).toBe(
      'This model file ends too early (its list of contents is cut short). The file is incomplete: copy or download it again.'
    )
  })

  it('says the file is cut short when a tensor lies past its end', () => {
    const bytes = writeSafetensors({ w: { dtype: 'F32', shape: [4], data: new Float32Array(4) } })
    const e = userError(() => readSafetensors(bytes.subarray(0, bytes.length - 4)))
    expect(e.code).toBe('truncated')
    expect(e.message).toContain('its part "w" lies past the end of the file')
  })

  it('refuses overlapping tensors, gaps and leftover bytes', () => {
    const overlap = raw(
      { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } },
      f32([1, 2])
    )
    expect(userError(() => readSafetensors(overlap)).message).toContain('its part "b" overlaps another part')
    const gap = raw({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, f32([1, 2]))
    expect(userError(() => readSafetensors(gap)).message).toContain('stray bytes before its part "a"')
    const extra = raw(one, f32([1, 2, 3]))
    const e = userError(() => readSafetensors(extra))
    expect(e.code).toBe('damaged')
    expect(e.message).toBe(
      'This model file is damaged (there are stray bytes after its last part). Save the model again, or copy the file again.'
    )
  })

  it('refuses a shape that does not match the stored bytes, without allocating it', () => {
    const wrong = raw({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32([1, 2]))
    expect(userError(() => readSafetensors(wrong)).message).toContain('its part "w" is the wrong length for the 3 numbers it should hold')
    const huge = raw({ w: { dtype: 'F64', shape: [2 ** 40, 2 ** 40, 2 ** 40], data_offsets: [0, 8] } }, f32([1, 2]))
    expect(userError(() => readSafetensors(huge)).code).toBe('damaged')
  })

  it('refuses more than 64 dimensions, as numpy does', () => {
    const shape = (n: number): number[] => Array.from({ length: n }, () => 1)
    expect(readSafetensors(raw({ w: { dtype: 'F32', shape: shape(64), data_offsets: [0, 4] } }, f32([1]))).tensors.get('w')!.shape)
      .toHaveLength(64)
    const e = userError(() => readSafetensors(raw({ w: { dtype: 'F32', shape: shape(65), data_offsets: [0, 4] } }, f32([1]))))
    expect(e.message).toContain('its part "w" has no valid size')
  })

  it('refuses malformed tensor descriptions', () => {
    const bad = [
      { w: 3 },
      { w: { shape: [2], data_offsets: [0, 8] } },
      { w: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } },
      { w: { dtype: 'F32', shape: '2', data_offsets: [0, 8] } },
      { w: { dtype: 'F32', shape: [2], data_offsets: [8, 0] } },
      { w: { dtype: 'F32', shape: [2], data_offsets: [0] } },
      { w: { dtype: 'F32', shape: [2.5], data_offsets: [0, 8] } },
      { __metadata__: { a: 1 }, ...one },
      { __metadata__: ['a'], ...one }
    ]
    for (const header of bad) {
      const e = userError(() => readSafetensors(raw(header, f32([1, 2]))))
      expect(e.code).toBe('damaged')
      expect(e.message).not.toMatch(JARGON)
    }
  })

  it('refuses number types it cannot turn into decimals', () => {
    for (const dtype of ['I64', 'U8', 'BOOL', 'toString', '__proto__']) {
      const file = raw({ w: { dtype, shape: [8], data_offsets: [0, 8] } }, f32([1, 2]))
      const e = userError(() => readSafetensors(file))
      expect(e.code).toBe('unsupported-dtype')
      expect(e.message).toContain(`stores its part "w" as numbers of a kind NN Scratch cannot read (${dtype})`)
    }
  })
})

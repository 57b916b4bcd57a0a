import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { toFloat64 } from '../../../src/core/formats/ndarray'
import { readNpz, writeNpz } from '../../../src/core/formats/npz'
import { userError } from '../../helpers/userError'

const FIXTURES = join(__dirname, '../../fixtures/numpy')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
const ramp = (n: number): number[] => Array.from({ length: n }, (_, i) => i)


/** Byte offset of the first zip record with this signature (central directory: 0x02014b50). */
function findRecord(bytes: Uint8Array, signature: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) return i
  throw new Error('record not found')
}
const CENTRAL = 0x02014b50

describe('readNpz on archives written by numpy', () => {
  for (const file of ['xy_stored.npz', 'xy_deflated.npz']) {
    it(`reads ${file}`, () => {
      const arrays = readNpz(fixture(file))
      expect([...arrays.keys()].sort()).toEqual(['x', 'y'])
      const x = arrays.get('x')!
      expect(x.shape).toEqual([2, 3, 4])
      expect(x.dtype.kind).toBe('u')
      expect(Array.from(x.data)).toEqual(ramp(24))
      const y = arrays.get('y')!
      expect(y.dtype).toEqual({ kind: 'i', size: 8, littleEndian: true })
      expect(Array.from(toFloat64(y))).toEqual([0, 1])
    })
  }
})

describe('writeNpz', () => {
  const w = { dtype: '<f4', shape: [2, 2], data: new Uint8Array(new Float32Array([1, -2, 3.5, 0]).buffer) }
  const labels = { dtype: '|u1', shape: [3], data: new Uint8Array([0, 1, 1]) }

  for (const compress of [false, true]) {
    it(`round-trips ${compress ? 'deflated' : 'stored'} archives from a Map or a record`, () => {
      for (const input of [new Map([['W1', w], ['labels', labels]]), { W1: w, labels }]) {
        const back = readNpz(writeNpz(input, { compress }))
        expect([...back.keys()]).toEqual(['W1', 'labels'])
        expect(Array.from(toFloat64(back.get('W1')!))).toEqual([1, -2, 3.5, 0])
        expect(back.get('W1')!.shape).toEqual([2, 2])
        expect(Array.from(back.get('labels')!.data)).toEqual([0, 1, 1])
      }
    })
  }

  it('gives the same bytes for the same arrays', () => {
    expect(writeNpz({ W1: w })).toEqual(writeNpz({ W1: w }))
  })

  it('compresses when asked', () => {
    const zeros = { dtype: '<f4', shape: [1000], data: new Uint8Array(4000) }
    expect(writeNpz({ z: zeros }, { compress: true }).length).toBeLessThan(500)
    expect(writeNpz({ z: zeros }).length).toBeGreaterThan(4000)
  })
})

describe('readNpz refuses archives that are not npz or are damaged', () => {
  it('refuses a file that is not a zip', () => {
    const e = userError(() => readNpz(new TextEncoder().encode('just some text')))
    expect(e.code).toBe('not-an-npz')
    expect(e.message).toBe(
      'This file is not a NumPy .npz archive (it is not a zip archive). ' +
        'Save the arrays with numpy.savez or numpy.savez_compressed and choose that file.'
    )
  })

  it('refuses a zip of other files, naming the first one', () => {
    const zip = zipSync({ 'notes.txt': new TextEncoder().encode('hello') })
    const e = userError(() => readNpz(zip))
    expect(e.code).toBe('not-an-npz')
    expect(e.message).toContain('it contains "notes.txt", which is not a .npy array')
  })

  it('refuses an empty zip', () => {
    expect(userError(() => readNpz(zipSync({}))).message).toContain('it holds no arrays')
  })

  it('says a cut-short archive is damaged', () => {
    const bytes = fixture('xy_deflated.npz')
    for (const end of [10, 200, bytes.length - 30]) {
      const e = userError(() => readNpz(bytes.subarray(0, end)))
      expect(e.code).toBe('truncated')
      expect(e.message).toMatch(/^This \.npz archive is damaged \(.*\)\. The file is incomplete or corrupt/)
    }
  })

  it('refuses a member that claims more bytes than the archive could hold, before inflating it', () => {
    const bytes = fixture('xy_deflated.npz').slice()
    const at = findRecord(bytes, CENTRAL)
    new DataView(bytes.buffer).setUint32(at + 24, 0xfffffff0, true) // uncompressed size
    const e = userError(() => readNpz(bytes))
    expect(e.code).toBe('truncated')
    expect(e.message).toContain('claims a size the archive cannot hold')
  })

  it('refuses a compression method numpy does not use', () => {
    const bytes = fixture('xy_deflated.npz').slice()
    const at = findRecord(bytes, CENTRAL)
    new DataView(bytes.buffer).setUint16(at + 10, 14, true) // LZMA
    expect(userError(() => readNpz(bytes)).code).toBe('not-an-npz')
  })

  it('names the array whose .npy inside the archive is bad', () => {
    const zip = zipSync({ 'x.npy': new TextEncoder().encode('not an array') })
    const e = userError(() => readNpz(zip))
    expect(e.code).toBe('not-npy')
    expect(e.message).toMatch(/^The array "x" is not a NumPy array file/)
  })

  it('refuses a pickled array inside the archive', () => {
    const zip = zipSync({ 'obj.npy': fixture('object.npy') })
    expect(userError(() => readNpz(zip)).code).toBe('pickled')
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { toFloat64 } from '../../../src/core/formats/ndarray'
import { MAX_NPZ_BYTES, openNpz, readNpz, writeNpz } from '../../../src/core/formats/npz'
import { makeNpy } from '../../helpers/archives'
import { userError } from '../../helpers/userError'
import { deflatedMember, makeZip } from '../../helpers/zip'

const FIXTURES = join(__dirname, '../../fixtures/numpy')
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)))
const ramp = (n: number): number[] => Array.from({ length: n }, (_, i) => i)

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
    const packed = deflateSync(makeNpy('|u1', [4], new Uint8Array(4)))
    const zip = makeZip([{ name: 'x.npy', packed, method: 8, size: 0xfffffff0 }])
    const e = userError(() => readNpz(zip))
    expect(e.code).toBe('truncated')
    expect(e.message).toContain('claims a size the archive cannot hold')
  })

  it('refuses a compression method numpy does not use', () => {
    const zip = makeZip([{ name: 'x.npy', packed: new Uint8Array(8), method: 14 }]) // LZMA
    expect(userError(() => readNpz(zip)).code).toBe('not-an-npz')
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

describe('readNpz checks the table of contents against the members, as Python\'s zipfile does', () => {
  const x = makeNpy('|u1', [3], Uint8Array.from([1, 2, 3]))

  it('reads an archive from the test zip writer', () => {
    const arrays = readNpz(makeZip([{ name: 'x.npy', packed: x }, deflatedMember('y.npy', x)]))
    expect(Array.from(arrays.get('x')!.data)).toEqual([1, 2, 3])
    expect(Array.from(arrays.get('y')!.data)).toEqual([1, 2, 3])
  })

  it('refuses a member whose local header names another file', () => {
    const e = userError(() => readNpz(makeZip([{ name: 'x.npy', packed: x, local: { name: 'z.npy' } }])))
    expect(e.code).toBe('truncated')
    expect(e.message).toContain('the start of "x.npy" names another file')
  })

  it('refuses a member whose local header gives another method or other sizes', () => {
    const member = deflatedMember('x.npy', x)
    const method = userError(() => readNpz(makeZip([{ ...member, local: { method: 0 } }])))
    expect(method.message).toContain('the start of "x.npy" disagrees with the table of contents')
    for (const local of [{ size: x.length + 1 }, { packedSize: member.packed.length - 1 }]) {
      const e = userError(() => readNpz(makeZip([{ ...member, local }])))
      expect(e.message).toContain('the start of "x.npy" gives other sizes than the table of contents')
    }
  })

  it('refuses two directory entries that share one member\'s bytes (the zip bomb of issue 8)', () => {
    // 24 entries pointing at one deflate stream: each would unpack 8 MiB, 192 MiB in all
    const bomb = deflatedMember('a00.npy', new Uint8Array(8 * 1024 * 1024))
    const members = [bomb, ...Array.from({ length: 23 }, (_, i) => ({ ...bomb, name: `a${i + 1}.npy`, sameAs: 0 }))]
    const started = performance.now()
    const e = userError(() => readNpz(makeZip(members)))
    expect(e.code).toBe('truncated')
    expect(e.message).toMatch(/^This \.npz archive is damaged \(the start of "a1\.npy" names another file\)/)
    expect(performance.now() - started).toBeLessThan(1000)
    // the same with the names agreeing: the shared bytes themselves are refused
    const same = makeZip([bomb, { ...bomb, sameAs: 0 }])
    expect(userError(() => readNpz(same)).message).toContain('"a00.npy" and "a00.npy" overlap')
  })

  it('refuses members whose bytes overlap without sharing a header', () => {
    const zip = makeZip([{ name: 'x.npy', packed: x }, { name: 'y.npy', packed: x }])
    // stretch x's declared size over y's header: both headers agree, the ranges overlap
    const view = new DataView(zip.buffer)
    const grown = x.length + 40
    view.setUint32(18, grown, true) // local packed size
    view.setUint32(22, grown, true) // local size
    const dir = zip.length - 22 - 2 * (46 + 5)
    view.setUint32(dir + 20, grown, true)
    view.setUint32(dir + 24, grown, true)
    expect(userError(() => readNpz(zip)).message).toContain('"x.npy" and "y.npy" overlap')
  })

  it('refuses a member that unpacks to more than it declares, without unpacking all of it', () => {
    const member = { ...deflatedMember('x.npy', new Uint8Array(16 * 1024 * 1024)), size: 100 * 1024 }
    const e = userError(() => readNpz(makeZip([member])))
    expect(e.message).toContain('"x.npy" unpacks to more than the archive says')
  })

  it('refuses a member that unpacks to less than it declares, or whose packed bytes stop early', () => {
    const member = deflatedMember('x.npy', x)
    expect(userError(() => readNpz(makeZip([{ ...member, size: x.length + 5 }]))).message)
      .toContain('"x.npy" is shorter than the archive says')
    const cut = { ...member, packed: member.packed.subarray(0, member.packed.length - 3) }
    expect(userError(() => readNpz(makeZip([cut]))).message).toContain('"x.npy" stops in the middle')
  })

  it('refuses the same array name twice', () => {
    const e = userError(() => readNpz(makeZip([{ name: 'x.npy', packed: x }, { name: 'x.npy', packed: x }])))
    expect(e.message).toContain('it holds "x.npy" twice')
  })
})

describe('openNpz unpacks only what is read, within one total', () => {
  it('lists the arrays without unpacking any, and unpacks only the one asked for', () => {
    const good = makeNpy('|u1', [2], Uint8Array.from([7, 8]))
    const broken = { ...deflatedMember('broken.npy', good), packed: Uint8Array.from([0xff, 0xff, 0xff]) }
    const archive = openNpz(makeZip([broken, deflatedMember('good.npy', good)]))
    expect(archive.names).toEqual(['broken', 'good'])
    expect(Array.from(archive.read('good').data)).toEqual([7, 8])
    expect(userError(() => archive.read('broken')).message).toContain('"broken.npy" cannot be unpacked')
  })

  it('caps what all members together unpack, and says what the limit is', () => {
    const big = makeNpy('|u1', [600 * 1024], new Uint8Array(600 * 1024))
    const archive = openNpz(makeZip([deflatedMember('a.npy', big), deflatedMember('b.npy', big)]), 1024 * 1024)
    expect(archive.read('a').shape).toEqual([600 * 1024])
    const e = userError(() => archive.read('b'))
    expect(e.code).toBe('too-large')
    expect(e.message).toBe(
      'The arrays in this .npz archive unpack to more than 1 MB, the most NN Scratch unpacks from one archive. ' +
        'Save the pictures as whole numbers from 0 to 255 (uint8), or fewer of them, and save the file again.'
    )
  })

  it('refuses a member larger than the default cap before setting memory aside for it', () => {
    expect(MAX_NPZ_BYTES).toBe(1024 * 1024 * 1024)
    const size = MAX_NPZ_BYTES + 1
    // the packed bytes are never looked at: the declared size alone is refused
    const zip = makeZip([{ name: 'x.npy', packed: new Uint8Array(Math.ceil(size / 1000)), method: 8, size }])
    const e = userError(() => readNpz(zip))
    expect(e.code).toBe('too-large')
    expect(e.message).toContain('more than 1024 MB')
  })
})

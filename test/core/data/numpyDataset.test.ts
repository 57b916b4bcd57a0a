import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { loadDataset } from '../../../src/core/data/load'
import { bytesOf, makeNpy, makeNpz } from '../../helpers/archives'
import { u32 } from '../../helpers/pickleBytes'
import { userError } from '../../helpers/userError'
import { deflatedMember, makeZip } from '../../helpers/zip'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))
/** Value of picture n, colour c, row h, column w in numpy_hwc.npz (test pictures continue at n = 6). */
const hwcValue = (n: number, c: number, h: number, w: number): number => (n * 7 + h * 3 + w + c * 50) % 256

/** n planar pictures: picture i, input k = (i·11 + k) % 256. */
function planar(n: number): Uint8Array {
  const x = new Uint8Array(n * 3072)
  for (let i = 0; i < n; i++) for (let k = 0; k < 3072; k++) x[i * 3072 + k] = (i * 11 + k) % 256
  return x
}

const enc = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0))
const labels = (...v: number[]): Uint8Array => makeNpy('<i8', [v.length], bytesOf(BigInt64Array.from(v.map(BigInt))))

describe('NumPy .npz datasets', () => {
  it('converts channel-last [N,32,32,3] pictures (written by numpy.savez) to planar rows', () => {
    const ds = loadDataset({ kind: 'file', name: 'numpy_hwc.npz', bytes: fixture('numpy_hwc.npz') })
    expect(ds.train.count).toBe(6)
    expect(ds.test.count).toBe(3)
    expect(Array.from(ds.train.y)).toEqual([0, 1, 2, 0, 1, 2])
    expect(Array.from(ds.test.y)).toEqual([2, 1, 0])
    expect(ds.classNames).toEqual(['class 0', 'class 1', 'class 2'])
    // training picture 2, green plane, row 4, column 5
    expect(ds.train.x[2 * 3072 + 1024 + 4 * 32 + 5]).toBe(hwcValue(2, 1, 4, 5))
    // test picture 1 (n = 7), blue plane, row 31, column 0
    expect(ds.test.x[1 * 3072 + 2048 + 31 * 32]).toBe(hwcValue(7, 2, 31, 0))
  })

  it('takes [N,3,32,32] and [N,3072] as planar, with train_data/train_labels names', () => {
    const npz = makeNpz({
      train_data: makeNpy('|u1', [4, 3, 32, 32], planar(4)),
      train_labels: labels(0, 1, 1, 0),
      test_data: makeNpy('|u1', [2, 3072], planar(2)),
      test_labels: labels(1, 0)
    })
    const ds = loadDataset({ kind: 'file', name: 'mine.npz', bytes: npz })
    expect(ds.train.x[3 * 3072 + 1500]).toBe((3 * 11 + 1500) % 256)
    expect(ds.test.x[1 * 3072 + 3000]).toBe((11 + 3000) % 256)
    expect(Array.from(ds.train.y)).toEqual([0, 1, 1, 0])
  })

  it('reads a folder of x_train.npy, y_train.npy, x_test.npy, y_test.npy', () => {
    const ds = loadDataset({
      kind: 'folder',
      name: 'arrays',
      files: [
        { name: 'x_train.npy', bytes: makeNpy('|u1', [4, 3072], planar(4)) },
        { name: 'y_train.npy', bytes: labels(0, 1, 0, 1) },
        { name: 'x_test.npy', bytes: makeNpy('|u1', [2, 3072], planar(2)) },
        { name: 'y_test.npy', bytes: labels(1, 1) },
        { name: '.DS_Store', bytes: new Uint8Array(10) }
      ]
    })
    expect(ds.train.count).toBe(4)
    expect(Array.from(ds.test.y)).toEqual([1, 1])
  })

  it('says a single .npy is not a dataset because labels are needed', () => {
    const npy = makeNpy('|u1', [2, 3072], planar(2))
    expect(() => loadDataset({ kind: 'file', name: 'pictures.npy', bytes: npy })).toThrow(
      /pictures.npy holds a single array \(shape \[2, 3072\]\) and no labels. NN Scratch needs a class number for every picture: save pictures and labels together with numpy.savez/
    )
  })

  it('says when pictures have no labels or the arrays have other names', () => {
    const noLabels = makeNpz({ x_train: makeNpy('|u1', [2, 3072], planar(2)) })
    expect(() => loadDataset({ kind: 'file', name: 'a.npz', bytes: noLabels })).toThrow(/a.npz has pictures \("x_train"\) but no labels for them/)
    const other = makeNpz({ weights: makeNpy('<f4', [3], new Uint8Array(12)) })
    expect(() => loadDataset({ kind: 'file', name: 'w.npz', bytes: other })).toThrow(
      /w.npz holds the arrays "weights", but NN Scratch looks for arrays named train_data, train_labels/
    )
  })

  it('refuses rows that are not 3072 wide, labels 0.5 and NaN pixels', () => {
    const mnist = makeNpz({ x_train: makeNpy('|u1', [2, 28, 28], new Uint8Array(2 * 784)), y_train: labels(0, 1) })
    expect(() => loadDataset({ kind: 'file', name: 'm.npz', bytes: mnist })).toThrow(/this file's rows have 784\. NN Scratch works with 32×32 colour images/)
    const half = makeNpz({
      x_train: makeNpy('|u1', [2, 3072], planar(2)),
      y_train: makeNpy('<f8', [2], bytesOf(Float64Array.from([1, 0.5])))
    })
    expect(() => loadDataset({ kind: 'file', name: 'h.npz', bytes: half })).toThrow(/have 0\.5 at row 1 \(counting from 0\)/)
    const f = Float32Array.from(planar(2))
    f[3072 + 9] = NaN
    const nan = makeNpz({ x_train: makeNpy('<f4', [2, 3072], bytesOf(f)), y_train: labels(0, 1) })
    expect(() => loadDataset({ kind: 'file', name: 'n.npz', bytes: nan })).toThrow(/a missing value \(not a number\) in picture 1/)
  })

  it('refuses a .npy whose header promises more data than the file holds', () => {
    const npz = makeNpz({ x_train: makeNpy('|u1', [5, 3072], planar(2)), y_train: labels(0, 1) })
    expect(() => loadDataset({ kind: 'file', name: 'cut.npz', bytes: npz })).toThrow(/The array "x_train" ends too early/)
  })

  it('unpacks only the arrays the dataset uses', () => {
    // numpy.savez_compressed of the four arrays, plus a damaged member nothing asks for
    const zip = makeZip([
      deflatedMember('x_train.npy', makeNpy('|u1', [4, 3072], planar(4))),
      deflatedMember('y_train.npy', labels(0, 1, 0, 1)),
      deflatedMember('x_test.npy', makeNpy('|u1', [2, 3072], planar(2))),
      deflatedMember('y_test.npy', labels(1, 0)),
      { ...deflatedMember('notes.npy', labels(1)), packed: Uint8Array.from([0xff, 0xff, 0xff, 0xff]) }
    ])
    const ds = loadDataset({ kind: 'file', name: 'lazy.npz', bytes: zip })
    expect(ds.train.count).toBe(4)
    expect(Array.from(ds.test.y)).toEqual([1, 0])
  })

  it('refuses labels of shape (2^53 − 1, 0) in an .npz or a pickle as a user error (issue 8, item 10)', () => {
    const npz = makeNpz({ x_train: makeNpy('|u1', [2, 3072], planar(2)), y_train: makeNpy('|u1', [9007199254740991, 0], new Uint8Array(0)) })
    const e = userError(() => loadDataset({ kind: 'file', name: 'huge.npz', bytes: npz }))
    expect(e.code).toBe('bad-labels')
    expect(e.message).toContain('have the shape [9007199254740991, 0]')
    // the same labels as numpy._core.numeric._frombuffer(b'', dtype('u1'), (2**53 - 1, 0), 'C') in a pickle
    const dims = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f]
    const pickle = Uint8Array.from([
      ...enc('\x80\x02}(X\x07\x00\x00\x00x_trainq\x00cnumpy._core.numeric\n_frombuffer\nq\x01(B'), ...u32(2 * 3072)
    ])
    const rest = Uint8Array.from([
      ...enc('cnumpy\ndtype\nU\x02u1K\x00K\x01\x87RK\x02M\x00\x0c\x86U\x01CtRX\x07\x00\x00\x00y_trainh\x01(C\x00'),
      ...enc('cnumpy\ndtype\nU\x02u1K\x00K\x01\x87R\x8a\x07'), ...dims, ...enc('K\x00\x86U\x01CtRu.')
    ])
    const file = new Uint8Array(pickle.length + 2 * 3072 + rest.length)
    file.set(pickle)
    file.set(planar(2), pickle.length)
    file.set(rest, pickle.length + 2 * 3072)
    const p = userError(() => loadDataset({ kind: 'file', name: 'huge.p', bytes: file }))
    expect(p.code).toBe('bad-labels')
    expect(p.message).toContain('have the shape [9007199254740991, 0]')
  })
})


describe('class names stored as NumPy text', () => {
  /** numpy.array(names) as saved: '<U{longest}', each name in UTF-32 little-endian, padded with zeros. */
  function textNpy(names: string[]): Uint8Array {
    const chars = Math.max(...names.map((n) => [...n].length))
    const data = new Uint8Array(4 * chars * names.length)
    const view = new DataView(data.buffer)
    names.forEach((n, i) => [...n].forEach((ch, k) => view.setUint32(4 * (i * chars + k), ch.codePointAt(0) as number, true)))
    return makeNpy(`<U${chars}`, [names.length], data)
  }

  it('reads class_names saved as numpy.array(["cat", …]) (a text array was refused as an unknown number type)', () => {
    const npz = makeNpz({
      x_train: makeNpy('|u1', [4, 3072], planar(4)),
      y_train: labels(0, 1, 2, 0),
      x_test: makeNpy('|u1', [3, 3072], planar(3)),
      y_test: labels(2, 1, 0),
      class_names: textNpy(['cat', 'dög', 'ant 🐜'])
    })
    const ds = loadDataset({ kind: 'file', name: 'mine.npz', bytes: npz })
    expect(ds.classNames).toEqual(['cat', 'dög', 'ant 🐜'])
    expect(ds.train.count).toBe(4)
  })

  it('says plainly when pictures are stored as text', () => {
    const npz = makeNpz({ x_train: textNpy(['a', 'b']), y_train: labels(0, 1) })
    expect(() => loadDataset({ kind: 'file', name: 't.npz', bytes: npz })).toThrow(/In t.npz, "x_train" is not an array of pictures/)
  })
})

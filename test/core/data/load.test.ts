import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'fflate'
import { loadDataset, describeDataset, ACCEPTED_FORMATS } from '../../../src/core/data/load'
import { classCounts } from '../../../src/core/data/dataset'
import { CIFAR10_CLASSES } from '../../../src/core/data/cifar'
import { npyHeader } from '../../../src/core/formats/npy'
import { concat, makeTar } from '../../helpers/archives'
import { deflatedMember, makeZip } from '../../helpers/zip'
import { userError } from '../../helpers/userError'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))
const BIN = fixture('sample_cifar10.bin')
const PY = fixture('sample_cifar10_batch_py2')
const META = fixture('cifar_meta_py2')
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const file = (name: string, bytes: Uint8Array) => ({ kind: 'file' as const, name, bytes })
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

const pyFiles = [
  { name: 'cifar-10-batches-py/batches.meta', bytes: META },
  { name: 'cifar-10-batches-py/data_batch_1', bytes: PY },
  { name: 'cifar-10-batches-py/data_batch_2', bytes: PY },
  { name: 'cifar-10-batches-py/test_batch', bytes: PY },
  { name: 'cifar-10-batches-py/readme.html', bytes: enc('<html></html>') }
]
const binFiles = [
  { name: 'cifar-10-batches-bin/batches.meta.txt', bytes: enc(CIFAR10_CLASSES.join('\n') + '\n') },
  { name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: BIN },
  { name: 'cifar-10-batches-bin/test_batch.bin', bytes: BIN.subarray(0, 50 * 3073) }
]

describe('loadDataset: CIFAR-10', () => {
  it('loads one python batch, keeps all ten classes and splits off a stratified test set', () => {
    const ds = loadDataset(file('data_batch_1', PY))
    expect(ds.classNames).toEqual(CIFAR10_CLASSES)
    expect(ds.testWasSplitOff).toBe(true)
    expect(classCounts(ds.train, 10)).toEqual(Array(10).fill(8))
    expect(classCounts(ds.test, 10)).toEqual(Array(10).fill(2))
  })

  it('loads one binary batch the same way, with the same pictures', () => {
    const a = loadDataset(file('data_batch_1', PY))
    const b = loadDataset(file('sample_cifar10.bin', BIN))
    expect(b.classNames).toEqual(CIFAR10_CLASSES)
    expect(same(a.train.x, b.train.x)).toBe(true)
    expect(same(a.test.y, b.test.y)).toBe(true)
  })

  it('puts a lone test_batch to use by splitting it', () => {
    const ds = loadDataset(file('test_batch.bin', BIN))
    expect(ds.train.count + ds.test.count).toBe(100)
    expect(ds.testWasSplitOff).toBe(true)
  })

  it('loads the python folder: data batches train, test_batch tests, names from batches.meta', () => {
    const ds = loadDataset({ kind: 'folder', name: 'cifar-10-batches-py', files: pyFiles })
    expect(ds.train.count).toBe(200)
    expect(ds.test.count).toBe(100)
    expect(ds.testWasSplitOff).toBe(false)
    expect(ds.classNames[3]).toBe('cat')
    expect(ds.train.x[3 * 3072 + 5]).toBe(60)
    expect(ds.train.x[103 * 3072 + 5]).toBe(60)
  })

  it('loads cifar-10-python.tar.gz and cifar-10-binary.tar.gz', () => {
    const py = loadDataset(file('cifar-10-python.tar.gz', gzipSync(makeTar(pyFiles))))
    expect(py.name).toBe('cifar-10-python.tar.gz')
    expect(py.train.count).toBe(200)
    expect(py.classNames).toEqual(CIFAR10_CLASSES)
    const bin = loadDataset(file('cifar-10-binary.tar.gz', gzipSync(makeTar(binFiles))))
    expect(bin.train.count).toBe(100)
    expect(bin.test.count).toBe(50)
    expect(classCounts(bin.test, 10)).toEqual(Array(10).fill(5))
    expect(same(bin.train.x, py.train.x.subarray(0, 100 * 3072))).toBe(true)
    expect(loadDataset(file('cifar.tar', makeTar(binFiles))).test.count).toBe(50)
  })

  it('loads a gzipped single file', () => {
    const ds = loadDataset(file('cifar_2class_py2.p.gz', gzipSync(fixture('sample_2class_py2.p'))))
    expect(ds.name).toBe('cifar_2class_py2.p')
    expect(ds.train.x[3 * 3072 + 5]).toBe(27)
  })

  it('keeps two picked classes as a binary problem, named, in the order given', () => {
    const ds = loadDataset({ kind: 'folder', name: 'c', files: pyFiles }, { classes: [5, 3] })
    expect(ds.classNames).toEqual(['dog', 'cat'])
    expect(ds.train.count).toBe(40)
    expect(classCounts(ds.train, 2)).toEqual([20, 20])
    expect(ds.train.y[0]).toBe(1) // the first cat (label 3) is now class 1
    expect(ds.train.x[5]).toBe(BIN[3 * 3073 + 1 + 5]) // …and its pixels came along
    expect(ds.train.y[1]).toBe(0) // the first dog
  })

  it('uses the test fraction and seed for the split it makes', () => {
    const a = loadDataset(file('data_batch_1', PY), { testFraction: 0.5, seed: 9 })
    expect(a.test.count).toBe(50)
    const b = loadDataset(file('data_batch_1', PY), { testFraction: 0.5, seed: 9 })
    expect(same(a.test.x, b.test.x)).toBe(true)
  })
})

describe('loadDataset: files and folders that are not datasets', () => {
  it('an empty file', () => {
    expect(() => loadDataset(file('cifar_2class_py2.p', new Uint8Array(0)))).toThrow(/^The file is empty \(0 bytes\)/)
  })

  it('a file that is not a dataset names the accepted formats', () => {
    expect(() => loadDataset(file('notes.txt', enc('just some notes\n')))).toThrow(
      `notes.txt is a text file, not a dataset file NN Scratch knows. ${ACCEPTED_FORMATS}`
    )
    expect(() => loadDataset(file('pets.csv', enc('cat,dog\n1,2\n')))).toThrow(/pets.csv is a text file, not a dataset file/)
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13])
    expect(() => loadDataset(file('cat.png', png))).toThrow(/cat.png is a single picture, not a dataset of labelled pictures/)
    expect(ACCEPTED_FORMATS).toMatch(/pickle.*CIFAR-10.*\.npz/)
  })

  it('a truncated CIFAR binary batch', () => {
    expect(() => loadDataset(file('data_batch_1.bin', BIN.subarray(0, 3 * 3073 + 10)))).toThrow(
      /data_batch_1.bin has 9229 bytes, which is not a whole number of CIFAR records.*probably cut off/
    )
    expect(() => loadDataset(file('sample.bin', BIN.subarray(0, 3 * 3073 + 10)))).toThrow(/probably cut off/)
  })

  it('a truncated .tar.gz', () => {
    const gz = gzipSync(makeTar(pyFiles))
    expect(() => loadDataset(file('cifar-10-python.tar.gz', gz.subarray(0, gz.length >> 1)))).toThrow(/ends too early/)
  })

  it('a gzip inside a gzip, directly or inside a .tar.gz: refused, not unpacked twice', () => {
    const p = fixture('sample_2class_py2.p')
    expect(loadDataset(file('c.p.gz', gzipSync(p))).train.count).toBe(240)
    const twice = gzipSync(gzipSync(p))
    const e = userError(() => loadDataset(file('c.p.gz.gz', twice)))
    expect(e.code).toBe('nested-archive')
    expect(e.message).toBe(
      'c.p.gz is a gzip archive inside another gzip archive. No dataset is packed twice, so NN Scratch does not ' +
        'unpack it: unpack the outer archive yourself and open the dataset file inside it.'
    )
    const inTar = gzipSync(makeTar([{ name: 'd/c.p.gz', bytes: gzipSync(p) }]))
    expect(userError(() => loadDataset(file('c.tar.gz', inTar))).code).toBe('nested-archive')
  })

  it('archives nested more than three deep', () => {
    const p = fixture('sample_2class_py2.p')
    const tar3 = makeTar([{ name: 'b.tar', bytes: makeTar([{ name: 'c.tar', bytes: makeTar([{ name: 'c.p', bytes: p }]) }]) }])
    expect(loadDataset(file('a.tar', tar3)).train.count).toBe(240)
    const e = userError(() => loadDataset(file('a.tar', makeTar([{ name: 'a0.tar', bytes: tar3 }]))))
    expect(e.message).toBe(
      'c.tar is an archive inside archives 3 deep, more than any dataset needs. Unpack it yourself and open the ' +
        'dataset file or folder inside it.'
    )
  })

  it('a tar entry whose declared size is larger than the archive', () => {
    const tar = makeTar(binFiles).subarray(0, 512 * 4)
    expect(() => loadDataset(file('c.tar', tar))).toThrow(/The archive ends too early: "cifar-10-batches-bin\/data_batch_1.bin" should have 307300 bytes/)
  })

  it('a truncated CIFAR python batch inside a folder', () => {
    expect(() => loadDataset({ kind: 'folder', name: 'c', files: [{ name: 'data_batch_1', bytes: PY.subarray(0, 5000) }] }))
      .toThrow(/ends before the data does/)
  })

  it('only batches.meta, an empty folder, and a folder of several unrelated files', () => {
    expect(() => loadDataset({ kind: 'folder', name: 'm', files: [{ name: 'batches.meta', bytes: META }] })).toThrow(/class names/)
    expect(() => loadDataset({ kind: 'folder', name: 'empty', files: [] })).toThrow(/^empty has no files NN Scratch can read/)
    expect(() => loadDataset({
      kind: 'folder', name: 'mixed', files: [{ name: 'a.txt', bytes: enc('a') }, { name: 'b.txt', bytes: enc('b') }]
    })).toThrow(/mixed holds several files \("a.txt", "b.txt"\) and NN Scratch cannot tell which is the dataset/)
  })

  it('a folder with one dataset file loads that file', () => {
    const ds = loadDataset({ kind: 'folder', name: 'f', files: [{ name: 'sub/sample.p', bytes: fixture('sample_2class_py2.p') }] })
    expect(ds.train.count).toBe(240)
  })

  it('refuses unknown classes through the options', () => {
    expect(() => loadDataset(file('data_batch_1', PY), { classes: [3, 12] })).toThrow(/There is no class 12/)
  })
})

describe('describeDataset', () => {
  it('summarises splits, shapes and per-class counts', () => {
    const s = describeDataset(loadDataset(file('sample_2class_py2.p', fixture('sample_2class_py2.p'))))
    expect(s.train).toEqual({ count: 240, shape: [240, 3072] })
    expect(s.test).toEqual({ count: 60, shape: [60, 3072] })
    expect(s.classes).toEqual([
      { index: 0, name: 'class 0', train: 138, test: 28 },
      { index: 1, name: 'class 1', train: 102, test: 32 }
    ])
    expect(s.lines).toEqual([
      'Dataset:  sample_2class_py2.p',
      'Pictures: 32×32 pixels, colour (3072 numbers each)',
      'Training: 240 pictures, shape [240, 3072]',
      'Test:     60 pictures, shape [60, 3072]',
      'Classes:  2',
      '  0  class 0  training 138, test 28',
      '  1  class 1  training 102, test 32'
    ])
  })

  it('says when the test set was split off', () => {
    const s = describeDataset(loadDataset(file('data_batch_1', PY)))
    expect(s.testWasSplitOff).toBe(true)
    expect(s.lines[3]).toMatch(/set aside from the training pictures/)
    expect(s.lines[5]).toBe('  0  airplane    training 8, test 2')
  })
})

describe('room: where the arrays made while reading are written, to stay', () => {
  const npy = (dtype: string, shape: number[], data: Uint8Array): Uint8Array => concat([npyHeader(dtype, shape, data.length), data])
  /** A record of the room handed out. */
  function recordedRoom() {
    const given: Uint8Array[] = []
    return { given, room: (bytes: number) => { const v = new Uint8Array(bytes + 64).subarray(32, 32 + bytes); given.push(v); return v } }
  }
  const inRoom = (a: Uint8Array, given: Uint8Array[]): boolean => given.some((g) => g.buffer === a.buffer)

  it('a packed .npz unpacks into room, a CIFAR archive joins its batches there: the dataset is the one read without room', () => {
    const ds = loadDataset({ kind: 'folder', name: 'cifar-10-batches-py', files: pyFiles })
    const packedNpz = makeZip([
      deflatedMember('x_train.npy', npy('|u1', [ds.train.count, 3072], ds.train.x)),
      deflatedMember('y_train.npy', npy('|u1', [ds.train.count], ds.train.y)),
      deflatedMember('x_test.npy', npy('|u1', [ds.test.count, 3072], ds.test.x)),
      deflatedMember('y_test.npy', npy('|u1', [ds.test.count], ds.test.y))
    ])
    for (const source of [file('d.npz', packedNpz), file('cifar-10-python.tar.gz', gzipSync(makeTar(pyFiles)))]) {
      const without = loadDataset(source)
      const { given, room } = recordedRoom()
      const withRoom = loadDataset(source, { room })
      expect(withRoom.classNames).toEqual(without.classNames)
      for (const split of ['train', 'test'] as const) {
        expect(same(withRoom[split].x, without[split].x), `${source.name} ${split}`).toBe(true)
        expect(same(withRoom[split].y, without[split].y), `${source.name} ${split}`).toBe(true)
        // the pixels are where they were unpacked or joined, not a copy made afterwards
        expect(inRoom(withRoom[split].x, given), `${source.name} ${split}`).toBe(true)
      }
    }
  })

  it('a file without a test split, its bytes the load’s own, is split where it lies: only the test rows are copied, into room', () => {
    const without = loadDataset(file('data_batch_1', PY), { testFraction: 0.3, seed: 4 })
    const bytes = PY.slice()
    const { given, room } = recordedRoom()
    const ds = loadDataset(file('data_batch_1', bytes), { testFraction: 0.3, seed: 4, room, sourceIsOwn: true })
    for (const split of ['train', 'test'] as const) {
      expect(same(ds[split].x, without[split].x), split).toBe(true)
      expect(same(ds[split].y, without[split].y), split).toBe(true)
    }
    expect(ds.train.x.buffer).toBe(bytes.buffer)
    expect(given.map((g) => g.length)).toEqual([ds.test.count * 3072])
    expect(inRoom(ds.test.x, given)).toBe(true)
    // bytes that are not the load's own are left as they were
    const kept = PY.slice()
    loadDataset(file('data_batch_1', kept), { testFraction: 0.3, seed: 4, room })
    expect(same(kept, PY)).toBe(true)
  })

  it('a packed single file unpacks into room, where its pixels stay; a .tar.gz into memory of its own', () => {
    const packed = gzipSync(fixture('sample_2class_py2.p'))
    const without = loadDataset(file('cifar_2class_py2.p.gz', packed))
    const { given, room } = recordedRoom()
    const ds = loadDataset(file('cifar_2class_py2.p.gz', packed), { room })
    expect(same(ds.train.x, without.train.x) && same(ds.test.x, without.test.x)).toBe(true)
    expect(given.length).toBe(1)
    expect(ds.train.x.buffer).toBe(given[0].buffer)
    expect(ds.test.x.buffer).toBe(given[0].buffer)
  })
})


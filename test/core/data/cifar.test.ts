import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  CIFAR10_CLASSES, cifarBinaryBatch, cifarParts, cifarPythonBatch, cifarPythonNames, cifarRole, cifarTextNames,
  isCifarPythonBatch, looksLikeCifarBinary, recordSize
} from '../../../src/core/data/cifar'
import { isDict, unpickle } from '../../../src/core/formats/pickle'
import { pickleBytes, u32 } from '../../helpers/pickleBytes'
import { userError } from '../../helpers/userError'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))
const BIN = fixture('sample_cifar10.bin')
const PY = fixture('sample_cifar10_batch_py2')
const META = fixture('cifar_meta_py2')
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

function pythonBatch(bytes: Uint8Array) {
  const v = unpickle(bytes)
  if (!isCifarPythonBatch(v)) throw new Error('not a batch')
  return v
}

describe('CIFAR file names', () => {
  it('tells batches, test batches and meta files apart', () => {
    expect(cifarRole('cifar-10-batches-py/data_batch_3')).toBe('train')
    expect(cifarRole('data_batch_5.bin')).toBe('train')
    expect(cifarRole('cifar-10-batches-bin/test_batch.bin')).toBe('test')
    expect(cifarRole('test_batch')).toBe('test')
    expect(cifarRole('batches.meta')).toBe('meta')
    expect(cifarRole('batches.meta.txt')).toBe('meta')
    expect(cifarRole('cifar-100-python/train')).toBe('train')
    expect(cifarRole('readme.html')).toBeNull()
    expect(cifarRole('my_data_batch_1')).toBeNull()
    expect(recordSize('cifar-100-binary/train.bin')).toBe(3074)
    expect(recordSize('data_batch_1.bin')).toBe(3073)
  })
})

describe('CIFAR-10 binary layout', () => {
  it('reads labels and planar pixels from 3073-byte records', () => {
    expect(looksLikeCifarBinary(BIN)).toBe(true)
    expect(looksLikeCifarBinary(PY)).toBe(false)
    const b = cifarBinaryBatch(BIN, 'sample_cifar10.bin')
    expect(b.images).toBe(100)
    expect(Array.from(b.y.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
    // picture 3, red plane index 5 is byte 3·3073 + 1 + 5 of the file
    expect(b.x[3 * 3072 + 5]).toBe(BIN[3 * 3073 + 1 + 5])
    expect(b.x[3 * 3072 + 5]).toBe(60)
    expect(b.x[97 * 3072 + 2048 + 100]).toBe(BIN[97 * 3073 + 1 + 2048 + 100])
  })

  it('says a cut-off batch is cut off', () => {
    expect(() => cifarBinaryBatch(BIN.subarray(0, 3073 * 2 + 100), 'data_batch_1.bin')).toThrow(
      'data_batch_1.bin has 6246 bytes, which is not a whole number of CIFAR records (3073 bytes each: a label ' +
        'byte and 3072 pixels; 2 whole records and 100 bytes over). The file is probably cut off; download it again.'
    )
  })

  it('refuses a label byte above 9', () => {
    const bad = BIN.slice()
    bad[4 * 3073] = 12
    expect(() => cifarBinaryBatch(bad, 'data_batch_1.bin')).toThrow(/record 4 \(counting from 0\) has class 12, but classes go from 0 to 9/)
    expect(looksLikeCifarBinary(bad)).toBe(false)
  })

  it('reads CIFAR-100 records (coarse label, fine label, pixels) by their fine label', () => {
    const rec = new Uint8Array(2 * 3074)
    rec.set([4, 57], 0)
    rec.set([11, 99], 3074)
    rec[3074 + 2 + 3071] = 200
    const b = cifarBinaryBatch(rec, 'train.bin', 3074)
    expect(Array.from(b.y)).toEqual([57, 99])
    expect(b.x[3072 + 3071]).toBe(200)
  })

  it('reads class names one per line', () => {
    expect(cifarTextNames(enc('airplane\r\nautomobile\nbird\n\n'))).toEqual(['airplane', 'automobile', 'bird'])
  })
})

describe('CIFAR-10 python layout', () => {
  it('reads a Python 2 batch: data [100, 3072] and the labels list', () => {
    const b = cifarPythonBatch(pythonBatch(PY), 'data_batch_1')
    expect(b.images).toBe(100)
    expect(Array.from(b.y.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
    expect(b.x[3 * 3072 + 5]).toBe(60)
    // the sample's two layouts hold the same pictures
    expect(Buffer.compare(b.x, cifarBinaryBatch(BIN, 'b').x)).toBe(0)
  })

  it('reads label names from a Python 2 batches.meta', () => {
    const v = unpickle(META)
    expect(isDict(v) && cifarPythonNames(v)).toEqual([...CIFAR10_CLASSES])
  })

  it('reads CIFAR-100 fine labels and names', () => {
    const b = cifarPythonBatch(pythonBatch(fixture('cifar100_train')), 'train')
    expect(Array.from(b.y)).toEqual([19, 29, 0])
    expect(b.x[2 * 3072 + 7]).toBe((2 * 5 + 7) % 256)
    const meta = unpickle(fixture('cifar100_meta'))
    const names = isDict(meta) ? cifarPythonNames(meta) : null
    expect(names?.length).toBe(100)
    expect(names?.[29]).toBe('fine 29')
  })
})

describe('cifarParts (a folder or an unpacked archive)', () => {
  it('joins data batches in number order, keeps test_batch for testing and uses the meta names', () => {
    const first = BIN.subarray(0, 10 * 3073)
    const second = BIN.subarray(10 * 3073, 30 * 3073)
    const parts = cifarParts(
      [
        { name: 'cifar-10-batches-bin/data_batch_10.bin', bytes: second },
        { name: 'cifar-10-batches-bin/batches.meta.txt', bytes: enc('a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n') },
        { name: 'cifar-10-batches-bin/test_batch.bin', bytes: BIN },
        { name: 'cifar-10-batches-bin/data_batch_2.bin', bytes: first },
        { name: 'cifar-10-batches-bin/readme.html', bytes: enc('<html>') }
      ],
      'cifar-10-binary.tar.gz'
    )
    expect(parts?.train?.images).toBe(30)
    expect(parts?.test?.images).toBe(100)
    expect(parts?.classNames).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])
    // data_batch_2 comes before data_batch_10: training row 10 is the sample's record 10
    expect(parts?.train?.x[10 * 3072 + 5]).toBe(BIN[10 * 3073 + 1 + 5])
    expect(parts?.train?.y[12]).toBe(2)
  })

  it('uses the CIFAR-10 names when there is no meta file', () => {
    const parts = cifarParts([{ name: 'data_batch_1', bytes: PY }], 'folder')
    expect(parts?.classNames).toEqual(CIFAR10_CLASSES)
    expect(parts?.test).toBeNull()
  })

  it('refuses batches from two folders (both layouts side by side)', () => {
    expect(() => cifarParts(
      [{ name: 'cifar-10-batches-py/data_batch_1', bytes: PY }, { name: 'cifar-10-batches-bin/data_batch_1.bin', bytes: BIN }],
      'downloads'
    )).toThrow(/downloads holds CIFAR batches in more than one folder \("cifar-10-batches-bin\/", "cifar-10-batches-py\/"\)/)
  })

  it('returns null when no file is a CIFAR batch', () => {
    expect(cifarParts([{ name: 'notes.txt', bytes: enc('hi') }], 'folder')).toBeNull()
  })

  it('refuses a file named like a batch that is some other pickle', () => {
    expect(() => cifarParts([{ name: 'data_batch_1', bytes: META }], 'f')).toThrow(
      /data_batch_1 is named like a CIFAR batch but is not one \(it holds "num_cases_per_batch", "label_names", "num_vis"\)/
    )
  })
})

describe('CIFAR folders whose batches disagree with themselves', () => {
  /** A python batch {data: uint8 [pictures, 3072], labels: [1] * labels}, as numpy 2 pickles it. */
  function batch(pictures: number, labels: number): Uint8Array {
    return pickleBytes(
      '\x80\x02}(U\x04datacnumpy.core.numeric\n_frombuffer\n(B', u32(pictures * 3072), new Uint8Array(pictures * 3072),
      'cnumpy\ndtype\nU\x02u1K\x00K\x01\x87RK', [pictures], 'M\x00\x0c\x86U\x01CtRU\x06labels(',
      'K\x01'.repeat(labels), 'lu.'
    )
  }

  it('refuses a batch with more pictures than labels even when the next one makes up for it, naming it', () => {
    const folder = [{ name: 'data_batch_1', bytes: batch(10, 9) }, { name: 'data_batch_2', bytes: batch(9, 10) }]
    const e = userError(() => cifarParts(folder, 'cifar-10-batches-py'))
    expect(e.code).toBe('count-mismatch')
    expect(e.message).toBe(
      'data_batch_1 has 10 pictures but 9 labels. Each picture needs exactly one label; check that the file was ' +
        'saved completely.'
    )
    const fine = cifarParts([{ name: 'data_batch_1', bytes: batch(10, 10) }, { name: 'data_batch_2', bytes: batch(9, 9) }], 'c')
    expect(fine?.train?.images).toBe(19)
  })
})

describe('CIFAR batch order', () => {
  it('joins batches in numeric name order, quickly even for thousands of names', () => {
    const rec = (label: number): Uint8Array => Uint8Array.from({ length: 3073 }, (_, i) => (i === 0 ? label : 0))
    const names = Array.from({ length: 5000 }, (_, i) => i).sort((a, b) => ((a * 7919) % 5000) - ((b * 7919) % 5000))
    const files = names.map((i) => ({ name: `b/data_batch_${i}.bin`, bytes: rec(i % 10) }))
    const started = performance.now()
    const parts = cifarParts(files, 'b')
    expect(performance.now() - started).toBeLessThan(2000)
    expect(Array.from(parts!.train!.y.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
  })
})


import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { loadDataset } from '../../../src/core/data/load'
import { classCounts } from '../../../src/core/data/dataset'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))
const load = (name: string) => loadDataset({ kind: 'file', name, bytes: fixture(name) })
/** Pixel k of picture n in the generated variants. */
const px = (n: number, k: number): number => (n * 5 + k) % 256

describe('cifar_2class_py2.p layout (Python 2 pickle of named arrays)', () => {
  const ds = load('sample_2class_py2.p')

  it('reads both splits with their real values', () => {
    expect(ds.name).toBe('sample_2class_py2.p')
    expect(ds.train.count).toBe(240)
    expect(ds.test.count).toBe(60)
    expect(ds.inputs).toBe(3072)
    expect(ds.testWasSplitOff).toBe(false)
    expect(ds.classNames).toEqual(['class 0', 'class 1'])
    expect(classCounts(ds.train, 2)).toEqual([138, 102])
    expect(classCounts(ds.test, 2)).toEqual([28, 32])
    expect(Array.from(ds.train.y.subarray(0, 5))).toEqual([0, 0, 1, 0, 0])
    // row 3, red plane index 5; row 3, green plane index 40; last test row, last blue pixel
    expect(ds.train.x[3 * 3072 + 5]).toBe(27)
    expect(ds.train.x[3 * 3072 + 1024 + 40]).toBe(43)
    expect(ds.test.x[59 * 3072 + 3071]).toBe(34)
  })

  it('accepts bytes keys and float labels of shape [N]', () => {
    const b = load('twoclass_bytes_keys.p')
    expect(b.train.count).toBe(4)
    expect(Array.from(b.train.y)).toEqual([0, 1, 0, 1])
    expect(Array.from(b.test.y)).toEqual([1, 0])
    expect(b.train.x[2 * 3072 + 100]).toBe(px(2, 100))
  })

  it('accepts x_train/y_train/x_test/y_test with float pixels (rounded) and int32 [N,1] labels', () => {
    const f = load('twoclass_xy_float.p')
    expect(f.train.count).toBe(4)
    expect(f.test.count).toBe(2)
    expect(f.train.x[3 * 3072 + 2000]).toBe(px(3, 2000))
    expect(f.test.x[1 * 3072 + 7]).toBe(px(1, 7))
    expect(Array.from(f.train.y)).toEqual([0, 1, 0, 1])
  })

  it('splits off a stratified test set when the pickle has only training arrays (numpy 2, protocol 4)', () => {
    const f = load('numpy2_float.p')
    expect(f.testWasSplitOff).toBe(true)
    expect(classCounts(f.train, 2)).toEqual([1, 1])
    expect(classCounts(f.test, 2)).toEqual([1, 1])
  })
})

describe('bad pickles get plain messages', () => {
  it('labels 0.5', () => {
    expect(() => load('bad_labels_half.p')).toThrow(
      'Labels must be whole class numbers (0, 1, 2, …), but the labels "train_labels" in bad_labels_half.p have 0.5 ' +
        'at row 2 (counting from 0). Save one whole class number per picture.'
    )
  })

  it('labels −1', () => {
    expect(() => load('bad_labels_negative.p')).toThrow(
      /from 0 upwards, but the labels "train_labels" in bad_labels_negative.p have -1 at row 1 \(counting from 0\)/
    )
  })

  it('NaN in float pictures', () => {
    expect(() => load('bad_nan.p')).toThrow(
      'The pictures "train_data" in bad_nan.p have a missing value (not a number) in picture 1 (counting from 0). ' +
        'Every pixel needs a number from 0 to 255.'
    )
  })

  it('pixel values above 255', () => {
    expect(() => load('bad_range.p')).toThrow(/between 0 and 255, but the pictures "train_data" in bad_range.p have 300 in picture 2/)
  })

  it('rows that are not 3072 wide', () => {
    expect(() => load('bad_width_784.p')).toThrow(
      "Each picture must have 3072 numbers (32×32 pixels × 3 colours); this file's rows have 784. " +
        'NN Scratch works with 32×32 colour images such as CIFAR-10.'
    )
  })

  it('different numbers of pictures and labels', () => {
    expect(() => load('bad_counts.p')).toThrow(
      'The training part of bad_counts.p has 4 pictures but 3 labels. Each picture needs exactly one label; ' +
        'check that the file was saved completely.'
    )
  })

  it('a truncated pickle', () => {
    const cut = fixture('sample_2class_py2.p').subarray(0, 400_000)
    expect(() => loadDataset({ kind: 'file', name: 'cifar_2class_py2.p', bytes: cut })).toThrow(/ends before the data does/)
  })

  it('a pickle whose declared length runs past the end of the file', () => {
    const bytes = Uint8Array.from([0x80, 0x02, 0x54, 0xff, 0xff, 0xff, 0x7f, 0x61, 0x62, 0x63]) // BINSTRING of 2 GB
    expect(() => loadDataset({ kind: 'file', name: 'x.p', bytes })).toThrow(/ends before the data does/)
  })

  it('a pickle that would run os.system', () => {
    const bytes = new TextEncoder().encode("cos\nsystem\n(S'echo hi'\ntR.")
    expect(() => loadDataset({ kind: 'file', name: 'evil.p', bytes })).toThrow(/asks to run the Python code "os.system"/)
  })

  it('a pickle of something else', () => {
    const meta = fixture('cifar_meta_py2')
    expect(() => loadDataset({ kind: 'file', name: 'batches.meta', bytes: meta })).toThrow(/is CIFAR's list of class names/)
    const dict = Uint8Array.from('\x80\x02}q\x00X\x01\x00\x00\x00aK\x01s.', (c) => c.charCodeAt(0)) // {'a': 1}
    expect(() => loadDataset({ kind: 'file', name: 'd.p', bytes: dict })).toThrow(
      /d.p is a Python pickle, but it holds a dictionary with the keys "a", not a dataset NN Scratch knows/
    )
  })

  it('shows at most 8 keys of at most 80 characters each, however long the keys are', () => {
    const big = 'k'.repeat(1024 * 1024)
    const keys = [big, ...Array.from({ length: 11 }, (_, i) => `key${i}\n`)]
    const parts = keys.map((k) => `X${String.fromCharCode(k.length & 0xff, (k.length >> 8) & 0xff, k.length >> 16, 0)}${k}N`)
    const bytes = Uint8Array.from(`\x80\x02}(${parts.join('')}u.`, (c) => c.charCodeAt(0))
    let message = ''
    try { loadDataset({ kind: 'file', name: 'k.p', bytes }) } catch (e) { message = (e as Error).message }
    expect(message).toMatch(new RegExp(`^k\\.p is a Python pickle, but it holds a dictionary with the keys "k{80}…", "key0\\?", `))
    expect(message).toContain('"key6?", and 4 more, not a dataset NN Scratch knows')
    expect(message.length).toBeLessThan(600)
  })
})


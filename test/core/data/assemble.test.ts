import { describe, it, expect } from 'vitest'
import {
  assembleDataset, checkRowWidth, concatSplits, labelsFromList, labelsFromNumbers, type RawSplit
} from '../../../src/core/data/assemble'
import { classCounts } from '../../../src/core/data/dataset'

function raw(labels: number[], fill = 0): RawSplit {
  const x = new Uint8Array(labels.length * 3072)
  for (let i = 0; i < labels.length; i++) x.fill((fill + i) % 256, i * 3072, (i + 1) * 3072)
  return { x, images: labels.length, y: Uint8Array.from(labels) }
}

describe('checks shared by every loader', () => {
  it('says plainly when rows are not 3072 wide', () => {
    expect(() => checkRowWidth(784)).toThrow(
      "Each picture must have 3072 numbers (32×32 pixels × 3 colours); this file's rows have 784. " +
        'NN Scratch works with 32×32 colour images such as CIFAR-10.'
    )
    expect(() => checkRowWidth(3072)).not.toThrow()
  })

  it('refuses fractional, negative, missing and huge labels, naming the first bad row', () => {
    expect(() => labelsFromNumbers([0, 1, 0.5, 0.25], 'in f')).toThrow(
      /Labels must be whole class numbers \(0, 1, 2, …\), but the labels in f have 0\.5 at row 2 \(counting from 0\)/
    )
    expect(() => labelsFromNumbers([0, -1], 'in f')).toThrow(/from 0 upwards, but the labels in f have -1 at row 1 \(counting from 0\)/)
    expect(() => labelsFromNumbers([NaN], 'in f')).toThrow(
      'The labels in f have a missing value (not a number) at row 0 (counting from 0). Every picture needs a whole class number: 0, 1, 2, …'
    )
    expect(() => labelsFromNumbers([-Infinity], 'in f')).toThrow(/have an infinite value \(minus infinity\) at row 0/)
    expect(() => labelsFromNumbers([300], 'in f')).toThrow(/have 300 at row 0.*at most 256 classes/)
    expect(Array.from(labelsFromNumbers([0, 9, 2.0], 'in f'))).toEqual([0, 9, 2])
  })

  it('reads labels from unpickled lists (numbers, bigints, bools)', () => {
    expect(Array.from(labelsFromList([3, 7n, true, false], 'x'))).toEqual([3, 7, 1, 0])
    expect(() => labelsFromList([1, 'cat'], 'in f')).toThrow(/row 1 \(counting from 0\) is not a number/)
  })

  it('joins batches in order', () => {
    const j = concatSplits([{ name: 'data_batch_1', split: raw([1, 2], 0) }, { name: 'data_batch_2', split: raw([3], 10) }])
    expect(j.images).toBe(3)
    expect(Array.from(j.y)).toEqual([1, 2, 3])
    expect(j.x[2 * 3072 + 5]).toBe(10)
    expect(j.x[1 * 3072]).toBe(1)
  })
})

describe('assembleDataset', () => {
  it('builds a dataset with default class names and at least two classes', () => {
    const ds = assembleDataset({ name: 'f.p', train: raw([0, 0, 0]), test: raw([0]), classNames: null })
    expect(ds.classNames).toEqual(['class 0', 'class 1'])
    expect(ds.inputs).toBe(3072)
    expect(ds.image).toEqual({ width: 32, height: 32, channels: 3 })
    expect(ds.train.count).toBe(3)
    expect(ds.testWasSplitOff).toBe(false)
  })

  it('keeps class numbers as they are: classes = max label + 1', () => {
    const ds = assembleDataset({ name: 'f', train: raw([0, 4]), test: raw([2]), classNames: null })
    expect(ds.classNames).toEqual(['class 0', 'class 1', 'class 2', 'class 3', 'class 4'])
    expect(Array.from(ds.train.y)).toEqual([0, 4])
  })

  it('uses names from the file and refuses labels beyond them', () => {
    const ds = assembleDataset({ name: 'f', train: raw([0, 1]), test: raw([1]), classNames: ['a', 'b', 'c'] })
    expect(ds.classNames).toEqual(['a', 'b', 'c'])
    expect(() => assembleDataset({ name: 'f', train: raw([0, 3]), test: raw([1]), classNames: ['a', 'b'] }))
      .toThrow(/f names 2 classes, but a label says class 3/)
  })

  it('refuses different numbers of pictures and labels', () => {
    const bad = { ...raw([0, 1, 0]), y: Uint8Array.from([0, 1]) }
    expect(() => assembleDataset({ name: 'f.p', train: bad, test: raw([0]), classNames: null })).toThrow(
      'The training part of f.p has 3 pictures but 2 labels. Each picture needs exactly one label; check that the file was saved completely.'
    )
  })

  it('refuses an empty split', () => {
    expect(() => assembleDataset({ name: 'f.p', train: raw([0, 1]), test: raw([]), classNames: null })).toThrow(
      'The test part of f.p has no pictures. NN Scratch needs pictures to test on.'
    )
  })

  it('splits off a stratified test set when the file has none', () => {
    const labels = [...Array(20).fill(0), ...Array(10).fill(1)]
    const ds = assembleDataset({ name: 'f', train: raw(labels), test: null, classNames: null }, { testFraction: 0.2, seed: 3 })
    expect(ds.testWasSplitOff).toBe(true)
    expect(classCounts(ds.test, 2)).toEqual([4, 2])
    expect(classCounts(ds.train, 2)).toEqual([16, 8])
  })

  it('refuses to split a file too small to split', () => {
    expect(() => assembleDataset({ name: 'f', train: raw([0]), test: null, classNames: null })).toThrow(
      /f has only 1 pictures and no separate test set/
    )
  })
})

describe('memory', () => {
  it('copies rows that are a small view into a big buffer, and keeps large views', () => {
    const big = new Uint8Array(4 * 1048576)
    big[100] = 7
    const small = { x: big.subarray(100, 100 + 2 * 3072), images: 2, y: Uint8Array.from([0, 1]) }
    const most = { x: big.subarray(0, 1300 * 3072), images: 1300, y: new Uint8Array(1300).map((_, i) => i % 2) }
    const ds = assembleDataset({ name: 'f', train: most, test: small, classNames: null })
    expect(ds.test.x.buffer).not.toBe(big.buffer)
    expect(ds.test.x.buffer.byteLength).toBe(2 * 3072)
    expect(ds.test.x[0]).toBe(7)
    expect(ds.train.x.buffer).toBe(big.buffer)
  })
})

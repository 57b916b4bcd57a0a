import { describe, it, expect } from 'vitest'
import { resolveClassPicks, selectClasses } from '../../../src/core/data/selectClasses'
import type { Dataset, Split } from '../../../src/core/data/dataset'

const NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

/** Row i has inputs bytes equal to i and label i % 10. */
function split(count: number, offset: number): Split {
  const x = new Uint8Array(count * 3)
  const y = new Uint8Array(count)
  for (let i = 0; i < count; i++) {
    x.fill(offset + i, i * 3, i * 3 + 3)
    y[i] = i % 10
  }
  return { x, y, count }
}

const ds: Dataset = {
  name: 'ten',
  inputs: 3,
  image: null,
  classNames: NAMES,
  train: split(40, 0),
  test: split(20, 100),
  testWasSplitOff: false
}

describe('selectClasses', () => {
  it('keeps all classes with "all"', () => {
    expect(selectClasses(ds, 'all')).toBe(ds)
  })

  it('remaps two picked classes to 0 and 1 in the order given, keeping their names', () => {
    const two = selectClasses(ds, [5, 3])
    expect(two.classNames).toEqual(['dog', 'cat'])
    expect(two.train.count).toBe(8)
    expect(Array.from(two.train.y)).toEqual([1, 0, 1, 0, 1, 0, 1, 0])
    // first kept training row is the original row 3 (a cat)
    expect(Array.from(two.train.x.subarray(0, 3))).toEqual([3, 3, 3])
    expect(two.test.count).toBe(4)
    expect(two.test.x[3]).toBe(105)
    expect(two.inputs).toBe(3)
  })

  it('refuses unknown, repeated or too few classes', () => {
    expect(() => selectClasses(ds, [3, 10])).toThrow(/There is no class 10\. This dataset has 10 classes: 0 airplane, 1 automobile/)
    expect(() => selectClasses(ds, [-1, 2])).toThrow(/There is no class -1/)
    expect(() => selectClasses(ds, [1.5, 2])).toThrow(/There is no class 1.5/)
    expect(() => selectClasses(ds, [3, 3])).toThrow(/Class 3 \(cat\) is picked twice/)
    expect(() => selectClasses(ds, [3])).toThrow(/at least two classes/)
  })

  it('refuses a pick that leaves a split empty', () => {
    const small: Dataset = { ...ds, test: split(3, 100) }
    expect(() => selectClasses(small, [8, 9])).toThrow(/The test part of ten has no pictures of the classes you picked \(ship, truck\)/)
  })
})

describe('resolveClassPicks', () => {
  const names = ['airplane', 'automobile', 'Cat', 'ship']

  it('keeps numbers and finds names without regard to case or spaces', () => {
    expect(resolveClassPicks(names, ['SHIP', ' cat ', 1, 'Airplane'])).toEqual([3, 2, 1, 0])
  })

  it('refuses an unknown name with the dataset\'s class names', () => {
    expect(() => resolveClassPicks(names, ['cat', 'zebra'])).toThrow(
      'There is no class named "zebra". This dataset\'s classes are "airplane", "automobile", "Cat", "ship"; pick them by name or by number (0 to 3).'
    )
  })
})

import { describe, expect, it } from 'vitest'
import { classImbalance, imbalanceWarning, IMBALANCE_RATIO } from '../../../src/renderer/src/dataset/classBalance'
import { classesOption, describePick, pickedClasses, pickProblem, samePick, toggleClass } from '../../../src/renderer/src/dataset/classPicker'
import type { ClassInfo } from '../../../src/shared/ipc'

const cls = (name: string, train: number, index = 0): ClassInfo => ({ index, name, train, test: Math.round(train / 5) })
const TEN = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

describe('class balance', () => {
  it('is quiet for even or nearly even classes', () => {
    expect(imbalanceWarning([cls('night', 5000), cls('day', 5000)])).toBeNull()
    expect(imbalanceWarning([cls('a', 1000), cls('b', 1400), cls('c', 1200)])).toBeNull()
    expect(imbalanceWarning([cls('only', 10)])).toBeNull()
    expect(imbalanceWarning([])).toBeNull()
  })

  it('warns from IMBALANCE_RATIO on, naming the classes and saying what it means', () => {
    expect(IMBALANCE_RATIO).toBe(1.5)
    expect(classImbalance([cls('cat', 3000), cls('dog', 1000), cls('bird', 2000)])).toMatchObject({ largest: { name: 'cat' }, smallest: { name: 'dog' }, ratio: 3 })
    const w = imbalanceWarning([cls('cat', 3000), cls('dog', 1000), cls('bird', 2000)])!
    expect(w).toMatch(/^The classes are uneven: "cat" has 3\.0 times as many training pictures as "dog" \(3,000 against 1,000\)\./)
    expect(w).toContain('answering "cat" more often')
    expect(w).toContain('accuracy of each class under Results')
    expect(imbalanceWarning([cls('a', 1500), cls('b', 1000)])).toMatch(/1\.5 times/)
    expect(imbalanceWarning([cls('a', 25000), cls('b', 1000)])).toMatch(/ 25 times/)
  })

  it('says plainly when a class has no training pictures at all', () => {
    expect(classImbalance([cls('a', 10), cls('b', 0)])?.ratio).toBe(Infinity)
    expect(imbalanceWarning([cls('a', 10), cls('b', 0)])).toMatch(/^"b" has no training pictures, so the network cannot learn/)
  })
})

describe('class picker', () => {
  it('turns options into picked classes and back, with every class as "all"', () => {
    expect(pickedClasses({ classes: 'all', testFraction: 0.2 }, 3)).toEqual([0, 1, 2])
    expect(pickedClasses({ classes: [8, 0], testFraction: 0.2 }, 10)).toEqual([0, 8])
    expect(classesOption([8, 0, 8], 10)).toEqual([0, 8])
    expect(classesOption([2, 1, 0], 3)).toBe('all')
  })

  it('toggles classes and explains why fewer than two will not do', () => {
    expect(toggleClass([0, 8], 3)).toEqual([0, 3, 8])
    expect(toggleClass([0, 3, 8], 3)).toEqual([0, 8])
    expect(pickProblem([])).toMatch(/two or more/)
    expect(pickProblem([4])).toMatch(/at least one more/)
    expect(pickProblem([3, 5])).toBeNull()
  })

  it('knows when a pick is what is loaded already, and says it by name', () => {
    expect(samePick([0, 8], { classes: [8, 0], testFraction: 0.2 }, 10)).toBe(true)
    expect(samePick(TEN.map((_, i) => i), { classes: 'all', testFraction: 0.2 }, 10)).toBe(true)
    expect(samePick([0, 1], { classes: 'all', testFraction: 0.2 }, 10)).toBe(false)
    expect(describePick(TEN, [0, 8])).toBe('airplane and ship')
    expect(describePick(TEN, [3, 5, 7])).toBe('cat, dog and horse')
    expect(describePick(TEN, TEN.map((_, i) => i))).toBe('all 10 classes')
  })
})

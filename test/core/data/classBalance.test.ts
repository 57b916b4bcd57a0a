import { describe, expect, it } from 'vitest'
import { classImbalance, imbalanceWarning, IMBALANCE_RATIO, type ClassTrainCount } from '../../../src/core/data/classBalance'

const cls = (name: string, train: number): ClassTrainCount => ({ name, train })

describe('class balance', () => {
  it('is quiet for even or nearly even classes', () => {
    expect(imbalanceWarning([cls('night', 5000), cls('day', 5000)], 'under Results')).toBeNull()
    expect(imbalanceWarning([cls('a', 1000), cls('b', 1400), cls('c', 1200)], 'under Results')).toBeNull()
    expect(imbalanceWarning([cls('only', 10)], 'under Results')).toBeNull()
    expect(imbalanceWarning([], 'under Results')).toBeNull()
  })

  it('warns from IMBALANCE_RATIO on, naming the classes and saying what it means', () => {
    expect(IMBALANCE_RATIO).toBe(1.5)
    expect(classImbalance([cls('cat', 3000), cls('dog', 1000), cls('bird', 2000)])).toMatchObject({ largest: { name: 'cat' }, smallest: { name: 'dog' }, ratio: 3 })
    const w = imbalanceWarning([cls('cat', 3000), cls('dog', 1000), cls('bird', 2000)], 'under Results')!
    expect(w).toMatch(/^The classes are uneven: "cat" has 3\.0 times as many training pictures as "dog" \(3,000 against 1,000\)\./)
    expect(w).toContain('answering "cat" more often')
    expect(w).toContain('accuracy of each class under Results')
    expect(imbalanceWarning([cls('a', 1500), cls('b', 1000)], 'under Results')).toMatch(/1\.5 times/)
    expect(imbalanceWarning([cls('a', 25000), cls('b', 1000)], 'under Results')).toMatch(/ 25 times/)
  })

  it('says plainly when a class has no training pictures at all', () => {
    expect(classImbalance([cls('a', 10), cls('b', 0)])?.ratio).toBe(Infinity)
    expect(imbalanceWarning([cls('a', 10), cls('b', 0)], 'under Results')).toMatch(/^"b" has no training pictures, so the network cannot learn/)
  })
})


import { describe, expect, it } from 'vitest'
import { chanceLevel } from '../../../src/core/data/chanceLevel'

const TEN = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

describe('chanceLevel', () => {
  it('is 1/k for even classes: 50 % for two, 10 % for ten', () => {
    expect(chanceLevel(['night', 'day'], [1000, 1000])).toEqual({ share: 0.5, kind: 'chance', className: null, label: 'chance: 50\u00a0%' })
    const ten = chanceLevel(TEN, Array(10).fill(1000))!
    expect(ten.share).toBeCloseTo(0.1, 12)
    expect(ten.label).toBe('chance: 10\u00a0%')
    // so 16.8 % on ten classes is above it
    expect(0.168 > ten.share).toBe(true)
  })

  it('counts nearly even classes as even (the largest within half a point of 1/k)', () => {
    expect(chanceLevel(['a', 'b'], [1004, 996])).toMatchObject({ share: 0.5, kind: 'chance' })
    expect(chanceLevel(['a', 'b', 'c'], [100, 100, 101])?.kind).toBe('chance')
  })

  it('is the largest class\'s share of the test split when the classes are uneven, named', () => {
    const level = chanceLevel(['dog', 'cat'], [270, 730])!
    expect(level).toEqual({ share: 0.73, kind: 'majority', className: 'cat', label: 'always saying cat: 73\u00a0%' })
    expect(chanceLevel(['a', 'b', 'c'], [60, 20, 20])?.label).toBe('always saying a: 60\u00a0%')
    expect(chanceLevel(['a', 'b'], [510, 490])).toMatchObject({ kind: 'majority', share: 0.51 })
  })

  it('has none for one class, an empty test split or counts that do not match the names', () => {
    expect(chanceLevel(['only'], [10])).toBeNull()
    expect(chanceLevel(['a', 'b'], [0, 0])).toBeNull()
    expect(chanceLevel(['a', 'b'], [1, 2, 3])).toBeNull()
  })
})

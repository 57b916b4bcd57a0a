import { describe, expect, it } from 'vitest'
import { classesOption, describePick, pickedClasses, pickProblem, samePick, toggleClass } from '../../../src/renderer/src/dataset/classPicker'

const TEN = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']

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

import { describe, expect, it } from 'vitest'
import { EpochSnapshots } from '../../../src/core/viz/snapshots'

const epochsOf = (s: EpochSnapshots<string>): number[] => s.items.map((k) => k.epoch)

describe('EpochSnapshots', () => {
  it('keeps one snapshot per epoch, the first of each', () => {
    const s = new EpochSnapshots<string>(1000)
    expect(s.add(0, 'start', 10)).toBe(true)
    expect(s.add(1, 'a', 10)).toBe(true)
    expect(s.add(1, 'b', 10)).toBe(false)
    expect(s.add(0, 'c', 10)).toBe(false)
    expect(s.items.map((k) => k.item)).toEqual(['start', 'a'])
  })

  it('thins evenly once over the budget, keeping the start and the newest', () => {
    const s = new EpochSnapshots<string>(100)
    for (let e = 0; e <= 9; e++) s.add(e, `e${e}`, 10)
    expect(epochsOf(s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    s.add(10, 'e10', 10)
    expect(s.stride).toBe(2)
    expect(epochsOf(s)).toEqual([0, 2, 4, 6, 8, 10])
    s.add(11, 'e11', 10)
    expect(epochsOf(s)).toEqual([0, 2, 4, 6, 8, 10, 11])
    // the odd newest gives way to the next one
    s.add(12, 'e12', 10)
    expect(epochsOf(s)).toEqual([0, 2, 4, 6, 8, 10, 12])
    for (let e = 13; e <= 40; e++) s.add(e, `e${e}`, 10)
    expect(s.bytes).toBeLessThanOrEqual(100)
    expect(epochsOf(s)).toEqual([0, 8, 16, 24, 32, 40])
  })

  it('counts the stride from the first epoch kept', () => {
    const s = new EpochSnapshots<string>(40)
    for (const e of [3, 4, 5, 6, 7]) s.add(e, '', 10)
    expect(epochsOf(s)).toEqual([3, 5, 7])
  })

  it('keeps the ends even when they alone are over the budget, and forgets on clear', () => {
    const s = new EpochSnapshots<string>(5)
    for (let e = 0; e < 5; e++) s.add(e, '', 10)
    expect(epochsOf(s)).toEqual([0, 4])
    s.clear()
    expect(s.items).toEqual([])
    expect(s.stride).toBe(1)
  })
})

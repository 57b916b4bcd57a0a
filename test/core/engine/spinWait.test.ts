import { afterEach, describe, expect, it, vi } from 'vitest'
import { COOLDOWN, PREEMPTED_MS, SPIN_MAX_MS, SpinWait } from '../../../src/core/engine/spinWait'

afterEach(() => vi.restoreAllMocks())

/** performance.now stubbed to advance `step` ms a call, and by `jump` ms once at call `at`. */
function clock(step: number, jump = 0, at = -1): { calls: () => number } {
  let t = 1000
  let n = 0
  vi.spyOn(performance, 'now').mockImplementation(() => {
    if (n++ === at) t += jump
    t += step
    return t
  })
  return { calls: () => n }
}

describe('a spinning wait', () => {
  it('ends at once when the value already changed, and spins no longer than its budget otherwise', () => {
    const ints = new Int32Array(new SharedArrayBuffer(8))
    const w = new SpinWait()
    ints[0] = 3
    expect(w.spin(ints, 0, 2, performance.now())).toBe(true)
    w.budgetMs = 1
    const c = clock(0.001)
    const start = performance.now()
    expect(w.spin(ints, 0, 3, start)).toBe(false)
    // one clock check per 64 spins: 1 ms of 0.001 ms steps is about a thousand checks, not unbounded
    expect(c.calls()).toBeGreaterThan(900)
    expect(c.calls()).toBeLessThan(1100)
    expect(w.cooldown).toBe(0)
  })

  it('stops spinning when it sees it lost its core, and does not spin for the next waits, more of them when that recurs', () => {
    const ints = new Int32Array(new SharedArrayBuffer(8))
    const w = new SpinWait()
    w.budgetMs = SPIN_MAX_MS
    const c = clock(0.001, 2 * PREEMPTED_MS, 10)
    expect(w.spin(ints, 0, 0, 1000)).toBe(false)
    expect(c.calls()).toBe(11)
    for (let i = 0; i < COOLDOWN; i++) {
      w.waited(0, 1)
      const before = c.calls()
      expect(w.spin(ints, 0, 0, 1000)).toBe(false)
      expect(c.calls()).toBe(before)
    }
    w.waited(0, 1)
    expect(w.cooldown).toBe(0)
    // losing its core again soon after: twice as many waits without spinning
    vi.restoreAllMocks()
    clock(0.001, 2 * PREEMPTED_MS, 10)
    expect(w.spin(ints, 0, 0, 1000)).toBe(false)
    w.waited(0, 1)
    expect(w.cooldown).toBe(2 * COOLDOWN)
  })
})

describe('the spin budget', () => {
  it('covers gaps that end within the longest spin, keeps most of itself over short ones, and halves after long ones', () => {
    const w = new SpinWait()
    w.waited(0, 0.4)
    expect(w.budgetMs).toBeCloseTo(0.6)
    // a batch's gaps alternate long and short: the short one leaves ¾ of the budget
    w.waited(0, 0.02)
    expect(w.budgetMs).toBeCloseTo(0.45)
    w.waited(0, 1.9)
    expect(w.budgetMs).toBe(SPIN_MAX_MS)
    w.waited(0, 50)
    expect(w.budgetMs).toBe(SPIN_MAX_MS / 2)
    w.waited(0, 50)
    expect(w.budgetMs).toBe(SPIN_MAX_MS / 4)
  })
})

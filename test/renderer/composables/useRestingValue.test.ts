/** A value that follows its source a few times a second at most, and rests while hidden. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useRestingValue } from '../../../src/renderer/src/composables/useRestingValue'

beforeEach(() => { vi.useFakeTimers() })
afterEach(() => { vi.useRealTimers() })

describe('a resting value', () => {
  it('takes the first change at once, then the latest change once per interval', async () => {
    const source = ref(0)
    const scope = effectScope()
    const value = scope.run(() => useRestingValue(() => source.value, () => true, 250))!
    expect(value.value).toBe(0)
    source.value = 1
    await nextTick()
    expect(value.value).toBe(1)
    source.value = 2
    await nextTick()
    source.value = 3
    await nextTick()
    expect(value.value, 'not before the interval').toBe(1)
    vi.advanceTimersByTime(250)
    expect(value.value, 'the latest change').toBe(3)
    scope.stop()
  })

  it('rests while hidden and catches up when shown', async () => {
    const source = ref(0)
    const shown = ref(false)
    const scope = effectScope()
    const value = scope.run(() => useRestingValue(() => source.value, () => shown.value, 250))!
    source.value = 5
    await nextTick()
    vi.advanceTimersByTime(1000)
    expect(value.value).toBe(0)
    shown.value = true
    await nextTick()
    expect(value.value).toBe(5)
    scope.stop()
  })
})

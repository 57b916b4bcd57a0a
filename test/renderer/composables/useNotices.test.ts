/**
 * Notices: information leaves by itself after about six seconds, though not while it is being
 * read (hovered or focused); problems stay until dismissed; the same message again is counted
 * on the one shown, not repeated; information does not pile up.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { INFO_SECONDS, MAX_INFO, useNotices } from '../../../src/renderer/src/composables/useNotices'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function notices() {
  const scope = effectScope()
  return { n: scope.run(() => useNotices())!, scope }
}

const shown = (n: ReturnType<typeof useNotices>): string[] => n.list.value.map((x) => `${x.level}:${x.message}${x.count > 1 ? ` ×${x.count}` : ''}`)

describe('notices', () => {
  it('lets information go after about six seconds and keeps problems until dismissed', () => {
    const { n, scope } = notices()
    n.show('error', 'The file is damaged.')
    n.show('warning', 'The run was not recorded.')
    n.show('info', 'Model saved.')
    vi.advanceTimersByTime(INFO_SECONDS * 1000 - 100)
    expect(shown(n)).toEqual(['error:The file is damaged.', 'warning:The run was not recorded.', 'info:Model saved.'])
    vi.advanceTimersByTime(200)
    expect(shown(n)).toEqual(['error:The file is damaged.', 'warning:The run was not recorded.'])
    vi.advanceTimersByTime(600_000)
    expect(shown(n)).toHaveLength(2)
    n.dismiss(n.list.value[0].id)
    expect(shown(n)).toEqual(['warning:The run was not recorded.'])
    scope.stop()
  })

  it('counts the same message instead of repeating it', () => {
    const { n, scope } = notices()
    for (let i = 0; i < 3; i++) n.show('error', 'The file is damaged.')
    n.show('error', 'Another problem.')
    expect(shown(n)).toEqual(['error:The file is damaged. ×3', 'error:Another problem.'])
    // information said again stays its full time from the last saying
    n.show('info', 'Model saved.')
    vi.advanceTimersByTime(4000)
    n.show('info', 'Model saved.')
    vi.advanceTimersByTime(4000)
    expect(shown(n)).toContain('info:Model saved. ×2')
    vi.advanceTimersByTime(2100)
    expect(shown(n)).not.toContain('info:Model saved. ×2')
    scope.stop()
  })

  it('does not let information go while it is hovered or focused, and counts its time again once let go', () => {
    const { n, scope } = notices()
    n.show('info', 'Training finished after epoch 10.')
    const id = n.list.value[0].id
    n.hold(id, true)
    vi.advanceTimersByTime(60_000)
    expect(shown(n)).toEqual(['info:Training finished after epoch 10.'])
    n.hold(id, false)
    vi.advanceTimersByTime(INFO_SECONDS * 1000 - 100)
    expect(shown(n)).toHaveLength(1)
    vi.advanceTimersByTime(200)
    expect(shown(n)).toEqual([])
    scope.stop()
  })

  it('keeps at most a few information messages: a new one sends the oldest away', () => {
    const { n, scope } = notices()
    n.show('error', 'A problem.')
    for (let i = 1; i <= MAX_INFO + 2; i++) n.show('info', `Message ${i}.`)
    expect(shown(n)).toEqual(['error:A problem.', ...Array.from({ length: MAX_INFO }, (_, i) => `info:Message ${i + 3}.`)])
    scope.stop()
  })
})

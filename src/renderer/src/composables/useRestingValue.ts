/**
 * A value that follows `source` at most once per `intervalMs` (the latest change always arrives)
 * and rests while `active` says its view is hidden, catching up as soon as it shows: for views
 * that redraw everything on each change (the sweep's overlay of every run), so that a fast sweep
 * redraws them a few times a second at most and never while nobody sees them.
 */
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'
import { CHART_INTERVAL_MS } from './useChartCanvas'

export function useRestingValue<T>(source: () => T, active: () => boolean, intervalMs = CHART_INTERVAL_MS): Readonly<ShallowRef<T>> {
  const value = shallowRef(source()) as ShallowRef<T>
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  const take = (): void => {
    timer = null
    last = performance.now()
    value.value = source()
  }
  const schedule = (): void => {
    if (!active() || timer !== null) return
    const wait = last + intervalMs - performance.now()
    if (wait <= 0) take()
    else timer = setTimeout(take, wait)
  }
  watch(source, schedule)
  watch(active, (shown) => { if (shown && value.value !== source()) schedule() })
  onScopeDispose(() => { if (timer !== null) clearTimeout(timer) })
  return value
}

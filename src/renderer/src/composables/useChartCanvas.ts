/**
 * Mounts a chart.js chart on a canvas and keeps it drawn: `draw` runs when any of `sources`
 * changes, at most once per `intervalMs` (the last change always gets drawn), so a fast run never
 * makes the window stutter; while `active` says the chart is hidden, drawing waits until it shows. The chart follows the system's light/dark switch, lives outside Vue's
 * reactivity (markRaw) and is destroyed with the component.
 */
import { markRaw, onMounted, onScopeDispose, shallowRef, watch, type Ref, type ShallowRef, type WatchSource } from 'vue'
import { themeFrom, type ChartTheme } from '../charts/chartTheme'

export interface ThemedChart {
  setTheme(theme: ChartTheme): void
  destroy(): void
}

/** At most ~4 redraws a second. */
export const CHART_INTERVAL_MS = 250

export function useChartCanvas<C extends ThemedChart>(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  create: (canvas: HTMLCanvasElement, theme: ChartTheme) => C,
  draw: (chart: C) => void,
  sources: WatchSource[],
  active: () => boolean = () => true,
  intervalMs: number = CHART_INTERVAL_MS
): { chart: Readonly<ShallowRef<C | null>>; redraw: () => void } {
  const chart = shallowRef(null) as ShallowRef<C | null>
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null

  const drawNow = (): void => {
    timer = null
    last = performance.now()
    if (chart.value) draw(chart.value)
  }
  let waiting = false
  const schedule = (): void => {
    if (!active()) {
      waiting = true
      return
    }
    if (timer !== null) return
    const wait = last + intervalMs - performance.now()
    if (wait <= 0) drawNow()
    else timer = setTimeout(drawNow, wait)
  }
  const retheme = (): void => {
    if (chart.value && canvas.value) chart.value.setTheme(themeFrom(canvas.value))
  }

  onMounted(() => {
    // no 2D context (e.g. a DOM without canvas support): leave the chart out, keep the page
    if (!canvas.value || !canvas.value.getContext('2d')) return
    chart.value = markRaw(create(canvas.value, themeFrom(canvas.value)))
    drawNow()
    media?.addEventListener('change', retheme)
  })
  watch(sources, schedule)
  watch(active, (shown) => {
    if (shown && waiting) {
      waiting = false
      schedule()
    }
  })
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
    media?.removeEventListener('change', retheme)
    chart.value?.destroy()
    chart.value = null
  })
  return { chart, redraw: drawNow }
}

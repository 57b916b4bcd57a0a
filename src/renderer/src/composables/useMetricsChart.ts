/**
 * Mounts the metrics chart on a canvas and keeps it showing `history`, point by point. The
 * chart instance lives outside Vue's reactivity; it follows the system's light/dark switch and
 * is destroyed with the component.
 */
import { onMounted, onScopeDispose, ref, watch, type Ref } from 'vue'
import type { EpochMetrics } from '../../../shared/ipc'
import { createMetricsChart, themeFrom, type MetricsChart } from '../charts/metricsChart'

export function useMetricsChart(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  history: () => readonly EpochMetrics[],
  plannedEpochs: () => number
): { points: Readonly<Ref<number>> } {
  const points = ref(0)
  let chart: MetricsChart | null = null
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
  const retheme = (): void => {
    if (chart && canvas.value) chart.setTheme(themeFrom(canvas.value))
  }

  function draw(): void {
    if (!chart) return
    chart.show(history(), plannedEpochs())
    points.value = chart.points
  }

  onMounted(() => {
    // no 2D context (e.g. a DOM without canvas support): leave the chart out, keep the page
    if (!canvas.value || !canvas.value.getContext('2d')) return
    chart = createMetricsChart(canvas.value, themeFrom(canvas.value))
    draw()
    media?.addEventListener('change', retheme)
  })
  watch([history, plannedEpochs], draw)
  onScopeDispose(() => {
    media?.removeEventListener('change', retheme)
    chart?.destroy()
    chart = null
  })
  return { points }
}

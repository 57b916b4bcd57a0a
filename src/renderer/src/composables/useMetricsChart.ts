/**
 * The loss-and-accuracy chart on a canvas, kept showing `history` (at most a few redraws a
 * second), with the loss axis linear or logarithmic and a marker where training diverged.
 */
import { ref, watch, type Ref } from 'vue'
import type { EpochMetrics } from '../../../shared/ipc'
import { createMetricsChart } from '../charts/metricsChart'
import { useChartCanvas } from './useChartCanvas'

export function useMetricsChart(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  history: () => readonly EpochMetrics[],
  plannedEpochs: () => number,
  logScale: () => boolean = () => false,
  diverged: () => number | null = () => null,
  active: () => boolean = () => true
): { points: Readonly<Ref<number>> } {
  const points = ref(0)
  const { chart } = useChartCanvas(canvas, (c, theme) => {
    const created = createMetricsChart(c, theme)
    created.setLogScale(logScale())
    created.setDiverged(diverged())
    return created
  }, (c) => {
    c.show(history(), plannedEpochs())
    points.value = c.points
  }, [history, plannedEpochs], active)
  watch(logScale, (log) => chart.value?.setLogScale(log))
  watch(diverged, (x) => chart.value?.setDiverged(x))
  return { points }
}

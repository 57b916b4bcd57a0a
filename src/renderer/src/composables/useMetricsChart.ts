/**
 * The loss-and-accuracy chart on a canvas, kept showing `history` (at most a few redraws a
 * second), with the loss axis linear or logarithmic, a marker where training diverged, the
 * ticked runs' lines beside the current run's, and the data's chance level on the accuracy axis.
 */
import { ref, watch, type Ref } from 'vue'
import type { ChanceLevel } from '../../../core/data/chanceLevel'
import type { EpochMetrics } from '../../../shared/ipc'
import { createMetricsChart } from '../charts/metricsChart'
import type { OverlayRun } from '../charts/runOverlay'
import { useChartCanvas } from './useChartCanvas'

export function useMetricsChart(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  history: () => readonly EpochMetrics[],
  plannedEpochs: () => number,
  logScale: () => boolean = () => false,
  diverged: () => number | null = () => null,
  active: () => boolean = () => true,
  overlay: () => readonly OverlayRun[] = () => [],
  chance: () => ChanceLevel | null = () => null
): { points: Readonly<Ref<number>> } {
  const points = ref(0)
  const { chart } = useChartCanvas(canvas, (c, theme) => {
    const created = createMetricsChart(c, theme)
    created.setLogScale(logScale())
    created.setDiverged(diverged())
    created.setOverlay(overlay())
    created.setChance(chance())
    return created
  }, (c) => {
    c.show(history(), plannedEpochs())
    points.value = c.points
  }, [history, plannedEpochs], active)
  watch(logScale, (log) => chart.value?.setLogScale(log))
  watch(diverged, (x) => chart.value?.setDiverged(x))
  watch(overlay, (runs) => chart.value?.setOverlay(runs))
  watch(chance, (level) => chart.value?.setChance(level))
  return { points }
}

/**
 * A weight gallery panel's state from the studio: the run's weight record, the view model, the
 * colour mode (the studio's setting), and which unit is enlarged.
 */
import { computed, ref, type ComputedRef, type Ref, type WritableComputedRef } from 'vue'
import type { WeightNormalisation } from '../../../core/viz/weightImage'
import type { StudioTab, WeightsEvent } from '../../../shared/ipc'
import type { Studio } from './useStudio'
import { useWeightRecord, type WeightRecord } from './useWeightRecord'
import { useWeightView, type WeightViewModel } from './useWeightView'

export interface WeightGalleryState {
  readonly record: WeightRecord
  readonly model: WeightViewModel
  readonly normalisation: WritableComputedRef<WeightNormalisation>
  /** what a tile's numbers are of, in words. */
  readonly what: ComputedRef<string>
  /** the units in the gallery's order. */
  readonly order: ComputedRef<number[]>
  /** the enlarged unit, or null. */
  readonly opened: Ref<number | null>
}

/** Whether `tab` is the studio's open tab (a studio without tabs counts as showing every panel). */
export function tabOpen(studio: Studio, tab: StudioTab): () => boolean {
  return () => (studio.tab?.value ?? tab) === tab
}

/**
 * `followReplay`: whether this panel shows the replay's epoch (it has the scrubber) or always the
 * live weights. While the panel's `tab` is hidden it keeps the last weights it drew and skips
 * the work of redrawing; it catches up when the tab opens.
 */
export function useWeightGallery(studio: Studio, followReplay: boolean, tab: StudioTab): WeightGalleryState {
  const record = useWeightRecord(studio)
  const open = tabOpen(studio, tab)
  let kept: WeightsEvent | null = null
  const live = (): WeightsEvent | null => {
    if (open() || kept === null) kept = studio.session.weights.value
    return kept
  }
  const normalisation = computed({ get: () => studio.normalisation.value, set: (m: WeightNormalisation) => studio.setNormalisation(m) })
  const model = useWeightView(
    record,
    live,
    () => studio.normalisation.value,
    () => studio.dataset.dataset.value?.classes.map((c) => c.name) ?? null,
    followReplay
  )
  const what = computed(() => (model.view.value === 'change' ? `change ${model.since.value}` : 'weights'))
  const order = computed(() => model.tiles.value.map((t) => t.unit))
  return { record, model, normalisation, what, order, opened: ref<number | null>(null) }
}

/** On-screen pixels per weight pixel for `units` tiles before their space is known: 2 while few, else 1. */
export function tileZoom(units: number): number {
  return units <= 32 ? 2 : 1
}

/**
 * The largest zoom (1..maxZoom) at which `units` tiles of 32·zoom pixels, `gap` apart, fit in a
 * box of width × height, filling rows left to right; 1 when even that does not fit (it scrolls).
 */
export function fitZoom(units: number, width: number, height: number, gap: number, maxZoom: number = 8): number {
  for (let z = maxZoom; z > 1; z--) {
    const side = 32 * z
    const cols = Math.max(1, Math.floor((width + gap) / (side + gap)))
    const rows = Math.ceil(units / cols)
    if (side <= width && rows * (side + gap) - gap <= height) return z
  }
  return 1
}

/**
 * The first-layer gallery as a panel shows it: the live weights or a replayed epoch, as they are
 * (W) or as what training changed (W − W₀, core/viz/weightChange), drawn in the chosen colour
 * mode (core/viz/weightImage), in unit order or sorted by vote for a class (core/viz/votes).
 *
 * Which view by default: "what training changed" whenever the run's baseline is its true start
 * and the start still outweighs what was learned (0 < ‖ΔW‖ < ‖W₀‖). Small He-initialised weights
 * stay mostly noise for many epochs (on the demo ‖ΔW‖ is about a fifth of ‖W₀‖ after 10 to 20
 * epochs), so the raw tiles say little while the change shows the sky, ground and sun templates
 * at once. Before the first step (nothing changed yet) and without a true start (an opened
 * model, a page opened mid-run) the weights are shown.
 * A view the user picks stays picked.
 */
import { computed, type ComputedRef } from 'vue'
import { fingerprint } from '../../../core/viz/fingerprint'
import { votedClasses, voteOrder, unitVotes, votesOfUnit } from '../../../core/viz/votes'
import { changeShare, weightChange } from '../../../core/viz/weightChange'
import { TILE_WEIGHTS, weightTiles, type TileStats, type WeightNormalisation } from '../../../core/viz/weightImage'
import type { ScalingMode, WeightsEvent } from '../../../shared/ipc'
import { replayed, type WeightRecord, type WeightView } from './useWeightRecord'

/** Galleries draw at most this many units (the rest are named in a note). */
export const MAX_TILES = 1024

export interface TileInfo {
  readonly unit: number
  readonly stats: TileStats
  /** RGBA [32, 32, 4] in the chosen mode. */
  readonly rgba: Uint8ClampedArray
  /** the unit's vote for each class (its weights into the output), or null without an output layer next. */
  readonly votes: Float32Array | null
}

export interface WeightViewModel {
  /** the snapshot on show: live, or the replayed epoch's. */
  readonly shown: ComputedRef<WeightsEvent | null>
  readonly view: ComputedRef<WeightView>
  /** the view was chosen by the studio (no pick of the user's). */
  readonly automatic: ComputedRef<boolean>
  /** a baseline of the same shape exists, so the change can be shown. */
  readonly canChange: ComputedRef<boolean>
  /** ‖W − W₀‖ / ‖W₀‖ of the snapshot on show, or null without a baseline. */
  readonly share: ComputedRef<number | null>
  /** "since the run began", or since when the baseline was taken. */
  readonly since: ComputedRef<string>
  /** the first layer as pictures: [hidden, 3072]; false for other shapes. */
  readonly pictures: ComputedRef<boolean>
  readonly tiles: ComputedRef<TileInfo[]>
  /** units beyond MAX_TILES that are not drawn. */
  readonly hidden: ComputedRef<number>
  /** class names the votes are for, or null when the second layer is not the output. */
  readonly classes: ComputedRef<readonly string[] | null>
  /** fingerprint of the live weights (W and b), to tell networks apart. */
  readonly fingerprint: ComputedRef<string>
  readonly scaling: ComputedRef<ScalingMode | null>
}

/** The studio's choice of view: see the file's header. */
export function automaticView(baseline: WeightsEvent | null, share: number | null): WeightView {
  return baseline?.reason === 'start' && share !== null && share > 0 && share < 1 ? 'change' : 'weights'
}

const sameShape = (a: WeightsEvent, b: WeightsEvent): boolean => a.first.W.length === b.first.W.length && a.first.cols === b.first.cols

export function useWeightView(
  record: WeightRecord,
  live: () => WeightsEvent | null,
  normalisation: () => WeightNormalisation,
  datasetClasses: () => readonly string[] | null,
  /** show the replayed epoch (the Weights tab, which has the scrubber), or always the live weights. */
  followReplay: boolean = true
): WeightViewModel {
  const shown = computed(() => {
    const epoch = followReplay ? record.replay.value : null
    return epoch === null ? live() : replayed(record.snapshots.value, epoch)?.item ?? live()
  })
  const canChange = computed(() => {
    const b = record.baseline.value
    const s = shown.value
    return b !== null && s !== null && sameShape(b, s)
  })
  const share = computed(() => (canChange.value ? changeShare(shown.value!.first.W, record.baseline.value!.first.W) : null))
  // the studio's choice follows the live weights, so replaying the start does not flip the view
  const liveShare = computed(() => {
    const b = record.baseline.value
    const w = live()
    if (!followReplay || record.replay.value === null) return share.value
    return b && w && sameShape(b, w) ? changeShare(w.first.W, b.first.W) : null
  })
  const automatic = computed(() => record.chosenView.value === null)
  const view = computed<WeightView>(() => {
    const picked = record.chosenView.value ?? automaticView(record.baseline.value, liveShare.value)
    return picked === 'change' && canChange.value ? 'change' : 'weights'
  })
  const since = computed(() => {
    const b = record.baseline.value
    if (!b || b.reason === 'start') return 'since the run began'
    return b.batch > 0 ? `since epoch ${b.epoch + 1}, batch ${b.batch}` : `since epoch ${b.epoch}`
  })
  const pictures = computed(() => shown.value !== null && shown.value.first.cols === TILE_WEIGHTS)

  const classes = computed<readonly string[] | null>(() => {
    const s = shown.value
    if (!s?.second || s.stats.length !== 2) return null
    const n = votedClasses(s.second)
    const names = datasetClasses()
    return names && names.length === n ? names : Array.from({ length: n }, (_, c) => `class ${c + 1}`)
  })

  const tiles = computed<TileInfo[]>(() => {
    const s = shown.value
    if (!s || !pictures.value) return []
    const units = Math.min(s.first.rows, MAX_TILES)
    const W = view.value === 'change' ? weightChange(s.first.W, record.baseline.value!.first.W) : s.first.W
    const drawn = weightTiles(units < s.first.rows ? W.subarray(0, units * TILE_WEIGHTS) : W, normalisation())
    const out = classes.value ? s.second! : null
    const cls = record.sortClass.value
    const order = out && cls !== null && cls < votedClasses(out) ? voteOrder(unitVotes(out, cls)).filter((u) => u < units) : drawn.map((t) => t.unit)
    return order.map((u) => ({ ...drawn[u], votes: out ? votesOfUnit(out, u) : null }))
  })
  const hidden = computed(() => Math.max(0, (shown.value?.first.rows ?? 0) - MAX_TILES))
  const print = computed(() => {
    const w = live()
    return w ? fingerprint(w.first.W, w.first.b) : ''
  })
  const scaling = computed(() => shown.value?.scaling ?? null)

  return { shown, view, automatic, canChange, share, since, pictures, tiles, hidden, classes, fingerprint: print, scaling }
}

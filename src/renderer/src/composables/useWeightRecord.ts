/**
 * What the weight views keep of the current run beyond the session's latest snapshot: the run's
 * first weights (the baseline of "what training changed") and one snapshot per epoch for the
 * replay scrubber, thinned evenly beyond a memory budget (core/viz/snapshots), plus the views'
 * choices (weights or change, sort, replay position). It belongs to the studio, not to a panel,
 * so switching tabs loses nothing: made once per studio on first use, in its own effect scope.
 */
import { effectScope, markRaw, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { EpochSnapshots, type KeptSnapshot } from '../../../core/viz/snapshots'
import type { WeightsEvent } from '../../../shared/ipc'
import type { Studio } from './useStudio'

/** The replay keeps at most about this many bytes of weights. */
export const SNAPSHOT_BUDGET_BYTES = 64 * 1024 ** 2

export type WeightView = 'weights' | 'change'

export interface WeightRecord {
  /** the current run's first weights seen: its start ('start'), or where the page came in. */
  readonly baseline: Readonly<ShallowRef<WeightsEvent | null>>
  /** one snapshot per epoch of the run (the first heard after each epoch's end), oldest first. */
  readonly snapshots: Readonly<ShallowRef<readonly KeptSnapshot<WeightsEvent>[]>>
  /** the view the user picked; null lets the studio choose (see useWeightView). */
  readonly chosenView: Ref<WeightView | null>
  /** sort tiles by their vote for this class; null keeps unit order. */
  readonly sortClass: Ref<number | null>
  /** the epoch of the snapshot being replayed (see replayed()); null follows the live weights. */
  readonly replay: Ref<number | null>
}

/** Bytes a snapshot holds in its typed arrays. */
export function snapshotBytes(w: WeightsEvent): number {
  let bytes = w.first.W.byteLength + w.first.b.byteLength
  if (w.second) bytes += w.second.W.byteLength + w.second.b.byteLength
  for (const s of w.stats) bytes += s.histogram.byteLength
  return bytes
}

type Session = Pick<Studio['session'], 'status' | 'weights'>

/** The record of `session`, following it from now on (call inside an effect scope). */
export function createWeightRecord(session: Session, budgetBytes: number = SNAPSHOT_BUDGET_BYTES): WeightRecord {
  const store = markRaw(new EpochSnapshots<WeightsEvent>(budgetBytes))
  const baseline = shallowRef<WeightsEvent | null>(null)
  const snapshots = shallowRef<readonly KeptSnapshot<WeightsEvent>[]>([])
  const replay = ref<number | null>(null)
  let runId: number | null = null

  function forget(next: number | null): void {
    runId = next
    baseline.value = null
    store.clear()
    snapshots.value = []
    replay.value = null
  }

  watch(session.weights, (w) => {
    if (!w) return
    if (w.runId !== runId || !baseline.value) forget(w.runId)
    if (!baseline.value) baseline.value = w
    if (store.add(w.epoch, w, snapshotBytes(w))) snapshots.value = [...store.items]
  }, { flush: 'sync', immediate: true })
  watch(() => session.status.value?.runId ?? null, (next) => {
    if (next !== null && next !== runId) forget(next)
  }, { flush: 'sync' })

  return { baseline, snapshots, chosenView: ref<WeightView | null>(null), sortClass: ref<number | null>(null), replay }
}

/** The kept snapshot for a replay at `epoch`: the latest at or before it (thinning may have dropped that epoch itself). */
export function replayed(snapshots: readonly KeptSnapshot<WeightsEvent>[], epoch: number): KeptSnapshot<WeightsEvent> | null {
  let found: KeptSnapshot<WeightsEvent> | null = null
  for (const s of snapshots) if (s.epoch <= epoch) found = s
  return found ?? snapshots[0] ?? null
}

const records = new WeakMap<Studio, WeightRecord>()

/** The studio's weight record, made on first use. */
export function useWeightRecord(studio: Studio): WeightRecord {
  let record = records.get(studio)
  if (!record) {
    record = effectScope(true).run(() => createWeightRecord(studio.session))!
    records.set(studio, record)
  }
  return record
}

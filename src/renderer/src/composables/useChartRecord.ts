/**
 * What the charts keep of the current run beyond the session's own state: every batch loss
 * (from train:progress events, or those an opened model brought) and the chart settings (smoothing, log scales). It belongs to the
 * studio, not to a panel, so switching tabs loses nothing: made once per studio on first use,
 * in its own effect scope, and follows the session from then on. A network set aside (it does not
 * fit the dataset in use) leaves its batch losses behind.
 */
import { computed, effectScope, markRaw, ref, watch, type ComputedRef, type Ref } from 'vue'
import { BatchLosses } from '../charts/batchLosses'
import type { Studio } from './useStudio'

export interface ChartRecord {
  /** every batch loss of the current run (outside Vue's reactivity; watch `version`). */
  readonly batches: BatchLosses
  /** changes whenever `batches` does. */
  readonly version: Readonly<Ref<number>>
  /** the batch chart's smoothing weight, 0 (raw) to 0.99. */
  readonly smoothing: Ref<number>
  readonly logEpochs: Ref<boolean>
  readonly logBatches: Ref<boolean>
  /** where training diverged, x in epochs, or null. */
  readonly divergedX: ComputedRef<number | null>
  /** the epoch the run is heading for (the x axes reach at least this far). */
  readonly plannedEpochs: ComputedRef<number>
}

export const DEFAULT_SMOOTHING = 0.6

type Session = Pick<Studio['session'], 'status' | 'progress' | 'divergedAt'> & Partial<Pick<Studio['session'], 'openedBatches'>>

/** The record of `session`, following it from now on (call inside an effect scope). */
export function createChartRecord(session: Session): ChartRecord {
  const batches = markRaw(new BatchLosses())
  const version = ref(0)
  const bump = (): void => {
    version.value = batches.version
  }
  watch(session.progress, (p) => {
    if (!p) return
    batches.add(p.runId, p.firstBatch, p.losses, p.batches)
    bump()
  }, { flush: 'sync' })
  watch(() => session.status.value?.runId ?? null, (runId) => {
    if (runId !== null && runId !== batches.runId && batches.count > 0) {
      batches.clear(runId)
      bump()
    }
  }, { flush: 'sync' })

  // an opened network's batch losses (its file's, or its run's record): the chart as it was
  if (session.openedBatches) {
    watch(session.openedBatches, (o) => {
      if (!o || o.runId !== (session.status.value?.runId ?? o.runId)) return
      batches.clear(o.runId)
      batches.add(o.runId, 0, o.losses, o.batchesPerEpoch)
      bump()
    }, { flush: 'sync', immediate: true })
  }

  // a network set aside (it does not fit the dataset in use): its batch losses are not the current run's
  watch(() => session.status.value?.networkMismatch ?? null, (mismatch) => {
    if (mismatch && batches.count > 0) {
      batches.clear(batches.runId)
      bump()
    }
  }, { flush: 'sync' })

  const divergedX = computed(() => {
    const d = session.divergedAt.value
    if (!d) return null
    const bpe = session.status.value?.batchesPerEpoch || batches.batchesPerEpoch
    return d.lossIndex !== null ? (d.lossIndex + 1) / bpe : d.epoch - 1 + d.batch / bpe
  })
  const plannedEpochs = computed(() => session.status.value?.targetEpoch ?? 0)

  return { batches, version, smoothing: ref(DEFAULT_SMOOTHING), logEpochs: ref(false), logBatches: ref(false), divergedX, plannedEpochs }
}

const records = new WeakMap<Studio, ChartRecord>()

/** The studio's chart record, made on first use. */
export function useChartRecord(studio: Studio): ChartRecord {
  let record = records.get(studio)
  if (!record) {
    record = effectScope(true).run(() => createChartRecord(studio.session))!
    records.set(studio, record)
  }
  return record
}

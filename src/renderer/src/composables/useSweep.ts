/**
 * The sweep as the page follows it: the training process's SweepStatus (from the snapshot, the
 * answers to sweep:start and sweep:stop, and every 'sweep:state'), the 'train:epoch' events of its
 * runs that came after the last state (so small charts grow epoch by epoch between states), the
 * live runs, the progress sentence, and, once it has ended, what it found. Histories sit in
 * shallowRefs, never deep-reactive.
 */
import { computed, onScopeDispose, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import type { SweepEstimate, SweepSpec } from '../../../core/runs/types'
import type { RendererApi } from '../../../shared/api'
import type { SweepStatus, TrainConfig } from '../../../shared/ipc'
import { liveRuns, type LiveRun } from '../sweep/sweepLive'
import { sweepOutcome, type SweepOutcome } from '../sweep/sweepOutcome'
import { progressSentence } from '../sweep/sweepWords'
import { requestsInto } from './requestsInto'
import type { Notices } from './useNotices'

export interface SweepState {
  /** null until the page has heard of a sweep. */
  readonly status: Readonly<ShallowRef<SweepStatus | null>>
  /** every run in plan order, its history up to its latest epoch. */
  readonly runs: ComputedRef<readonly LiveRun[]>
  readonly running: ComputedRef<boolean>
  /** "5 of 12 runs done, about 25 s left". */
  readonly progress: ComputedRef<string>
  /** what a sweep that ended found; null while one runs or before any. */
  readonly outcome: ComputedRef<SweepOutcome | null>
  /** a start or stop is on its way. */
  readonly busy: Readonly<Ref<boolean>>
  /** Takes over the sweep the app already has (after a (re)load of the page). */
  adopt(status: SweepStatus | null): void
  /** What `spec` would cost with `config` as its base (rejects with a plain message). */
  estimate(spec: SweepSpec, config: TrainConfig): Promise<SweepEstimate>
  /** Resolves true when it started (a refusal is shown as a notice). */
  start(spec: SweepSpec, config: TrainConfig): Promise<boolean>
  /** Stops one run, or every run (null). */
  stop(runId: number | null): Promise<void>
}

export function useSweep(api: RendererApi, notices: Notices): SweepState {
  const status = shallowRef<SweepStatus | null>(null)
  /** epochs of the sweep's runs heard since their last state, by run id. */
  const events = shallowRef<ReadonlyMap<number, readonly EpochMetrics[]>>(new Map())
  const busy = ref(false)

  function setStatus(next: SweepStatus): void {
    const before = status.value
    status.value = next
    const kept = new Map<number, readonly EpochMetrics[]>()
    if (before?.id === next.id) {
      // keep only the epochs the state does not have yet
      for (const r of next.runs) {
        const heard = events.value.get(r.runId)
        const last = r.history.length ? r.history[r.history.length - 1].epoch : 0
        if (heard && heard[heard.length - 1].epoch > last) kept.set(r.runId, heard.filter((m) => m.epoch > last))
      }
    }
    events.value = kept
  }

  onScopeDispose(api.on('sweep:state', setStatus))
  onScopeDispose(api.on('train:epoch', (e) => {
    const s = status.value
    if (s?.state !== 'running' || !s.runs.some((r) => r.runId === e.runId)) return
    const next = new Map(events.value)
    next.set(e.runId, [...(next.get(e.runId) ?? []).filter((m) => m.epoch < e.metrics.epoch), e.metrics])
    events.value = next
  }))

  const runs = computed(() => liveRuns(status.value, events.value))
  const running = computed(() => status.value?.state === 'running')
  const progress = computed(() => (status.value ? progressSentence(status.value, new Map(runs.value.map((r) => [r.runId, r.history]))) : ''))
  const outcome = computed(() => {
    const s = status.value
    return s && (s.state === 'finished' || s.state === 'stopped') && s.runs.length ? sweepOutcome(s.axes, runs.value) : null
  })

  const request = requestsInto(setStatus, notices, busy)

  return {
    status, runs, running, progress, outcome, busy,
    adopt(s) {
      if (s) setStatus(s)
    },
    estimate: (spec, config) => api.invoke('sweep:estimate', { spec, config }),
    start: (spec, config) => request(() => api.invoke('sweep:start', { spec, config })),
    async stop(runId) {
      await request(() => api.invoke('sweep:stop', { runId }))
    }
  }
}

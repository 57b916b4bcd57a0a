/**
 * The training run as the page sees it: the worker's status, the latest batch progress, the
 * per-epoch history and the latest weight snapshot, all kept current from the API's events,
 * plus the run controls. Big payloads (weights, history) sit in shallowRefs, never deep-reactive.
 */
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { EpochMetrics, Hyperparameters, ProgressEvent, TrainingStatus, WeightsEvent } from '../../../shared/ipc'
import type { Notices } from './useNotices'

export interface TrainingSession {
  readonly status: Readonly<ShallowRef<TrainingStatus | null>>
  readonly progress: Readonly<ShallowRef<ProgressEvent | null>>
  readonly history: Readonly<ShallowRef<readonly EpochMetrics[]>>
  readonly weights: Readonly<ShallowRef<WeightsEvent | null>>
  /** a run-control request is on its way: buttons wait for its answer. */
  readonly busy: Readonly<Ref<boolean>>
  /** Takes over the state the app already had (after a (re)load of the page). */
  adopt(status: TrainingStatus, weights: WeightsEvent | null, history: readonly EpochMetrics[]): void
  /** Shows the history of a model that was opened. */
  showHistory(history: readonly EpochMetrics[]): void
  start(hyper: Hyperparameters, threads: number): Promise<void>
  pause(): Promise<void>
  resume(): Promise<void>
  stop(): Promise<void>
}

/** `history` with `m` in its place: later epochs (of an abandoned branch) dropped, `m` appended. */
export function withEpoch(history: readonly EpochMetrics[], m: EpochMetrics): EpochMetrics[] {
  return [...history.filter((h) => h.epoch < m.epoch), m]
}

export function useTrainingSession(api: RendererApi, notices: Notices): TrainingSession {
  const status = shallowRef<TrainingStatus | null>(null)
  const progress = shallowRef<ProgressEvent | null>(null)
  const history = shallowRef<readonly EpochMetrics[]>([])
  const weights = shallowRef<WeightsEvent | null>(null)
  const busy = ref(false)

  const current = (runId: number): boolean => status.value === null || status.value.runId === runId

  function setStatus(next: TrainingStatus): void {
    const before = status.value
    // a fresh start or a reset: a new network without epochs, so the old curves go
    if (before && next.runId !== before.runId && next.epoch === 0) {
      history.value = []
      progress.value = null
    }
    if (next.state === 'idle' && !next.hasNetwork) progress.value = null
    status.value = next
  }

  const stops = [
    api.on('train:state', setStatus),
    api.on('train:progress', (p) => {
      if (current(p.runId)) progress.value = p
    }),
    api.on('train:epoch', (e) => {
      if (current(e.runId)) history.value = withEpoch(history.value, e.metrics)
    }),
    api.on('train:weights', (w) => {
      if (current(w.runId)) weights.value = w
    }),
    api.on('train:finished', (f) => {
      if (!current(f.runId)) return
      if (f.history.length > 0) history.value = f.history
      const last = f.history[f.history.length - 1]
      if (f.reason === 'completed' && last) {
        notices.show('info', `Training finished after epoch ${last.epoch}: ${(100 * last.testAccuracy).toFixed(1)} % of the test pictures are right.`)
      }
    }),
    api.on('train:diverged', (d) => {
      if (current(d.runId)) notices.show('error', d.message)
    })
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
  })

  async function control(request: () => Promise<TrainingStatus>): Promise<void> {
    busy.value = true
    try {
      setStatus(await request())
    } catch (e) {
      notices.report(e)
    } finally {
      busy.value = false
    }
  }

  return {
    status,
    progress,
    history,
    weights,
    busy,
    adopt(s, w, h) {
      status.value = s
      weights.value = w
      history.value = h
    },
    showHistory(h) {
      history.value = h
    },
    start: (hyper, threads) => control(() => api.invoke('train:start', { config: { ...hyper, threads }, from: 'fresh' })),
    pause: () => control(() => api.invoke('train:pause', {})),
    resume: () => control(() => api.invoke('train:resume', {})),
    stop: () => control(() => api.invoke('train:stop', {}))
  }
}

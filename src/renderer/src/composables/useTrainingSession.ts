/**
 * The training run as the page sees it: the worker's status, the latest batch progress, the
 * per-epoch history, the latest weight snapshot and where the loss blew up, all kept current
 * from the API's events, plus the run-control requests. A 'train:state' with a new runId comes
 * before that run's other events (ipc.ts), so the old run's data are dropped there. Big payloads
 * (weights, history) sit in shallowRefs, never deep-reactive. Once test loss has been rising for
 * a few epochs while training loss falls (core overfitting), it says so, once per history; the
 * message at the end names the best epoch. A network set aside (it does not fit the dataset in
 * use: TrainingStatus.networkMismatch) shows no curves as the current run's; they come back if a
 * dataset it fits is opened again.
 */
import { endOfRunSentence, overfitting, overfittingSentence } from '../../../core/runs/summary'
import { computed, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type {
  DivergedEvent, EpochMetrics, ProgressEvent, StartFrom, StepSettings, TrainConfig, TrainingStatus, WeightsEvent
} from '../../../shared/ipc'
import { requestsInto } from './requestsInto'
import type { Notices } from './useNotices'

/** Where the loss blew up, for the guard's message and the charts' mark. */
export interface Divergence extends DivergedEvent {
  /** the run-wide number of the batch whose loss blew up (ProgressEvent.firstBatch numbering), when known. */
  readonly lossIndex: number | null
}

export interface TrainingSession {
  readonly status: Readonly<ShallowRef<TrainingStatus | null>>
  readonly progress: Readonly<ShallowRef<ProgressEvent | null>>
  /** the current network's epochs (none while it is set aside). */
  readonly history: Readonly<Ref<readonly EpochMetrics[]>>
  readonly weights: Readonly<ShallowRef<WeightsEvent | null>>
  /** the current run's divergence (epoch and batch, 1-based epoch), null when its loss has not blown up. */
  readonly divergedAt: Readonly<ShallowRef<Divergence | null>>
  /** completed epochs when the current start began (for time per epoch), null when unknown (page reloaded mid-run). */
  readonly startEpoch: Readonly<Ref<number | null>>
  /** a run-control request is on its way: buttons wait for its answer. */
  readonly busy: Readonly<Ref<boolean>>
  /** Takes over the state the app already had (after a (re)load of the page). */
  adopt(status: TrainingStatus, weights: WeightsEvent | null, history: readonly EpochMetrics[]): void
  /** Shows the history of a model that was opened. */
  showHistory(history: readonly EpochMetrics[]): void
  /** the batch losses of the network opened last (a model file or a recorded run), for the batch chart; null when none came. */
  readonly openedBatches: Readonly<ShallowRef<OpenedBatches | null>>
  /** Shows the batch losses of a model that was opened (the current run's, as the status names it). */
  showBatchLosses(losses: Float32Array | undefined, epochs: number): void
  /** Resolves true when the run started (a refusal is shown as a notice). */
  start(config: TrainConfig, from: StartFrom): Promise<boolean>
  /** One epoch (or the rest of this one), then paused; while paused, `config`'s learning rate, momentum and L2 apply first. */
  step(config: TrainConfig): Promise<boolean>
  pause(): Promise<boolean>
  /** Resumes; `settings` (learning rate, momentum, L2) first, when they changed while paused. */
  resume(settings?: StepSettings | null): Promise<boolean>
  stop(): Promise<boolean>
  reset(): Promise<boolean>
}

/** Every batch loss of an opened network, as the batch chart places them. */
export interface OpenedBatches {
  readonly runId: number
  readonly losses: Float32Array
  readonly batchesPerEpoch: number
}

/** `history` with `m` in its place: later epochs (of an abandoned branch) dropped, `m` appended. */
export function withEpoch(history: readonly EpochMetrics[], m: EpochMetrics): EpochMetrics[] {
  return [...history.filter((h) => h.epoch < m.epoch), m]
}

const sameSettings = (a: StepSettings, b: StepSettings): boolean =>
  a.learningRate === b.learningRate && a.momentum === b.momentum && a.l2 === b.l2

const active = (s: TrainingStatus | null): boolean => s?.state === 'running' || s?.state === 'paused'

export function useTrainingSession(api: RendererApi, notices: Notices): TrainingSession {
  const status = shallowRef<TrainingStatus | null>(null)
  const progress = shallowRef<ProgressEvent | null>(null)
  /** the current network's epochs as the worker has them, shown while it fits the dataset in use. */
  const kept = shallowRef<readonly EpochMetrics[]>([])
  const history = computed<readonly EpochMetrics[]>(() => (status.value?.networkMismatch ? [] : kept.value))
  const weights = shallowRef<WeightsEvent | null>(null)
  const divergedAt = shallowRef<Divergence | null>(null)
  const startEpoch = ref<number | null>(null)
  const busy = ref(false)
  const openedBatches = shallowRef<OpenedBatches | null>(null)

  const current = (runId: number): boolean => status.value === null || status.value.runId === runId
  /** the history's overfitting was said (or was there before this page saw it being trained). */
  let overfitSaid = false
  function showHistoryOf(h: readonly EpochMetrics[]): void {
    kept.value = h
    overfitSaid = overfitting(h) !== null
  }

  function setStatus(next: TrainingStatus): void {
    const before = status.value
    const newRun = before !== null && next.runId !== before.runId
    if (newRun) {
      divergedAt.value = null
      progress.value = null
      // a fresh start or a reset: a new network without epochs, so the old curves go
      if (next.epoch === 0) showHistoryOf([])
    }
    if (next.state === 'idle' && !next.hasNetwork) progress.value = null
    // a start (not a resume): time per epoch counts from here
    if (next.state === 'running' && (newRun || !active(before))) startEpoch.value = next.epoch
    status.value = next
  }

  const stops = [
    api.on('train:state', setStatus),
    api.on('train:progress', (p) => {
      if (current(p.runId)) progress.value = p
    }),
    api.on('train:epoch', (e) => {
      if (!current(e.runId)) return
      kept.value = withEpoch(kept.value, e.metrics)
      const o = overfitSaid ? null : overfitting(kept.value)
      if (o) {
        overfitSaid = true
        notices.show('info', overfittingSentence(o))
      }
    }),
    api.on('train:weights', (w) => {
      if (current(w.runId)) weights.value = w
    }),
    api.on('train:finished', (f) => {
      if (!current(f.runId)) return
      if (f.history.length > 0) kept.value = f.history
      const last = f.history[f.history.length - 1]
      if (f.reason === 'completed' && last) {
        notices.show('info', `Training finished after epoch ${last.epoch}. ${endOfRunSentence(f.history)}`)
      }
    }),
    api.on('train:diverged', (d) => {
      if (!current(d.runId)) return
      // the worker sends the blown-up batch's loss (last in the latest progress) before this event
      const p = progress.value && progress.value.runId === d.runId ? progress.value : null
      divergedAt.value = { ...d, lossIndex: p && p.losses.length > 0 ? p.firstBatch + p.losses.length - 1 : null }
    })
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
  })

  /** While paused: sends learning rate, momentum and L2 when the user changed them. */
  async function applySettings(settings: StepSettings | null | undefined): Promise<void> {
    const s = status.value
    if (settings && s?.state === 'paused' && s.settings !== null && !sameSettings(s.settings, settings)) {
      await api.invoke('train:update-settings', { settings })
    }
  }

  const control = requestsInto(setStatus, notices, busy)

  return {
    status,
    progress,
    history,
    weights,
    divergedAt,
    startEpoch,
    busy,
    adopt(s, w, h) {
      status.value = s
      weights.value = w
      showHistoryOf(h)
      startEpoch.value = null
    },
    showHistory: showHistoryOf,
    openedBatches,
    showBatchLosses(losses, epochs) {
      const runId = status.value?.runId
      if (!losses || losses.length === 0 || runId === undefined) return
      openedBatches.value = { runId, losses, batchesPerEpoch: Math.max(1, Math.round(losses.length / Math.max(1, epochs))) }
    },
    start: (config, from) => control(() => api.invoke('train:start', { config, from })),
    step: (config) => control(async () => {
      await applySettings({ learningRate: config.learningRate, momentum: config.momentum, l2: config.l2 })
      return api.invoke('train:step', { config })
    }),
    pause: () => control(() => api.invoke('train:pause', {})),
    resume: (settings) => control(async () => {
      await applySettings(settings)
      return api.invoke('train:resume', {})
    }),
    stop: () => control(() => api.invoke('train:stop', {})),
    reset: () => control(() => api.invoke('train:reset', {}))
  }
}

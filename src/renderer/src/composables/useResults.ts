/**
 * What the Results tab shows: the confusion matrix of one split (train:evaluate) and a page of
 * its pictures with the network's answers (train:predictions), either all of them or one cell of
 * the matrix (most confident mistakes first). Both follow the run: after each epoch (at most
 * once per `throttleMs` while training runs), at pauses, at the end, after opening a model,
 * and on demand. They follow the data and the network too: when another dataset is in use, or
 * another network, what was shown (or why it could not be) goes at once and is asked again; a
 * network set aside (it does not fit the dataset in use) has no results here. Answers that arrive
 * after a newer question are dropped. Pictures and counts sit in shallowRefs (markRaw), never
 * deep-reactive.
 */
import { computed, markRaw, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { DatasetInfo, EpochMetrics, PredictionQuery, Predictions, Split, SplitEvaluation, TrainingStatus } from '../../../shared/ipc'

export interface Cell {
  readonly actual: number
  readonly predicted: number
}

export type PreviewOrder = PredictionQuery['order']

export interface Results {
  readonly split: Ref<Split>
  /** the grid's order when no cell is open. */
  readonly order: Ref<PreviewOrder>
  /** the open cell of the matrix, or null for every picture of the split. */
  readonly cell: Readonly<Ref<Cell | null>>
  readonly page: Readonly<Ref<number>>
  readonly pageSize: number
  readonly pages: ComputedRef<number>
  readonly evaluation: Readonly<ShallowRef<SplitEvaluation | null>>
  readonly predictions: Readonly<ShallowRef<Predictions | null>>
  /** the completed epoch the shown results belong to. */
  readonly epoch: Readonly<Ref<number | null>>
  readonly loading: Readonly<Ref<boolean>>
  /** why the results could not be fetched, in plain words. */
  readonly error: Readonly<Ref<string | null>>
  /** there is a network to ask, and it fits the dataset in use. */
  readonly available: ComputedRef<boolean>
  /** Asks again: the matrix and the pictures, or with `picturesOnly` just the pictures. */
  refresh(picturesOnly?: boolean): Promise<void>
  openCell(cell: Cell): void
  closeCell(): void
  setPage(page: number): void
}

export interface ResultsOptions {
  readonly pageSize?: number
  /** least time between two refreshes while training runs. */
  readonly throttleMs?: number
  /** whether anyone is looking (e.g. the Results tab is open); while not, nothing is asked and the next look catches up. */
  readonly active?: () => boolean
}

/** The run as useResults follows it: the worker's status and the epochs so far (from useTrainingSession), and the dataset in use. */
export interface RunView {
  readonly status: Readonly<Ref<TrainingStatus | null>>
  readonly history: Readonly<Ref<readonly EpochMetrics[]>>
  /** the dataset in use (useDataset): a new one (opened, other classes, renamed) is a new question. */
  readonly dataset?: Readonly<Ref<DatasetInfo | null>>
}

export function useResults(api: RendererApi, run: RunView, options: ResultsOptions = {}): Results {
  const { status, history } = run
  const pageSize = options.pageSize ?? 24
  const throttleMs = options.throttleMs ?? 1500
  const active = options.active ?? (() => true)
  const split = ref<Split>('test')
  const order = ref<PreviewOrder>('index')
  const cell = ref<Cell | null>(null)
  const page = ref(0)
  const evaluation = shallowRef<SplitEvaluation | null>(null)
  const predictions = shallowRef<Predictions | null>(null)
  const epoch = ref<number | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  const available = computed(() => status.value?.hasNetwork === true && !status.value.networkMismatch)
  const pages = computed(() => Math.max(1, Math.ceil((predictions.value?.total ?? 0) / pageSize)))

  let asked = 0
  /** the run's key when the shown matrix was asked for. */
  let shownKey = ''
  let lastRefresh = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null

  function clear(): void {
    asked++
    evaluation.value = null
    predictions.value = null
    epoch.value = null
    error.value = null
    loading.value = false
  }

  function query(): PredictionQuery {
    const c = cell.value
    return {
      split: split.value,
      ...(c ? { actual: c.actual, predicted: c.predicted } : {}),
      order: c ? 'confident-mistakes' : order.value,
      offset: page.value * pageSize,
      limit: pageSize
    }
  }

  /** each dataset the page has had in use, numbered: answers about one are not about the next. */
  const datasetNumber = ref(0)
  if (run.dataset) watch(run.dataset, () => { datasetNumber.value++ }, { flush: 'sync' })
  /** What the answers are about: the network (its run) on the dataset in use. */
  const subjectKey = (): string => {
    const s = status.value
    return s ? `${s.hasNetwork}:${s.runId}:${s.networkMismatch ?? ''}:${datasetNumber.value}` : ''
  }
  /** What identifies the network's current answers: the subject, its epochs and its state. */
  const runKey = (): string => {
    const s = status.value
    const last = history.value[history.value.length - 1]
    return s ? `${subjectKey()}:${history.value.length}:${last?.epoch ?? s.epoch}:${s.state}` : ''
  }

  async function refresh(picturesOnly = false): Promise<void> {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (!available.value) {
      clear()
      return
    }
    const mine = ++asked
    const key = runKey()
    const which = split.value
    const both = !picturesOnly || evaluation.value === null || key !== shownKey
    const last = history.value[history.value.length - 1]
    const at = last?.epoch ?? status.value?.epoch ?? null
    lastRefresh = Date.now()
    loading.value = true
    try {
      const [e, p] = await Promise.all([
        both ? api.invoke('train:evaluate', {}) : null,
        api.invoke('train:predictions', { query: query() })
      ])
      if (mine !== asked) return
      if (e) {
        evaluation.value = markRaw(e[which])
        shownKey = key
        epoch.value = at
      }
      predictions.value = markRaw(p)
      error.value = null
    } catch (e) {
      if (mine !== asked) return
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  /** Refreshes now, or once the throttle allows while training runs. */
  function follow(): void {
    const running = status.value?.state === 'running'
    const wait = running ? lastRefresh + throttleMs - Date.now() : 0
    if (wait <= 0) void refresh()
    else if (timer === null) timer = setTimeout(() => void refresh(), wait)
  }

  // another dataset or network: what was shown (or why it could not be) is about something else
  watch(subjectKey, () => clear(), { flush: 'sync' })
  // a new run, a new epoch, a pause or the end: the network's answers have changed
  watch([runKey, active], ([key]) => {
    if (!available.value) clear()
    else if (active() && (key !== shownKey || evaluation.value === null)) follow()
  }, { immediate: true })

  watch(split, () => {
    page.value = 0
    void refresh()
  })
  watch(order, () => {
    page.value = 0
    void refresh(true)
  })

  onScopeDispose(() => {
    asked++
    if (timer !== null) clearTimeout(timer)
  })

  return {
    split, order, cell, page, pageSize, pages, evaluation, predictions, epoch, loading, error, available, refresh,
    openCell(c) {
      cell.value = { actual: c.actual, predicted: c.predicted }
      page.value = 0
      void refresh(true)
    },
    closeCell() {
      cell.value = null
      page.value = 0
      void refresh(true)
    },
    setPage(n) {
      page.value = Math.min(Math.max(0, Math.floor(n)), pages.value - 1)
      void refresh(true)
    }
  }
}

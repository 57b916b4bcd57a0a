/**
 * The recorded runs as the studio sees them: the store's list (read when the Runs tab opens and
 * replaced by every 'runs:changed'), which runs are ticked and the colour each has, what that
 * puts on the charts (runSelection.ts), and the changes a user makes: rename, star, delete (after
 * a question), clean up (core prunePlan, after a question) and "Use these settings". The list
 * sits in a shallowRef: a run's history never becomes deep-reactive.
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { prunePlan, type PrunePlan } from '../../../core/runs/prune'
import type { RunList, RunRecord } from '../../../core/runs/types'
import type { RendererApi } from '../../../shared/api'
import type { OverlayRun } from '../charts/runOverlay'
import { assignColours, MAX_ON_CHARTS, MAX_TICKED } from '../runs/runColours'
import { comparisonOf, overlayOf } from '../runs/runSelection'
import { runName, sizeWords } from '../runs/runWords'
import { requestsInto } from './requestsInto'
import type { Confirmation } from './useConfirm'
import type { HyperparameterForm } from './useHyperparameterForm'
import type { Notices } from './useNotices'

export interface RunsState {
  /** null until first read. */
  readonly list: Readonly<ShallowRef<RunList | null>>
  readonly loading: Readonly<Ref<boolean>>
  /** ticked run ids, in the order they were ticked. */
  readonly ticked: Readonly<ShallowRef<readonly string[]>>
  /** each ticked run's place in the palette (kept while it stays ticked). */
  readonly slots: Readonly<ShallowRef<ReadonlyMap<string, number>>>
  /** why the last tick was refused (the limit), until a tick goes through. */
  readonly limitNote: Readonly<Ref<string | null>>
  /** the ticked runs' lines for the charts. */
  readonly overlay: ComputedRef<readonly OverlayRun[]>
  /** the sentence about two runs, or null. */
  readonly comparison: ComputedRef<string | null>
  /** the store id of the studio's current run, when it is recorded. */
  readonly currentId: ComputedRef<string | null>
  refresh(): Promise<void>
  /** Ticks or unticks a run; false when the limit refused the tick. */
  setTicked(id: string, on: boolean): boolean
  /** Resolves true when the name was saved. */
  rename(id: string, name: string): Promise<boolean>
  star(id: string, starred: boolean): Promise<void>
  /** Deletes runs after asking. */
  remove(ids: readonly string[]): Promise<void>
  /** Offers every run but the starred, the best of each sweep, the training and the current ones for deletion. */
  cleanUp(): Promise<void>
  /** Copies a run's settings into the form, as a preset does (threads stay). */
  useSettings(id: string): void
  /**
   * Opens a run's network as the current one (its history and settings come with it, and
   * Continue trains it further as a new run); asks first when the trained network is not saved.
   */
  open(id: string): Promise<void>
}

export interface RunsDeps {
  readonly api: RendererApi
  readonly notices: Notices
  readonly confirm: Confirmation
  readonly form: HyperparameterForm
  /** the store id of the current run, when the training process recorded it. */
  readonly currentId: () => string | null
  /** a run is training or paused: the form is locked. */
  readonly active: () => boolean
  /** the current network trained since it was saved: replacing it asks first. */
  readonly unsaved: () => boolean
}

export const LIMIT_NOTE = `The charts show at most ${MAX_ON_CHARTS} runs at once: the current run and ${MAX_TICKED} ticked ones. Untick a run to show another.`

const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`

/** "the 3 starred runs, the best run of each sweep (2), …": what a clean-up keeps, in words. */
export function keptWords(plan: PrunePlan): string {
  const k = plan.kept
  const parts = [
    k.starred.length ? `the ${k.starred.length === 1 ? 'starred run' : `${k.starred.length} starred runs`}` : '',
    k.bestOfSweep.length ? `the best ${k.bestOfSweep.length === 1 ? 'run of its sweep' : `runs of their sweeps (${k.bestOfSweep.length})`}` : '',
    k.running.length ? `${k.running.length === 1 ? 'the run' : `the ${k.running.length} runs`} still training` : '',
    k.current.length ? 'the current run' : '',
    k.damaged.length ? `${runs(k.damaged.length)} that cannot be read (delete ${k.damaged.length === 1 ? 'it' : 'those'} one by one)` : ''
  ].filter(Boolean)
  if (parts.length === 0) return 'It keeps nothing else.'
  return `It keeps ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}.`
}

export function useRuns(d: RunsDeps): RunsState {
  const list = shallowRef<RunList | null>(null)
  const loading = ref(false)
  const ticked = shallowRef<readonly string[]>([])
  const limitNote = ref<string | null>(null)
  const slots = shallowRef<ReadonlyMap<string, number>>(new Map())
  watch(ticked, (t) => { slots.value = assignColours(t, slots.value) }, { flush: 'sync' })
  const currentId = computed(() => d.currentId())
  const overlay = computed(() => overlayOf(list.value, ticked.value, slots.value, currentId.value))
  const comparison = computed(() => comparisonOf(list.value, ticked.value, currentId.value))

  const record = (id: string): RunRecord | undefined => list.value?.runs.find((r) => r.id === id)

  onScopeDispose(d.api.on('runs:changed', (l) => { list.value = l }))
  // a deleted run is unticked
  watch(list, (l) => {
    if (!l) return
    const ids = new Set(l.runs.map((r) => r.id))
    if (ticked.value.some((id) => !ids.has(id))) ticked.value = ticked.value.filter((id) => ids.has(id))
  })

  const change = requestsInto<RunList>((answer) => { list.value = answer }, d.notices)

  async function remove(ids: readonly string[]): Promise<void> {
    const doomed = ids.map(record).filter((r): r is RunRecord => r !== undefined)
    if (doomed.length === 0) return
    const bytes = doomed.reduce((sum, r) => sum + r.bytes, 0)
    const what = doomed.length === 1 ? `run “${runName(doomed[0])}”` : runs(doomed.length)
    const yes = await d.confirm.ask({
      title: doomed.length === 1 ? 'Delete this run?' : `Delete ${runs(doomed.length)}?`,
      message: `This deletes ${what} from the disk (${sizeWords(bytes)}): the record, its curves and its saved network. It cannot be undone.`,
      confirmLabel: doomed.length === 1 ? 'Delete run' : `Delete ${runs(doomed.length)}`
    })
    if (yes) await change(() => d.api.invoke('runs:delete', { ids: doomed.map((r) => r.id) }))
  }

  return {
    list, loading, ticked, slots, limitNote, overlay, comparison, currentId,
    async refresh() {
      loading.value = true
      try {
        list.value = await d.api.invoke('runs:list', {})
      } catch (e) {
        d.notices.report(e)
      } finally {
        loading.value = false
      }
    },
    setTicked(id, on) {
      if (!on) {
        ticked.value = ticked.value.filter((t) => t !== id)
        limitNote.value = null
        return true
      }
      if (ticked.value.includes(id)) return true
      if (ticked.value.filter((t) => t !== currentId.value).length >= MAX_TICKED) {
        limitNote.value = LIMIT_NOTE
        return false
      }
      limitNote.value = null
      ticked.value = [...ticked.value, id]
      return true
    },
    rename: (id, name) => change(() => d.api.invoke('runs:rename', { id, name })),
    star: async (id, starred) => { await change(() => d.api.invoke('runs:star', { id, starred })) },
    remove,
    async cleanUp() {
      if (!list.value) return
      const plan = prunePlan(list.value.runs, { current: currentId.value })
      if (plan.ids.length === 0) {
        d.notices.show('info', 'Nothing to clean up: every run is starred, the best of its sweep, still training, the current run, or cannot be read.')
        return
      }
      const yes = await d.confirm.ask({
        title: 'Clean up the runs?',
        message: `This deletes ${runs(plan.ids.length)} (${sizeWords(plan.bytes)}) from the disk, with their curves and saved networks. ${keptWords(plan)} It cannot be undone.`,
        confirmLabel: `Delete ${runs(plan.ids.length)}`
      })
      if (yes) await change(() => d.api.invoke('runs:delete', { ids: plan.ids }))
    },
    useSettings(id) {
      const r = record(id)
      if (!r?.ok) return
      if (d.active()) {
        d.notices.show('error', 'Stop the training first: the settings cannot change while a network trains.')
        return
      }
      const { threads: _threads, ...hyperparameters } = r.manifest.settings
      d.form.fill(hyperparameters)
      d.notices.show('info', `The settings of “${r.name}” are in the form. Press Train to train with them.`)
    },
    async open(id) {
      const r = record(id)
      if (!r?.ok) return
      if (d.active()) {
        d.notices.show('error', 'Stop the training first: a network that trains cannot be replaced.')
        return
      }
      if (d.unsaved()) {
        const yes = await d.confirm.ask({
          title: 'Discard the trained network?',
          message: `The network you trained has not been saved. Opening run “${r.name}” replaces it, and its weights and charts are lost. ` +
            'To keep it, cancel and press Save model first.',
          confirmLabel: 'Open without saving'
        })
        if (!yes) return
      }
      try {
        // its history and settings reach the charts and the form with 'model:loaded'
        const info = await d.api.invoke('runs:open', { id })
        if (info.mismatch) d.notices.show('warning', info.mismatch)
        else d.notices.show('info', `Opened run “${r.name}”. Continue trains it further, recorded as a new run.`)
      } catch (e) {
        d.notices.report(e)
      }
    }
  }
}

/**
 * The studio's state, composed from its parts: notices, dataset, training run and its controls,
 * model files, the hyperparameter form, the recorded runs, the open tab and the questions before discarding work,
 * plus start-up: take over what the app already has (after a reload) and open the demo dataset
 * when there is none, so the page is ready without choosing a file. Panels reach it through
 * useStudioContext() (studioKey.ts).
 */
import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { SEED_DEFAULTS } from '../../../core/nn/hyperparameters'
import type { RendererApi } from '../../../shared/api'
import type { AppInfo, Settings, SettingsPatch, StudioTab, WeightNormalisation } from '../../../shared/ipc'
import { describeNetwork } from '../forms/networkSummary'
import { describeStatus, type StatusView } from '../status/describeStatus'
import { progressView } from '../status/progressView'
import { useConfirm, type Confirmation } from './useConfirm'
import { useDataset, type DatasetState } from './useDataset'
import { useHyperparameterForm, type HyperparameterForm } from './useHyperparameterForm'
import { useModelFiles, type ModelFiles } from './useModelFiles'
import { useNotices, type Notices } from './useNotices'
import { showAppNotice, withdrawSetAsideWhenFits } from './setAsideNote'
import { useRunActions, type RunActions } from './useRunActions'
import { useRuns, type RunsState } from './useRuns'
import { useSweep, type SweepState } from './useSweep'
import { useTrainingSession, type TrainingSession } from './useTrainingSession'


export interface Studio {
  readonly info: Readonly<ShallowRef<AppInfo | null>>
  readonly settings: Readonly<ShallowRef<Settings | null>>
  readonly notices: Notices
  readonly dataset: DatasetState
  readonly session: TrainingSession
  readonly models: ModelFiles
  readonly form: HyperparameterForm
  readonly run: RunActions
  /** the recorded runs: the Runs tab, and the ticked runs on the charts. */
  readonly runs: RunsState
  /** the sweep: the Sweep tab's live view and results. */
  readonly sweep: SweepState
  readonly confirm: Confirmation
  readonly normalisation: Ref<WeightNormalisation>
  /** the main area's open tab (panels may skip drawing while theirs is hidden). */
  readonly tab: Readonly<Ref<StudioTab>>
  readonly statusView: ComputedRef<StatusView>
  /** the network the form describes, in one line (null while the form has mistakes or no dataset is loaded). */
  readonly networkText: ComputedRef<string | null>
  /** the form is valid, a dataset is loaded and nothing is running. */
  readonly canTrain: ComputedRef<boolean>
  /** there is a network to save, and it is not training right now. */
  readonly canSave: ComputedRef<boolean>
  /** a run is going or paused: the dataset and most settings stay as they are. */
  readonly active: ComputedRef<boolean>
  /** Reads the app's state and opens the demo when no dataset is loaded. */
  boot(): Promise<void>
  /** a fresh run with the form's settings (asks first when that would drop unsaved work). */
  train(): Promise<void>
  setNormalisation(mode: WeightNormalisation): void
  setTab(tab: StudioTab): void
}

export function useStudio(api: RendererApi): Studio {
  const notices = useNotices()
  const confirm = useConfirm()
  const dataset = useDataset(api, notices, () => info.value?.nativeDialogs === true)
  const session = useTrainingSession(api, notices)
  const form = useHyperparameterForm()
  const models = useModelFiles(api, notices, (model) => {
    session.showHistory(model.history)
    session.showBatchLosses(model.batchLosses, model.history.length)
    if (model.hyperparameters) form.fill(model.hyperparameters)
    // weights alone (.npz): at least the layers, so that Continue trains this network
    else form.fill({ ...form.result.value.ok ? form.result.value.hyper : SEED_DEFAULTS, hidden: model.hidden, activation: model.activation })
  })
  const dataReady = (): boolean => dataset.dataset.value !== null && dataset.opening.value === null
  const sweep = useSweep(api, notices)
  const run = useRunActions({ session, form, notices, confirm, dataReady, sweeping: () => sweep.running.value })
  const active = computed(() => session.status.value?.state === 'running' || session.status.value?.state === 'paused')
  const runs = useRuns({
    api, notices, confirm, form, active: () => active.value,
    currentId: () => session.status.value?.recordId ?? null,
    unsaved: () => session.status.value?.unsavedChanges === true
  })
  const info = shallowRef<AppInfo | null>(null)
  const settings = shallowRef<Settings | null>(null)
  const normalisation = ref<WeightNormalisation>('tile')
  const tab = ref<StudioTab>('training')

  onScopeDispose(api.on('app:notice', (n) => showAppNotice(notices, n)))
  withdrawSetAsideWhenFits(notices, session.status)
  // a folder of pictures opened (also from the menu) shows its preview on the Data tab
  watch(dataset.preview, (p) => {
    if (p && tab.value !== 'data') {
      tab.value = 'data'
      patchSettings({ studioTab: 'data' })
    }
  })
  onScopeDispose(api.on('settings:changed', (s) => { settings.value = s }))

  const canTrain = computed(() => run.can.value.train)
  const canSave = computed(() => session.status.value?.hasNetwork === true && session.status.value.state !== 'running')
  const statusView = computed<StatusView>(() => ({
    // while a sweep trains, the status bar says how far it has got
    text: sweep.running.value
      ? `Sweep: ${sweep.progress.value}`
      : describeStatus(session.status.value, session.progress.value, dataset.dataset.value, session.history.value),
    ...progressView(session.status.value, session.progress.value, session.startEpoch.value)
  }))

  const networkText = computed(() => {
    const result = form.result.value
    const d = dataset.dataset.value
    return result.ok && d ? describeNetwork(d.inputs, result.hyper.hidden, result.hyper.activation, d.classes.length) : null
  })

  function patchSettings(patch: SettingsPatch): void {
    api.invoke('settings:update', { patch }).then((s) => { settings.value = s }, notices.report)
  }

  async function boot(): Promise<void> {
    try {
      const snapshot = await api.invoke('app:snapshot', {})
      info.value = snapshot.info
      settings.value = snapshot.settings
      form.fill(snapshot.settings.hyperparameters, snapshot.settings.threads)
      normalisation.value = snapshot.settings.weightView.normalisation
      tab.value = snapshot.settings.studioTab ?? 'training'
      dataset.adopt(snapshot.dataset)
      session.adopt(snapshot.training, snapshot.weights, snapshot.history ?? [])
      sweep.adopt(snapshot.sweep)
      for (const n of snapshot.notices) showAppNotice(notices, n)
      if (!snapshot.dataset) await dataset.openDemo(true)
    } catch (e) {
      notices.report(e)
    }
  }

  return {
    info, settings, notices, dataset, session, models, form, run, runs, sweep, confirm, normalisation, tab,
    statusView, networkText, canTrain, canSave, active, boot,
    train: run.train,
    setNormalisation(mode) {
      normalisation.value = mode
      patchSettings({ weightView: { normalisation: mode } })
    },
    setTab(next) {
      if (tab.value === next) return
      tab.value = next
      patchSettings({ studioTab: next })
    }
  }
}

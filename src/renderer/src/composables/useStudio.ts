/**
 * The studio's state, composed from its parts: notices, dataset, training run, model files and
 * the hyperparameter form, plus start-up: take over what the app already has (after a reload)
 * and open the demo dataset when there is none, so the page is ready without choosing a file.
 */
import { computed, onScopeDispose, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { AppInfo, Settings, WeightNormalisation } from '../../../shared/ipc'
import { describeNetwork } from '../forms/networkSummary'
import { describeStatus, type StatusView } from '../status/describeStatus'
import { useDataset, type DatasetState } from './useDataset'
import { useHyperparameterForm, type HyperparameterForm } from './useHyperparameterForm'
import { useModelFiles, type ModelFiles } from './useModelFiles'
import { useNotices, type Notices } from './useNotices'
import { useTrainingSession, type TrainingSession } from './useTrainingSession'

export interface Studio {
  readonly info: Readonly<ShallowRef<AppInfo | null>>
  readonly notices: Notices
  readonly dataset: DatasetState
  readonly session: TrainingSession
  readonly models: ModelFiles
  readonly form: HyperparameterForm
  readonly normalisation: Ref<WeightNormalisation>
  readonly statusView: ComputedRef<StatusView>
  /** the network the form describes, in one line (null while the form has mistakes or no dataset is loaded). */
  readonly networkText: ComputedRef<string | null>
  /** the form is valid, a dataset is loaded and nothing is running. */
  readonly canTrain: ComputedRef<boolean>
  /** there is a network to save. */
  readonly canSave: ComputedRef<boolean>
  /** Reads the app's state and opens the demo when no dataset is loaded. */
  boot(): Promise<void>
  train(): Promise<void>
  setNormalisation(mode: WeightNormalisation): void
}

export function useStudio(api: RendererApi): Studio {
  const notices = useNotices()
  const dataset = useDataset(api, notices)
  const session = useTrainingSession(api, notices)
  const form = useHyperparameterForm()
  const models = useModelFiles(api, notices, (model) => {
    session.showHistory(model.history)
    if (model.hyperparameters) form.fill(model.hyperparameters)
  })
  const info = shallowRef<AppInfo | null>(null)
  const settings = shallowRef<Settings | null>(null)
  const normalisation = ref<WeightNormalisation>('tile')

  onScopeDispose(api.on('app:notice', (n) => notices.show(n.level, n.message)))

  const running = computed(() => session.status.value?.state === 'running' || session.status.value?.state === 'paused')
  const canTrain = computed(() => form.result.value.ok && dataset.dataset.value !== null && !running.value && dataset.opening.value === null)
  const canSave = computed(() => session.status.value?.hasNetwork === true && !running.value)
  const statusView = computed(() =>
    describeStatus(session.status.value, session.progress.value, dataset.dataset.value, session.history.value))

  const networkText = computed(() => {
    const result = form.result.value
    const d = dataset.dataset.value
    return result.ok && d ? describeNetwork(d.inputs, result.hyper.hidden, result.hyper.activation, d.classes.length) : null
  })

  async function boot(): Promise<void> {
    try {
      const snapshot = await api.invoke('app:snapshot', {})
      info.value = snapshot.info
      settings.value = snapshot.settings
      form.fill(snapshot.settings.hyperparameters)
      normalisation.value = snapshot.settings.weightView.normalisation
      dataset.adopt(snapshot.dataset)
      session.adopt(snapshot.training, snapshot.weights, snapshot.history)
      for (const n of snapshot.notices) notices.show(n.level, n.message)
      if (!snapshot.dataset) await dataset.openDemo(true)
    } catch (e) {
      notices.report(e)
    }
  }

  async function train(): Promise<void> {
    const result = form.result.value
    if (!result.ok) {
      notices.show('error', 'Some settings need fixing before training can start: see the notes beside them.')
      return
    }
    await session.start(result.hyper, settings.value?.threads ?? 0)
    if (session.status.value?.state === 'running') {
      api.invoke('settings:update', { patch: { hyperparameters: result.hyper } }).then((s) => { settings.value = s }, () => {})
    }
  }

  function setNormalisation(mode: WeightNormalisation): void {
    normalisation.value = mode
    api.invoke('settings:update', { patch: { weightView: { normalisation: mode } } }).then((s) => { settings.value = s }, notices.report)
  }

  return { info, notices, dataset, session, models, form, normalisation, statusView, networkText, canTrain, canSave, boot, train, setNormalisation }
}

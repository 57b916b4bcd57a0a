/**
 * The run controls: what each button and shortcut does with the form's settings, which of them
 * make sense right now, and the question before a fresh start would drop a trained network that
 * was not saved. The divergence guard's retry lives here too: half the learning rate, same start.
 */
import { computed, type ComputedRef } from 'vue'
import type { StartFrom, TrainConfig, TrainingStatus } from '../../../shared/ipc'
import type { ShortcutAction } from '../keys/shortcuts'
import type { Confirmation } from './useConfirm'
import type { HyperparameterForm } from './useHyperparameterForm'
import type { Notices } from './useNotices'
import type { TrainingSession } from './useTrainingSession'

export interface RunAvailability {
  readonly train: boolean
  readonly sameStart: boolean
  readonly continue: boolean
  readonly step: boolean
  readonly pause: boolean
  readonly resume: boolean
  readonly stop: boolean
  readonly reset: boolean
}

export interface RunInputs {
  readonly status: TrainingStatus | null
  readonly busy: boolean
  /** the form has no mistakes. */
  readonly formOk: boolean
  /** a dataset is loaded and none is being opened. */
  readonly dataReady: boolean
  /** a sweep trains: no run of the studio's own starts meanwhile (docs/runs.md). */
  readonly sweeping?: boolean
}

/** Which run controls make sense in this state. */
export function runAvailability({ status, busy, formOk, dataReady, sweeping = false }: RunInputs): RunAvailability {
  const state = status?.state ?? null
  const ready = !busy && state !== null
  const settled = ready && (state === 'idle' || state === 'finished')
  const canStart = settled && formOk && dataReady && !sweeping
  // a network set aside (it does not fit the dataset in use) is not trained further; Step would continue it
  const aside = status?.hasNetwork === true && status.networkMismatch != null
  return {
    train: canStart,
    // the earlier start belongs with the network set aside: it was made for other data
    sameStart: canStart && status?.config != null && !aside,
    continue: canStart && status?.hasNetwork === true && !aside,
    step: ready && (state === 'running' || state === 'paused' || (canStart && !aside)),
    pause: ready && state === 'running',
    resume: ready && state === 'paused',
    stop: ready && (state === 'running' || state === 'paused'),
    reset: ready && state !== 'running' && (status?.hasNetwork === true || (status?.epoch ?? 0) > 0)
  }
}

export interface RunActions {
  readonly can: ComputedRef<RunAvailability>
  /** a fresh start from the form's seed. */
  train(): Promise<void>
  /** a fresh run from exactly the previous run's initial weights. */
  sameStart(): Promise<void>
  /** trains the current network for the form's epochs more. */
  continueTraining(): Promise<void>
  step(): Promise<void>
  pause(): Promise<void>
  resume(): Promise<void>
  stop(): Promise<void>
  reset(): Promise<void>
  /** After a divergence: halves the learning rate in the form and starts again from the same start. */
  retryWithHalfRate(): Promise<void>
  /** Runs a keyboard shortcut; whether it did something. */
  shortcut(action: ShortcutAction): boolean
  /** Asks before a trained network that was not saved would be dropped; true to go ahead. */
  confirmDiscard(what: string, confirmLabel: string): Promise<boolean>
}

export interface RunDeps {
  readonly session: TrainingSession
  readonly form: HyperparameterForm
  readonly notices: Notices
  readonly confirm: Confirmation
  readonly dataReady: () => boolean
  /** a sweep trains. */
  readonly sweeping?: () => boolean
}

export function useRunActions({ session, form, notices, confirm, dataReady, sweeping }: RunDeps): RunActions {
  const can = computed(() => runAvailability({
    status: session.status.value, busy: session.busy.value, formOk: form.result.value.ok, dataReady: dataReady(), sweeping: sweeping?.() ?? false
  }))

  function config(): TrainConfig | null {
    const r = form.result.value
    if (r.ok) return { ...r.hyper, threads: r.threads }
    notices.show('error', 'Some settings need fixing before training can start: see the notes beside them.')
    return null
  }

  async function confirmDiscard(what: string, confirmLabel: string): Promise<boolean> {
    if (session.status.value?.unsavedChanges !== true) return true
    return confirm.ask({
      title: 'Discard the trained network?',
      message: `The network you trained has not been saved. ${what} replaces it, and its weights and charts are lost. ` +
        'To keep it, cancel and press Save model first.',
      confirmLabel
    })
  }

  async function start(from: StartFrom): Promise<boolean> {
    const c = config()
    return c !== null && session.start(c, from)
  }

  async function retryWithHalfRate(): Promise<void> {
    const d = session.divergedAt.value
    const current = form.result.value.ok ? form.result.value.hyper.learningRate : null
    const rate = (d?.learningRate ?? current ?? 0) / 2
    if (!(rate > 0)) return
    form.set('learningRate', String(Number(rate.toPrecision(6))))
    const c = config()
    if (!c) return
    // the same start repeats the run with only the learning rate changed; without one (a continued
    // model, other layers in the form) a fresh start is the next best thing
    if (session.status.value?.config != null && await session.start(c, 'same-start')) return
    await session.start(c, 'fresh')
  }

  const actions: RunActions = {
    can,
    train: async () => {
      if (can.value.train && await confirmDiscard('A fresh start', 'Discard and train')) await start('fresh')
    },
    sameStart: async () => {
      if (can.value.sameStart && await confirmDiscard('Training again from the same start', 'Discard and train')) await start('same-start')
    },
    continueTraining: async () => {
      if (can.value.continue) await start('continue')
    },
    step: async () => {
      const c = can.value.step ? config() : null
      if (c) await session.step(c)
    },
    pause: async () => {
      if (can.value.pause) await session.pause()
    },
    resume: async () => {
      if (!can.value.resume) return
      const settings = form.stepSettings.value
      if (!settings) {
        notices.show('error', 'The learning rate, momentum or L2 penalty needs fixing before training can go on: see the note beside it.')
        return
      }
      await session.resume(settings)
    },
    stop: async () => {
      if (can.value.stop) await session.stop()
    },
    reset: async () => {
      if (can.value.reset && await confirmDiscard('Resetting', 'Discard and reset')) await session.reset()
    },
    retryWithHalfRate,
    shortcut(action) {
      const state = session.status.value?.state
      switch (action) {
        case 'pause-resume':
          if (state === 'running' && can.value.pause) void actions.pause()
          else if (state === 'paused' && can.value.resume) void actions.resume()
          else return false
          return true
        case 'train':
          if (!can.value.train) return false
          void actions.train()
          return true
        case 'step':
          if (!can.value.step) return false
          void actions.step()
          return true
        case 'stop':
          if (!can.value.stop) return false
          void actions.stop()
          return true
      }
    },
    confirmDiscard
  }
  return actions
}

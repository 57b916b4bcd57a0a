/**
 * The main side of the app without Electron: the training worker under its supervisor (told the
 * run store's folder, where it records the runs it trains), the settings, the run store (one
 * folder for the desktop app and browser mode) and the handler table, with the worker's events
 * turned into the contract's events ('runs:changed' with the store's list, a few times a second
 * at most, whenever the worker says it recorded something).
 * The desktop app (src/main/electron) and browser mode (src/main/web) each build one and connect it
 * to their own transport.
 */
import type { AppInfo, Notice } from '../shared/ipc'
import type { TrainingStatus } from '../shared/payloads'
import { defaultRunsDir } from '../node/appData'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBytes } from '../node/readSource'
import { RunStore } from '../node/runs/store'
import { createHandlers, handleRequest, type DialogAdapter, type EmitEvent, type FileAccess, type Handlers } from './handlers'
import type { SettingsStore } from './settings/store'
import type { WorkerLauncher } from './worker/process'
import { WorkerSupervisor, type WorkerEventMessage } from './worker/supervisor'

export interface ServiceOptions {
  readonly info: AppInfo
  readonly launcher: WorkerLauncher
  readonly settings: SettingsStore
  readonly dialogs: DialogAdapter | null
  readonly emit: EmitEvent
  readonly files?: FileAccess
  /** the run store's folder: the app's (defaultRunsDir) unless given, e.g. a temporary one in tests. */
  readonly runsDir?: string
}

export interface AppServices {
  readonly handlers: Handlers
  /** Checks and runs one request from the page. */
  handle(channel: unknown, args: unknown): ReturnType<typeof handleRequest>
  /** Whether trained work would be lost by closing (the last status the worker reported). */
  hasUnsavedWork(): boolean
  /** Ends the worker for good. */
  dispose(): void
}

const DISK: FileAccess = { read: readBytes, write: writeFileAtomic }

export function createServices(o: ServiceOptions): AppServices {
  let lastStatus: TrainingStatus | null = null
  const notices: Notice[] = [...o.settings.takeNotices()]
  const emit: EmitEvent = (event, payload) => {
    if (event === 'train:state') lastStatus = payload as TrainingStatus
    o.emit(event, payload)
  }
  const runsDir = o.runsDir ?? defaultRunsDir()
  const runs = new RunStore(runsDir)
  // the worker says when a run was recorded or ended; the page gets the store's new list, a few times a second at most
  const runsChanged = coalesce(RUNS_CHANGED_MS, () => {
    runs.list().then((list) => emit('runs:changed', list), () => undefined)
  })
  const forward = (e: WorkerEventMessage): void => {
    switch (e.type) {
      case 'state': return emit('train:state', e.payload)
      case 'progress': return emit('train:progress', e.payload)
      case 'epoch': return emit('train:epoch', e.payload)
      case 'weights': return emit('train:weights', e.payload)
      case 'finished': return emit('train:finished', e.payload)
      case 'diverged': return emit('train:diverged', e.payload)
      case 'error': return emit('app:notice', { level: 'error', ...e.payload })
      case 'notice': return emit('app:notice', e.payload)
      case 'sweep:state': return emit('sweep:state', e.payload)
      case 'import-progress': return emit('dataset:import-progress', e.payload)
      case 'runs:recorded': return runsChanged.poke()
    }
  }
  const supervisor = new WorkerSupervisor(o.launcher, {
    onEvent: forward,
    onRestarted: async (error) => {
      emit('app:notice', { level: 'error', ...error })
      const snapshot = await supervisor.request('snapshot', {})
      if (!snapshot.ok) return
      emit('train:state', snapshot.value.training)
      if (snapshot.value.dataset) emit('dataset:loaded', snapshot.value.dataset)
    },
    onGaveUp: (error) => emit('app:notice', { level: 'error', ...error })
  }, { runsDir })
  const handlers = createHandlers({
    info: o.info,
    worker: supervisor,
    settings: o.settings,
    dialogs: o.dialogs,
    files: o.files ?? DISK,
    runs,
    emit,
    takeNotices: () => notices.splice(0)
  })
  return {
    handlers,
    handle: (channel, args) => handleRequest(handlers, channel, args),
    hasUnsavedWork: () => lastStatus?.unsavedChanges === true,
    dispose: () => {
      runsChanged.cancel()
      supervisor.dispose()
    }
  }
}

/** The least time between two 'runs:changed' lists sent because the worker recorded something. */
export const RUNS_CHANGED_MS = 250

/** Calls `f` at once when poked, then at most once every `ms` (a poke meanwhile calls it at the end of the wait). */
function coalesce(ms: number, f: () => void): { poke(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending = false
  const tick = (): void => {
    if (!pending) {
      timer = null
      return
    }
    pending = false
    f()
    timer = setTimeout(tick, ms)
  }
  return {
    poke: () => {
      pending = true
      if (timer === null) tick()
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      pending = false
    }
  }
}

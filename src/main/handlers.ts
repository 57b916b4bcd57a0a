/**
 * The handler table: one function per request channel of the contract, Electron-free, shared
 * by the desktop app (ipcMain) and browser mode (the WebSocket server). Arguments arrive
 * already checked (handleRequest); files are read and written here only by paths the user
 * chose in a dialog or the recent list, and written atomically; datasets are read and parsed
 * by the worker. Every success that changes what the page shows is also sent as an event, so
 * the menu and the page stay in step.
 */
import { basename } from 'node:path'
import type {
  AppInfo, AppSnapshot, EventChannel, Events, Notice, RequestArgs, RequestChannel, RequestReply, RequestResult
} from '../shared/ipc'
import type { Opened } from '../shared/ipc'
import type { DatasetOptions, ModelFormat, Reply } from '../shared/payloads'
import type { WorkerArgs, WorkerCommandType, WorkerResult, WorkerSource } from '../shared/workerProtocol'
import type { RunStore } from '../node/runs/store'
import { fail, failureOf, unwrap } from './failure'
import { createRunsHandlers } from './runsHandlers'
import { createSweepHandlers } from './sweepHandlers'
import { createTryHandlers } from './tryHandlers'
import type { SettingsStore } from './settings/store'
import { VALIDATORS } from './validation/requests'

/** Native file dialogs (Electron); browser mode has none and uses bytes instead. */
export interface DialogAdapter {
  /** a dataset file, or a folder (of CIFAR batches); null when cancelled. */
  chooseDatasetToOpen(folder: boolean): Promise<string | null>
  chooseModelToOpen(): Promise<string | null>
  chooseModelSavePath(format: ModelFormat, suggestedName: string): Promise<string | null>
  /** where to save the dataset in use as .npz; null when cancelled. */
  chooseDatasetSavePath(suggestedName: string): Promise<string | null>
}

export interface FileAccess {
  read(path: string): Promise<Uint8Array>
  /** replaces the file in one step (src/node/atomicWrite.ts). */
  write(path: string, bytes: Uint8Array): Promise<void>
}

export interface WorkerClient {
  request<T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<Reply<WorkerResult<T>>>
}

export type EmitEvent = <E extends EventChannel>(event: E, payload: Events[E]) => void

export interface MainDeps {
  readonly info: AppInfo
  readonly worker: WorkerClient
  readonly settings: SettingsStore
  readonly dialogs: DialogAdapter | null
  readonly files: FileAccess
  /** the run store (the app's runs folder). */
  readonly runs: RunStore
  readonly emit: EmitEvent
  /** notices the page has not seen yet (start-up), handed out with the next snapshot. */
  readonly takeNotices: () => Notice[]
}

export type Handlers = { readonly [C in RequestChannel]: (args: RequestArgs<C>) => Promise<RequestResult<C>> }

const NO_DIALOGS = 'This window cannot show file dialogs. Use the buttons that upload or download the file instead.'

export function createHandlers(d: MainDeps): Handlers {
  const ask = async <T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<WorkerResult<T>> =>
    unwrap(await d.worker.request(type, args))
  const dialogs = () => d.dialogs ?? fail('no-dialogs', NO_DIALOGS)

  /** A dataset now in use, or a folder of pictures previewed (the worker holds it for the import). */
  const loadDataset = async (source: WorkerSource, options?: DatasetOptions): Promise<Opened> => {
    const opened = await ask('load-dataset', { source, options })
    if (source.kind === 'path') d.emit('settings:changed', d.settings.addRecent(source.path, opened.name))
    if ('kind' in opened) d.emit('dataset:previewed', opened)
    else d.emit('dataset:loaded', opened)
    return opened
  }

  const save = async (format: ModelFormat) => {
    const file = await ask('save-model', { format })
    return { file, markSaved: async () => { if (format === 'safetensors') await ask('mark-saved', {}) } }
  }

  return {
    'app:snapshot': async (): Promise<AppSnapshot> => {
      const w = await ask('snapshot', {})
      return { info: d.info, settings: d.settings.get(), ...w, notices: d.takeNotices() }
    },
    'dataset:open-demo': async () => {
      const opened = await loadDataset({ kind: 'demo' })
      if ('kind' in opened) fail('internal', 'The demo opened as a folder of pictures, which it is not.')
      return opened
    },
    'dataset:open-dialog': async ({ options, folder }) => {
      const path = await dialogs().chooseDatasetToOpen(folder === true)
      return path === null ? null : loadDataset({ kind: 'path', path }, options)
    },
    'dataset:open-recent': async ({ path, options }) => {
      if (!d.settings.isRecent(path)) {
        fail('not-recent', 'That dataset is not in the list of recent datasets any more. Open it again with Open dataset…')
      }
      return loadDataset({ kind: 'path', path }, options)
    },
    'dataset:open-bytes': ({ source, options, others }) => loadDataset(others ? { kind: 'bytes', source, others } : { kind: 'bytes', source }, options),
    'dataset:import-pictures': async ({ choice }) => {
      const info = await ask('import-pictures', { choice })
      d.emit('dataset:loaded', info)
      return info
    },
    'dataset:rename-classes': async ({ names }) => {
      const info = await ask('rename-classes', { names })
      d.emit('dataset:loaded', info)
      return info
    },
    'dataset:save-dialog': async () => {
      const chooser = dialogs()
      const file = await ask('save-dataset', {})
      const chosen = await chooser.chooseDatasetSavePath(file.name)
      if (chosen === null) return null
      const path = chosen.toLowerCase().endsWith('.npz') ? chosen : `${chosen}.npz`
      await d.files.write(path, file.bytes)
      return { name: basename(path), path }
    },
    'dataset:save-bytes': () => ask('save-dataset', {}),
    'dataset:configure': async ({ options }) => {
      const info = await ask('configure-dataset', { options })
      d.emit('dataset:loaded', info)
      return info
    },
    'dataset:cancel-open': () => ask('cancel-load', {}),
    'dataset:forget-recent': async ({ path }) => {
      const settings = d.settings.forgetRecent(path)
      d.emit('settings:changed', settings)
      return settings.recentDatasets
    },
    'train:start': async ({ config, from }) => {
      const { threads, ...hyperparameters } = config
      d.emit('settings:changed', d.settings.update({ hyperparameters, threads }))
      return ask('start', { config, from })
    },
    'train:pause': () => ask('pause', {}),
    'train:resume': () => ask('resume', {}),
    'train:step': ({ config }) => ask('step', { config }),
    'train:stop': () => ask('stop', {}),
    'train:reset': () => ask('reset', {}),
    'train:update-settings': ({ settings }) => ask('update-settings', { settings }),
    'train:evaluate': () => ask('evaluate', {}),
    'train:predictions': ({ query }) => ask('predictions', { query }),
    'model:open-dialog': async () => {
      const path = await dialogs().chooseModelToOpen()
      if (path === null) return null
      const info = await ask('load-model', { file: { name: basename(path), bytes: await d.files.read(path) } })
      d.emit('model:loaded', info)
      return info
    },
    'model:open-bytes': async ({ file }) => {
      const info = await ask('load-model', { file })
      d.emit('model:loaded', info)
      return info
    },
    'model:save-dialog': async ({ format }) => {
      const chooser = dialogs()
      const { file, markSaved } = await save(format)
      const chosen = await chooser.chooseModelSavePath(format, file.name)
      if (chosen === null) return null
      const path = chosen.toLowerCase().endsWith(`.${format}`) ? chosen : `${chosen}.${format}`
      await d.files.write(path, file.bytes)
      await markSaved()
      const saved = { name: basename(path), path }
      d.emit('model:saved', saved)
      return saved
    },
    'model:save-bytes': async ({ format }) => {
      const { file, markSaved } = await save(format)
      await markSaved()
      return file
    },
    'settings:get': async () => d.settings.get(),
    'settings:update': async ({ patch }) => {
      const settings = d.settings.update(patch)
      d.emit('settings:changed', settings)
      return settings
    },
    ...createRunsHandlers(d.runs, d.emit),
    ...createSweepHandlers(ask, d.runs, d.settings, d.emit),
    ...createTryHandlers(ask, d.runs, d.files, dialogs)
  }
}

const isChannel = (channel: unknown): channel is RequestChannel =>
  typeof channel === 'string' && Object.prototype.hasOwnProperty.call(VALIDATORS, channel)

/** Checks a request from the page and runs it; every failure is a Reply with a plain message, never a throw. */
export async function handleRequest(handlers: Handlers, channel: unknown, raw: unknown): Promise<Reply<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'bad-channel', message: `The app asked for something that does not exist ("${String(channel).slice(0, 60)}").` } }
  }
  try {
    const args = VALIDATORS[channel](raw)
    const run = handlers[channel] as (args: unknown) => Promise<unknown>
    return { ok: true, value: await run(args) }
  } catch (e) {
    return { ok: false, error: failureOf(e) }
  }
}

export type { RequestReply }

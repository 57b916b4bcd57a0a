/**
 * The one contract between the page and the rest of the app, used by main's handler table,
 * the preload bridge and the browser-mode WebSocket transport alike.
 *   Requests: page → main, one answer each (invoke/handle), as `Reply<result>` on the wire.
 *   Events:   main → page, pushed whenever something happens (also after menu commands).
 * Channel lists below are generated from these maps' keys (a missing or extra key does not
 * compile), so no other file spells a channel name out.
 * Files open two ways: by the desktop app's native dialog (main reads the chosen path) or, in
 * browser mode, as bytes the page read; saving returns a dialog's choice or bytes to download.
 * The page never names a path on disk, except one from the recent-datasets list main keeps.
 */
import type {
  AppError, DatasetInfo, EpochMetrics, DatasetOptions, DivergedEvent, DownloadFile, EpochEvent, Evaluation, FinishedEvent,
  ModelFormat, ModelInfo, PredictionQuery, Predictions, ProgressEvent, RunList, SavedFile, StartFrom, StepSettings,
  SweepEstimate, SweepSpec, SweepStatus, TrainConfig, TrainingStatus, UploadFile, WeightsEvent, DataSource, Reply
} from './payloads'
import type { FolderEntry, ImportProgress, PictureFolderPreview, PictureImportChoice } from './pictures'
import type { RecentDataset, Settings, SettingsPatch } from './settings'
import type { TryAnswer, TryRequest } from './tryPictures'

export type * from './payloads'
export type * from './pictures'
export type * from './settings'
export type * from './tryPictures'

/**
 * What opening a source gives: a dataset now in use, or a folder of pictures to preview and then
 * import ('dataset:import-pictures'), the dataset from before staying in use meanwhile.
 */
export type Opened = DatasetInfo | PictureFolderPreview

/** For requests that take nothing: pass `{}`. */
export type NoArgs = Record<string, never>

export interface AppInfo {
  readonly version: string
  /** the desktop app (Electron) or browser mode (`npm run web`). */
  readonly mode: 'desktop' | 'browser'
  /** whether main can show open/save dialogs; without them the page uploads and downloads bytes. */
  readonly nativeDialogs: boolean
  /** processor cores, for the threads setting. */
  readonly cpuCount: number
}

/** Everything the page needs to draw itself after a (re)load. */
export interface AppSnapshot {
  readonly info: AppInfo
  readonly settings: Settings
  readonly training: TrainingStatus
  readonly dataset: DatasetInfo | null
  readonly model: ModelInfo | null
  /** the current weights, when there is a network. */
  readonly weights: WeightsEvent | null
  /** every epoch of the current network (a trained but unsaved run's, or an opened model's), for the charts. */
  readonly history: readonly EpochMetrics[]
  /** messages from before the page was there to hear them (e.g. settings reset at start-up), each given once. */
  readonly notices: readonly Notice[]
  /** the sweep training or trained last (NO_SWEEP before the first), so a reloaded page sees a running sweep. */
  readonly sweep: SweepStatus
}

/** A message for the user that no request asked for (e.g. settings reset, training process restarted). */
export interface Notice extends AppError {
  readonly level: 'info' | 'warning' | 'error'
}

export interface Requests {
  'app:snapshot': { args: NoArgs; result: AppSnapshot }

  'dataset:open-demo': { args: NoArgs; result: DatasetInfo }
  /**
   * desktop: a native open dialog (for a folder with `folder: true`: CIFAR batches, or pictures in
   * class folders, which the training process tells apart); null when the user cancels.
   */
  'dataset:open-dialog': { args: { readonly options?: DatasetOptions; readonly folder?: boolean }; result: Opened | null }
  /** desktop: a dataset from the recent list (any other path is refused). */
  'dataset:open-recent': { args: { readonly path: string; readonly options?: DatasetOptions }; result: Opened }
  /**
   * a file (or a folder's files) the page read. For a folder of pictures the page sends only the
   * pictures' bytes (by extension) and names the rest in `others`, so they are listed as skipped.
   */
  'dataset:open-bytes': { args: { readonly source: DataSource; readonly options?: DatasetOptions; readonly others?: readonly FolderEntry[] }; result: Opened }
  /**
   * imports the folder of pictures previewed last (progress as 'dataset:import-progress'); cancelled
   * like any opening ('dataset:cancel-open'), the dataset from before then staying in use.
   */
  'dataset:import-pictures': { args: { readonly choice: PictureImportChoice }; result: DatasetInfo }
  /** new names for the classes of the dataset in use (unique, not empty), used by charts, results and saved models. */
  'dataset:rename-classes': { args: { readonly names: readonly string[] }; result: DatasetInfo }
  /** desktop: the dataset in use as a .npz file, through a native save dialog; null when cancelled. */
  'dataset:save-dialog': { args: NoArgs; result: SavedFile | null }
  /** browser mode: the dataset in use as .npz bytes for the page to download. */
  'dataset:save-bytes': { args: NoArgs; result: DownloadFile }
  /** pick other classes or another test share of the loaded source. */
  'dataset:configure': { args: { readonly options: DatasetOptions }; result: DatasetInfo }
  /**
   * stops opening the dataset being read (its request then fails with the code 'cancelled', not
   * an error to show); the dataset from before stays in use. False when nothing was being opened.
   */
  'dataset:cancel-open': { args: NoArgs; result: boolean }
  'dataset:forget-recent': { args: { readonly path: string }; result: readonly RecentDataset[] }

  'train:start': { args: { readonly config: TrainConfig; readonly from: StartFrom }; result: TrainingStatus }
  'train:pause': { args: NoArgs; result: TrainingStatus }
  'train:resume': { args: NoArgs; result: TrainingStatus }
  /** trains to the end of the current epoch (or one whole epoch) and pauses; starts a run from config when there is none. */
  'train:step': { args: { readonly config: TrainConfig }; result: TrainingStatus }
  'train:stop': { args: NoArgs; result: TrainingStatus }
  /** drops the network and its history (a fresh start follows). */
  'train:reset': { args: NoArgs; result: TrainingStatus }
  /** learning rate, momentum and L2 for the next batches (while paused: on resume). */
  'train:update-settings': { args: { readonly settings: StepSettings }; result: TrainingStatus }
  'train:evaluate': { args: NoArgs; result: Evaluation }
  'train:predictions': { args: { readonly query: PredictionQuery }; result: Predictions }

  /** desktop: a native open dialog for a .safetensors model or .npz weights; null when cancelled. */
  'model:open-dialog': { args: NoArgs; result: ModelInfo | null }
  'model:open-bytes': { args: { readonly file: UploadFile }; result: ModelInfo }
  /** desktop: a native save dialog; null when cancelled. npz exports the weights for NumPy. */
  'model:save-dialog': { args: { readonly format: ModelFormat }; result: SavedFile | null }
  /** browser mode: the file's bytes for the page to download. */
  'model:save-bytes': { args: { readonly format: ModelFormat }; result: DownloadFile }

  'settings:get': { args: NoArgs; result: Settings }
  'settings:update': { args: { readonly patch: SettingsPatch }; result: Settings }

  /** every recorded run, newest first (docs/runs.md). */
  'runs:list': { args: NoArgs; result: RunList }
  /** a run's name as the user sees it; an empty name (or only spaces) gives back the recorded one. */
  'runs:rename': { args: { readonly id: string; readonly name: string }; result: RunList }
  'runs:star': { args: { readonly id: string; readonly starred: boolean }; result: RunList }
  /** deletes runs, all or none: a run that is still training is refused. */
  'runs:delete': { args: { readonly ids: readonly string[] }; result: RunList }
  /**
   * opens a recorded run's network as the current one (its history and settings; Continue trains it
   * further when it fits the dataset, recorded as a new run that continued this one).
   */
  'runs:open': { args: { readonly id: string }; result: ModelInfo }

  /** what a sweep of the form's settings (`config`, the base of every run) will cost, from a few measured batches. */
  'sweep:estimate': { args: { readonly spec: SweepSpec; readonly config: TrainConfig }; result: SweepEstimate }
  /** starts a sweep on the current dataset (refused while the studio's run trains; Train is refused while a sweep trains). */
  'sweep:start': { args: { readonly spec: SweepSpec; readonly config: TrainConfig }; result: SweepStatus }
  /** stops one run of the sweep (its live run id), or every run (null). */
  'sweep:stop': { args: { readonly runId: number | null }; result: SweepStatus }

  /**
   * the Try tab: pictures through the current network, model files and recorded runs, side by
   * side (src/shared/tryPictures.ts): per picture what the network sees, its probabilities and contribution map.
   */
  'try:pictures': { args: { readonly request: TryRequest }; result: TryAnswer }
  /** desktop: a native open dialog for a model to compare; its name and bytes, or null when cancelled. */
  'try:choose-model': { args: NoArgs; result: UploadFile | null }
}

/**
 * Order: a run's first event is a 'train:state' carrying its new runId (sent before any progress,
 * epoch, weights, diverged or finished event of that run), so a listener that follows runId
 * changes on 'train:state' can drop the previous run's curves before the new run's data arrive.
 */
export interface Events {
  'train:state': TrainingStatus
  'train:progress': ProgressEvent
  'train:epoch': EpochEvent
  'train:weights': WeightsEvent
  'train:finished': FinishedEvent
  'train:diverged': DivergedEvent
  /** a dataset was loaded, also from the menu or after a restart of the training process. */
  'dataset:loaded': DatasetInfo
  /** a folder of pictures opened from the menu, to preview before importing. */
  'dataset:previewed': PictureFolderPreview
  /** how far the import of a folder of pictures is, at most every 100 ms. */
  'dataset:import-progress': ImportProgress
  /** a model was opened, also from the menu. */
  'model:loaded': ModelInfo
  /** a model was saved, also from the menu. */
  'model:saved': SavedFile
  'settings:changed': Settings
  'app:notice': Notice
  /** the run store changed: a run was recorded, ended, renamed, starred or deleted. */
  'runs:changed': RunList
  /**
   * a sweep's run started or ended, or its histories grew (at most a few times a second). Its runs'
   * train:epoch and train:progress events carry their own run ids, never the studio's current one.
   */
  'sweep:state': SweepStatus
}

export type RequestChannel = keyof Requests
export type EventChannel = keyof Events
export type RequestArgs<C extends RequestChannel> = Requests[C]['args']
export type RequestResult<C extends RequestChannel> = Requests[C]['result']
export type RequestReply<C extends RequestChannel> = Reply<RequestResult<C>>

const REQUEST_KEYS: { readonly [C in RequestChannel]: true } = {
  'app:snapshot': true,
  'dataset:open-demo': true,
  'dataset:open-dialog': true,
  'dataset:open-recent': true,
  'dataset:open-bytes': true,
  'dataset:configure': true,
  'dataset:cancel-open': true,
  'dataset:forget-recent': true,
  'dataset:import-pictures': true,
  'dataset:rename-classes': true,
  'dataset:save-dialog': true,
  'dataset:save-bytes': true,
  'train:start': true,
  'train:pause': true,
  'train:resume': true,
  'train:step': true,
  'train:stop': true,
  'train:reset': true,
  'train:update-settings': true,
  'train:evaluate': true,
  'train:predictions': true,
  'model:open-dialog': true,
  'model:open-bytes': true,
  'model:save-dialog': true,
  'model:save-bytes': true,
  'settings:get': true,
  'settings:update': true,
  'runs:list': true,
  'runs:rename': true,
  'runs:star': true,
  'runs:delete': true,
  'runs:open': true,
  'sweep:estimate': true,
  'sweep:start': true,
  'sweep:stop': true,
  'try:pictures': true,
  'try:choose-model': true
}

const EVENT_KEYS: { readonly [E in EventChannel]: true } = {
  'train:state': true,
  'train:progress': true,
  'train:epoch': true,
  'train:weights': true,
  'train:finished': true,
  'train:diverged': true,
  'dataset:loaded': true,
  'dataset:previewed': true,
  'dataset:import-progress': true,
  'model:loaded': true,
  'model:saved': true,
  'settings:changed': true,
  'app:notice': true,
  'runs:changed': true,
  'sweep:state': true
}

/** Every request channel, from the Requests map. */
export const REQUEST_CHANNELS = Object.keys(REQUEST_KEYS) as readonly RequestChannel[]
/** Every event channel, from the Events map. */
export const EVENT_CHANNELS = Object.keys(EVENT_KEYS) as readonly EventChannel[]

/** Electron IPC channel names carry this prefix so they never meet Electron's own. */
export const IPC_PREFIX = 'nn:'

/**
 * Limits main checks requests against (the same numbers the page may use). A hyperparameter's
 * limits are core's (HYPER_LIMITS in src/core/nn/hyperparameters.ts).
 */
export const LIMITS = {
  maxPredictions: 500,
  /** 2 GiB less 32 MiB: an upload and its frame must fit browser mode's largest message (< 2^31). */
  maxUploadBytes: 2 * 1024 ** 3 - 32 * 1024 ** 2,
  maxNameLength: 1000
} as const

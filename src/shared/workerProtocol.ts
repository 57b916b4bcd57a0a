/**
 * Messages between main (the supervisor) and the training worker, a discriminated union on
 * `type` both ways, carried by structured clone (typed arrays arrive as typed arrays).
 *   to the worker:   a command with an `id`; the worker answers each with one 'reply'.
 *   from the worker: 'ready' once, 'reply' per command, and events as training goes on.
 * Which commands wait for a dataset being opened, and which are answered meanwhile, is set out
 * in src/worker/index.ts.
 */
import type {
  AppError, DataSource, DatasetInfo, DatasetOptions, DivergedEvent, EpochEvent, EpochMetrics, Evaluation, FinishedEvent, ModelFormat,
  ModelInfo, PredictionQuery, Predictions, ProgressEvent, Reply, StartFrom, StepSettings, SweepEstimate, SweepSpec, SweepStatus,
  TrainConfig, TrainingStatus, UploadFile, WeightsEvent
} from './payloads'
import type { Notice, Opened } from './ipc'
import type { TryAnswer } from './tryPictures'
import type { FolderEntry, ImportProgress, PictureImportChoice } from './pictures'

/** The worker's command-line argument naming the run store it records runs in (absent: it records none). */
export const RUNS_DIR_ARG = '--runs-dir'

/** Where the worker reads a dataset from: the demo, a path main checked, or bytes the page read. */
export type WorkerSource =
  | { readonly kind: 'demo' }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'bytes'; readonly source: DataSource; readonly others?: readonly FolderEntry[] }

/** A network to ask about pictures: the current one, or a model file (main reads a recorded run's from the store and names it after the run). */
export type TryNetworkSource =
  | { readonly kind: 'current' }
  | { readonly kind: 'file'; readonly file: UploadFile }

/** Everything the worker holds, for a page that (re)loads. */
export interface WorkerSnapshot {
  readonly training: TrainingStatus
  readonly dataset: DatasetInfo | null
  readonly model: ModelInfo | null
  readonly weights: WeightsEvent | null
  /** every epoch of the current network. */
  readonly history: readonly EpochMetrics[]
  readonly sweep: SweepStatus
}

export interface WorkerCommands {
  /** a dataset now in use, or a folder of pictures (isPictureFolder) previewed and held for 'import-pictures'. */
  'load-dataset': { args: { readonly source: WorkerSource; readonly options?: DatasetOptions }; result: Opened }
  /** imports the folder of pictures previewed last, in the reading thread (progress as 'import-progress'); an opening like load-dataset. */
  'import-pictures': { args: { readonly choice: PictureImportChoice }; result: DatasetInfo }
  /** new names for the classes of the dataset in use. */
  'rename-classes': { args: { readonly names: readonly string[] }; result: DatasetInfo }
  /** the dataset in use as .npz bytes, with a suggested file name. */
  'save-dataset': { args: object; result: { readonly name: string; readonly bytes: Uint8Array } }
  'configure-dataset': { args: { readonly options: DatasetOptions }; result: DatasetInfo }
  /**
   * stops reading the dataset being opened (its request answers with the code 'cancelled'); the
   * dataset in use before stays in use. The result says whether there was one to cancel.
   */
  'cancel-load': { args: object; result: boolean }
  'start': { args: { readonly config: TrainConfig; readonly from: StartFrom }; result: TrainingStatus }
  'pause': { args: object; result: TrainingStatus }
  'resume': { args: object; result: TrainingStatus }
  'step': { args: { readonly config: TrainConfig }; result: TrainingStatus }
  'stop': { args: object; result: TrainingStatus }
  'reset': { args: object; result: TrainingStatus }
  'update-settings': { args: { readonly settings: StepSettings }; result: TrainingStatus }
  'evaluate': { args: object; result: Evaluation }
  'predictions': { args: { readonly query: PredictionQuery }; result: Predictions }
  /** a .safetensors model or .npz weights (told apart by content). */
  'load-model': { args: { readonly file: UploadFile }; result: ModelInfo }
  /** the current network as file bytes, with a suggested file name. */
  'save-model': { args: { readonly format: ModelFormat }; result: { readonly name: string; readonly bytes: Uint8Array } }
  /** the last saved bytes reached the disk or the user: no unsaved work. */
  'mark-saved': { args: object; result: TrainingStatus }
  'snapshot': { args: object; result: WorkerSnapshot }
  /**
   * a recorded run's network (main read its model file and batch losses from the store) as the
   * current one; Continue records a new run that continued run `recordId` (not `id`: a command's
   * `id` is its number).
   */
  'runs:open': { args: { readonly recordId: string; readonly name: string; readonly model: Uint8Array; readonly batchLosses: Float32Array }; result: ModelInfo }
  'sweep:estimate': { args: { readonly spec: SweepSpec; readonly config: TrainConfig }; result: SweepEstimate }
  'sweep:start': { args: { readonly spec: SweepSpec; readonly config: TrainConfig }; result: SweepStatus }
  'sweep:stop': { args: { readonly runId: number | null }; result: SweepStatus }
  /** the Try tab's pictures through each network (src/shared/tryPictures.ts). */
  'try-pictures': { args: { readonly pictures: readonly UploadFile[]; readonly networks: readonly TryNetworkSource[] }; result: TryAnswer }
}

export type WorkerCommandType = keyof WorkerCommands
export type WorkerArgs<T extends WorkerCommandType> = WorkerCommands[T]['args']
export type WorkerResult<T extends WorkerCommandType> = WorkerCommands[T]['result']

/** A command as sent: `{ type, id, ...args }`. */
export type ToWorker = { [T in WorkerCommandType]: { readonly type: T; readonly id: number } & WorkerArgs<T> }[WorkerCommandType]

/** What the worker reports without being asked. */
export interface WorkerEvents {
  state: TrainingStatus
  progress: ProgressEvent
  epoch: EpochEvent
  weights: WeightsEvent
  finished: FinishedEvent
  diverged: DivergedEvent
  /** something failed outside any command (e.g. during a training slice). */
  error: AppError
  /** something to tell the user that no command asked for (a run that cannot be recorded). */
  notice: Notice
  /** a run was recorded, or its record ended (main sends the store's new list, a few times a second at most). */
  'runs:recorded': { readonly id: string }
  /** passed on to the page as it is. */
  'sweep:state': SweepStatus
  /** how far the import of a folder of pictures is, at most every 100 ms. */
  'import-progress': ImportProgress
}

export type WorkerEventType = keyof WorkerEvents

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'reply'; readonly id: number; readonly reply: Reply<unknown> }
  | { [T in WorkerEventType]: { readonly type: T; readonly payload: WorkerEvents[T] } }[WorkerEventType]

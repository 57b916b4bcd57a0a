/**
 * The data that crosses between processes (renderer ⇄ main ⇄ training worker): datasets,
 * training runs, sweeps, weights and models. Types, and one constant (NO_SWEEP). Big numbers travel as typed arrays
 * (Uint8Array pixels, Float32Array weights), never as number[] of pictures or weights.
 */
import type { DataSource } from '../core/data/source'
import type { ScalingMode } from '../core/data/scaling'
import type { EpochMetrics, Hyperparameters } from '../core/nn/hyperparameters'
import type { Activation } from '../core/nn/network'
import type { RunList, RunRecord, RunSettings, SweepEstimate, SweepSetting, SweepSpec, SweepValue } from '../core/runs/types'
import type { ResizeMode } from '../core/pictures/types'
import type { PictureImportSummary } from './pictures'

export type { DataSource, EpochMetrics, Hyperparameters, ScalingMode, Activation }
export type { RunList, RunRecord, RunSettings, SweepEstimate, SweepSetting, SweepSpec, SweepValue }

/** A failure in plain language (what is wrong, what to do) and a stable machine-readable code. */
export interface AppError {
  readonly message: string
  /** e.g. 'bad-argument', 'not-a-dataset', 'no-dataset', 'worker-crashed', 'internal'. */
  readonly code: string
}

/** Every request's answer on the wire: a value, or an AppError (never an exception). */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError }

export type Split = 'train' | 'test'

// ---------------------------------------------------------------------------------------------
// Datasets

/** Which classes of the source to keep and how much to set aside for testing. */
export interface DatasetOptions {
  /** Two or more class numbers of the source (renumbered 0, 1, … in this order), or 'all'. */
  readonly classes: readonly number[] | 'all'
  /** Share of each class kept for testing when the source has no test split (0 < f < 1). */
  readonly testFraction: number
}

export interface ClassInfo {
  /** class number in the loaded dataset (after picking classes). */
  readonly index: number
  readonly name: string
  /** pictures of this class in the training and test splits. */
  readonly train: number
  readonly test: number
}

/** A few pictures per class: pixels [classes · perClass, 3072] uint8, channel-planar, class by class. */
export interface SampleImages {
  readonly perClass: number
  readonly pixels: Uint8Array
  /** labels [classes · perClass]; a class with fewer pictures than perClass repeats none (count is labels.length). */
  readonly labels: Uint8Array
}

export interface DatasetInfo {
  /** e.g. "cifar_2class_py2.p" or "Demo: day and night landscapes". */
  readonly name: string
  readonly origin: 'demo' | 'path' | 'bytes'
  /** the file or folder on disk, when the user chose one there (desktop app). */
  readonly path: string | null
  readonly inputs: number
  readonly image: { readonly width: number; readonly height: number; readonly channels: number } | null
  readonly trainCount: number
  readonly testCount: number
  /** true when the source had no test split and one was set aside (testFraction of each class). */
  readonly testWasSplitOff: boolean
  readonly options: DatasetOptions
  /** every class the source holds, to pick from by name (e.g. CIFAR-10's ten). */
  readonly sourceClassNames: readonly string[]
  /** the classes of the loaded dataset, in class-number order. */
  readonly classes: readonly ClassInfo[]
  /** training pictures per class for thumbnails. */
  readonly samples: SampleImages
  /** how pictures from a folder were made 32×32 (Dataset.resize); absent for dataset files. */
  readonly resize?: ResizeMode
  /** what the import of a folder of pictures did (skipped files, warnings); absent for dataset files. */
  readonly pictures?: PictureImportSummary
}

// ---------------------------------------------------------------------------------------------
// Training

/** Everything a run needs: the hyperparameters plus compute threads (0 = automatic). */
export interface TrainConfig extends Hyperparameters {
  readonly threads: number
}

/** Where a started run's weights come from. */
export type StartFrom =
  /** initialised from config.seed (the same seed gives the same start). */
  | 'fresh'
  /** the initial weights of the previous run, exactly ("same start"). */
  | 'same-start'
  /** the current weights (after a run, a pause-and-stop, or an opened model): train further. */
  | 'continue'

/** The hyperparameters that can change between batches (e.g. while paused), taking effect on resume. */
export interface StepSettings {
  readonly learningRate: number
  readonly momentum: number
  readonly l2: number
}

export type TrainingState = 'idle' | 'running' | 'paused' | 'finished'

export interface TrainingStatus {
  readonly state: TrainingState
  /** increases with every start from 'fresh' or 'same-start' and every reset; events carry it. */
  readonly runId: number
  /** completed epochs of the current network (an opened model's history included). */
  readonly epoch: number
  /** the epoch the current start runs to (epoch + epochs asked for); equals epoch when idle. */
  readonly targetEpoch: number
  /** batches done in the current epoch, and per epoch. */
  readonly batch: number
  readonly batchesPerEpoch: number
  readonly hasDataset: boolean
  readonly hasNetwork: boolean
  /**
   * Why the current network does not fit the dataset in use (another input count or class
   * count), in plain words: it is set aside, to be saved but not trained further or scored here.
   * Absent or null: it fits, or there is no network.
   */
  readonly networkMismatch?: string | null
  /** trained since the last save or open: closing would lose work. */
  readonly unsavedChanges: boolean
  readonly settings: StepSettings | null
  readonly config: TrainConfig | null
  /** the current run's record in the run store (docs/runs.md); null before it is recorded, or without a run. */
  readonly recordId: string | null
}

/** Batch progress, at most ~10 per second. */
export interface ProgressEvent {
  readonly runId: number
  /** the epoch being trained, 1-based, and the epoch this start runs to. */
  readonly epoch: number
  readonly targetEpoch: number
  /** batches done in this epoch, of `batches`. */
  readonly batch: number
  readonly batches: number
  /** the latest batch's mean loss. */
  readonly loss: number
  /** every batch loss since the previous progress event, in order (for a per-batch loss chart). */
  readonly losses: Float32Array
  /** the run-wide number of losses[0]'s batch, counting from 0 (epoch · batches + batch). */
  readonly firstBatch: number
  readonly examplesPerSecond: number
  /** seconds spent on this epoch so far, and on this start so far. */
  readonly epochSeconds: number
  readonly elapsedSeconds: number
}

export interface EpochEvent {
  readonly runId: number
  readonly metrics: EpochMetrics
  readonly targetEpoch: number
}

/** W: [rows, cols] row-major, as in core (rows = the layer's outputs, cols = its inputs). */
export interface WeightMatrix {
  readonly rows: number
  readonly cols: number
  readonly W: Float32Array
  readonly b: Float32Array
}

export interface LayerStats {
  readonly min: number
  readonly max: number
  readonly mean: number
  readonly std: number
  /** √Σw² over the layer's weights (biases excluded). */
  readonly norm: number
  /** counts of weights in `bins` equal bins from min to max. */
  readonly histogram: Uint32Array
  /** ‖ΔW‖ / ‖W‖ per batch since the previous snapshot (about 1e-3 is healthy); null without one. */
  readonly updateRatio: number | null
}

/** A snapshot of the weights, at most ~2 per second, and at pauses, epoch ends and the end. */
export interface WeightsEvent {
  readonly runId: number
  /** completed epochs, and batches into the current one, when the snapshot was taken. */
  readonly epoch: number
  readonly batch: number
  /** 'start': a fresh run's initial weights, sent before its first batch (the baseline of "what training changed"). */
  readonly reason: 'start' | 'live' | 'epoch' | 'paused' | 'finished' | 'loaded' | 'reset'
  /** the first layer, [hidden, 3072] for pictures: each row a 32×32×3 planar image. */
  readonly first: WeightMatrix
  /** the second layer ([outputs, hidden], the output layer for one hidden layer); null when there is none. */
  readonly second: WeightMatrix | null
  /** one entry per layer, first to last. */
  readonly stats: readonly LayerStats[]
  /** the input scaling the weights see, e.g. 'centre'. */
  readonly scaling: ScalingMode
}

export interface FinishedEvent {
  readonly runId: number
  readonly reason: 'completed' | 'stopped'
  readonly history: readonly EpochMetrics[]
}

/** The loss stopped being a finite, sensible number: training was paused. */
export interface DivergedEvent {
  readonly runId: number
  readonly epoch: number
  readonly batch: number
  readonly loss: number
  readonly learningRate: number
  readonly message: string
}

export interface SplitEvaluation {
  readonly loss: number
  readonly accuracy: number
  /** confusion[actual][predicted] counts. */
  readonly confusion: readonly (readonly number[])[]
  /** per class: share of its pictures predicted right (NaN for a class with none). */
  readonly classAccuracy: readonly number[]
}

export interface Evaluation {
  readonly train: SplitEvaluation
  readonly test: SplitEvaluation
}

export interface PredictionQuery {
  readonly split: Split
  /** only pictures of this actual class and/or predicted as this class. */
  readonly actual?: number
  readonly predicted?: number
  /** file order, or the most confident mistakes first. */
  readonly order: 'index' | 'confident-mistakes'
  readonly offset: number
  /** at most 500. */
  readonly limit: number
}

export interface Predictions {
  /** how many pictures match the query, before offset and limit. */
  readonly total: number
  /** row numbers in the split [n]. */
  readonly indices: Uint32Array
  /** pixels [n, inputs] uint8. */
  readonly pixels: Uint8Array
  readonly labels: Uint8Array
  readonly predicted: Uint8Array
  /** probabilities [n, classes] (two classes: [1 − p, p]). */
  readonly probabilities: Float32Array
}

// ---------------------------------------------------------------------------------------------
// Sweeps (docs/runs.md)

export type SweepRunState = 'waiting' | 'running' | 'finished' | 'stopped' | 'diverged' | 'halted' | 'failed'

/** One run of a sweep as the page follows it. */
export interface SweepRunStatus {
  /** the live run id its train:epoch and train:progress events carry. */
  readonly runId: number
  /** its record in the run store; null until recorded (or with recording off). */
  readonly recordId: string | null
  readonly settings: RunSettings
  /** its value of each swept setting (SweepStatus.axes), and which repeat of the combination. */
  readonly values: readonly SweepValue[]
  readonly repeat: number
  readonly state: SweepRunState
  readonly history: readonly EpochMetrics[]
  /** why it failed, in plain words (state 'failed'). */
  readonly problem: string | null
}

export interface SweepStatus {
  /** the sweep's id (its runs' RunSweepRef.id); null before the first sweep. */
  readonly id: string | null
  readonly state: 'idle' | 'running' | 'finished' | 'stopped'
  readonly spec: SweepSpec | null
  readonly axes: readonly SweepSetting[]
  readonly runs: readonly SweepRunStatus[]
  /** runs trained at once, and threads each. */
  readonly parallel: number
  readonly threadsPerRun: number
  /** wall-clock seconds since the sweep started. */
  readonly seconds: number
}

/** The sweep status before the first sweep. */
export const NO_SWEEP: SweepStatus = { id: null, state: 'idle', spec: null, axes: [], runs: [], parallel: 0, threadsPerRun: 0, seconds: 0 }

// ---------------------------------------------------------------------------------------------
// Models

export type ModelFormat = 'safetensors' | 'npz'

export interface ModelInfo {
  /** file name, e.g. "cats.safetensors". */
  readonly name: string
  /** a full model, or weights only (.npz: no scaling, hyperparameters or history). */
  readonly kind: 'model' | 'weights'
  readonly inputs: number
  readonly hidden: readonly number[]
  readonly activation: Activation
  readonly classes: number
  readonly classNames: readonly string[]
  readonly hyperparameters: Hyperparameters | null
  readonly history: readonly EpochMetrics[]
  readonly appVersion: string | null
  readonly parameterCount: number
  /** why it does not fit the loaded dataset, in plain words; null when it fits or no dataset is loaded. */
  readonly mismatch: string | null
  /** the loss of every batch it trained, when its file or its run's record kept them (the batch chart). */
  readonly batchLosses?: Float32Array
}

/** A file the user saved through a dialog. */
export interface SavedFile {
  readonly name: string
  readonly path: string
}

/** A file for the page to download (browser mode). */
export interface DownloadFile {
  readonly name: string
  readonly bytes: Uint8Array
}

/** A file the page read (upload, drag and drop). */
export interface UploadFile {
  readonly name: string
  readonly bytes: Uint8Array
}

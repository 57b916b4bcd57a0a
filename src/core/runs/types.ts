/**
 * The vocabulary of exploring: a run's record (the manifest kept on disk as run.json, schema
 * version 1), the metrics it keeps, and a sweep (settings tried over lists or ranges of values,
 * each combination repeated with several seeds). Types and constants only; what is computed from
 * them lives beside: manifest.ts (reading and checking a run.json), summary.ts (best epoch,
 * overfitting), compare.ts (the sentence about two runs), sweepPlan.ts (a spec to its runs),
 * sweepStats.ts (results per swept value). See docs/runs.md for the whole design.
 */
import type { ScalingMode } from '../data/scaling'
import type { EpochMetrics, Hyperparameters } from '../nn/hyperparameters'
import type { Activation } from '../nn/network'
import type { ResizeMode } from '../pictures/types'

/** The version of run.json this code writes; readers refuse a newer one in plain words. */
export const RUN_SCHEMA_VERSION = 1

/** How a run ended, or 'running' while its process trains it. */
export type RunStatus = 'running' | 'finished' | 'stopped' | 'diverged' | 'interrupted'

/** The four numbers of one evaluation of both splits. */
export interface RunMetrics {
  readonly trainLoss: number
  readonly trainAccuracy: number
  readonly testLoss: number
  readonly testAccuracy: number
  /** The training pictures the training figures were measured on, when a sample (absent: all of them). */
  readonly trainMeasured?: number
}

/** The epoch with the lowest test loss, and its metrics. */
export interface BestEpoch extends RunMetrics {
  /** 1-based, as in the history. */
  readonly epoch: number
}

/** Every setting a run was trained with: the hyperparameters and the compute threads it used. */
export interface RunSettings extends Hyperparameters {
  /** the thread count the run really used (never 0, "automatic", once recorded). */
  readonly threads: number
}

/** The data a run learnt from. */
export interface RunDataset {
  /** e.g. "cifar_2class_py2.p" or "Demo: day and night landscapes". */
  readonly name: string
  /** a fingerprint of the pictures and labels of both splits as used (after picking classes), hex. */
  readonly fingerprint: string
  readonly trainCount: number
  readonly testCount: number
  /** the classes the network tells apart, in class-number order. */
  readonly classNames: readonly string[]
  /** the source's class numbers that were picked, or 'all'. */
  readonly classes: readonly number[] | 'all'
  /** the share set aside for testing when the source had no test split; null when it had one. */
  readonly testFraction: number | null
  /** how the pictures of a folder were made 32×32; absent for a dataset file. */
  readonly resize?: ResizeMode
}

/** A run trained as part of a sweep. */
export interface RunSweepRef {
  /** the sweep's id (shared by its runs). */
  readonly id: string
  /** the settings the sweep varied, in the sweep's order, and this run's value of each. */
  readonly axes: readonly SweepSetting[]
  readonly values: readonly SweepValue[]
  /** which repetition of its combination (0 .. seeds − 1); the seed itself is in settings. */
  readonly repeat: number
  /** stopped early by successive halving (status is then 'stopped'). */
  readonly halted: boolean
}

/** run.json: everything about one run, written atomically while it trains and when it ends. */
export interface RunManifest {
  readonly schema: typeof RUN_SCHEMA_VERSION
  /** short, unique in its store, e.g. "k3f9q2"; also the run folder's name. */
  readonly id: string
  /** the name given when it was recorded (the user's later name is kept apart, see RunRecord). */
  readonly name: string
  /** ISO 8601 times. */
  readonly startedAt: string
  readonly endedAt: string | null
  readonly status: RunStatus
  readonly dataset: RunDataset
  readonly settings: RunSettings
  /** the compute kernel that ran it, e.g. "wasm-simd" (bit-identical reruns need the same one). */
  readonly kernel: string
  /** every epoch, in order (a continued run's history starts with its parent's). */
  readonly history: readonly EpochMetrics[]
  /** by test loss; null before the first epoch. */
  readonly best: BestEpoch | null
  /** the last epoch's metrics; null before the first epoch. */
  readonly final: RunMetrics | null
  /** wall-clock seconds of training and evaluation so far. */
  readonly seconds: number
  /** the run whose network this one trained further, if any. */
  readonly continuedFrom: string | null
  readonly sweep: RunSweepRef | null
  /** which process is writing it, so a run whose process died can be told to be interrupted. */
  readonly writer: { readonly pid: number; readonly host: string }
  readonly appVersion: string
}

/** What the user changed about a run later (user.json beside run.json, written only by them). */
export interface RunUserFields {
  /** null: the manifest's name. */
  readonly name: string | null
  readonly starred: boolean
}

/** A run as the store lists it: its manifest with the user's fields, or why it cannot be read. */
export type RunRecord =
  | {
      readonly id: string
      readonly ok: true
      /** the manifest's status, or 'interrupted' when it says 'running' but its writer is gone. */
      readonly status: RunStatus
      readonly name: string
      readonly starred: boolean
      readonly manifest: RunManifest
      /** whether its model file is there to open. */
      readonly hasModel: boolean
      /** bytes its folder takes on disk. */
      readonly bytes: number
    }
  | {
      readonly id: string
      readonly ok: false
      /** why its run.json cannot be used, in plain words. */
      readonly problem: string
      readonly bytes: number
    }

/** The store's listing: newest first. */
export interface RunList {
  readonly runs: readonly RunRecord[]
  /** bytes the whole store takes. */
  readonly bytes: number
  /** the store's folder, to show the user. */
  readonly folder: string
}

// ---------------------------------------------------------------------------------------------
// Sweeps

/** The settings a sweep can vary (the names of Hyperparameters). */
export type SweepSetting =
  | 'learningRate' | 'l2' | 'momentum' | 'batchSize' | 'hidden' | 'activation' | 'scaling' | 'epochs'

/** One value of a swept setting: a number, hidden layer widths, or an activation / scaling name. */
export type SweepValue = number | readonly number[] | Activation | ScalingMode

/** The values of one swept setting: listed, or a range of `steps` values spaced evenly (on a log scale for 'log'). */
export type SweepValues =
  | { readonly kind: 'list'; readonly values: readonly SweepValue[] }
  | { readonly kind: 'range'; readonly from: number; readonly to: number; readonly steps: number; readonly scale: 'log' | 'linear' }

export interface SweepAxis {
  readonly setting: SweepSetting
  readonly values: SweepValues
}

export interface SweepSpec {
  /** one or more settings (the studio offers one or two; a heat map shows two). */
  readonly axes: readonly SweepAxis[]
  /**
   * grid: every combination; random: `count` combinations drawn with `seed`, each axis on its own
   * (a list: one of its values; a range: anywhere in it, evenly on its scale).
   */
  readonly mode: { readonly kind: 'grid' } | { readonly kind: 'random'; readonly count: number; readonly seed: number }
  /** each combination is trained this many times, with seeds base, base + 1, … (base: the form's seed). */
  readonly repeats: number
  /** successive halving: after this epoch the worse half of the runs (by test loss) stops; null: none. */
  readonly halving: { readonly afterEpoch: number } | null
  /** at most this many runs train at once; 0: as many as the cores allow. */
  readonly parallel: number
}

/** One run a sweep will train: its settings, and its place in the sweep. */
export interface PlannedRun {
  readonly settings: RunSettings
  readonly values: readonly SweepValue[]
  readonly repeat: number
}

/** What a sweep will cost, said before it starts. */
export interface SweepEstimate {
  readonly runs: number
  /** epochs of all runs together. */
  readonly epochs: number
  /** runs trained at once, and the threads each gets. */
  readonly parallel: number
  readonly threadsPerRun: number
  /** wall-clock seconds, from a measured epoch on this computer and this dataset. */
  readonly seconds: number
  /** e.g. "12 runs × 20 epochs, about 40 s on this computer". */
  readonly sentence: string
}

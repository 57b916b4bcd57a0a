/**
 * The app's settings as the renderer sees them (stored by main: electron-store in the app,
 * `conf` in tests). Types and limits only; the defaults and the checks live in src/main.
 */
import type { Hyperparameters } from '../core/nn/hyperparameters'
import type { WeightNormalisation } from '../core/viz/weightImage'

export type { WeightNormalisation }

export type Theme = 'system' | 'light' | 'dark'

/** The studio's main-area tabs, in the order they are shown. */
export type StudioTab = 'training' | 'weights' | 'results' | 'try' | 'runs' | 'sweep' | 'data'
export const STUDIO_TABS: readonly StudioTab[] = ['training', 'weights', 'results', 'try', 'runs', 'sweep', 'data']

export interface WeightViewSettings {
  /** per tile (contrast), global (units comparable), zero (grey = 0). */
  readonly normalisation: WeightNormalisation
  /** on-screen pixels per weight pixel, 1..16. */
  readonly zoom: number
  /** sort tiles by their vote for a class (output weight), or keep unit order. */
  readonly sort: 'unit' | 'vote'
}

export interface WindowBounds {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly maximized: boolean
}

export interface RecentDataset {
  /** the file or folder on disk the user chose. */
  readonly path: string
  readonly name: string
  /** milliseconds since 1970. */
  readonly openedAt: number
}

export interface Settings {
  /** the hyperparameters of the last run, to fill the form with. */
  readonly hyperparameters: Hyperparameters
  /** compute threads for training; 0 lets the app choose. */
  readonly threads: number
  readonly theme: Theme
  readonly weightView: WeightViewSettings
  /** the studio tab that was open last. */
  readonly studioTab: StudioTab
  /** newest first, at most MAX_RECENT_DATASETS. */
  readonly recentDatasets: readonly RecentDataset[]
  /** where the window was; null before the first close. */
  readonly windowBounds: WindowBounds | null
}

/** What the page may change. Recent datasets and window bounds are main's alone. */
export interface SettingsPatch {
  readonly hyperparameters?: Hyperparameters
  readonly threads?: number
  readonly theme?: Theme
  readonly weightView?: Partial<WeightViewSettings>
  readonly studioTab?: StudioTab
}

export const MAX_RECENT_DATASETS = 8
export const MAX_THREADS = 256

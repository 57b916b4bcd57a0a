/**
 * The settings schema: defaults, and a field-by-field check of what a settings file holds. A
 * field that is missing takes its default silently; one that is damaged takes its default and
 * is named in `damaged`, so the store can tell the user.
 */
import { SEED_DEFAULTS } from '../../core/nn/hyperparameters'
import type { RecentDataset, Settings, Theme, WeightNormalisation, WeightViewSettings, WindowBounds } from '../../shared/settings'
import { MAX_RECENT_DATASETS, STUDIO_TABS } from '../../shared/settings'
import { boolean, fields, list, number, object, oneOf, string } from '../validation/check'
import { hyperparameters, threads } from '../validation/payloads'

export const DEFAULT_SETTINGS: Settings = {
  hyperparameters: SEED_DEFAULTS,
  threads: 0,
  theme: 'system',
  weightView: { normalisation: 'tile', zoom: 3, sort: 'unit' },
  studioTab: 'training',
  recentDatasets: [],
  windowBounds: null
}

const THEMES: readonly Theme[] = ['system', 'light', 'dark']
const NORMALISATIONS: readonly WeightNormalisation[] = ['tile', 'global', 'zero']

function weightView(v: unknown): WeightViewSettings {
  const o = fields(v, 'weightView', ['normalisation', 'zoom', 'sort'])
  return {
    normalisation: oneOf(o.normalisation, 'normalisation', NORMALISATIONS),
    zoom: number(o.zoom, 'zoom', { min: 1, max: 16, integer: true }),
    sort: oneOf(o.sort, 'sort', ['unit', 'vote'] as const)
  }
}

export function recentDataset(v: unknown): RecentDataset {
  const o = fields(v, 'a recent dataset', ['path', 'name', 'openedAt'])
  return {
    path: string(o.path, 'path', 4096),
    name: string(o.name, 'name', 1000),
    openedAt: number(o.openedAt, 'openedAt', { min: 0, max: 8.64e15 })
  }
}

export function windowBounds(v: unknown): WindowBounds | null {
  if (v === null) return null
  const o = fields(v, 'windowBounds', ['x', 'y', 'width', 'height', 'maximized'])
  const coordinate = { min: -100_000, max: 100_000, integer: true }
  return {
    x: number(o.x, 'x', coordinate),
    y: number(o.y, 'y', coordinate),
    width: number(o.width, 'width', { min: 200, max: 100_000, integer: true }),
    height: number(o.height, 'height', { min: 200, max: 100_000, integer: true }),
    maximized: boolean(o.maximized, 'maximized')
  }
}

const FIELDS: { readonly [K in keyof Settings]: (v: unknown) => Settings[K] } = {
  hyperparameters: (v) => hyperparameters(v),
  threads,
  theme: (v) => oneOf(v, 'theme', THEMES),
  weightView,
  studioTab: (v) => oneOf(v, 'studioTab', STUDIO_TABS),
  recentDatasets: (v) => list(v, 'recentDatasets', MAX_RECENT_DATASETS, recentDataset),
  windowBounds
}

export interface Checked {
  readonly settings: Settings
  /** fields that held something unusable and were reset to their defaults. */
  readonly damaged: readonly string[]
}

/** What a settings file holds, as Settings: unknown keys dropped, damaged fields reset. */
export function checkSettings(raw: unknown): Checked {
  let o: Record<string, unknown>
  try {
    o = object(raw, 'the settings')
  } catch {
    return { settings: DEFAULT_SETTINGS, damaged: ['everything'] }
  }
  const damaged: string[] = []
  const settings: Record<string, unknown> = {}
  for (const key of Object.keys(FIELDS) as (keyof Settings)[]) {
    if (o[key] === undefined) {
      settings[key] = DEFAULT_SETTINGS[key]
      continue
    }
    try {
      settings[key] = FIELDS[key](o[key])
    } catch {
      settings[key] = DEFAULT_SETTINGS[key]
      damaged.push(key)
    }
  }
  return { settings: settings as unknown as Settings, damaged }
}

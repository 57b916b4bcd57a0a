/**
 * Settings behind a small interface, stored by electron-store in the app and by `conf` in tests
 * (both write the JSON file atomically). A settings file that cannot be read is moved aside
 * (settings.json → settings.json.damaged) and the defaults are used, with a notice for the user;
 * a field that is damaged is reset alone. Failing to write keeps the settings for this session.
 */
import { renameSync, rmSync } from 'node:fs'
import type { Notice } from '../../shared/ipc'
import { MAX_RECENT_DATASETS, type RecentDataset, type Settings, type SettingsPatch, type WindowBounds } from '../../shared/settings'
import { checkSettings, DEFAULT_SETTINGS } from './schema'

/** What electron-store and conf have in common. */
export interface SettingsBackend {
  store: Record<string, unknown>
  readonly path: string
}

export interface SettingsFile {
  /** the JSON file, to move aside when it is damaged. */
  readonly path: string
  /** Opens the store; throws when the file is not readable JSON. */
  open(): SettingsBackend
}

const DAMAGED: Notice = {
  level: 'warning',
  code: 'settings-reset',
  message: 'Your settings file was damaged, so NN Scratch started with its default settings. ' +
    'Your datasets and models are not affected.'
}

const memoryBackend = (): SettingsBackend => ({ store: {}, path: '' })

export class SettingsStore {
  private backend: SettingsBackend
  private current: Settings
  private notices: Notice[] = []
  private writeFailed = false

  constructor(file: SettingsFile, private readonly onNotice: (notice: Notice) => void = () => undefined) {
    this.backend = this.open(file)
    const { settings, damaged } = checkSettings(this.readStore())
    this.current = settings
    if (damaged.length > 0) {
      this.notices.push(damaged.includes('everything') ? DAMAGED : {
        level: 'warning',
        code: 'settings-reset',
        message: `Some of your settings were damaged (${damaged.join(', ')}) and were reset to their defaults.`
      })
      this.persist()
    }
  }

  private open(file: SettingsFile): SettingsBackend {
    try {
      return file.open()
    } catch {
      this.notices.push(DAMAGED)
      try {
        renameSync(file.path, `${file.path}.damaged`)
      } catch {
        rmSync(file.path, { force: true })
      }
      try {
        return file.open()
      } catch {
        return memoryBackend()
      }
    }
  }

  private readStore(): unknown {
    try {
      return this.backend.store
    } catch {
      return {}
    }
  }

  /** Notices from opening the settings (shown once the page is there), then none. */
  takeNotices(): Notice[] {
    const taken = this.notices
    this.notices = []
    return taken
  }

  get(): Settings {
    return this.current
  }

  /** Applies a checked patch (src/main/validation/requests.ts) and saves. */
  update(patch: SettingsPatch): Settings {
    const c = this.current
    return this.save({
      ...c,
      ...(patch.hyperparameters ? { hyperparameters: patch.hyperparameters } : {}),
      ...(patch.threads !== undefined ? { threads: patch.threads } : {}),
      ...(patch.theme ? { theme: patch.theme } : {}),
      ...(patch.studioTab ? { studioTab: patch.studioTab } : {}),
      ...(patch.weightView ? { weightView: { ...c.weightView, ...patch.weightView } } : {})
    })
  }

  addRecent(path: string, name: string, openedAt = Date.now()): Settings {
    const entry: RecentDataset = { path, name, openedAt }
    const rest = this.current.recentDatasets.filter((r) => r.path !== path)
    return this.save({ ...this.current, recentDatasets: [entry, ...rest].slice(0, MAX_RECENT_DATASETS) })
  }

  forgetRecent(path: string): Settings {
    return this.save({ ...this.current, recentDatasets: this.current.recentDatasets.filter((r) => r.path !== path) })
  }

  isRecent(path: string): boolean {
    return this.current.recentDatasets.some((r) => r.path === path)
  }

  setWindowBounds(bounds: WindowBounds): Settings {
    return this.save({ ...this.current, windowBounds: bounds })
  }

  private save(next: Settings): Settings {
    this.current = next
    this.persist()
    return next
  }

  private persist(): void {
    try {
      this.backend.store = { ...this.current } as unknown as Record<string, unknown>
    } catch {
      if (this.writeFailed) return
      this.writeFailed = true
      this.onNotice({
        level: 'warning',
        code: 'settings-not-saved',
        message: 'NN Scratch could not save your settings (the disk may be full or read-only). ' +
          'They apply until you close the app.'
      })
    }
  }
}

export { DEFAULT_SETTINGS }

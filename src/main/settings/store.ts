/**
 * Settings behind a small interface, stored by electron-store in the app and by `conf` in browser
 * mode and tests (both write the JSON file atomically). The file is checked before either library
 * parses it (settingsFileCheck.ts): a damaged one (empty, not JSON, a byte-order mark, JSON that
 * is not an object, a folder) is moved aside as settings.json.damaged (then .damaged-2, -3, …,
 * never overwriting an earlier copy) and the defaults are used, with a notice for the user; a
 * field that is damaged is reset alone. Failing to write keeps the settings for this session.
 * Notices raised while opening wait for takeNotices (no page is there yet); later ones go to the
 * listener, or wait too while there is none.
 */
import type { Notice } from '../../shared/ipc'
import { MAX_RECENT_DATASETS, type RecentDataset, type Settings, type SettingsPatch, type WindowBounds } from '../../shared/settings'
import { checkSettings, DEFAULT_SETTINGS } from './schema'
import { moveAside, settingsFileState } from './settingsFileCheck'

/** What electron-store and conf have in common. */
export interface SettingsBackend {
  store: Record<string, unknown>
  readonly path: string
}

export interface SettingsFile {
  /** the JSON file, checked before it is opened and moved aside when it is damaged. */
  readonly path: string
  /** Opens the store; throws when the file is not readable JSON or its folder cannot be made. */
  open(): SettingsBackend
}

export type NoticeListener = (notice: Notice) => void

const UNAFFECTED = 'Your datasets and models are not affected.'

function damagedNotice(keptAs: string | null): Notice {
  return {
    level: 'warning',
    code: 'settings-reset',
    message: 'Your settings file was damaged, so NN Scratch started with its default settings. ' +
      (keptAs === null
        ? 'The damaged file could not be moved aside, so changes to the settings will not be saved this time. '
        : `The damaged file was kept as ${keptAs}. `) + UNAFFECTED
  }
}

const NOT_SAVED: Notice = {
  level: 'warning',
  code: 'settings-not-saved',
  message: 'NN Scratch could not save your settings (the disk may be full or read-only). ' +
    'They apply until you close the app.'
}

function unreadableNotice(path: string): Notice {
  return {
    level: 'warning',
    code: 'settings-not-saved',
    message: `NN Scratch could not read your settings file (${path}), so it started with its default settings, ` +
      `and changes will not be saved this time. Check that the file can be read. ${UNAFFECTED}`
  }
}

const memoryBackend = (): SettingsBackend => ({ store: {}, path: '' })

export class SettingsStore {
  private backend: SettingsBackend
  private current: Settings
  private notices: Notice[] = []
  private writeFailed = false
  private opened = false

  constructor(file: SettingsFile, private listener: NoticeListener | null = null) {
    this.backend = this.open(file)
    const { settings, damaged } = checkSettings(this.readStore())
    this.current = settings
    if (damaged.includes('everything')) this.backend = this.recover(file)
    else if (damaged.length > 0) {
      this.tell({
        level: 'warning',
        code: 'settings-reset',
        message: `Some of your settings were damaged (${damaged.join(', ')}) and were reset to their defaults.`
      })
    }
    if (damaged.length > 0) this.persist()
    this.opened = true
  }

  private open(file: SettingsFile): SettingsBackend {
    const state = settingsFileState(file.path)
    if (state === 'damaged') return this.recover(file)
    if (state === 'unreadable') return this.inMemory(unreadableNotice(file.path))
    try {
      return file.open()
    } catch {
      // a file that changed since it was checked is damaged; a missing one whose folder cannot be made is not
      return state === 'missing' ? this.inMemory(NOT_SAVED) : this.recover(file)
    }
  }

  /** Moves the damaged file aside and opens a fresh one; without moving it, nothing is written over it. */
  private recover(file: SettingsFile): SettingsBackend {
    const keptAs = moveAside(file.path)
    this.tell(damagedNotice(keptAs))
    if (keptAs === null) return this.inMemory(null)
    try {
      return file.open()
    } catch {
      return this.inMemory(NOT_SAVED)
    }
  }

  private inMemory(notice: Notice | null): SettingsBackend {
    if (notice) this.tell(notice)
    this.writeFailed = true
    return memoryBackend()
  }

  private readStore(): unknown {
    try {
      return this.backend.store
    } catch {
      return {}
    }
  }

  /** Where later notices go (replacing any earlier listener); the returned function stops that. */
  listen(listener: NoticeListener): () => void {
    this.listener = listener
    return () => {
      if (this.listener === listener) this.listener = null
    }
  }

  private tell(notice: Notice): void {
    if (this.opened && this.listener) this.listener(notice)
    else this.notices.push(notice)
  }

  /** Notices not yet told (from opening the settings, shown once the page is there), then none. */
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
      this.tell(NOT_SAVED)
    }
  }
}

export { DEFAULT_SETTINGS }

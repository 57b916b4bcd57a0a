/**
 * Browser mode's settings file, through `conf`: the same settings.json the desktop app keeps in
 * Electron's userData folder (src/node/appData.ts: ~/.config/nn-scratch on Linux,
 * ~/Library/Application Support/nn-scratch on macOS, %APPDATA%\nn-scratch on Windows), or one
 * in `dir`. The path is known without opening the file, so a damaged file is the store's to
 * recover from.
 */
import Conf from 'conf'
import { join } from 'node:path'
import { userDataDir } from '../../node/appData'
import type { SettingsBackend, SettingsFile } from '../settings/store'

const NAME = 'settings'

/** The settings folder: the app's user-data folder, where Electron's app.getPath('userData') points. */
export const defaultSettingsDir = userDataDir

export function confSettingsFile(dir = defaultSettingsDir()): SettingsFile {
  return {
    path: join(dir, `${NAME}.json`),
    open: (): SettingsBackend => new Conf<Record<string, unknown>>({ cwd: dir, configName: NAME, clearInvalidConfig: false })
  }
}

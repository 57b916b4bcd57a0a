/** The app's settings file through electron-store: settings.json in Electron's userData folder. */
import { join } from 'node:path'
import { app } from 'electron'
import ElectronStore from 'electron-store'
import type { SettingsBackend, SettingsFile } from '../settings/store'

const NAME = 'settings'

export function electronSettingsFile(): SettingsFile {
  return {
    path: join(app.getPath('userData'), `${NAME}.json`),
    open: (): SettingsBackend => new ElectronStore<Record<string, unknown>>({ name: NAME, clearInvalidConfig: false })
  }
}

/**
 * Browser mode's settings file, through `conf`: the same settings.json the desktop app keeps in
 * Electron's userData folder for an app named nn-scratch (~/.config/nn-scratch on Linux,
 * ~/Library/Application Support/nn-scratch on macOS, %APPDATA%\nn-scratch on Windows), or one
 * in `dir`. The path is known without opening the file, so a damaged file is the store's to
 * recover from.
 */
import Conf from 'conf'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { SettingsBackend, SettingsFile } from '../settings/store'

const APP = 'nn-scratch'
const NAME = 'settings'

/** Where Electron's app.getPath('userData') points for this app. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP)
}

export function confSettingsFile(dir = defaultSettingsDir()): SettingsFile {
  return {
    path: join(dir, `${NAME}.json`),
    open: (): SettingsBackend => new Conf<Record<string, unknown>>({ cwd: dir, configName: NAME, clearInvalidConfig: false })
  }
}

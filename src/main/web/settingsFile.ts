/**
 * Browser mode's settings file, through `conf`: the same settings.json the desktop app keeps
 * (its folder under the user's configuration folder, e.g. ~/.config/nn-scratch), or one in
 * `dir` (tests).
 */
import Conf from 'conf'
import { join } from 'node:path'
import type { SettingsBackend, SettingsFile } from '../settings/store'

const NAME = 'settings'

export function confSettingsFile(dir?: string): SettingsFile {
  const open = (): SettingsBackend =>
    new Conf<Record<string, unknown>>({
      projectName: 'nn-scratch',
      projectSuffix: '',
      configName: NAME,
      clearInvalidConfig: false,
      ...(dir ? { cwd: dir } : {})
    })
  const path = dir ? join(dir, `${NAME}.json`) : open().path
  return { path, open }
}

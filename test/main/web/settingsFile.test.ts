/**
 * Browser mode's settings file in the user's folder: found without opening it (so a damaged file
 * is the store's to recover from, not a crash at start-up), in the desktop app's folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SettingsStore } from '../../../src/main/settings/store'
import { confSettingsFile, defaultSettingsDir } from '../../../src/main/web/settingsFile'
import { DAMAGED_SETTINGS } from '../../helpers/damagedSettings'

const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPDATA: process.env.APPDATA }
let home = ''
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nn-scratch-home-'))
  process.env.HOME = home
  process.env.XDG_CONFIG_HOME = join(home, 'config')
  process.env.APPDATA = join(home, 'appdata')
})
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  rmSync(home, { recursive: true, force: true })
})

describe('the default settings folder', () => {
  it('is Electron\'s userData folder for nn-scratch on each system', () => {
    const env = { XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }
    expect(defaultSettingsDir(env, 'linux', '/home/u')).toBe(join('/x', 'nn-scratch'))
    expect(defaultSettingsDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'nn-scratch'))
    expect(defaultSettingsDir({ XDG_CONFIG_HOME: '' }, 'freebsd', '/home/u')).toBe(join('/home/u', '.config', 'nn-scratch'))
    expect(defaultSettingsDir(env, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'nn-scratch'))
    expect(defaultSettingsDir(env, 'win32', 'C:\\Users\\u')).toBe(join(env.APPDATA, 'nn-scratch'))
  })

  it.each(DAMAGED_SETTINGS)('%s there: opening the settings starts from the defaults instead of throwing', (_what, content) => {
    const file = confSettingsFile()
    expect(file.path).toBe(join(defaultSettingsDir(), 'settings.json'))
    mkdirSync(defaultSettingsDir(), { recursive: true })
    writeFileSync(file.path, content)
    const store = new SettingsStore(confSettingsFile())
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-reset'])
    store.update({ theme: 'dark' })
    expect(JSON.parse(readFileSync(file.path, 'utf8')).theme).toBe('dark')
  })
})

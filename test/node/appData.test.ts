/**
 * The user-data folder is the one Electron gives the desktop app, so the desktop app, browser
 * mode and the command line keep their settings and runs in the same place.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_NAME, defaultRunsDir, userDataDir } from '../../src/node/appData'
import { defaultSettingsDir } from '../../src/main/web/settingsFile'

describe('the user-data folder', () => {
  it('is Electron\'s userData folder for nn-scratch on each system', () => {
    const env = { XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }
    expect(userDataDir(env, 'linux', '/home/u')).toBe(join('/x', 'nn-scratch'))
    expect(userDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'nn-scratch'))
    expect(userDataDir({ XDG_CONFIG_HOME: '' }, 'freebsd', '/home/u')).toBe(join('/home/u', '.config', 'nn-scratch'))
    expect(userDataDir(env, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'nn-scratch'))
    expect(userDataDir(env, 'win32', 'C:\\Users\\u')).toBe(join(env.APPDATA, 'nn-scratch'))
    expect(userDataDir({}, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u', 'AppData', 'Roaming', 'nn-scratch'))
  })

  it('holds the run store', () => {
    expect(defaultRunsDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe(join('/x', 'nn-scratch', 'runs'))
    expect(defaultRunsDir({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'nn-scratch', 'runs'))
  })

  it('is where browser mode keeps its settings', () => {
    expect(defaultSettingsDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h')).toBe(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h'))
  })

  it('is named as Electron names the app: package.json\'s productName, else its name', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; productName?: string }
    expect(pkg.productName ?? pkg.name).toBe(APP_NAME)
  })
})

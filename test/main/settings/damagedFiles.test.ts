/**
 * A damaged settings file never stops the app: the store starts from the defaults, moves the file
 * aside without overwriting an earlier copy and says so once. The same cases run through both
 * backends: browser mode's `conf`, and the desktop app's electron-store file, through `conf` as
 * electron-store uses it (its options turned into conf's, in Electron's userData folder), since
 * plain Node cannot load Electron.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SETTINGS, SettingsStore, type SettingsFile } from '../../../src/main/settings/store'
import { confSettingsFile } from '../../../src/main/web/settingsFile'
import type { Notice } from '../../../src/shared/ipc'
import { DAMAGED_SETTINGS } from '../../helpers/damagedSettings'

const userData = vi.hoisted(() => ({ dir: '' }))
vi.mock('electron', () => ({ app: { getPath: () => userData.dir } }))
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf')
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor({ name, ...options }: { name: string } & Record<string, unknown>) {
        super({ ...options, configName: name, cwd: userData.dir })
      }
    }
  }
})
const { electronSettingsFile } = await import('../../../src/main/electron/settingsFile')

/** Root ignores file permissions, and Windows does not apply a folder's read-only mode to its files. */
const noReadOnlyFolders = process.getuid?.() === 0 || process.platform === 'win32'
const SKIPPED = '(skipped as root and on Windows, where a folder cannot be made read-only)'

let dir = ''
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nn-scratch-damaged-')) })
afterEach(() => {
  chmodSync(dir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

/** The settings file in `folder` as each mode opens it. */
const BACKENDS: readonly (readonly [string, (folder: string) => SettingsFile])[] = [
  ['conf (browser mode)', (folder) => confSettingsFile(folder)],
  ['electron-store (desktop app)', (folder) => {
    userData.dir = folder
    return electronSettingsFile()
  }]
]

describe.each(BACKENDS)('a damaged settings file through %s', (_name, settingsIn) => {
  const settingsFile = (): SettingsFile => settingsIn(dir)
  const file = (): string => join(dir, 'settings.json')
  const open = (): SettingsStore => new SettingsStore(settingsFile())

  it('is the file both backends use', () => {
    expect(settingsFile().path).toBe(file())
  })

  it.each(DAMAGED_SETTINGS)('%s: starts from the defaults, keeps the file as settings.json.damaged, says so once', (_what, content) => {
    writeFileSync(file(), content)
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const notices = store.takeNotices()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ level: 'warning', code: 'settings-reset' })
    expect(notices[0].message).toContain(`${file()}.damaged`)
    expect(notices[0].message).not.toMatch(/Error|at \w+ \(|\n/)
    expect(store.takeNotices()).toEqual([])
    expect(readFileSync(`${file()}.damaged`)).toEqual(Buffer.from(content))
    store.update({ theme: 'light' })
    const again = open()
    expect(again.get().theme).toBe('light')
    expect(again.takeNotices()).toEqual([])
  })

  it('a folder in place of the file: moved aside the same way, with what it held', () => {
    mkdirSync(file())
    writeFileSync(join(file(), 'inside.txt'), 'kept')
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-reset'])
    expect(readFileSync(join(`${file()}.damaged`, 'inside.txt'), 'utf8')).toBe('kept')
    store.update({ theme: 'dark' })
    expect(statSync(file()).isFile()).toBe(true)
    expect(open().get().theme).toBe('dark')
  })

  it('never overwrites an earlier damaged copy: .damaged, then .damaged-2, -3, …', () => {
    writeFileSync(`${file()}.damaged`, 'first')
    writeFileSync(`${file()}.damaged-2`, 'second')
    writeFileSync(file(), 'third')
    const [notice] = open().takeNotices()
    expect(notice.message).toContain(`${file()}.damaged-3`)
    writeFileSync(file(), '[4]')
    open()
    mkdirSync(file())
    open()
    expect(readFileSync(`${file()}.damaged`, 'utf8')).toBe('first')
    expect(readFileSync(`${file()}.damaged-2`, 'utf8')).toBe('second')
    expect(readFileSync(`${file()}.damaged-3`, 'utf8')).toBe('third')
    expect(readFileSync(`${file()}.damaged-4`, 'utf8')).toBe('[4]')
    expect(statSync(`${file()}.damaged-5`).isDirectory()).toBe(true)
    expect(readdirSync(dir).sort()).toEqual([
      'settings.json.damaged', 'settings.json.damaged-2', 'settings.json.damaged-3', 'settings.json.damaged-4', 'settings.json.damaged-5'
    ])
  })

  it('a settings folder that cannot be made: defaults, kept for the session, and a notice that they are not saved', () => {
    writeFileSync(join(dir, 'a-file'), '')
    const store = new SettingsStore(settingsIn(join(dir, 'a-file', 'nn-scratch')))
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-not-saved'])
    expect(store.update({ theme: 'dark' }).theme).toBe('dark')
  })

  it.skipIf(noReadOnlyFolders)(`a read-only settings folder: the "not saved" notice waits for the page ${SKIPPED}`, () => {
    writeFileSync(file(), JSON.stringify({ theme: 'purple' }))
    chmodSync(dir, 0o555)
    const told: Notice[] = []
    const store = new SettingsStore(settingsFile(), (n) => told.push(n))
    expect(store.get().theme).toBe('system')
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-reset', 'settings-not-saved'])
    expect(told).toEqual([])
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ theme: 'purple' })
  })

  it.skipIf(noReadOnlyFolders)(`a file that may not be read is left alone: defaults for the session, and a notice ${SKIPPED}`, () => {
    writeFileSync(file(), JSON.stringify({ theme: 'dark' }))
    chmodSync(file(), 0o000)
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const notices = store.takeNotices()
    expect(notices.map((n) => n.code)).toEqual(['settings-not-saved'])
    expect(notices[0].message).toContain(`could not read your settings file (${file()})`)
    store.update({ theme: 'light' })
    chmodSync(file(), 0o644)
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ theme: 'dark' })
    expect(existsSync(`${file()}.damaged`)).toBe(false)
  })

  it.skipIf(noReadOnlyFolders)(`a damaged file in a read-only folder stays where it is, untouched ${SKIPPED}`, () => {
    writeFileSync(file(), '{"theme": ')
    chmodSync(dir, 0o555)
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const notices = store.takeNotices()
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toMatch(/could not be moved aside.*not be saved/)
    store.update({ theme: 'dark' })
    expect(readFileSync(file(), 'utf8')).toBe('{"theme": ')
    expect(existsSync(`${file()}.damaged`)).toBe(false)
  })
})

describe('notices after opening', () => {
  const failing = (): SettingsFile => ({
    path: join(dir, 'settings.json'),
    open: () => ({ get store() { return {} }, set store(_v) { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }) }, path: '' })
  })

  it('go to the listener once there is one, and wait for takeNotices while there is none', () => {
    const store = new SettingsStore(failing())
    store.update({ theme: 'dark' })
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-not-saved'])
    const told: Notice[] = []
    const stop = store.listen((n) => told.push(n))
    const again = new SettingsStore(failing())
    again.listen((n) => told.push(n))
    again.update({ theme: 'dark' })
    again.update({ theme: 'light' })
    expect(told.map((n) => n.code)).toEqual(['settings-not-saved'])
    expect(again.takeNotices()).toEqual([])
    stop()
  })

  it('raised while opening wait for takeNotices even with a listener (no page is there yet)', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ theme: 'purple' }))
    const told: Notice[] = []
    const store = new SettingsStore({
      ...failing(),
      open: () => ({ get store() { return { theme: 'purple' } }, set store(_v) { throw new Error('EROFS') }, path: '' })
    }, (n) => told.push(n))
    expect(told).toEqual([])
    expect(store.takeNotices().map((n) => n.code)).toEqual(['settings-reset', 'settings-not-saved'])
  })
})

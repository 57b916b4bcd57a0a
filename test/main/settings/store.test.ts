/** The settings store through `conf` in a temporary folder, as browser mode and tests use it. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { DEFAULT_SETTINGS, SettingsStore } from '../../../src/main/settings/store'
import { confSettingsFile } from '../../../src/main/web/settingsFile'
import type { Notice } from '../../../src/shared/ipc'
import { MAX_RECENT_DATASETS } from '../../../src/shared/settings'

let dir = ''
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nn-scratch-settings-')) })
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const file = (): string => join(dir, 'settings.json')
const open = (): SettingsStore => new SettingsStore(confSettingsFile(dir))
const onDisk = (): Record<string, unknown> => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>

describe('SettingsStore', () => {
  it('starts from the defaults: the seed hyperparameters, automatic threads, the system theme', () => {
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.get().hyperparameters).toEqual(SEED_DEFAULTS)
    expect(store.takeNotices()).toEqual([])
  })

  it('keeps what was changed for the next start', () => {
    const store = open()
    store.update({ theme: 'dark', threads: 4, weightView: { normalisation: 'zero' }, studioTab: 'weights' })
    store.update({ hyperparameters: { ...SEED_DEFAULTS, hidden: [30, 10], learningRate: 0.05 } })
    store.setWindowBounds({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    store.addRecent('/data/cifar_2class_py2.p', 'cifar_2class_py2.p', 1000)
    const again = open().get()
    expect(again.theme).toBe('dark')
    expect(again.threads).toBe(4)
    expect(again.studioTab).toBe('weights')
    expect(again.weightView).toEqual({ normalisation: 'zero', zoom: 3, sort: 'unit' })
    expect(again.hyperparameters.hidden).toEqual([30, 10])
    expect(again.windowBounds).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false })
    expect(again.recentDatasets).toEqual([{ path: '/data/cifar_2class_py2.p', name: 'cifar_2class_py2.p', openedAt: 1000 }])
    expect(onDisk().theme).toBe('dark')
  })

  it('lists recent datasets newest first, each once, at most a few', () => {
    const store = open()
    for (let i = 0; i < MAX_RECENT_DATASETS + 3; i++) store.addRecent(`/d/${i}.p`, `${i}.p`, i)
    store.addRecent('/d/5.p', '5.p', 100)
    const paths = store.get().recentDatasets.map((r) => r.path)
    expect(paths[0]).toBe('/d/5.p')
    expect(paths).toHaveLength(MAX_RECENT_DATASETS)
    expect(new Set(paths).size).toBe(paths.length)
    expect(store.isRecent('/d/0.p')).toBe(false)
    store.forgetRecent('/d/5.p')
    expect(store.isRecent('/d/5.p')).toBe(false)
  })

  it('moves a damaged file aside, starts from the defaults and says so once', () => {
    writeFileSync(file(), '{"theme": "dark", "threads": ')
    const store = open()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const notices = store.takeNotices()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ level: 'warning', code: 'settings-reset' })
    expect(notices[0].message).toMatch(/damaged.*default settings/)
    expect(store.takeNotices()).toEqual([])
    expect(readFileSync(`${file()}.damaged`, 'utf8')).toContain('"theme"')
    store.update({ theme: 'light' })
    expect(open().get().theme).toBe('light')
  })

  it('resets only the fields that are damaged, naming them', () => {
    writeFileSync(file(), JSON.stringify({
      theme: 'purple', threads: 2, hyperparameters: { ...SEED_DEFAULTS, learningRate: -5 }, recentDatasets: 'none', extra: 1
    }))
    const store = open()
    expect(store.get().threads).toBe(2)
    expect(store.get().theme).toBe('system')
    expect(store.get().hyperparameters).toEqual(SEED_DEFAULTS)
    expect(store.get().recentDatasets).toEqual([])
    const [notice] = store.takeNotices()
    expect(notice.message).toContain('hyperparameters, theme, recentDatasets')
    expect(onDisk().theme).toBe('system')
    expect(onDisk().extra).toBeUndefined()
  })

  it('keeps working, with a notice, when the file cannot be written', () => {
    const notices: Notice[] = []
    const store = new SettingsStore({
      path: join(dir, 'x.json'),
      open: () => ({ get store() { return {} }, set store(_v) { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }) }, path: '' })
    }, (n) => notices.push(n))
    expect(store.update({ theme: 'dark' }).theme).toBe('dark')
    store.update({ theme: 'light' })
    expect(store.get().theme).toBe('light')
    expect(notices).toHaveLength(1)
    expect(notices[0].code).toBe('settings-not-saved')
    expect(existsSync(join(dir, 'x.json'))).toBe(false)
  })
})

/**
 * Browser mode's start-up as `node out/main/web.js` runs it (startBrowserMode, with a temporary
 * settings folder and a stand-in worker): a damaged settings file never stops it, and the page
 * is told once. Settings notices raised later reach the page, also one that connects afterwards.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SettingsStore } from '../../../src/main/settings/store'
import { startWebServer, type WebServer } from '../../../src/main/web/server'
import { defaultSettingsDir } from '../../../src/main/web/settingsFile'
import { startBrowserMode, StartError } from '../../../src/main/web/start'
import type { AppSnapshot, Notice } from '../../../src/shared/ipc'
import { DAMAGED_SETTINGS } from '../../helpers/damagedSettings'
import { RawPage } from '../../helpers/rawPage'
import { rawHttp } from '../../helpers/rawSocket'
import { stubWorkerLauncher } from '../../helpers/stubWorker'

/** Root ignores file permissions, and Windows does not apply a folder's read-only mode to its files. */
const noReadOnlyFolders = process.getuid?.() === 0 || process.platform === 'win32'
const SKIPPED = '(skipped as root and on Windows, where a folder cannot be made read-only)'

let dir = ''
let renderer = ''
let settingsDir = ''
let server: WebServer | null = null
const pages: RawPage[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-start-'))
  renderer = join(dir, 'renderer')
  settingsDir = join(dir, 'settings')
  mkdirSync(renderer)
  mkdirSync(settingsDir)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Scratch</title>')
})
afterEach(async () => {
  for (const p of pages.splice(0)) p.close()
  await server?.close()
  server = null
  chmodSync(settingsDir, 0o755)
  rmSync(dir, { recursive: true, force: true })
})

const start = async (): Promise<WebServer> => {
  server = await startBrowserMode({ rendererDir: renderer, launcher: stubWorkerLauncher(), settingsDir })
  return server
}
const openPage = async (s: WebServer): Promise<RawPage> => {
  const page = await RawPage.open(s.port, s.token)
  pages.push(page)
  return page
}
const snapshot = async (page: RawPage): Promise<AppSnapshot> => {
  const reply = await page.ask('app:snapshot', {})
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value as AppSnapshot
}
const servesThePage = async (s: WebServer): Promise<void> => {
  const res = await rawHttp(s.port, `GET /?token=${s.token} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`)
  expect(res?.status).toBe(200)
  expect(res?.body).toContain('NN Scratch')
}

describe('browser mode starts whatever the settings file holds', () => {
  const file = (): string => join(settingsDir, 'settings.json')

  it.each(DAMAGED_SETTINGS)('%s: serves the page, tells it once, keeps the file as settings.json.damaged', async (_what, content) => {
    writeFileSync(file(), content)
    const s = await start()
    await servesThePage(s)
    const first = await snapshot(await openPage(s))
    expect(first.settings.theme).toBe('system')
    expect(first.notices).toHaveLength(1)
    expect(first.notices[0]).toMatchObject({ level: 'warning', code: 'settings-reset' })
    expect(first.notices[0].message).toContain(`${file()}.damaged`)
    expect((await snapshot(await openPage(s))).notices).toEqual([])
    expect(readFileSync(`${file()}.damaged`)).toEqual(Buffer.from(content))
  })

  it('a folder named settings.json: serves the page and moves the folder aside', async () => {
    mkdirSync(file())
    const s = await start()
    await servesThePage(s)
    expect((await snapshot(await openPage(s))).notices.map((n) => n.code)).toEqual(['settings-reset'])
    expect(existsSync(join(`${file()}.damaged`))).toBe(true)
  })

  it('a settings folder that cannot be made: serves the page and says the settings are not saved', async () => {
    writeFileSync(join(dir, 'a-file'), '')
    server = await startBrowserMode({ rendererDir: renderer, launcher: stubWorkerLauncher(), settingsDir: join(dir, 'a-file', 'settings') })
    await servesThePage(server)
    const page = await openPage(server)
    expect((await snapshot(page)).notices.map((n) => n.code)).toEqual(['settings-not-saved'])
    const updated = await page.ask('settings:update', { patch: { theme: 'dark' } })
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark' } })
  })

  it.skipIf(noReadOnlyFolders)(`a read-only settings folder: the page hears that settings are not saved ${SKIPPED}`, async () => {
    writeFileSync(file(), JSON.stringify({ theme: 'dark' }))
    chmodSync(settingsDir, 0o555)
    const s = await start()
    const page = await openPage(s)
    expect((await snapshot(page)).notices).toEqual([])
    await page.ask('settings:update', { patch: { theme: 'light' } })
    expect(await page.event('app:notice')).toMatchObject({ level: 'warning', code: 'settings-not-saved' })
  })

  it('in the user\'s own settings folder (the default): a damaged file there is no crash either', async () => {
    const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPDATA: process.env.APPDATA }
    Object.assign(process.env, { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), APPDATA: join(dir, 'appdata') })
    try {
      const own = join(defaultSettingsDir(), 'settings.json')
      expect(own.startsWith(dir)).toBe(true)
      mkdirSync(defaultSettingsDir(), { recursive: true })
      writeFileSync(own, '{"theme": "dark", ')
      server = await startBrowserMode({ rendererDir: renderer, launcher: stubWorkerLauncher() })
      await servesThePage(server)
      expect((await snapshot(await openPage(server))).notices.map((n) => n.code)).toEqual(['settings-reset'])
      expect(readFileSync(`${own}.damaged`, 'utf8')).toBe('{"theme": "dark", ')
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })

  it('without built pages: a plain StartError that exits 1', async () => {
    rmSync(join(renderer, 'index.html'))
    const failed = await startBrowserMode({ rendererDir: renderer, launcher: stubWorkerLauncher(), settingsDir }).catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(StartError)
    expect(failed).toMatchObject({ exitCode: 1, message: expect.stringMatching(/not built yet.*npm run web/) })
  })
})

describe('a settings notice raised after start-up', () => {
  /** A store whose file cannot be written, as in a read-only folder (which root cannot make). */
  const unwritable = (): SettingsStore => new SettingsStore({
    path: join(settingsDir, 'settings.json'),
    open: () => ({ get store() { return {} }, set store(_v) { throw Object.assign(new Error('EROFS'), { code: 'EROFS' }) }, path: '' })
  })

  it('reaches the connected page as an event', async () => {
    server = await startWebServer({ rendererDir: renderer, launcher: stubWorkerLauncher(), settings: unwritable() })
    const page = await openPage(server)
    expect((await snapshot(page)).notices).toEqual([])
    const reply = await page.ask('settings:update', { patch: { theme: 'dark' } })
    expect(reply).toMatchObject({ ok: true, value: { theme: 'dark' } })
    const notice = await page.event('app:notice') as Notice
    expect(notice).toMatchObject({ level: 'warning', code: 'settings-not-saved' })
    expect(notice.message).toMatch(/could not save your settings/)
  })

  it('raised while no page is connected, waits for the next page', async () => {
    const settings = unwritable()
    server = await startWebServer({ rendererDir: renderer, launcher: stubWorkerLauncher(), settings })
    settings.update({ theme: 'dark' })
    const page = await openPage(server)
    expect(await page.event('app:notice')).toMatchObject({ code: 'settings-not-saved' })
    const later = await openPage(server)
    await snapshot(later)
    expect(later.events).toEqual([])
  })
})

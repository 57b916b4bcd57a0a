import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// Plain Node cannot load Electron: a stand-in records what window.ts asks of it.
const created: { options: Electron.BrowserWindowConstructorOptions; loaded: string[] }[] = []

vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly loaded: string[] = []
    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      created.push(this)
    }
    once(): void {}
    loadFile(path: string): Promise<void> {
      this.loaded.push(path)
      return Promise.resolve()
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url)
      return Promise.resolve()
    }
  }
}))

const { createMainWindow, denyPermissions, lockDown } = await import('../../src/main/window')

class FakeContents extends EventEmitter {
  openHandler?: () => { action: string }
  setWindowOpenHandler(handler: () => { action: string }): void {
    this.openHandler = handler
  }
  /** Emits `name` with a fresh event and says whether a listener prevented it. */
  prevented(name: string): boolean {
    let defaultPrevented = false
    this.emit(name, { preventDefault: () => { defaultPrevented = true } }, 'https://example.com/')
    return defaultPrevented
  }
}

describe('createMainWindow', () => {
  beforeEach(() => { created.length = 0 })

  it('isolates and sandboxes the renderer, with the CommonJS preload', () => {
    createMainWindow()
    const prefs = created[0].options.webPreferences ?? {}
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(prefs.preload?.replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/)
  })

  it('loads the built renderer, or the dev server when given one', () => {
    createMainWindow()
    createMainWindow('http://localhost:5173')
    expect(created[0].loaded[0].replaceAll('\\', '/')).toMatch(/\/renderer\/index\.html$/)
    expect(created[1].loaded).toEqual(['http://localhost:5173'])
  })
})

describe('lockDown', () => {
  it('stops navigation, redirects, webviews and new windows', () => {
    const contents = new FakeContents()
    lockDown(contents as unknown as Electron.WebContents)
    expect(contents.prevented('will-navigate')).toBe(true)
    expect(contents.prevented('will-redirect')).toBe(true)
    expect(contents.prevented('will-attach-webview')).toBe(true)
    expect(contents.openHandler?.()).toEqual({ action: 'deny' })
  })
})

describe('denyPermissions', () => {
  it('refuses every permission request and check', () => {
    let requestHandler: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined
    let checkHandler: (() => boolean) | undefined
    denyPermissions({
      setPermissionRequestHandler: (handler: typeof requestHandler) => { requestHandler = handler },
      setPermissionCheckHandler: (handler: typeof checkHandler) => { checkHandler = handler }
    } as unknown as Electron.Session)
    const answers: boolean[] = []
    requestHandler?.({}, 'media', (granted) => answers.push(granted))
    expect(answers).toEqual([false])
    expect(checkHandler?.()).toBe(false)
  })
})

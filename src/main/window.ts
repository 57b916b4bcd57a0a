/**
 * The main window, and the rules every page in the app lives under: the renderer is sandboxed
 * and isolated from Node and the preload, and may not navigate, open windows, attach webviews
 * or be granted permissions (camera, notifications, ...). Its Content-Security-Policy is in
 * src/renderer/index.html.
 */
import { join } from 'node:path'
import { BrowserWindow, type Session, type WebContents, type WebPreferences } from 'electron'
import type { WindowBounds } from '../shared/settings'

export const WEB_PREFERENCES: Readonly<WebPreferences> = {
  preload: join(import.meta.dirname, '../preload/index.cjs'),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  webviewTag: false
}

/**
 * Opens the window on the built renderer; under `npm run dev` (never in a packaged app) on the
 * dev server electron-vite names in ELECTRON_RENDERER_URL. `bounds`: where it was last time.
 */
export function createMainWindow(devServerUrl?: string, bounds?: WindowBounds | null): BrowserWindow {
  const window = new BrowserWindow({
    width: bounds?.width ?? 1280,
    height: bounds?.height ?? 800,
    ...(bounds ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: 640,
    minHeight: 480,
    title: 'NN Scratch',
    show: false,
    webPreferences: { ...WEB_PREFERENCES }
  })
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize()
    window.show()
  })
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

/** Keeps a page where it is: no navigation, no new windows, no <webview>. */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** The app needs no browser permission; refuse every request and check. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

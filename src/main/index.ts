/**
 * Electron main entry: wiring only. Every renderer is sandboxed and locked down
 * (src/main/window.ts); the app itself (services, window, menu, IPC) is src/main/electron/app.ts.
 */
import { join } from 'node:path'
import { app, session } from 'electron'
import { startDesktopApp } from './electron/app'
import { denyPermissions, lockDown } from './window'

app.enableSandbox()
app.on('web-contents-created', (_event, contents) => lockDown(contents))

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

void app.whenReady().then(() => {
  denyPermissions(session.defaultSession)
  // the entry's own folder (out/main) holds the worker, whichever chunk the app code lands in
  startDesktopApp(devServerUrl, join(import.meta.dirname, 'worker.js'))
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

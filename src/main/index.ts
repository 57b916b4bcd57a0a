/**
 * Electron main entry: wiring only. Every renderer is sandboxed and locked down
 * (src/main/window.ts); the one window shows the renderer in src/renderer.
 */
import { app, BrowserWindow, session } from 'electron'
import { createMainWindow, denyPermissions, lockDown } from './window'

app.enableSandbox()
app.on('web-contents-created', (_event, contents) => lockDown(contents))

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']

void app.whenReady().then(() => {
  denyPermissions(session.defaultSession)
  createMainWindow(devServerUrl)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devServerUrl)
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

/**
 * The desktop app: the main-side services (handler table, supervised utility process,
 * electron-store settings) connected to the window through IPC, the menu and native dialogs.
 * The window reopens where it was; closing it with trained work unsaved asks first.
 */
import { app, BrowserWindow, dialog, screen } from 'electron'
import { availableParallelism } from 'node:os'
import { APP_VERSION } from '../../core/model/model'
import type { EventChannel, Events, RequestArgs, RequestChannel } from '../../shared/ipc'
import type { RecentDataset, Settings } from '../../shared/settings'
import { createServices, type AppServices } from '../services'
import { SettingsStore } from '../settings/store'
import { createMainWindow } from '../window'
import { visibleBounds } from '../windowBounds'
import { electronDialogs } from './dialogs'
import { registerIpc, windowSender } from './ipc'
import { setApplicationMenu, type MenuActions } from './menu'
import { electronSettingsFile } from './settingsFile'
import { utilityWorkerLauncher } from './utilityWorker'

const ABOUT = 'A small neural network, written from scratch in TypeScript, that learns from your own pictures, offline.'

export function startDesktopApp(devServerUrl: string | undefined, workerScript: string): void {
  let window: BrowserWindow | null = null
  const current = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null)
  const send = windowSender(current)
  let recent: readonly RecentDataset[] | null = null

  const emit = <E extends EventChannel>(event: E, payload: Events[E]): void => {
    if (event === 'settings:changed') refreshMenu((payload as Settings).recentDatasets)
    send(event, payload)
  }
  const settings = new SettingsStore(electronSettingsFile(), (notice) => emit('app:notice', notice))
  const services: AppServices = createServices({
    info: { version: APP_VERSION, mode: 'desktop', nativeDialogs: true, cpuCount: availableParallelism() },
    launcher: utilityWorkerLauncher(workerScript),
    settings,
    dialogs: electronDialogs(current),
    emit
  })
  registerIpc(services, current)

  /** Opening a model from the menu replaces the network: with unsaved training, ask first (the page's buttons ask there). */
  async function mayReplaceNetwork(): Promise<boolean> {
    const w = current()
    if (!w || !services.hasUnsavedWork()) return true
    const { response } = await dialog.showMessageBox(w, {
      type: 'question',
      buttons: ['Cancel', 'Open without saving'],
      defaultId: 0,
      cancelId: 0,
      message: 'The trained network is not saved.',
      detail: 'Opening a model replaces it, and its training is lost. Cancel and use File › Save model… to keep it.'
    })
    return response === 1
  }

  const actions: MenuActions = {
    run: <C extends RequestChannel>(channel: C, args: RequestArgs<C>) => {
      void (async () => {
        if (channel === 'model:open-dialog' && !(await mayReplaceNetwork())) return
        const reply = await services.handle(channel, args)
        if (!reply.ok) emit('app:notice', { level: 'error', ...reply.error })
      })()
    },
    about: () => {
      const options = { type: 'info' as const, title: 'About NN Scratch', message: `NN Scratch ${APP_VERSION}`, detail: ABOUT }
      const w = current()
      void (w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options))
    }
  }
  function refreshMenu(next: readonly RecentDataset[]): void {
    if (next === recent) return
    recent = next
    for (const r of next) app.addRecentDocument(r.path)
    setApplicationMenu(actions, next)
  }
  refreshMenu(settings.get().recentDatasets)

  const open = (): void => {
    const displays = screen.getAllDisplays().map((d) => d.workArea)
    const w = createMainWindow(devServerUrl, visibleBounds(settings.get().windowBounds, displays))
    window = w
    let confirmed = false
    w.on('close', (event) => {
      const normal = w.getNormalBounds()
      settings.setWindowBounds({ ...normal, maximized: w.isMaximized() })
      if (confirmed || !services.hasUnsavedWork()) return
      event.preventDefault()
      void dialog.showMessageBox(w, {
        type: 'question',
        buttons: ['Keep working', 'Close without saving'],
        defaultId: 0,
        cancelId: 0,
        message: 'The trained network is not saved.',
        detail: 'If you close now, the training is lost. Keep working and use File › Save model… to keep it.'
      }).then(({ response }) => {
        if (response !== 1) return
        confirmed = true
        w.close()
      })
    })
  }

  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  app.on('will-quit', () => services.dispose())
}

/**
 * The contract over Electron IPC, generated from its keys: one ipcMain.handle per request
 * channel (answered by the handler table, which checks every argument) and one send per event.
 * Only the app's own window may ask; anything else gets a refusal, never a crash.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { IPC_PREFIX, REQUEST_CHANNELS, type EventChannel, type Events } from '../../shared/ipc'
import type { Reply } from '../../shared/payloads'
import type { AppServices } from '../services'

const FORBIDDEN: Reply<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Only the NN Scratch window may ask the app for this.' }
}

export function registerIpc(services: AppServices, window: () => BrowserWindow | null): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const w = window()
    return w !== null && event.sender === w.webContents && event.senderFrame === w.webContents.mainFrame
  }
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, args: unknown) => (trusted(event) ? services.handle(channel, args) : FORBIDDEN))
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(IPC_PREFIX + channel)
  }
}

/** Sends an event to the window, if there is one. */
export function windowSender(window: () => BrowserWindow | null) {
  return <E extends EventChannel>(event: E, payload: Events[E]): void => {
    const w = window()
    if (w && !w.isDestroyed()) w.webContents.send(IPC_PREFIX + event, payload)
  }
}

/**
 * Preload: runs sandboxed before the page and exposes `window.api` (BridgeApi, src/shared/api.ts)
 * through contextBridge, nothing else: no Node, no Electron objects, no raw ipcRenderer. Only the
 * contract's channels pass, each under the IPC prefix.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { APP_VERSION } from '../core/model/model'
import type { BridgeApi, EventListener } from '../shared/api'
import { EVENT_CHANNELS, IPC_PREFIX, REQUEST_CHANNELS, type EventChannel, type RequestChannel } from '../shared/ipc'

const requests = new Set<string>(REQUEST_CHANNELS)
const events = new Set<string>(EVENT_CHANNELS)

const api: BridgeApi = {
  version: APP_VERSION,
  invoke: (channel: RequestChannel, args: unknown) => {
    if (!requests.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'bad-channel', message: `The app has no request "${String(channel)}".` } })
    }
    return ipcRenderer.invoke(IPC_PREFIX + channel, args)
  },
  on: <E extends EventChannel>(event: E, listener: EventListener<E>) => {
    if (!events.has(event)) throw new Error(`The app has no event "${String(event)}".`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(IPC_PREFIX + event, wrapped)
    return () => { ipcRenderer.removeListener(IPC_PREFIX + event, wrapped) }
  }
} as BridgeApi

contextBridge.exposeInMainWorld('api', api)

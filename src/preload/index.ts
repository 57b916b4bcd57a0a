/**
 * Preload: runs sandboxed before the page and exposes `window.api` (src/shared/api.ts) to it
 * through contextBridge, nothing else: no Node, no Electron objects.
 */
import { contextBridge } from 'electron'
import { APP_VERSION } from '../core/model/model'
import type { RendererApi } from '../shared/api'

const api: RendererApi = { version: APP_VERSION }

contextBridge.exposeInMainWorld('api', api)

/**
 * getApi(): the page's one way to the rest of the app. In the desktop app it wraps the preload's
 * `window.api`; in browser mode (no preload) the WebSocket transport, with the token from the
 * page's address. Requests resolve with their result or reject with an ApiError whose message
 * is written for the user.
 */
import type { ApiFailure, BridgeApi, RendererApi } from '../../../shared/api'
import type { RequestArgs, RequestChannel, RequestResult } from '../../../shared/ipc'
import type { AppError } from '../../../shared/payloads'
import { createWebSocketApi, socketUrl } from './websocketApi'

export class ApiError extends Error implements ApiFailure {
  override readonly name = 'ApiError'
  readonly code: string

  constructor(error: AppError) {
    super(error.message)
    this.code = error.code
  }
}

/** A RendererApi over a BridgeApi: Replies become results or ApiErrors. */
export function rendererApi(bridge: BridgeApi): RendererApi {
  return {
    version: bridge.version,
    invoke: async <C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> => {
      const reply = await bridge.invoke(channel, args)
      if (!reply.ok) throw new ApiError(reply.error)
      return reply.value
    },
    on: (event, listener) => bridge.on(event, listener)
  }
}

let api: RendererApi | null = null

export function getApi(): RendererApi {
  if (!api) {
    const bridge = (window as { api?: BridgeApi }).api
    api = rendererApi(bridge ?? createWebSocketApi(socketUrl(window.location.href)))
  }
  return api
}

export { createWebSocketApi, socketUrl }

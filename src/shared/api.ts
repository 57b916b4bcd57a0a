/**
 * The page's way out of its sandbox, typed by the contract in ipc.ts (a channel typo or a wrong
 * argument does not compile).
 *   BridgeApi:   what the preload exposes as `window.api` and the browser-mode WebSocket
 *                transport implements: answers arrive as Reply values, never as exceptions
 *                (exceptions lose their fields crossing contextBridge).
 *   RendererApi: what components use (src/renderer/src/transport: getApi()): the same calls,
 *                resolving with the result or rejecting with an ApiFailure.
 */
import type { AppError } from './payloads'
import type { EventChannel, Events, RequestArgs, RequestChannel, RequestReply, RequestResult } from './ipc'

export type EventListener<E extends EventChannel> = (payload: Events[E]) => void

export interface BridgeApi {
  /** The app's version, e.g. "0.1.0". */
  readonly version: string
  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestReply<C>>
  /** Listens to an event; returns the function that stops listening. */
  on<E extends EventChannel>(event: E, listener: EventListener<E>): () => void
}

/** An Error carrying the AppError's plain message and its code. */
export interface ApiFailure extends Error {
  readonly code: AppError['code']
}

export interface RendererApi {
  readonly version: string
  /** Resolves with the result, or rejects with an ApiFailure whose message is for the user. */
  invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>>
  on<E extends EventChannel>(event: E, listener: EventListener<E>): () => void
}

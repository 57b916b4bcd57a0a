/**
 * Browser mode's BridgeApi: the contract over one WebSocket to the server that `npm run web`
 * started, each message one binary frame (core/wire/frame.ts) so typed arrays arrive as typed
 * arrays. Requests sent before the socket opens wait for it; when the socket closes, waiting
 * requests and later ones answer with a plain error, and listeners of 'app:notice' hear why.
 */
import { decodeFrame, encodeFrame } from '../../../core/wire/frame'
import { APP_VERSION } from '../../../core/model/model'
import type { BridgeApi, EventListener } from '../../../shared/api'
import type { EventChannel, Notice, RequestArgs, RequestChannel, RequestReply } from '../../../shared/ipc'
import type { AppError, Reply } from '../../../shared/payloads'
import { SOCKET_PATH, TOKEN_PARAM, type ClientMessage, type ServerMessage } from '../../../shared/socket'

export const DISCONNECTED: AppError = {
  code: 'disconnected',
  message: 'The connection to NN Scratch was lost. Check that it is still running in the terminal, then reload this page.'
}

/** The socket's address for a page at `pageUrl` (its token taken from the page's own address). */
export function socketUrl(pageUrl: string): string {
  const page = new URL(pageUrl)
  const url = new URL(SOCKET_PATH, page)
  url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:'
  url.searchParams.set(TOKEN_PARAM, page.searchParams.get(TOKEN_PARAM) ?? '')
  return url.toString()
}

/** `connect` makes the socket (a test can pass its own WebSocket class). */
export function createWebSocketApi(url: string, connect: (url: string) => WebSocket = (u) => new WebSocket(u)): BridgeApi {
  const socket = connect(url)
  socket.binaryType = 'arraybuffer'
  const pending = new Map<number, (reply: Reply<unknown>) => void>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const queue: Uint8Array[] = []
  let nextId = 1
  let closed = false

  const deliver = (event: string, payload: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload)
  }

  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(frame)
  })
  socket.addEventListener('message', (e: MessageEvent) => {
    if (!(e.data instanceof ArrayBuffer)) return
    const message = decodeFrame(new Uint8Array(e.data)) as ServerMessage
    if (message.type === 'reply') {
      const resolve = pending.get(message.id)
      pending.delete(message.id)
      resolve?.(message.reply)
    } else if (message.type === 'event') deliver(message.event, message.payload)
  })
  socket.addEventListener('close', () => {
    if (closed) return
    closed = true
    queue.length = 0
    for (const resolve of pending.values()) resolve({ ok: false, error: DISCONNECTED })
    pending.clear()
    deliver('app:notice', { level: 'error', ...DISCONNECTED } satisfies Notice)
  })

  const invoke = <C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestReply<C>> => {
    if (closed) return Promise.resolve({ ok: false, error: DISCONNECTED })
    const id = nextId++
    const frame = encodeFrame({ type: 'request', id, channel, args } satisfies ClientMessage)
    const reply = new Promise<RequestReply<C>>((resolve) => pending.set(id, resolve as (r: Reply<unknown>) => void))
    if (socket.readyState === socket.OPEN) socket.send(frame)
    else queue.push(frame)
    return reply
  }

  const on = <E extends EventChannel>(event: E, listener: EventListener<E>): (() => void) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    return () => { set.delete(wrapped) }
  }

  return { version: APP_VERSION, invoke, on }
}

/**
 * Browser mode's WebSocket messages (each sent as one frame of src/core/wire/frame.ts), and
 * where the socket lives. The page connects to SOCKET_PATH?token=<the token in its own URL>.
 */
import type { EventChannel } from './ipc'
import type { Reply } from './payloads'

export type ClientMessage = { readonly type: 'request'; readonly id: number; readonly channel: string; readonly args: unknown }

export type ServerMessage =
  | { readonly type: 'reply'; readonly id: number; readonly reply: Reply<unknown> }
  | { readonly type: 'event'; readonly event: EventChannel; readonly payload: unknown }

export const SOCKET_PATH = '/api'
export const TOKEN_PARAM = 'token'

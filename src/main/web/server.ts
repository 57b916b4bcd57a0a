/**
 * Browser mode: the built renderer and the same main-side services as the desktop app (the
 * handler table, the supervised training worker, the settings) on 127.0.0.1 only. The contract
 * travels over one WebSocket per page, each message one binary frame (src/core/wire/frame.ts).
 * A random per-run token guards the socket: the page has it in its URL; a connection without it,
 * from another origin, or through a Host name other than 127.0.0.1/localhost (DNS rebinding)
 * is refused. There are no file dialogs: the page uploads and downloads bytes.
 * Nothing a client sends can stop the server: a request that is not well formed (requestCheck.ts)
 * gets a 400, a malformed frame closes only its own socket, and every socket has an error listener
 * from the moment the server sees it. Settings notices raised while no page is connected wait
 * for the next page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { availableParallelism } from 'node:os'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { APP_VERSION } from '../../core/model/model'
import { decodeFrame, encodeFrame } from '../../core/wire/frame'
import { createServices, type AppServices } from '../services'
import type { SettingsStore } from '../settings/store'
import type { WorkerLauncher } from '../worker/process'
import { LIMITS, type EventChannel, type Events, type Notice } from '../../shared/ipc'
import { SOCKET_PATH, TOKEN_PARAM, type ClientMessage, type ServerMessage } from '../../shared/socket'
import { checkRequest, HOST } from './requestCheck'
import { serveStatic } from './static'

export interface WebServerOptions {
  /** 0 (default): a free port chosen by the system. */
  readonly port?: number
  /** the built renderer, e.g. out/renderer. */
  readonly rendererDir: string
  readonly launcher: WorkerLauncher
  readonly settings: SettingsStore
  /** for tests; a fresh random one by default. */
  readonly token?: string
  /** the run store's folder; the app's (the user-data folder's runs/) by default. */
  readonly runsDir?: string
}

export interface WebServer {
  /** the address to open, token included. */
  readonly url: string
  readonly port: number
  readonly token: string
  readonly services: AppServices
  close(): Promise<void>
}

/**
 * The largest message a page may send: the largest upload plus room for the rest of its frame.
 * ws keeps the limit as a 32-bit integer (`maxPayload | 0`), where anything from 2^31 wraps
 * around to no limit at all; LIMITS.maxUploadBytes is chosen so that this stays below.
 */
export const MAX_MESSAGE_BYTES = LIMITS.maxUploadBytes + 16 * 1024 ** 2
/** Notices kept for a page that is not connected yet, newest last. */
const MAX_UNHEARD_NOTICES = 20
const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' } as const

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const token = o.token ?? randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  const send = (socket: WebSocket, message: ServerMessage): void => {
    if (socket.readyState === WebSocket.OPEN) socket.send(encodeFrame(message))
  }
  const broadcast = <E extends EventChannel>(event: E, payload: Events[E]): void => {
    if (sockets.size === 0) return
    const frame = encodeFrame({ type: 'event', event, payload } satisfies ServerMessage)
    for (const s of sockets) if (s.readyState === WebSocket.OPEN) s.send(frame)
  }
  const unheard: Notice[] = []
  const tell = (notice: Notice): void => {
    if ([...sockets].some((s) => s.readyState === WebSocket.OPEN)) return broadcast('app:notice', notice)
    unheard.push(notice)
    if (unheard.length > MAX_UNHEARD_NOTICES) unheard.shift()
  }
  const services = createServices({
    info: { version: APP_VERSION, mode: 'browser', nativeDialogs: false, cpuCount: availableParallelism() },
    launcher: o.launcher,
    settings: o.settings,
    dialogs: null,
    emit: broadcast,
    runsDir: o.runsDir
  })

  let port = o.port ?? 0
  const origins = (): string[] => [`http://${HOST}:${port}`, `http://localhost:${port}`]

  const server = createServer((req, res) => {
    const checked = checkRequest(req, port)
    if (!checked.ok) {
      res.writeHead(checked.status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' })
      res.end(checked.message)
      return
    }
    serveStatic(o.rendererDir, `http://${req.headers.host}`, checked.url.pathname, req, res).catch(() => res.destroy())
  })
  // a request Node's parser cannot read, or a connection that failed: a plain 400 where it can still be said
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })

  const refuse = (socket: Duplex, status: keyof typeof STATUS_TEXT): void => {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
  }
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over without its own error listener
    socket.on('error', () => socket.destroy())
    const checked = checkRequest(req, port)
    if (!checked.ok) return refuse(socket, checked.status)
    if (checked.url.pathname !== SOCKET_PATH || !origins().includes(req.headers.origin ?? '')) return refuse(socket, 403)
    if (!sameToken(checked.url.searchParams.get(TOKEN_PARAM), token)) return refuse(socket, 401)
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws))
  })

  const connected = (ws: WebSocket): void => {
    sockets.add(ws)
    // a malformed frame: ws has already closed this socket with the matching status code
    ws.on('error', () => undefined)
    ws.on('close', () => sockets.delete(ws))
    ws.on('message', (data, isBinary) => {
      answer(ws, data, isBinary).catch(() => ws.close(1011, 'NN Scratch could not answer that message'))
    })
    for (const notice of unheard.splice(0)) send(ws, { type: 'event', event: 'app:notice', payload: notice })
  }

  const answer = async (ws: WebSocket, data: unknown, isBinary: boolean): Promise<void> => {
    let message: ClientMessage
    try {
      if (!isBinary || !(data instanceof Buffer)) throw new Error('not a binary frame')
      message = decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as ClientMessage
      if (message?.type !== 'request' || !Number.isInteger(message.id)) throw new Error('not a request')
    } catch {
      ws.close(1003, 'NN Scratch could not read that message')
      return
    }
    send(ws, { type: 'reply', id: message.id, reply: await services.handle(message.channel, message.args) })
  }

  port = await listen(server, port)
  const stopNotices = o.settings.listen(tell)
  return {
    url: `http://${HOST}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    services,
    close: async () => {
      stopNotices()
      for (const s of sockets) s.terminate()
      wss.close()
      services.dispose()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

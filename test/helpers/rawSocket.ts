/**
 * HTTP and WebSocket spoken by hand over raw TCP (node:net), for testing what a server does with
 * requests and frames that a real client library would never send: the request text, the
 * handshake and every frame are built here, masked or deliberately not.
 */
import { createHash, randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const TIMEOUT_MS = 10_000

type Take<T> = (received: Buffer, ended: boolean) => { value: T; used: number } | null

/** One TCP connection and the bytes received on it, read by parsers as they arrive. */
export class RawConnection {
  private received = Buffer.alloc(0)
  private wake: (() => void) | null = null
  ended = false

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.received = Buffer.concat([this.received, d])
      this.notify()
    })
    socket.on('close', () => {
      this.ended = true
      this.notify()
    })
    socket.on('error', () => undefined)
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((done, fail) => {
      const socket = connect(port, '127.0.0.1', () => done(new RawConnection(socket)))
      socket.once('error', fail)
    })
  }

  write(bytes: string | Uint8Array): void {
    this.socket.write(bytes)
  }

  destroy(): void {
    this.socket.destroy()
  }

  /** The next value `take` finds in the bytes received, or null when the connection ended without one. */
  async next<T>(take: Take<T>, timeoutMs = TIMEOUT_MS): Promise<T | null> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const got = take(this.received, this.ended)
      if (got) {
        this.received = this.received.subarray(got.used)
        return got.value
      }
      if (this.ended) return null
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('timed out waiting for the server')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  private notify(): void {
    const wake = this.wake
    this.wake = null
    wake?.()
  }
}

export interface RawResponse {
  readonly status: number
  /** header names in lower case. */
  readonly headers: Record<string, string>
  readonly body: string
}

/** A chunked body starting at `at`: the body and where it ends, or null while incomplete. */
function dechunk(b: Buffer, at: number): { body: Buffer; end: number } | null {
  const parts: Buffer[] = []
  for (;;) {
    const line = b.indexOf('\r\n', at)
    if (line < 0) return null
    const size = parseInt(b.subarray(at, line).toString('latin1'), 16)
    const start = line + 2
    if (size === 0) return b.length >= start + 2 ? { body: Buffer.concat(parts), end: start + 2 } : null
    if (b.length < start + size + 2) return null
    parts.push(b.subarray(start, start + size))
    at = start + size + 2
  }
}

/** An HTTP/1.1 response: its head, and a body of Content-Length bytes, chunked, or up to the end. */
export const takeResponse: Take<RawResponse> = (b, ended) => {
  const end = b.indexOf('\r\n\r\n')
  if (end < 0) return null
  const [statusLine, ...lines] = b.subarray(0, end).toString('latin1').split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const status = Number(statusLine.split(' ')[1])
  const response = (body: Buffer, used: number) => ({ value: { status, headers, body: body.toString('utf8') }, used })
  if (headers['transfer-encoding']?.includes('chunked')) {
    const chunked = dechunk(b, end + 4)
    return chunked ? response(chunked.body, chunked.end) : null
  }
  const declared = headers['content-length']
  const length = declared !== undefined ? Number(declared) : status === 101 ? 0 : ended ? b.length - end - 4 : -1
  if (length < 0 || b.length < end + 4 + length) return null
  return response(b.subarray(end + 4, end + 4 + length), end + 4 + length)
}

/** Sends `request` as it is on a fresh connection and reads one response (null: none came). */
export async function rawHttp(port: number, request: string | Uint8Array): Promise<RawResponse | null> {
  const c = await RawConnection.open(port)
  try {
    c.write(request)
    return await c.next(takeResponse)
  } finally {
    c.destroy()
  }
}

export interface FrameOptions {
  readonly opcode: number
  readonly payload?: Uint8Array
  /** true unless said otherwise. */
  readonly fin?: boolean
  readonly rsv1?: boolean
  /** true unless said otherwise: a client must mask every frame. */
  readonly mask?: boolean
  /** a payload length to declare instead of the payload's own (the payload is sent as it is). */
  readonly declaredLength?: bigint
}

/** A client-to-server frame (RFC 6455 §5.2). */
export function clientFrame(o: FrameOptions): Buffer {
  const payload = Buffer.from(o.payload ?? new Uint8Array(0))
  const length = o.declaredLength ?? BigInt(payload.length)
  const masked = o.mask ?? true
  const maskBit = masked ? 0x80 : 0
  const first = ((o.fin ?? true) ? 0x80 : 0) | (o.rsv1 ? 0x40 : 0) | o.opcode
  let head: Buffer
  if (length < 126n) head = Buffer.from([first, maskBit | Number(length)])
  else if (length < 65536n) {
    head = Buffer.from([first, maskBit | 126, 0, 0])
    head.writeUInt16BE(Number(length), 2)
  } else {
    head = Buffer.alloc(10)
    head[0] = first
    head[1] = maskBit | 127
    head.writeBigUInt64BE(length, 2)
  }
  if (!masked) return Buffer.concat([head, payload])
  const key = randomBytes(4)
  const body = Buffer.alloc(payload.length)
  for (let i = 0; i < payload.length; i++) body[i] = payload[i] ^ key[i & 3]
  return Buffer.concat([head, key, body])
}

export interface ServerFrame {
  readonly fin: boolean
  readonly opcode: number
  readonly payload: Buffer
}

/** One server-to-client frame (never masked). */
export const takeFrame: Take<ServerFrame> = (b) => {
  if (b.length < 2) return null
  let length = b[1] & 0x7f
  let at = 2
  if (length === 126) {
    if (b.length < 4) return null
    length = b.readUInt16BE(2)
    at = 4
  } else if (length === 127) {
    if (b.length < 10) return null
    length = Number(b.readBigUInt64BE(2))
    at = 10
  }
  if (b.length < at + length) return null
  return { value: { fin: (b[0] & 0x80) !== 0, opcode: b[0] & 0x0f, payload: b.subarray(at, at + length) }, used: at + length }
}

/** A WebSocket connection after a hand-made handshake. */
export class RawWebSocket {
  constructor(readonly connection: RawConnection) {}

  send(frame: Uint8Array): void {
    this.connection.write(frame)
  }

  /** The next frame from the server, or null when the connection ended. */
  nextFrame(timeoutMs?: number): Promise<ServerFrame | null> {
    return this.connection.next(takeFrame, timeoutMs)
  }

  /**
   * Waits for the server to close this connection: the status code of its close frame, or
   * null when the connection ended without one. Data frames before it are skipped.
   */
  async closeCode(): Promise<number | null> {
    for (;;) {
      const frame = await this.nextFrame()
      if (!frame) return null
      if (frame.opcode === 8) {
        this.connection.destroy()
        return frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null
      }
    }
  }

  close(): void {
    this.connection.destroy()
  }
}

/** The request text of a WebSocket handshake for `target` with the given extra header lines. */
export function handshakeRequest(target: string, headerLines: readonly string[], key = randomBytes(16).toString('base64')): string {
  return [
    `GET ${target} HTTP/1.1`,
    ...headerLines,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${key}`,
    'Sec-WebSocket-Version: 13',
    '', ''
  ].join('\r\n')
}

/**
 * Opens a WebSocket by hand: the socket when the server switched protocols (with the accept
 * value checked), or the response it refused with.
 */
export async function openRawWebSocket(port: number, target: string, headerLines: readonly string[]): Promise<RawWebSocket | RawResponse | null> {
  const c = await RawConnection.open(port)
  const key = randomBytes(16).toString('base64')
  c.write(handshakeRequest(target, headerLines, key))
  const response = await c.next(takeResponse)
  if (response?.status !== 101) {
    c.destroy()
    return response
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64')
  if (response.headers['sec-websocket-accept'] !== accept) throw new Error('the server answered the handshake with a wrong accept value')
  return new RawWebSocket(c)
}

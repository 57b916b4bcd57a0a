/** The browser-mode transport against a stand-in server that speaks the same frames. */
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame } from '../../../src/core/wire/frame'
import { ApiError, createWebSocketApi, rendererApi, socketUrl } from '../../../src/renderer/src/transport'
import { DISCONNECTED } from '../../../src/renderer/src/transport/websocketApi'
import type { Notice } from '../../../src/shared/ipc'
import type { ClientMessage, ServerMessage } from '../../../src/shared/socket'

let wss: WebSocketServer
let received: ClientMessage[]
let url = ''
let serverSocket: WebSocket | null

beforeEach(async () => {
  received = []
  serverSocket = null
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => wss.once('listening', () => r()))
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api?token=t`
  wss.on('connection', (socket) => {
    serverSocket = socket
    socket.on('message', (data: Buffer) => {
      const m = decodeFrame(new Uint8Array(data)) as ClientMessage
      received.push(m)
      const reply: ServerMessage = m.channel === 'train:pause'
        ? { type: 'reply', id: m.id, reply: { ok: false, error: { code: 'not-running', message: 'Nothing is training.' } } }
        : { type: 'reply', id: m.id, reply: { ok: true, value: { echo: m.args } } }
      socket.send(encodeFrame(reply))
    })
  })
})
afterEach(async () => {
  for (const client of wss.clients) client.terminate()
  await new Promise<void>((r) => wss.close(() => r()))
})

const open = () => createWebSocketApi(url, (u) => new WebSocket(u) as unknown as globalThis.WebSocket)

describe('WebSocket transport', () => {
  it('builds the socket address from the page address and its token', () => {
    expect(socketUrl('http://127.0.0.1:5000/?token=abc')).toBe('ws://127.0.0.1:5000/api?token=abc')
    expect(socketUrl('http://localhost:5000/index.html')).toBe('ws://localhost:5000/api?token=')
  })

  it('sends requests made before the socket opens, and resolves their replies with typed arrays intact', async () => {
    const api = open()
    const bytes = Uint8Array.from([1, 2, 3])
    const reply = await api.invoke('model:open-bytes', { file: { name: 'm.safetensors', bytes } })
    expect(reply).toEqual({ ok: true, value: { echo: { file: { name: 'm.safetensors', bytes } } } })
    expect(received[0]).toMatchObject({ type: 'request', channel: 'model:open-bytes' })
    expect((received[0].args as { file: { bytes: unknown } }).file.bytes).toBeInstanceOf(Uint8Array)
  })

  it('rejects failed requests with an ApiError carrying the plain message and code', async () => {
    const api = rendererApi(open())
    const error = await api.invoke('train:pause', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'not-running', message: 'Nothing is training.' })
    expect(await api.invoke('settings:get', {})).toEqual({ echo: {} })
  })

  it('hands events to their listeners until they stop listening', async () => {
    const api = open()
    const seen: Float32Array[] = []
    const stop = api.on('train:weights', (w) => seen.push(w.first.W))
    await api.invoke('app:snapshot', {})
    const event = (W: number[]): Uint8Array => encodeFrame({ type: 'event', event: 'train:weights', payload: { first: { W: Float32Array.from(W) } } })
    serverSocket!.send(event([1, 2]))
    await expect.poll(() => seen.length).toBe(1)
    expect(seen[0]).toEqual(Float32Array.from([1, 2]))
    stop()
    serverSocket!.send(event([3]))
    await api.invoke('app:snapshot', {})
    expect(seen).toHaveLength(1)
  })

  it('answers every request with a plain error once the connection is lost, and says so', async () => {
    const api = open()
    const notices: Notice[] = []
    api.on('app:notice', (n) => notices.push(n))
    await api.invoke('app:snapshot', {})
    serverSocket!.terminate()
    await expect.poll(() => notices.length).toBe(1)
    expect(notices[0]).toEqual({ level: 'error', ...DISCONNECTED })
    expect(await api.invoke('app:snapshot', {})).toEqual({ ok: false, error: DISCONNECTED })
  })
})

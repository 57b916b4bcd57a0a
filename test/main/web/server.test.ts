/**
 * Browser mode's server for real: a fake built renderer, the real worker, settings in a
 * temporary folder, and a WebSocket client speaking the frame format.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { WebSocket } from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame } from '../../../src/core/wire/frame'
import { SettingsStore } from '../../../src/main/settings/store'
import { startWebServer, type WebServer } from '../../../src/main/web/server'
import { confSettingsFile } from '../../../src/main/web/settingsFile'
import { nodeWorkerLauncher } from '../../../src/main/worker/nodeWorker'
import type { DatasetInfo, Reply, WeightsEvent } from '../../../src/shared/payloads'
import type { ServerMessage } from '../../../src/shared/socket'
import { SMALL, WORKER_SCRIPT, waitUntil } from '../../helpers/workerHarness'

let dir = ''
let server: WebServer
let origin = ''

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-web-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NN Scratch</title>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'not for the page')
  server = await startWebServer({
    rendererDir: renderer,
    launcher: nodeWorkerLauncher(WORKER_SCRIPT),
    settings: new SettingsStore(confSettingsFile(join(dir, 'settings'))),
    runsDir: join(dir, 'runs')
  })
  origin = `http://127.0.0.1:${server.port}`
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => { body += c.toString() })
      res.on('end', () => done({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', fail)
    req.end()
  })
}

/** Connects; resolves with the socket, or with the HTTP status the upgrade was refused with. */
function connect(query: string, headers: Record<string, string> = { Origin: origin }): Promise<WebSocket | number> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers })
    ws.on('open', () => done(ws))
    ws.on('unexpected-response', (_req, res) => done(res.statusCode ?? 0))
    ws.on('error', () => done(-1))
  })
}

class Client {
  readonly events: { event: string; payload: unknown }[] = []
  private readonly replies = new Map<number, (r: Reply<unknown>) => void>()
  private id = 0
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = decodeFrame(new Uint8Array(data)) as ServerMessage
      if (m.type === 'reply') this.replies.get(m.id)?.(m.reply)
      else this.events.push({ event: m.event, payload: m.payload })
    })
  }
  ask(channel: string, args: unknown): Promise<Reply<unknown>> {
    const id = ++this.id
    return new Promise((done) => {
      this.replies.set(id, done)
      this.ws.send(encodeFrame({ type: 'request', id, channel, args }))
    })
  }
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 only, and prints an address with its token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('serves the built pages with their security headers, and nothing outside them', async () => {
    const page = await get('/?token=x')
    expect(page.status).toBe(200)
    expect(page.body).toContain('NN Scratch')
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/javascript/)
    expect((await get('/../secret.txt')).status).toBe(404)
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404)
    expect((await get('/assets/../../secret.txt')).status).toBe(404)
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(403)
    expect((await get('/', {}, 'POST')).status).toBe(405)
  })

  it('refuses sockets without the token, from other pages or other host names', async () => {
    expect(await connect('')).toBe(401)
    expect(await connect('?token=wrong')).toBe(401)
    expect(await connect(`?token=${server.token}x`)).toBe(401)
    expect(await connect(`?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403)
    expect(await connect(`?token=${server.token}`, {})).toBe(403)
    expect(await connect(`?token=${server.token}`, { Origin: origin, Host: 'evil.example' })).toBe(403)
  })

  it('carries requests, replies and events with their typed arrays intact', async () => {
    const ws = await connect(`?token=${server.token}`)
    expect(ws).toBeInstanceOf(WebSocket)
    const client = new Client(ws as WebSocket)
    const bytes = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../fixtures/sample_2class_py2.p')))
    const opened = await client.ask('dataset:open-bytes', { source: { kind: 'file', name: 'sample.p', bytes } })
    expect(opened.ok).toBe(true)
    const info = (opened as { value: DatasetInfo }).value
    expect(info.samples.pixels).toBeInstanceOf(Uint8Array)
    expect(info.samples.pixels.length).toBe(16 * 3072)
    expect(client.events.some((e) => e.event === 'dataset:loaded')).toBe(true)

    await client.ask('train:start', { config: { ...SMALL, epochs: 1, batchSize: 60 }, from: 'fresh' })
    await waitUntil(() => client.events.some((e) => e.event === 'train:finished'), 'the run')
    const weights = client.events.filter((e) => e.event === 'train:weights').at(-1)!.payload as WeightsEvent
    expect(weights.first.W).toBeInstanceOf(Float32Array)
    expect(weights.first.W.length).toBe(4 * 3072)
    expect(weights.stats[0].histogram).toBeInstanceOf(Uint32Array)

    const bad = await client.ask('train:start', { config: { ...SMALL, learningRate: 'fast' }, from: 'fresh' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-argument' } })
    const download = await client.ask('model:save-bytes', { format: 'npz' })
    expect((download as { value: { bytes: Uint8Array } }).value.bytes).toBeInstanceOf(Uint8Array)

    const closed = new Promise<number>((done) => (ws as WebSocket).on('close', (code) => done(code)))
    ;(ws as WebSocket).send('a text message, not a frame')
    expect(await closed).toBe(1003)
  })
})

/**
 * Browser mode's server against a hostile local program, over raw TCP with no WebSocket library
 * on the client side, so malformed requests and frames really are malformed: targets that are not
 * URLs, two Host headers, symbolic links out of the renderer folder, broken frames from a
 * connected page, connections dropped mid-handshake. After every probe the server must still
 * serve the tokened page, a page connected before the probes must still get answers, and nothing
 * may have thrown out of the server.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeFrame } from '../../../src/core/wire/frame'
import { SettingsStore } from '../../../src/main/settings/store'
import { MAX_MESSAGE_BYTES, startWebServer, type WebServer } from '../../../src/main/web/server'
import { LIMITS } from '../../../src/shared/ipc'
import { confSettingsFile } from '../../../src/main/web/settingsFile'
import { RawPage } from '../../helpers/rawPage'
import { clientFrame, handshakeRequest, openRawWebSocket, RawConnection, rawHttp, RawWebSocket, type RawResponse } from '../../helpers/rawSocket'
import { stubWorkerLauncher } from '../../helpers/stubWorker'

const SECRET = 'not for the page'
let dir = ''
let server: WebServer
let port = 0
let page: RawPage
const uncaught: unknown[] = []
const onUncaught = (e: unknown): void => { uncaught.push(e) }

const hostLine = (): string => `Host: 127.0.0.1:${port}`
const originLine = (): string => `Origin: http://127.0.0.1:${port}`
const get = (target: string, headerLines: readonly string[] = [hostLine()]): string =>
  [`GET ${target} HTTP/1.1`, ...headerLines, 'Connection: close', '', ''].join('\r\n')


beforeAll(async () => {
  process.on('uncaughtException', onUncaught)
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-hostile-'))
  const site = join(dir, 'site')
  mkdirSync(join(site, 'assets'), { recursive: true })
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>NN Scratch</title>')
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  symlinkSync(join('assets', 'app.js'), join(site, 'alias.js'))
  symlinkSync(join('..', 'secret.txt'), join(site, 'leak.txt'))
  symlinkSync(dir, join(site, 'leakdir'))
  symlinkSync('/etc/passwd', join(site, 'passwd'))
  // the renderer folder itself reached through a link, as a packaged or linked build may be
  symlinkSync(site, join(dir, 'renderer'))
  server = await startWebServer({
    rendererDir: join(dir, 'renderer'),
    launcher: stubWorkerLauncher(),
    settings: new SettingsStore(confSettingsFile(join(dir, 'settings')))
  })
  port = server.port
  page = await RawPage.open(port, server.token)
  expect((await page.ask('app:snapshot', {})).ok).toBe(true)
})

afterAll(async () => {
  page?.close()
  await server?.close()
  process.off('uncaughtException', onUncaught)
  rmSync(dir, { recursive: true, force: true })
})

afterEach(async () => {
  const res = await rawHttp(port, get(`/?token=${server.token}`))
  expect(res?.status, 'the tokened page').toBe(200)
  expect(res?.body).toContain('NN Scratch')
  const reply = await page.ask('app:snapshot', {})
  expect(reply.ok, 'the connected page').toBe(true)
  expect(uncaught.splice(0), 'errors thrown out of the server').toEqual([])
})

const refusedPlainly = (res: RawResponse | null, status: number): void => {
  expect(res?.status).toBe(status)
  expect(res?.body ?? '').not.toMatch(/Error|\n\s+at /)
}

describe('a request target that is not a URL gets 400, before anything else looks at it', () => {
  const TARGETS = ['//[', 'http://[x/api', '//a:b:c/api', 'http://%zz/', '//[/api?token=x', '/api?token=%zz', '*']

  it.each(TARGETS)('plain GET %s', async (target) => {
    refusedPlainly(await rawHttp(port, get(target)), 400)
  })

  it.each(TARGETS)('upgrade GET %s', async (target) => {
    const res = await openRawWebSocket(port, target, [hostLine(), originLine()])
    expect(res).not.toBeInstanceOf(RawWebSocket)
    refusedPlainly(res as RawResponse | null, 400)
  })

  it('upgrade GET //[ carrying the right token', async () => {
    const res = await openRawWebSocket(port, `//[?token=${server.token}`, [hostLine(), originLine()])
    refusedPlainly(res as RawResponse | null, 400)
  })

  it('a request line that is not HTTP', async () => {
    refusedPlainly(await rawHttp(port, 'GARBAGE\r\n\r\n'), 400)
  })
})

describe('a request with two Host headers is refused', () => {
  it('plain, both the right host', async () => {
    refusedPlainly(await rawHttp(port, get(`/?token=${server.token}`, [hostLine(), hostLine()])), 400)
  })

  it('plain, the second another host, in lower case', async () => {
    refusedPlainly(await rawHttp(port, get('/', [hostLine(), 'host: evil.example'])), 400)
  })

  it('an upgrade that is right in every other way', async () => {
    const res = await openRawWebSocket(port, `/api?token=${server.token}`, [hostLine(), originLine(), hostLine()])
    expect(res).not.toBeInstanceOf(RawWebSocket)
    refusedPlainly(res as RawResponse | null, 400)
  })
})

describe('symbolic links in the renderer folder are followed only to files inside it', () => {
  it('a link to a file inside is served', async () => {
    const res = await rawHttp(port, get('/alias.js'))
    expect(res?.status).toBe(200)
    expect(res?.body).toBe('console.log(1)')
  })

  it.each(['/leak.txt', '/leakdir/secret.txt', '/passwd'])('%s is 404', async (target) => {
    const res = await rawHttp(port, get(target))
    expect(res?.status).toBe(404)
    expect(res?.body).not.toContain(SECRET)
    expect(res?.body).not.toContain('root:')
  })

  it('a folder is 404', async () => {
    expect((await rawHttp(port, get('/assets')))?.status).toBe(404)
  })
})

describe('a malformed frame from a connected page closes only that socket', () => {
  const request = encodeFrame({ type: 'request', id: 1, channel: 'app:snapshot', args: {} })
  const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(0x61)
  const closeCode = (code: number): Uint8Array => new Uint8Array([code >> 8, code & 0xff])
  const PROBES: readonly (readonly [string, readonly Buffer[], number])[] = [
    ['an unmasked client frame', [clientFrame({ opcode: 2, payload: request, mask: false })], 1002],
    ['RSV1 set without an extension', [clientFrame({ opcode: 2, payload: request, rsv1: true })], 1002],
    ['opcode 3', [clientFrame({ opcode: 3, payload: bytes(4) })], 1002],
    ['a text frame that is not UTF-8', [clientFrame({ opcode: 1, payload: new Uint8Array([0x61, 0xff, 0xfe, 0xc3]) })], 1007],
    ['close code 999', [clientFrame({ opcode: 8, payload: closeCode(999) })], 1002],
    ['a ping over 125 bytes', [clientFrame({ opcode: 9, payload: bytes(126) })], 1002],
    ['a fragmented ping', [clientFrame({ opcode: 9, payload: bytes(3), fin: false })], 1002],
    ['a continuation with nothing to continue', [clientFrame({ opcode: 0, payload: bytes(3) })], 1002],
    ['a declared length of 2^62', [clientFrame({ opcode: 2, declaredLength: 2n ** 62n })], 1009],
    ['a declared length of 2^63 + 1', [clientFrame({ opcode: 2, declaredLength: 2n ** 63n + 1n })], 1009],
    ['one byte over the largest message', [clientFrame({ opcode: 2, declaredLength: BigInt(MAX_MESSAGE_BYTES) + 1n })], 1009],
    ['fragments adding up to more than the largest message', [
      clientFrame({ opcode: 2, fin: false, payload: bytes(16) }),
      clientFrame({ opcode: 0, declaredLength: BigInt(MAX_MESSAGE_BYTES) })
    ], 1009],
    ['a text frame (not the wire format)', [clientFrame({ opcode: 1, payload: new TextEncoder().encode('hello') })], 1003],
    ['a binary frame that is not a request', [clientFrame({ opcode: 2, payload: bytes(40) })], 1003]
  ]

  it('takes the largest upload in one message, within ws\'s 32-bit limit', () => {
    expect(MAX_MESSAGE_BYTES).toBeGreaterThan(LIMITS.maxUploadBytes)
    expect(MAX_MESSAGE_BYTES).toBeLessThan(2 ** 31)
  })

  it.each(PROBES)('%s', async (_what, frames, code) => {
    const { ws } = await RawPage.open(port, server.token)
    for (const f of frames) ws.send(f)
    expect(await ws.closeCode()).toBe(code)
  })
})

describe('a connection dropped at any moment', () => {
  const reset = async (bytes: string, waitMs: number): Promise<void> => {
    const c = await RawConnection.open(port)
    c.write(bytes)
    await new Promise((r) => setTimeout(r, waitMs))
    c.socket.resetAndDestroy()
  }

  it('after an upgrade request, refused or accepted, at once or a moment later', async () => {
    const refused = handshakeRequest('/api?token=wrong', [hostLine(), originLine()])
    const accepted = handshakeRequest(`/api?token=${server.token}`, [hostLine(), originLine()])
    const bad = handshakeRequest('//[', [hostLine(), originLine()])
    for (let i = 0; i < 10; i++) {
      await Promise.all([reset(refused, i % 3), reset(accepted, i % 3), reset(bad, i % 3), reset(get('/'), i % 3)])
    }
    await new Promise((r) => setTimeout(r, 50))
  })

  it('halfway through a request', async () => {
    for (let i = 0; i < 5; i++) await reset(`GET /?token=${server.token} HTTP/1.1\r\nHo`, i)
  })
})

/**
 * stopWhenAsked in a child process of its own (Node with tsx's loader, with an IPC channel as `npm start`
 * gives browser mode): a signal or the parent's channel closing runs the stop, and a stop that
 * never finishes still ends the process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A process that calls stopWhenAsked with a stop that writes STOPPED (or never ends, when `hang`). */
function child(hang: boolean, ipc: boolean): { process: ChildProcess; exited: Promise<number | null>; ready: Promise<void> } {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-lifetime-'))
  const script = join(dir, 'server.ts')
  writeFileSync(script, `import { writeFileSync } from 'node:fs'
import { stopWhenAsked } from ${JSON.stringify(join(ROOT, 'src/main/web/lifetime.ts'))}
stopWhenAsked(async () => {
  writeFileSync(${JSON.stringify(join(dir, 'STOPPED'))}, 'yes')
  if (${hang}) await new Promise(() => undefined)
})
setInterval(() => undefined, 1000)
process.stdout.write('ready\\n')
`)
  // node itself with tsx's loader (the tsx command would put a process of its own in between)
  const p = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? ['ipc' as const] : [])] })
  const ready = new Promise<void>((r) => p.stdout!.once('data', () => r()))
  const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)))
  return { process: p, exited, ready }
}

const stopped = (): boolean => {
  try {
    return readFileSync(join(dir, 'STOPPED'), 'utf8') === 'yes'
  } catch {
    return false
  }
}

describe('browser mode stops', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`on ${signal}, after closing the server`, async () => {
      const c = child(false, false)
      await c.ready
      c.process.kill(signal)
      expect(await c.exited).toBe(0)
      expect(stopped()).toBe(true)
    }, 30_000)
  }

  it('when the npm start script that started it is gone (its IPC channel closes)', async () => {
    const c = child(false, true)
    await c.ready
    c.process.disconnect()
    expect(await c.exited).toBe(0)
    expect(stopped()).toBe(true)
  }, 30_000)

  it('within the grace period when closing the server hangs', async () => {
    const c = child(true, false)
    await c.ready
    const began = Date.now()
    c.process.kill('SIGTERM')
    expect(await c.exited).toBe(0)
    expect(stopped()).toBe(true)
    expect(Date.now() - began).toBeLessThan(15_000)
  }, 30_000)
})

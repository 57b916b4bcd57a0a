/**
 * Helpers for the end-to-end test: build the app, start browser mode (the built `out/main/web.js`)
 * as a child process in its own process group with its own settings folder, read the address it
 * prints, and stop it and everything it started again. Also: find Chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const RESULTS = join(ROOT, 'test-results')
/**
 * browser mode's entry as `npm start` and `npm run web` run it: the build's out/main/web.js, with
 * the bundled training worker and its dataset-reading thread (what users run, not the sources).
 */
const WEB_ENTRY = 'out/main/web.js'

/** Debian's Chromium (installed by .ci/run), or null when this machine has none. */
export function findChromium(): string | null {
  for (const path of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (path && existsSync(path)) return path
  }
  return null
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'
]

/** Builds out/ (renderer included) from the current sources; throws with the build's output when it fails. */
export function buildApp(): void {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 })
  if (r.status !== 0) throw new Error(`electron-vite build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
}

export interface BrowserMode {
  readonly url: string
  /** the XDG_CONFIG_HOME it runs with: its settings and its run store ($XDG_CONFIG_HOME/nn-scratch/runs) live there. */
  readonly configHome: string
  /** everything the server printed so far (stdout and stderr). */
  output(): string
  stop(): Promise<void>
}

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Starts `npm run web`'s entry from source and resolves with the address it prints (token included). */
export async function startBrowserMode(timeoutMs = 60_000): Promise<BrowserMode> {
  const config = mkdtempSync(join(tmpdir(), 'nn-scratch-e2e-'))
  if (!existsSync(join(ROOT, WEB_ENTRY))) throw new Error(`${WEB_ENTRY} is missing: call buildApp() first`)
  const child: ChildProcess = spawn(process.execPath, [WEB_ENTRY], {
    cwd: ROOT,
    // its own process group, so stop() ends the server and the training process it forks
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: config, NO_COLOR: '1' }
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('browser mode did not start')
  let text = ''
  child.stdout?.on('data', (d: Buffer) => { text += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { text += d.toString() })

  const stop = async (): Promise<void> => {
    if (alive(pid)) process.kill(-pid, 'SIGTERM')
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100))
    if (alive(pid)) process.kill(-pid, 'SIGKILL')
    rmSync(config, { recursive: true, force: true })
  }

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode printed no address within ${timeoutMs} ms:\n${text}`)), timeoutMs)
    const look = (): void => {
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(text)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[0])
      }
    }
    child.stdout?.on('data', look)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser mode exited (${code}) before printing its address:\n${text}`))
    })
  }).catch(async (e: unknown) => {
    await stop()
    throw e
  })
  return { url, configHome: config, output: () => text, stop }
}

/**
 * scripts/start.mjs, run as a copy beside a fake electron (whose index.js must never load: the
 * real one starts a download), a fake electron-vite that records how it was called, and a fake
 * browser-mode server (out/main/web.js) that prints one line and exits.
 */
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const SCRIPT = resolve(import.meta.dirname, '../../scripts/start.mjs')
const NOT_INSTALLED = 'The Electron app binary is not installed on this machine, so NN Scratch opens in your browser instead.\n'
const WEB = 'browser mode started\n'
const DOWNLOADING = 'Downloading the Electron app binary, once (about 100 MB)...\n'

/** A fake Electron installer: makes dist/electron and path.txt, as the real one does. */
const WORKING_INSTALLER = `const fs = require('fs'), path = require('path')
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true })
fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '')
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron')`
const OFFLINE_INSTALLER = "console.error('Error: getaddrinfo ENOTFOUND github.com\\n    at stack frames'); process.exit(1)"

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A project folder with scripts/start.mjs, node_modules/electron (plus `electronFiles`) and electron-vite. */
function project(electronFiles: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-start-'))
  mkdirSync(join(dir, 'scripts'))
  copyFileSync(SCRIPT, join(dir, 'scripts', 'start.mjs'))
  const electron = join(dir, 'node_modules', 'electron')
  mkdirSync(join(electron, 'dist'), { recursive: true })
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }))
  writeFileSync(join(electron, 'index.js'), "require('fs').writeFileSync(require('path').join(__dirname, 'LOADED'), '')\n")
  for (const [name, text] of Object.entries(electronFiles)) writeFileSync(join(electron, name), text)
  const electronVite = join(dir, 'node_modules', 'electron-vite')
  mkdirSync(join(electronVite, 'bin'), { recursive: true })
  writeFileSync(join(electronVite, 'package.json'), JSON.stringify({ name: 'electron-vite' }))
  writeFileSync(join(electronVite, 'bin', 'electron-vite.js'),
    "require('fs').writeFileSync(require('path').join(__dirname, 'ARGS'), process.argv.slice(2).join(' '))\n")
  mkdirSync(join(dir, 'out', 'main'), { recursive: true })
  writeFileSync(join(dir, 'out', 'main', 'web.js'), `process.stdout.write(${JSON.stringify(WEB)})\n`)
  return dir
}

interface Outcome {
  status: number | null
  stdout: string
  stderr: string
  electronLoaded: boolean
  /** The arguments electron-vite was started with, or undefined when it was not started. */
  electronVite?: string
}

function start(dir: string, skipDownload: boolean): Outcome {
  const env = { ...process.env }
  delete env.ELECTRON_EXEC_PATH
  if (skipDownload) env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1'
  else delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  const result = spawnSync(process.execPath, [join(dir, 'scripts', 'start.mjs'), '--sourcemap'], { cwd: dir, env, encoding: 'utf8' })
  const args = join(dir, 'node_modules', 'electron-vite', 'bin', 'ARGS')
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    electronLoaded: existsSync(join(dir, 'node_modules', 'electron', 'LOADED')),
    ...(existsSync(args) ? { electronVite: readFileSync(args, 'utf8') } : {})
  }
}

describe('npm start', () => {
  const BROWSER_MODE = { status: 0, stderr: '', electronLoaded: false, electronVite: 'build --logLevel error' }

  it('says in one line that the binary is missing, then builds and starts browser mode, when downloads are off', () => {
    const outcome = start(project({ 'install.js': WORKING_INSTALLER }), true)
    expect(outcome).toEqual({ ...BROWSER_MODE, stdout: NOT_INSTALLED + WEB })
  })

  it('treats a path.txt whose executable is missing as not installed', () => {
    const outcome = start(project({ 'path.txt': 'electron' }), true)
    expect(outcome).toEqual({ ...BROWSER_MODE, stdout: NOT_INSTALLED + WEB })
  })

  it('falls back to browser mode, saying why the download failed without the installer\'s stack trace', () => {
    const outcome = start(project({ 'install.js': OFFLINE_INSTALLER }), false)
    const oldNode = Number(process.versions.node.split('.')[0]) < 22 ||
      (Number(process.versions.node.split('.')[0]) === 22 && Number(process.versions.node.split('.')[1]) < 12)
    const why = 'The Electron app binary could not be downloaded (the download server could not be reached: ' +
      'this computer seems to be offline, or a firewall or proxy blocks it)' +
      (oldNode ? `; Electron's installer also needs Node.js 22.12 or later, and this is ${process.versions.node}` : '') +
      ', so NN Scratch opens in your browser instead.\n'
    expect(outcome).toEqual({ ...BROWSER_MODE, stdout: DOWNLOADING + why + WEB })
  })

  it('fetches the binary on a first start, then runs electron-vite preview', () => {
    const outcome = start(project({ 'install.js': WORKING_INSTALLER }), false)
    expect(outcome).toEqual({ status: 0, stdout: DOWNLOADING, stderr: '', electronLoaded: false, electronVite: 'preview --sourcemap' })
  })

  it('runs electron-vite preview straight away when the binary is there', () => {
    const dir = project({ 'path.txt': 'electron', 'install.js': OFFLINE_INSTALLER })
    writeFileSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), '')
    const outcome = start(dir, true)
    expect(outcome).toEqual({ status: 0, stdout: '', stderr: '', electronLoaded: false, electronVite: 'preview --sourcemap' })
  })
})

describe('why the download failed, in plain words', () => {
  it('names the cause from what the installer printed', async () => {
    const { downloadFailure } = await import(pathToFileURL(SCRIPT).href) as { downloadFailure: (text: string) => string }
    expect(downloadFailure('TypeError: fetch failed\n    at node:internal/deps/undici')).toContain('could not be reached')
    expect(downloadFailure('Error: ENOSPC: no space left on device, write')).toBe('the disk is full')
    expect(downloadFailure("Error: EACCES: permission denied, open '/x/dist/electron'")).toContain('may not write')
    expect(downloadFailure('Error: Generated checksum for "electron.zip" did not match expected checksum.')).toContain('damaged')
    expect(downloadFailure('HTTPError: Response code 404 (Not Found)')).toContain('no Electron download for this system')
    expect(downloadFailure('RangeError: something odd\n    at x (y.js:1:1)')).toBe("Electron's installer said: RangeError: something odd")
    expect(downloadFailure('')).toBe("Electron's installer stopped without saying why")
  })
})

/** Whether process `pid` runs (zombies, ended but not collected, do not count). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat[stat.lastIndexOf(')') + 2] !== 'Z'
  } catch {
    return true
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (condition()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return condition()
}

/** A browser mode that runs until it is stopped, and writes its own and its parent's process ids. */
const LASTING_WEB = `require('fs').writeFileSync(require('path').join(__dirname, 'PIDS'), process.pid + ' ' + process.ppid)
process.stdout.write(${JSON.stringify(WEB)})
setInterval(() => undefined, 1000)
`

/**
 * npm runs the script through `sh -c`. A signal sent to npm alone: npm passes SIGINT and SIGTERM to
 * that shell, which dies of SIGTERM without passing it on, and holds SIGINT until its child ends
 * (so npm keeps waiting, nothing is orphaned); SIGHUP kills npm alone. Ctrl+C in a terminal, or a
 * signal to the whole process group, reaches every process at once.
 */
describe.skipIf(process.platform === 'win32')('npm start, stopped through npm', () => {
  const cases: [string, NodeJS.Signals, 'npm' | 'group'][] = [
    ['npm gets SIGTERM', 'SIGTERM', 'npm'],
    ['npm gets SIGHUP', 'SIGHUP', 'npm'],
    ['the terminal sends SIGINT (Ctrl+C)', 'SIGINT', 'group'],
    ['the terminal sends SIGHUP (the window closes)', 'SIGHUP', 'group'],
    ['the process group gets SIGTERM', 'SIGTERM', 'group']
  ]
  for (const [when, signal, to] of cases) {
    it(`stops the script and browser mode when ${when}`, async () => {
      const dir = project({})
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fake', private: true, scripts: { start: 'node scripts/start.mjs' } }))
      writeFileSync(join(dir, 'out', 'main', 'web.js'), LASTING_WEB)
      const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
      delete env.ELECTRON_EXEC_PATH
      // its own process group, as a terminal gives a command
      const npm = spawn('npm', ['start'], { cwd: dir, env, stdio: 'ignore', detached: true })
      try {
        const pidsFile = join(dir, 'out', 'main', 'PIDS')
        expect(await until(() => existsSync(pidsFile) && readFileSync(pidsFile, 'utf8').includes(' '), 20_000)).toBe(true)
        const [web, script] = readFileSync(pidsFile, 'utf8').split(' ').map(Number)
        expect(running(web) && running(script)).toBe(true)
        process.kill(to === 'group' ? -npm.pid! : npm.pid!, signal)
        expect(await until(() => !running(script) && !running(web), 10_000), `${signal} left processes running`).toBe(true)
      } finally {
        try { process.kill(-npm.pid!, 'SIGKILL') } catch { /* all gone */ }
      }
    }, 40_000)
  }
})

/**
 * scripts/start.mjs, run as a copy beside a fake electron (whose index.js must never load: the
 * real one starts a download), a fake electron-vite that records how it was called, and a fake
 * browser-mode server (out/main/web.js) that prints one line and exits.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
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

  it('falls back to browser mode, without the installer\'s stack trace, when the download fails', () => {
    const outcome = start(project({ 'install.js': OFFLINE_INSTALLER }), false)
    expect(outcome).toEqual({ ...BROWSER_MODE, stdout: DOWNLOADING + NOT_INSTALLED + WEB })
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

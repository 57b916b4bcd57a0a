// `npm start`: opens the desktop app with `electron-vite preview` (which builds it first).
// Electron (42 and later) no longer fetches its binary on `npm install`, and electron-vite never
// fetches it, so a first start runs Electron's own installer. Where the binary is absent and
// not wanted (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or cannot be fetched, one line says so and why,
// and the app opens in browser mode instead: the build (quietly), then out/main/web.js, which
// prints the address to open and runs until Ctrl+C. The `electron` package itself is never
// loaded here: its index.js starts a download of its own.
//
// Stopping: SIGINT, SIGTERM and SIGHUP are passed on to the program running (installer, build,
// Electron or browser mode), and this script ends with it. npm runs this script through a shell
// and passes SIGINT and SIGTERM to that shell only, which dies without passing them on; so, when
// started by npm, this script also watches npm and its shell and stops everything once either is
// gone. Browser mode, in turn, stops when this script is gone (its IPC channel closes).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What Electron 45's installer asks of the Node.js that runs it (its package's `engines`). */
const ELECTRON_INSTALLER_NODE = [22, 12]
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']
const WATCH_MS = 500
/** A program that does not end this long after being told to is killed. */
const GRACE_MS = 5000

const require = createRequire(import.meta.url)

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

/** The Electron executable electron-vite would start, or undefined when it is not there. */
function electronBinary(electronDir) {
  const override = process.env.ELECTRON_EXEC_PATH
  if (override) return existsSync(override) ? override : undefined
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}

function downloadWanted() {
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
  return !skip || skip === '0' || skip === 'false'
}

function nodeIsOlderThan([major, minor]) {
  const [m, n] = process.versions.node.split('.').map(Number)
  return m < major || (m === major && n < minor)
}

/** Why Electron's installer failed, in plain words, from what it printed. */
export function downloadFailure(output) {
  const text = String(output)
  if (/ENOSPC/.test(text)) return 'the disk is full'
  if (/EACCES|EPERM/.test(text)) return 'NN Scratch may not write into its node_modules/electron folder'
  if (/checksum|sha256|integrity/i.test(text)) return 'the downloaded file was damaged (its checksum did not match); try again'
  if (/not available on platform|HTTPError|Response code 404|status code 404|\b404\b/.test(text)) {
    return `there is no Electron download for this system (${process.platform}, ${process.arch})`
  }
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|network|proxy/i.test(text)) {
    return 'the download server could not be reached: this computer seems to be offline, or a firewall or proxy blocks it'
  }
  const first = text.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('at '))
  return first ? `Electron's installer said: ${first.slice(0, 200)}` : 'Electron\'s installer stopped without saying why'
}

// --- the one program running at a time, and stopping it --------------------------------------

let current = null
let stopping = false

/** Runs a program in the foreground; resolves with its exit code (signals give 1) and what it wrote on stderr. */
function run(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, options)
    current = child
    let stderr = ''
    child.stderr?.on('data', (chunk) => { stderr = (stderr + chunk).slice(-64 * 1024) })
    child.on('error', (e) => { stderr += String(e) })
    child.on('close', (code) => {
      if (current === child) current = null
      if (stopping) process.exit(code ?? 0)
      resolve({ code: code ?? 1, stderr })
    })
  })
}

/** Passes `signal` on to the running program and ends once it has ended (or after a grace period). */
function stop(signal) {
  if (stopping) {
    current?.kill(signal)
    return
  }
  stopping = true
  if (!current) process.exit(0)
  current.kill(signal)
  setTimeout(() => {
    current?.kill('SIGKILL')
    process.exit(1)
  }, GRACE_MS).unref()
}

/** The parent of process `pid`, or undefined where the system does not tell. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8') // Linux: "pid (name) state ppid ..."
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined
  } catch {
    return undefined // elsewhere the parent is watched only through process.ppid
  }
}

/** Whether process `pid` still runs (a zombie, ended but not yet collected by its parent, does not). */
function alive(pid) {
  try {
    process.kill(pid, 0)
  } catch (e) {
    if (e.code !== 'EPERM') return false
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

/** Under npm (npm → shell → this script): stop everything once npm or its shell is gone. */
function watchNpm() {
  if (process.env.npm_lifecycle_event === undefined) return
  const parent = process.ppid
  const npm = parentOf(parent)
  setInterval(() => {
    if (process.ppid !== parent || (npm !== undefined && !alive(npm))) stop('SIGTERM')
  }, WATCH_MS).unref()
}

// --- what to start ------------------------------------------------------------------------------

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The binary's path, or the reason (one sentence) it is not there. */
async function findElectron() {
  const electronDir = packageDir('electron')
  if (electronDir === undefined) return { reason: 'The Electron package is not installed (run npm install)' }
  const binary = electronBinary(electronDir)
  if (binary !== undefined) return { binary }
  if (!downloadWanted()) return { reason: 'The Electron app binary is not installed on this machine' }
  console.log('Downloading the Electron app binary, once (about 100 MB)...')
  const installed = await run([join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] })
  if (installed.code === 0 && electronBinary(electronDir) !== undefined) return { binary: electronBinary(electronDir) }
  let reason = `The Electron app binary could not be downloaded (${downloadFailure(installed.stderr)})`
  if (nodeIsOlderThan(ELECTRON_INSTALLER_NODE)) {
    reason += `; Electron's installer also needs Node.js ${ELECTRON_INSTALLER_NODE.join('.')} or later, and this is ${process.versions.node}`
  }
  return { reason }
}

async function main() {
  for (const signal of SIGNALS) process.on(signal, () => stop(signal))
  watchNpm()
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
  const electron = await findElectron()
  if (electron.binary) {
    const preview = await run([electronVite, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
    process.exit(preview.code)
  }
  console.log(`${electron.reason}, so NN Scratch opens in your browser instead.`)
  const build = await run([electronVite, 'build', '--logLevel', 'error'], { stdio: 'inherit' })
  if (build.code !== 0) process.exit(build.code)
  // an IPC channel, so that browser mode can tell when this script is gone
  const server = await run([join(root, 'out', 'main', 'web.js')], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  process.exit(server.code)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main()

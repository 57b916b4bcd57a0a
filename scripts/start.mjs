// `npm start`: opens the desktop app with `electron-vite preview` (which builds it first).
// Electron (42 and later) no longer fetches its binary on `npm install`, and electron-vite never
// fetches it, so a first start runs Electron's own installer. Where the binary is absent and
// not wanted (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or cannot be fetched, one line says so and the
// app opens in browser mode instead: the build (quietly), then out/main/web.js, which prints the
// address to open and runs until Ctrl+C. The `electron` package itself is never loaded here:
// its index.js starts a download of its own.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const NOT_INSTALLED =
  'The Electron app binary is not installed on this machine, so NN Scratch opens in your browser instead.'

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

/** Runs Electron's installer (what `npx install-electron` runs); true when it succeeded. */
function installElectron(electronDir) {
  console.log('Downloading the Electron app binary, once (about 100 MB)...')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] })
  return result.status === 0
}

const electronDir = packageDir('electron')
const ready = electronDir !== undefined &&
  (electronBinary(electronDir) !== undefined ||
    (downloadWanted() && installElectron(electronDir) && electronBinary(electronDir) !== undefined))

const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')

/** Browser mode: build quietly, then run the server in the foreground until it ends. */
function startBrowserMode() {
  console.log(NOT_INSTALLED)
  const build = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'error'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  const webServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'web.js')
  const server = spawn(process.execPath, [webServer], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
}

if (!ready) {
  startBrowserMode()
} else {
  const result = spawnSync(process.execPath, [electronVite, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}

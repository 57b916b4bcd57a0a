/**
 * A worker thread that runs one of the thread entries (threadEntry.ts): built (e.g. out/main/lane.js,
 * out/cli/kernel.mjs) as it is, or its TypeScript source (the tests, `npm run web` and `npm run
 * cli` from source) through tsx, which the thread registers before loading the script. The script
 * checks its workerData's role before it does anything: dataset readers (src/worker/reader.ts),
 * run lanes (src/node/runs/laneThread.ts) and kernel helpers (kernelThread.ts).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'
import { UserError } from '../core/errors'

export function startScriptThread(script: URL, options: WorkerOptions): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options)
  const tsx = import.meta.resolve('tsx/esm/api')
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
  return new Worker(code, { ...options, eval: true })
}

/**
 * The plain message for a thread that could not start because a file of its script is missing
 * (a build or install without its thread entries or chunks), or null for any other failure.
 */
export function missingScript(e: Error & { code?: string }): UserError | null {
  if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_MODULE_NOT_FOUND') return null
  const file = /'([^']+)'/.exec(e.message)?.[1] ?? 'a script'
  return new UserError('thread-script-missing',
    `NN Scratch could not start a thread: its file ${file} is missing. Build NN Scratch again (npm run build) or reinstall it.`)
}

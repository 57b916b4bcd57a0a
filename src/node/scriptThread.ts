/**
 * A worker thread that runs the script of the process that starts it: the built entry (e.g.
 * out/main/worker.js, out/cli/index.mjs) as it is, or its TypeScript source (the tests, `npm run
 * web` and `npm run cli` from source) through tsx, which the thread registers before loading the
 * script. The script tells what it is to do from its workerData (a role), so one entry serves as
 * the process and as each kind of thread it starts: dataset readers (src/worker/reader.ts) and
 * run lanes (src/node/runs/laneThread.ts).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'

export function startScriptThread(script: URL, options: WorkerOptions): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options)
  const tsx = import.meta.resolve('tsx/esm/api')
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}) })`
  return new Worker(code, { ...options, eval: true })
}

/**
 * The training worker as a process main can talk to, whatever started it: Electron's
 * utilityProcess (src/main/electron/utilityWorker.ts) or Node's child_process (nodeWorker.ts).
 */
import { availableParallelism } from 'node:os'
import { RUNS_DIR_ARG, type FromWorker, type ToWorker } from '../../shared/workerProtocol'

export interface WorkerProcess {
  post(message: ToWorker): void
  onMessage(listener: (message: FromWorker) => void): void
  /** Called once when the process has ended, with its exit code (null when killed by a signal). */
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

/** What a fresh worker is told when it starts (on its command line: RUNS_DIR_ARG). */
export interface WorkerStart {
  /** the run store it records the runs it trains in; null: it records none. */
  readonly runsDir: string | null
}

/** Starts a fresh worker process. */
export type WorkerLauncher = (start: WorkerStart) => WorkerProcess

/**
 * V8's options for the worker's main thread. --expose-gc lets it give back the memory of a dataset
 * file it read, once the pixels are in the run host's shared memory, at once rather than at V8's
 * next full collection (which a worker that only trains may not reach for a long time: 185 MB held
 * twice). The main thread trains nothing (its runs train in lanes) and allocates little while they
 * do: a young generation of two 1 MB semi-spaces rather than V8's up to 16 (--max-semi-space-size=1;
 * measured on Node 24, epoch from a 154 MB pickle: the worker's peak 257 → 253 MB). Without short
 * builtin calls (--no-short-builtin-calls) no thread of the process maps a 2 MB copy of V8's
 * builtins of its own: they all run them where the binary has them (253 → 248 MB). Neither costs
 * training time. (A heap limit is no flag here: a flag's limit would override the dataset readers'
 * own, src/worker/reader.ts.)
 */
export const WORKER_V8_FLAGS: readonly string[] = ['--expose-gc', '--max-semi-space-size=1', '--no-short-builtin-calls']

/** Node's options for the worker, where Node starts it (child_process.fork): V8's flags as they are. */
export const WORKER_NODE_OPTIONS: readonly string[] = WORKER_V8_FLAGS

/**
 * The same for Electron's utilityProcess.fork: its execArgv become switches of the utility
 * process's command line, of which Electron hands V8 only --js-flags (shell/browser/
 * javascript_environment.cc) and Node only the inspector's (shell/common/node_bindings.cc).
 */
export const WORKER_UTILITY_OPTIONS: readonly string[] = [`--js-flags=${WORKER_V8_FLAGS.join(' ')}`]

/**
 * The worker's environment: the parent's, with libuv's thread pool sized to the cores (at least
 * libuv's 4). Pictures are decoded on that pool, several at once (src/node/pictures/decode.ts), and
 * its size is fixed at the pool's first use, which in the worker comes before any picture.
 */
export function workerEnv(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...parent, UV_THREADPOOL_SIZE: parent.UV_THREADPOOL_SIZE ?? String(Math.max(4, availableParallelism())) }
}

/** The worker's command-line arguments for `start`. */
export function workerArgs(start: WorkerStart): string[] {
  return start.runsDir === null ? [] : [RUNS_DIR_ARG, start.runsDir]
}

/**
 * A lane in a worker thread of its own (node:worker_threads). The thread runs the lanes' own entry
 * (laneEntry.ts; built, lane.js or lane.mjs beside the process's entry: src/node/threadEntry.ts),
 * which checks `isLaneThread()` and calls `runLaneThread()`, so lanes start from source and from
 * every build alike. The shared memory and the compiled kernels come with the thread; its kernel
 * helpers (src/node/kernelThread.ts) run the helpers' entry beside the lane's.
 */
import { parentPort, workerData, type Worker, type WorkerOptions } from 'node:worker_threads'
import type { Region } from '../../core/engine/arena'
import { datasetAt } from '../../core/engine/dataMemory'
import { adoptKernelModule, kernelModule } from '../../core/engine/wasm'
import { startScriptThread } from '../scriptThread'
import { threadEntry } from '../threadEntry'
import { trainingThreadLimits } from '../threadHeap'
import { LaneBody } from './lane'
import type { FromLane, ToLane } from './laneProtocol'

const ROLE = 'nn-scratch:run-lane'
/**
 * A lane's young generation: a run allocates little on the JavaScript heap while it trains (its
 * buffers live in the shared memory), so a small nursery costs no time and keeps each lane's
 * resident memory down (measured: two lanes 8 MB less at 4 MB than with V8's default; on Node 24,
 * the worker's epoch from a 154 MB pickle 2 MB less again at 1 MB, with at most one more scavenge
 * an epoch of the seed network, and no change in its time).
 */
const LANE_YOUNG_MB = 1

interface LaneData {
  readonly role: typeof ROLE
  readonly memory: WebAssembly.Memory
  /** the host's compiled kernels, shared rather than compiled again in every lane. */
  readonly module: WebAssembly.Module | null
  /** the lane's control block for its helper threads, in the memory. */
  readonly ctrl: Region | null
  /** the script this thread runs; its helper threads run the helpers' entry beside it. */
  readonly script: string
}

/** Whether this thread was started as a run lane. */
export function isLaneThread(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | null)?.role === ROLE
}

/** The lane thread's body: takes the host's messages until the host ends the thread. */
export function runLaneThread(): void {
  const port = parentPort
  if (!port) return
  const { memory, module, ctrl, script } = workerData as LaneData
  if (module) adoptKernelModule(module)
  const body = new LaneBody(memory, (message: FromLane) => port.postMessage(message), ctrl, new URL(script))
  port.on('message', (message: ToLane) => {
    if (message.type === 'data') body.addData(message.key, datasetAt(memory, message.layout))
    else if (message.type === 'forget-data') body.forgetData(message.key)
    else void body.call(message.id, message.call)
  })
  port.postMessage({ type: 'ready' } satisfies FromLane)
}

/**
 * Starts a lane thread on the lanes' entry beside `script` (the process's entry, see the header)
 * over `memory`, `ctrl` its control block there.
 */
export function startLaneThread(script: URL, memory: WebAssembly.Memory, ctrl: Region | null): Worker {
  const entry = threadEntry('lane', script)
  const data: LaneData = { role: ROLE, memory, module: kernelModule(), ctrl, script: entry.href }
  const options: WorkerOptions = { workerData: data, resourceLimits: trainingThreadLimits(LANE_YOUNG_MB) }
  return startScriptThread(entry, options)
}

/**
 * A lane in a worker thread of its own (node:worker_threads). The thread runs the script of the
 * process that started it — the training worker's out/main/worker.js, the command line's
 * out/cli/index.mjs, or their sources under tsx — which tells a lane thread apart by
 * `isLaneThread()` and calls `runLaneThread()` (started by startScriptThread, as reading threads are),
 * so lanes start from source and from every build alike. The shared memory and the compiled
 * kernels come with the thread; its kernel helpers (src/node/kernelThread.ts) run the same script.
 */
import { parentPort, workerData, type Worker, type WorkerOptions } from 'node:worker_threads'
import type { Region } from '../../core/engine/arena'
import { datasetAt } from '../../core/engine/dataMemory'
import { adoptKernelModule, kernelModule } from '../../core/engine/wasm'
import { startScriptThread } from '../scriptThread'
import { LaneBody } from './lane'
import type { FromLane, ToLane } from './laneProtocol'

const ROLE = 'nn-scratch:run-lane'
/**
 * A lane's young generation: a run allocates little on the JavaScript heap while it trains (its
 * buffers live in the shared memory), so a small nursery costs no time and keeps each lane's
 * resident memory down (measured: two lanes 8 MB less than with V8's default).
 */
const LANE_YOUNG_MB = 4

interface LaneData {
  readonly role: typeof ROLE
  readonly memory: WebAssembly.Memory
  /** the host's compiled kernels, shared rather than compiled again in every lane. */
  readonly module: WebAssembly.Module | null
  /** the lane's control block for its helper threads, in the memory. */
  readonly ctrl: Region | null
  /** the script this thread runs, which its helper threads run too. */
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

/** Starts a lane thread running `script` (the entry of the process, see the header) over `memory`, `ctrl` its control block there. */
export function startLaneThread(script: URL, memory: WebAssembly.Memory, ctrl: Region | null): Worker {
  const data: LaneData = { role: ROLE, memory, module: kernelModule(), ctrl, script: script.href }
  const options: WorkerOptions = { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: LANE_YOUNG_MB } }
  return startScriptThread(script, options)
}

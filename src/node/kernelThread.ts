/**
 * A kernel helper thread (node:worker_threads): one part of every job that an engine on several
 * threads runs (threadPool.ts), read from the engine's control block in the shared memory
 * (core/engine/jobs.ts). The thread runs the helpers' own entry (kernelEntry.ts; built, kernel.js
 * or kernel.mjs beside the process's entry: src/node/threadEntry.ts), which checks
 * `isKernelThread()` and calls `runKernelThread()`. The compiled kernel module comes with the
 * thread, so every thread of an engine runs the same build.
 */
import { parentPort, workerData, type Worker } from 'node:worker_threads'
import { ControlBlock, EXIT, PartRunner } from '../core/engine/jobs'
import { instantiateKernels } from '../core/engine/wasm'
import { startScriptThread } from './scriptThread'
import { threadEntry } from './threadEntry'
import { trainingThreadLimits } from './threadHeap'

const ROLE = 'nn-scratch:kernel-helper'
/**
 * A helper allocates almost nothing on the JavaScript heap (it runs WebAssembly jobs): a small
 * young generation keeps it small (on Node 24, 1 MB instead of 2 measured no smaller, so 2 stays).
 */
const HELPER_YOUNG_MB = 2

/** What a helper thread is given. */
export interface HelperData {
  readonly memory: WebAssembly.Memory
  /** the compiled kernels of the engine's own thread. */
  readonly module: WebAssembly.Module
  /** the control block's byte offset in the memory. */
  readonly ctrlPtr: number
  readonly part: number
  readonly parts: number
  /** the block's generation when the thread was started: it waits for the next. */
  readonly generation: number
}

/** Sent once the thread waits for jobs. */
export const HELPER_READY = 'kernel-helper-ready'

/** Whether this thread was started as a kernel helper. */
export function isKernelThread(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | null)?.role === ROLE
}

/** The helper's body: runs its part of each job posted to the block until the EXIT job. */
export function runKernelThread(): void {
  const { memory, module, ctrlPtr, part, parts, generation } = workerData as HelperData
  const block = new ControlBlock(memory, ctrlPtr)
  const runner = new PartRunner(instantiateKernels(module, memory), block, part, parts)
  parentPort?.postMessage(HELPER_READY)
  let seen = generation
  for (;;) {
    seen = block.nextJob(seen)
    if (block.kind === EXIT.kind) return
    let failed = false
    try {
      runner.run()
    } catch {
      failed = true
    }
    block.partDone(failed)
  }
}

/** Starts a helper thread on the helpers' entry beside `script` (the process's or a lane's entry, see the header). */
export function startKernelThread(script: URL, data: HelperData): Worker {
  return startScriptThread(threadEntry('kernel', script), { workerData: { role: ROLE, ...data }, resourceLimits: trainingThreadLimits(HELPER_YOUNG_MB) })
}

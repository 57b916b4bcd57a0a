/**
 * A multi-threaded Engine for Node (the CLI, the training worker, the benchmark, run lanes): the
 * kernels' shared WebAssembly memory is handed to `threads − 1` helper threads (kernelThread.ts),
 * each running its part of every job. The calling thread runs part 0, so a job costs no message
 * passing: the job is written into the control block and posted with Atomics (jobs.ts), and
 * completions are counted the same way. Parts are fixed by the thread count, so the same thread
 * count gives bit-identical results. The engine has a memory of its own, or works in a region of
 * a shared one (EnginePlace); a run lane keeps its helper threads (HelperThreads) across its runs,
 * each run's engine giving them its jobs through the lane's one control block.
 */
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { Arena } from '../core/engine/arena'
import { createEngine, type Engine, type EnginePlace } from '../core/engine/engine'
import { ControlBlock, CTRL_BYTES, EXIT, PartRunner } from '../core/engine/jobs'
import { instantiateKernels, kernelModule, sharedMemory, wasmKernelOf, type WasmKernel } from '../core/engine/wasm'
import { HELPER_READY, startKernelThread } from './kernelThread'
import { missingScript } from './scriptThread'

/** The number of threads to use when the user asks for "automatic" (0). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()))
}

/**
 * Where helper threads start from when no script is given: from source (the tests, the benchmark),
 * this file, whose helpers run kernelEntry.ts; built code passes its entry's script (threadEntry.ts).
 */
function sourceScript(): URL {
  const here = import.meta.url
  if (!here.endsWith('.ts')) throw new Error('Helper threads of a built entry need the entry\'s own script')
  return new URL(here)
}

/**
 * `threads − 1` helper threads that wait for jobs in the control block at `ctrlPtr` of `memory`.
 * They outlive the engines that use them (one at a time) until `close`.
 */
export class HelperThreads {
  private closed = false
  private readonly block: ControlBlock

  private constructor(
    readonly memory: WebAssembly.Memory, readonly ctrlPtr: number, readonly threads: number,
    private readonly module: WebAssembly.Module, private readonly workers: Worker[]
  ) {
    this.block = new ControlBlock(memory, ctrlPtr)
  }

  /**
   * Starts the helpers of `threads` threads on the control block at ctrlPtr (CTRL_BYTES of
   * `memory`, not used by anything else); `script`: the process's or the lane's entry, beside
   * which the helpers' own lies (threadEntry.ts).
   */
  static async start(memory: WebAssembly.Memory, ctrlPtr: number, threads: number, script: URL = sourceScript()): Promise<HelperThreads> {
    const module = kernelModule()
    if (!module) throw new Error('WebAssembly SIMD is not available here')
    // helpers wait for the generation after the one the block holds now (a block used before keeps its count)
    const generation = new ControlBlock(memory, ctrlPtr).generation
    const workers: Worker[] = []
    for (let part = 1; part < threads; part++) {
      workers.push(startKernelThread(script, { module, memory, ctrlPtr, part, parts: threads, generation }))
    }
    try {
      await Promise.all(workers.map(ready))
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()))
      throw e
    }
    // idle threads must not keep the process alive
    for (const w of workers) w.unref()
    return new HelperThreads(memory, ctrlPtr, threads, module, workers)
  }

  /** An engine whose arena is `arena` (in this memory) and whose jobs these threads share; its dispose leaves them running. */
  engine(arena: Arena): Engine {
    return threadedEngine(arena, this, false)
  }

  /** The kernel build the threads run (the module kernelModule() chose or a thread adopted). */
  get kernel(): WasmKernel {
    return wasmKernelOf(this.module)
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Part 0 of every job, for the engine's own thread. */
  runner(): PartRunner {
    return new PartRunner(instantiateKernels(this.module, this.memory), this.block, 0, this.threads)
  }

  /** Ends the helpers; resolves once they have stopped (the control block is free again then). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.block.write(EXIT, {})
    this.block.post()
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

/** Resolves once helper `w` waits for jobs; rejects in plain words if it fails or ends first. */
function ready(w: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (why: string): void => reject(new Error(`A training thread could not start (${why}). Try again, or train with one thread.`))
    w.on('message', (m: unknown) => { if (m === HELPER_READY) resolve() })
    w.once('error', (e) => {
      const missing = missingScript(e)
      if (missing) reject(missing)
      else failed(e.message)
    })
    w.once('exit', (code) => failed(`it ended with code ${code} before it was ready`))
  })
}

/**
 * An engine on `threads` threads (0 = automatic), in a memory of its own or at `place`; `script`:
 * what its helper threads run (see HelperThreads.start). Falls back to one thread where
 * WebAssembly SIMD is missing (the TypeScript twin is single-threaded) or when threads is 1.
 */
export async function createThreadedEngine(threads = 0, place?: EnginePlace, script?: URL): Promise<Engine> {
  const count = threads > 0 ? Math.floor(threads) : defaultThreads()
  if (count <= 1 || !kernelModule()) return createEngine('auto', place)
  const memory = place?.memory ?? sharedMemory()
  const arena = new Arena(memory, place?.region)
  const ctrlPtr = arena.alloc(CTRL_BYTES)
  arena.keep()
  const helpers = await HelperThreads.start(memory, ctrlPtr, count, script)
  return threadedEngine(arena, helpers, true)
}

/** The engine over `arena` whose jobs `helpers` share; `owned`: its dispose ends them too. */
function threadedEngine(arena: Arena, helpers: HelperThreads, owned: boolean): Engine {
  const block = new ControlBlock(helpers.memory, helpers.ctrlPtr)
  const runner = helpers.runner()
  let disposed = false
  return {
    kernel: helpers.kernel,
    threads: helpers.threads,
    arena,
    kernels: runner.kernels,
    run(job, args) {
      if (disposed || helpers.isClosed) throw new Error('This engine was disposed')
      block.write(job, args)
      block.post()
      let failed = true
      try {
        runner.run()
        failed = false
      } finally {
        // the helpers finish their parts whatever this thread's did, so that the block is free again
        failed = block.awaitParts(helpers.threads - 1) || failed
      }
      if (failed) throw new Error('A training thread failed while computing')
    },
    dispose() {
      if (disposed) return
      disposed = true
      if (owned) void helpers.close()
    }
  }
}

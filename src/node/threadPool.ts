/**
 * A multi-threaded Engine for Node (the CLI, the training worker, the benchmark, run lanes): the
 * kernels' shared WebAssembly memory is handed to `threads − 1` helper threads, each running
 * runPart on its share of every job. The calling thread runs share 0, so a job costs no message
 * passing: the job is written into the control block, the generation counter is bumped and
 * waiters notified with Atomics, and completions are counted the same way. Shares are fixed by
 * the thread count, so the same thread count gives bit-identical results. The engine has a memory
 * of its own, or works in a region of a shared one (EnginePlace); a run lane keeps its helper
 * threads (HelperThreads) across its runs, each run's engine giving them its jobs through the
 * lane's one control block.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Arena } from '../core/engine/arena'
import { createEngine, type Engine, type EnginePlace } from '../core/engine/engine'
import { CTRL_BYTES, CTRL_INTS, JOB_EXIT, runPart } from '../core/engine/jobs'
import type { Kernels } from '../core/engine/kernels'
import { instantiateKernels, kernelModule, sharedMemory, wasmKernelOf, type WasmKernel } from '../core/engine/wasm'

const GENERATION = 0
const DONE = 1
const FAILED = CTRL_INTS - 1

/** The thread body, as source text (runPart is self-contained and travels as text too). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const runPart = ${runPart.toString()}
const { module, memory, ctrlPtr, part, parts, generation } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('kernel abort') } } }).exports
let seen = generation
for (;;) {
  const ctrl = new Int32Array(memory.buffer, ctrlPtr, ${CTRL_INTS})
  let spins = 0
  while (Atomics.load(ctrl, ${GENERATION}) === seen) {
    // spin briefly (jobs come in quick succession), then sleep until notified: an idle engine costs nothing
    if (++spins > 20000) Atomics.wait(ctrl, ${GENERATION}, seen)
  }
  seen = Atomics.load(ctrl, ${GENERATION})
  if (ctrl[2] === ${JOB_EXIT}) break
  try {
    runPart(kernels, ctrl, new Float64Array(memory.buffer, ctrlPtr + 128, 4), part, parts)
  } catch (e) {
    Atomics.store(ctrl, ${FAILED}, 1)
  }
  Atomics.add(ctrl, ${DONE}, 1)
  Atomics.notify(ctrl, ${DONE})
}
`

/** The number of threads to use when the user asks for "automatic" (0). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()))
}

/**
 * `threads − 1` helper threads that wait for jobs in the control block at `ctrlPtr` of `memory`.
 * They outlive the engines that use them (one at a time) until `close`.
 */
export class HelperThreads {
  private closed = false

  private constructor(
    readonly memory: WebAssembly.Memory, readonly ctrlPtr: number, readonly threads: number,
    private readonly module: WebAssembly.Module, private readonly workers: Worker[]
  ) {}

  /** Starts the helpers of `threads` threads on the control block at ctrlPtr (CTRL_BYTES of `memory`, not used by anything else). */
  static async start(memory: WebAssembly.Memory, ctrlPtr: number, threads: number): Promise<HelperThreads> {
    const module = kernelModule()
    if (!module) throw new Error('WebAssembly SIMD is not available here')
    // helpers wait for the generation after the one the block holds now (a block used before keeps its count)
    const generation = Atomics.load(new Int32Array(memory.buffer, ctrlPtr, CTRL_INTS), GENERATION)
    const workers: Worker[] = []
    for (let part = 1; part < threads; part++) {
      workers.push(new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctrlPtr, part, parts: threads, generation } }))
    }
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('online', () => resolve())
      w.once('error', reject)
    })))
    // idle threads must not keep the process alive
    for (const w of workers) w.unref()
    return new HelperThreads(memory, ctrlPtr, threads, module, workers)
  }

  /** An engine whose arena is `arena` (in this memory) and whose jobs these threads share; its dispose leaves them running. */
  engine(arena: Arena): Engine {
    return threadedEngine(arena, instantiateKernels(this.module, this.memory), this, false)
  }

  /** The kernel build the threads run (the module kernelModule() chose or a thread adopted). */
  get kernel(): WasmKernel {
    return wasmKernelOf(this.module)
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Ends the helpers; resolves once they have stopped (the control block is free again then). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const ctrl = new Int32Array(this.memory.buffer, this.ctrlPtr, CTRL_INTS)
    ctrl[2] = JOB_EXIT
    Atomics.add(ctrl, GENERATION, 1)
    Atomics.notify(ctrl, GENERATION)
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

/**
 * An engine on `threads` threads (0 = automatic), in a memory of its own or at `place`. Falls back
 * to one thread where WebAssembly SIMD is missing (the TypeScript twin is single-threaded) or
 * when threads is 1.
 */
export async function createThreadedEngine(threads = 0, place?: EnginePlace): Promise<Engine> {
  const count = threads > 0 ? Math.floor(threads) : defaultThreads()
  const module = kernelModule()
  if (count <= 1 || !module) return createEngine('auto', place)
  const memory = place?.memory ?? sharedMemory()
  const arena = new Arena(memory, place?.region)
  const ctrlPtr = arena.alloc(CTRL_BYTES)
  arena.keep()
  const helpers = await HelperThreads.start(memory, ctrlPtr, count)
  return threadedEngine(arena, instantiateKernels(module, memory), helpers, true)
}

/** The engine over `arena` whose jobs `helpers` share; `owned`: its dispose ends them too. */
function threadedEngine(arena: Arena, kernels: Kernels, helpers: HelperThreads, owned: boolean): Engine {
  const { memory, ctrlPtr, threads: count } = helpers
  const ctrlView = (): Int32Array => new Int32Array(memory.buffer, ctrlPtr, CTRL_INTS)
  let disposed = false
  return {
    kernel: helpers.kernel,
    threads: count,
    arena,
    kernels,
    ctrlPtr,
    get ctrl() { return ctrlView() },
    get params() { return new Float64Array(memory.buffer, ctrlPtr + 128, 4) },
    run() {
      if (disposed || helpers.isClosed) throw new Error('This engine was disposed')
      const ctrl = ctrlView()
      Atomics.store(ctrl, DONE, 0)
      Atomics.store(ctrl, 3, count)
      Atomics.add(ctrl, GENERATION, 1)
      Atomics.notify(ctrl, GENERATION)
      runPart(kernels, ctrl, new Float64Array(memory.buffer, ctrlPtr + 128, 4), 0, count)
      let done = Atomics.load(ctrl, DONE)
      let spins = 0
      while (done < count - 1) {
        if (++spins > 20000) Atomics.wait(ctrl, DONE, done, 50)
        done = Atomics.load(ctrl, DONE)
      }
      if (Atomics.load(ctrl, FAILED) !== 0) {
        Atomics.store(ctrl, FAILED, 0)
        throw new Error('A training thread failed while computing')
      }
    },
    dispose() {
      if (disposed) return
      disposed = true
      if (owned) void helpers.close()
    }
  }
}

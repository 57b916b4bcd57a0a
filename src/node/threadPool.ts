/**
 * A multi-threaded Engine for Node (the CLI, the training worker, the benchmark): the kernels'
 * shared WebAssembly memory is handed to `threads − 1` worker threads, each running runPart on its
 * share of every job. The calling thread runs share 0, so a job costs no message passing: the
 * job is written into the control block, the generation counter is bumped and waiters notified
 * with Atomics, and completions are counted the same way. Shares are fixed by the thread count,
 * so the same thread count gives bit-identical results. The engine has a memory of its own, or
 * works in a region of a shared one (EnginePlace: a run host's lane, src/node/runs).
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Arena } from '../core/engine/arena'
import { createEngine, type Engine, type EnginePlace } from '../core/engine/engine'
import { CTRL_BYTES, CTRL_INTS, JOB_EXIT, runPart } from '../core/engine/jobs'
import { instantiateKernels, kernelModule, sharedMemory } from '../core/engine/wasm'

const GENERATION = 0
const DONE = 1
const FAILED = CTRL_INTS - 1

/** The thread body, as source text (runPart is self-contained and travels as text too). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const runPart = ${runPart.toString()}
const { module, memory, ctrlPtr, part, parts } = workerData
const kernels = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('kernel abort') } } }).exports
let seen = 0
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
  const kernels = instantiateKernels(module, memory)
  const workers: Worker[] = []
  for (let part = 1; part < count; part++) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctrlPtr, part, parts: count } })
    workers.push(worker)
  }
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('online', () => resolve())
    w.once('error', reject)
  })))
  // idle threads must not keep the process alive
  for (const w of workers) w.unref()
  const ctrlView = (): Int32Array => new Int32Array(memory.buffer, ctrlPtr, CTRL_INTS)
  let disposed = false
  return {
    kernel: 'wasm-simd',
    threads: count,
    arena,
    kernels,
    ctrlPtr,
    get ctrl() { return ctrlView() },
    get params() { return new Float64Array(memory.buffer, ctrlPtr + 128, 4) },
    run() {
      if (disposed) throw new Error('This engine was disposed')
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
      const ctrl = ctrlView()
      ctrl[2] = JOB_EXIT
      Atomics.add(ctrl, GENERATION, 1)
      Atomics.notify(ctrl, GENERATION)
      for (const w of workers) void w.terminate()
    }
  }
}

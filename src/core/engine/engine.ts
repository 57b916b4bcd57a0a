/**
 * Engine: where the first layer's arithmetic runs — an Arena of memory, the kernels over it
 * (a WebAssembly build, or the TypeScript twin), and an executor that runs a job (jobs.ts) on
 * `threads` threads (one here; src/node/threadPool.ts adds worker threads).
 * An engine has a memory of its own, or works in a region of a shared one (EnginePlace), next to
 * other engines and to data placed there once (regions.ts, dataMemory.ts).
 */
import { alignUp, Arena, type Region } from './arena'
import { ControlBlock, CTRL_BYTES, PartRunner, type JobArgs, type JobLayout } from './jobs'
import { KERNEL_COLUMNS, plainKernels, type Kernels } from './kernels'
import { instantiateKernels, kernelModule, sharedMemory, wasmKernelOf, type WasmKernel } from './wasm'

/** Where the first layer's arithmetic runs: a WebAssembly build of the kernels (wasm.ts) or the twin. */
export type KernelPath = WasmKernel | 'typescript'

/** Whether `kernel` is one of the WebAssembly builds (they share a memory layout and fast evaluation). */
export function isWasmKernel(kernel: KernelPath): kernel is WasmKernel {
  return kernel !== 'typescript'
}

export interface Engine {
  readonly kernel: KernelPath
  readonly threads: number
  readonly arena: Arena
  readonly kernels: Kernels
  /** Runs `job` with `args` on every thread; returns when all are done. */
  run<L extends JobLayout>(job: L, args: JobArgs<L>): void
  dispose(): void
}

/** Whether `kernel` takes a first layer of `inputs` inputs: the WebAssembly builds take columns KERNEL_COLUMNS at a time. */
export function takesInputs(kernel: KernelPath, inputs: number): boolean {
  return !isWasmKernel(kernel) || inputs % KERNEL_COLUMNS === 0
}

/** Where an engine works: a region of a shared memory that other engines and data share too. */
export interface EnginePlace {
  readonly memory: WebAssembly.Memory
  readonly region: Region
}

/** Bytes of its region an engine takes for itself (the control block), before any trainer's. */
export const ENGINE_BYTES = alignUp(CTRL_BYTES) + 64

/**
 * Room for `bytes` of pixels inside the engine's memory, kept across trainers (a Trainer uses
 * pixels that already live there without copying them): for loaders that can write in place.
 */
export function allocPixels(engine: Engine, bytes: number): Uint8Array {
  const arena = engine.arena
  arena.reset()
  arena.reserve(bytes)
  const ptr = arena.alloc(bytes)
  arena.keep()
  return arena.u8(ptr, bytes)
}

/**
 * A single-threaded engine on `kernel`, in a memory of its own or at `place`: 'auto' takes the
 * fastest this runtime supports (relaxed SIMD, then SIMD, then the twin); a named WebAssembly
 * kernel this runtime lacks is an error.
 */
export function createEngine(kernel: KernelPath | 'auto' = 'auto', place?: EnginePlace): Engine {
  const module = kernel === 'typescript' ? null : kernelModule(kernel)
  if (kernel !== 'auto' && isWasmKernel(kernel) && !module) throw new Error(unavailable(kernel))
  if (!module) {
    // the twin still prefers a growable shared memory (views survive growth); a plain buffer otherwise
    const memory = place?.memory ?? (typeof SharedArrayBuffer === 'undefined' || typeof WebAssembly === 'undefined' ? null : sharedMemory())
    const arena = new Arena(memory, place?.region)
    arena.reserve(CTRL_BYTES)
    return singleThreaded('typescript', arena, plainKernels(arena))
  }
  const memory = place?.memory ?? sharedMemory()
  const arena = new Arena(memory, place?.region)
  return singleThreaded(wasmKernelOf(module), arena, instantiateKernels(module, memory))
}

/** What to say when a WebAssembly kernel that was asked for cannot run here. */
export function unavailable(kernel: WasmKernel): string {
  return kernel === 'wasm-relaxed-simd'
    ? 'The wasm-relaxed-simd kernel needs WebAssembly relaxed SIMD, which this runtime lacks (Node 22 or later has it; Node 20 only with --experimental-wasm-relaxed-simd). Choose wasm-simd or auto.'
    : 'The wasm-simd kernel needs WebAssembly SIMD and shared memory, which this runtime lacks. Choose typescript or auto.'
}

function singleThreaded(kernel: KernelPath, arena: Arena, kernels: Kernels): Engine {
  const block = new ControlBlock(arena, arena.alloc(CTRL_BYTES))
  arena.keep()
  const runner = new PartRunner(kernels, block, 0, 1)
  return {
    kernel,
    threads: 1,
    arena,
    kernels,
    run(job, args) {
      block.write(job, args)
      runner.run()
    },
    dispose() {}
  }
}

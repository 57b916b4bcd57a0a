/**
 * Engine: where the first layer's arithmetic runs — an Arena of memory, the kernels over it
 * (WebAssembly SIMD, or the TypeScript twin), and an executor that runs a job written into the
 * control block on `threads` threads (one here; src/node/threadPool.ts adds worker threads).
 * An engine has a memory of its own, or works in a region of a shared one (EnginePlace), next to
 * other engines and to data placed there once (regions.ts, dataMemory.ts).
 */
import { alignUp, Arena, type Region } from './arena'
import { CTRL_BYTES, CTRL_INTS, runPart } from './jobs'
import { plainKernels, type Kernels } from './kernels'
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
  /** Control block ints (job, arguments) and float parameters, in the arena. */
  readonly ctrl: Int32Array
  readonly params: Float64Array
  readonly ctrlPtr: number
  /** Runs the job described in ctrl/params on every thread; returns when all are done. */
  run(): void
  dispose(): void
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
  const ctrlPtr = arena.alloc(CTRL_BYTES)
  arena.keep()
  const engine: Engine = {
    kernel,
    threads: 1,
    arena,
    kernels,
    ctrlPtr,
    get ctrl() { return new Int32Array(arena.buffer, ctrlPtr, CTRL_INTS) },
    get params() { return new Float64Array(arena.buffer, ctrlPtr + 128, 4) },
    run() { runPart(kernels, engine.ctrl, engine.params, 0, 1) },
    dispose() {}
  }
  return engine
}

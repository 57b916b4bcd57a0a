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
import { instantiateKernels, kernelModule, sharedMemory } from './wasm'

export type KernelPath = 'wasm-simd' | 'typescript'

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
 * The fastest single-threaded engine this runtime supports (or the twin when asked), in a memory
 * of its own or at `place`.
 */
export function createEngine(kernel: KernelPath | 'auto' = 'auto', place?: EnginePlace): Engine {
  const module = kernel === 'typescript' ? null : kernelModule()
  if (kernel === 'wasm-simd' && !module) throw new Error('WebAssembly SIMD is not available here')
  if (!module) {
    // the twin still prefers a growable shared memory (views survive growth); a plain buffer otherwise
    const memory = place?.memory ?? (typeof SharedArrayBuffer === 'undefined' || typeof WebAssembly === 'undefined' ? null : sharedMemory())
    const arena = new Arena(memory, place?.region)
    arena.reserve(CTRL_BYTES)
    return singleThreaded('typescript', arena, plainKernels(arena))
  }
  const memory = place?.memory ?? sharedMemory()
  const arena = new Arena(memory, place?.region)
  return singleThreaded('wasm-simd', arena, instantiateKernels(module, memory))
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

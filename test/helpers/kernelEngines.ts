// Engines on every kernel this runtime has, for the tests that must hold on each: the TypeScript
// twin, and each WebAssembly build (relaxed SIMD, SIMD) on one thread and on two.
import { createEngine, type Engine, type KernelPath } from '../../src/core/engine/engine'
import { adoptKernelModule, kernelModule, WASM_KERNELS, type WasmKernel } from '../../src/core/engine/wasm'
import { createThreadedEngine } from '../../src/node/threadPool'

/** The WebAssembly builds this runtime runs (both under the tests: vitest.config.ts). */
export const AVAILABLE_WASM_KERNELS: WasmKernel[] = WASM_KERNELS.filter((k) => kernelModule(k) !== null)

/** An engine on `threads` threads of `kernel` (threads > 1: helper threads running the same build). */
export async function engineOn(kernel: KernelPath, threads: number): Promise<Engine> {
  if (kernel === 'typescript' || threads <= 1) return createEngine(kernel)
  // the helper threads run the module the calling thread adopted
  adoptKernelModule(kernelModule(kernel) as WebAssembly.Module)
  return createThreadedEngine(threads)
}

/** [name, make] of every kernel at one thread, and of each WebAssembly build at two. */
export const EVERY_KERNEL: Array<[string, () => Promise<Engine>]> = [
  ['typescript twin', async () => createEngine('typescript')],
  ...AVAILABLE_WASM_KERNELS.flatMap((k): Array<[string, () => Promise<Engine>]> => [
    [`${k}, 1 thread`, () => engineOn(k, 1)],
    [`${k}, 2 threads`, () => engineOn(k, 2)]
  ])
]

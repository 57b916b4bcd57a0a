/**
 * Loads the WebAssembly SIMD kernels (kernels/assembly/kernels.ts, embedded as base64 in
 * kernels/wasmBinary.ts) over a shared WebAssembly.Memory. Returns null where WebAssembly,
 * SIMD or shared memory is unavailable, so callers fall back to the TypeScript twin.
 */
import { KERNELS_WASM_BASE64 } from '../kernels/wasmBinary'
import type { Kernels } from './kernels'

let compiled: WebAssembly.Module | null | undefined

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** The compiled kernel module, or null if this runtime cannot run it. */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compile()
  return compiled
}

/**
 * Uses a module compiled elsewhere (another thread's, sent with its messages) instead of compiling
 * one here: threads that share one module share its compiled code, optimised tiers included.
 */
export function adoptKernelModule(module: WebAssembly.Module): void {
  compiled = module
}

function compile(): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly === 'undefined' || typeof SharedArrayBuffer === 'undefined') return null
    const bytes = decodeBase64(KERNELS_WASM_BASE64)
    if (!WebAssembly.validate(bytes)) return null
    return new WebAssembly.Module(bytes)
  } catch {
    return null
  }
}

export const MAX_PAGES = 65536

/** A shared memory of `pages` 64 KiB pages that may grow to 4 GiB. */
export function sharedMemory(pages = 1): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true })
}

/** Instantiates the kernels over `memory` (synchronously; fine outside browsers' main threads). */
export function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Kernels {
  const instance = new WebAssembly.Instance(module, { env: { memory, abort: () => { throw new Error('kernel abort') } } })
  return instance.exports as unknown as Kernels
}

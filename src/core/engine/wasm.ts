/**
 * Loads the WebAssembly kernels (kernels/assembly/kernels.ts, built twice and embedded as base64:
 * kernels/wasmBinaryRelaxed.ts with relaxed SIMD, its multiply-adds fused, and kernels/wasmBinary.ts
 * with plain SIMD) over a shared WebAssembly.Memory. The best build this runtime validates is
 * chosen at start-up: relaxed SIMD (on by default from Node 21 and in Electron 45; Node 20 has it
 * behind --experimental-wasm-relaxed-simd), else plain SIMD; null where neither runs (no
 * WebAssembly, SIMD or shared memory), so callers fall back to the TypeScript twin.
 */
import { KERNELS_WASM_BASE64 } from '../kernels/wasmBinary'
import { KERNELS_RELAXED_WASM_BASE64 } from '../kernels/wasmBinaryRelaxed'
import type { Kernels } from './kernels'

/** The WebAssembly builds of the kernels, fastest first. */
export const WASM_KERNELS = ['wasm-relaxed-simd', 'wasm-simd'] as const
export type WasmKernel = (typeof WASM_KERNELS)[number]

const BASE64: Record<WasmKernel, string> = {
  'wasm-relaxed-simd': KERNELS_RELAXED_WASM_BASE64,
  'wasm-simd': KERNELS_WASM_BASE64
}

/**
 * The smallest module that uses relaxed SIMD: (func (param v128 v128 v128) (result v128)
 * (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2))). It validates only where the
 * runtime has relaxed SIMD, before the kernels themselves are decoded.
 */
const RELAXED_PROBE = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b, 0x01, 0x7b, // types: (v128 v128 v128) -> v128
  0x03, 0x02, 0x01, 0x00, // functions: one, of type 0
  0x0a, 0x0d, 0x01, 0x0b, 0x00, // code: one body of 11 bytes, no locals
  0x20, 0x00, 0x20, 0x01, 0x20, 0x02, // local.get 0, 1, 2
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0xfd 261)
  0x0b // end
]

/** Whether this runtime has WebAssembly relaxed SIMD (validates the probe above). */
function hasRelaxedSimd(): boolean {
  return typeof WebAssembly !== 'undefined' && WebAssembly.validate(new Uint8Array(RELAXED_PROBE))
}

/** Compiled builds (null: this runtime cannot run it); the adopted module, if any. */
const compiled = new Map<WasmKernel, WebAssembly.Module | null>()
/** Which build each module known here is (modules adopted from other threads included). */
const kernelOfModule = new WeakMap<WebAssembly.Module, WasmKernel>()
let adopted: WebAssembly.Module | null = null

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/**
 * The compiled kernel module: the adopted one, else the fastest build this runtime runs
 * (`kernel` 'auto'), or that build (null if this runtime cannot run it).
 */
export function kernelModule(kernel: WasmKernel | 'auto' = 'auto'): WebAssembly.Module | null {
  if (kernel === 'auto') {
    if (adopted) return adopted
    for (const k of WASM_KERNELS) {
      const module = kernelModule(k)
      if (module) return module
    }
    return null
  }
  if (adopted && kernelOfModule.get(adopted) === kernel) return adopted
  let module = compiled.get(kernel)
  if (module === undefined) {
    module = compile(kernel)
    compiled.set(kernel, module)
  }
  return module
}

/** Which build `module` (from kernelModule, here or in the thread that sent it) is. */
export function wasmKernelOf(module: WebAssembly.Module): WasmKernel {
  const known = kernelOfModule.get(module)
  if (known) return known
  // a module from another thread: each build names itself in a custom section
  const [section] = WebAssembly.Module.customSections(module, KERNEL_SECTION)
  const name = section ? String.fromCharCode(...new Uint8Array(section)) : ''
  const kernel = WASM_KERNELS.find((k) => k === name)
  if (!kernel) throw new Error('This WebAssembly module is not one of the kernel builds')
  kernelOfModule.set(module, kernel)
  return kernel
}

/**
 * Uses a module compiled elsewhere (another thread's, sent with its messages) instead of choosing
 * one here: threads that share one module run the same kernel and share its compiled code,
 * optimised tiers included. A later kernelModule() returns it.
 */
export function adoptKernelModule(module: WebAssembly.Module): void {
  wasmKernelOf(module)
  adopted = module
}

/** The custom section in which scripts/build-wasm.mjs writes each build's name (a WasmKernel). */
export const KERNEL_SECTION = 'nn-scratch-kernel'

function compile(kernel: WasmKernel): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly === 'undefined' || typeof SharedArrayBuffer === 'undefined') return null
    if (kernel === 'wasm-relaxed-simd' && !hasRelaxedSimd()) return null
    const bytes = decodeBase64(BASE64[kernel])
    if (!WebAssembly.validate(bytes)) return null
    const module = new WebAssembly.Module(bytes)
    kernelOfModule.set(module, kernel)
    return module
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

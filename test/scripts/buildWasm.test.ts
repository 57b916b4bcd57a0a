// The committed WebAssembly module is what its AssemblyScript source compiles to.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('scripts/build-wasm.mjs', () => {
  it('finds src/core/kernels/wasmBinary.ts up to date with kernels/assembly/kernels.ts', () => {
    const script = new URL('../../scripts/build-wasm.mjs', import.meta.url).pathname
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })
    expect(out).toContain('up to date')
  })
})

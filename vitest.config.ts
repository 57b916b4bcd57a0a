import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// WebAssembly relaxed SIMD is on by default from Node 21 (and in Electron 45's Node); Node 20 has
// it behind a flag, which the test processes get so that every kernel build is tested there too
// (the product never needs it; test/core/engine/kernels.test.ts checks that both builds load).
// Later versions reject the flag, so only Node 20 gets it.
const execArgv = Number(process.versions.node.split('.')[0]) <= 20 ? ['--experimental-wasm-relaxed-simd'] : []

export default defineConfig({
  // compiles .vue single-file components for the component tests under test/renderer/
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
    execArgv
  }
})

/**
 * Build of the command line: src/cli/index.ts -> out/cli/index.mjs, one ES module for Node 20
 * with its packages (fflate) bundled in and only Node's built-in modules left as imports, so
 * bin/nn-scratch.mjs runs it without the app's build or the Electron binary. The one exception is
 * sharp, the picture decoder: its native libvips binaries cannot be bundled, so it stays an import,
 * resolved from the project's node_modules beside out/ (whatever the working folder). The
 * training threads have entries of their own beside it (lane.mjs, kernel.mjs:
 * src/node/threadEntry.ts), so each thread loads only what it runs; the code they share with the
 * command goes in chunks/.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
// .js: Vite's config loader finds the .ts source by it (an import without an extension warns)
import { THREAD_ENTRIES } from './src/node/threadEntry.js'

export default defineConfig({
  publicDir: false,
  // a package listed in ssr.external stays external even with noExternal: true
  ssr: { noExternal: true, external: ['sharp'], target: 'node' },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { index: resolve('src/cli/index.ts'), lane: resolve(THREAD_ENTRIES.lane), kernel: resolve(THREAD_ENTRIES.kernel) },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' }
    }
  }
})

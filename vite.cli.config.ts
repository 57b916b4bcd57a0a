/**
 * Build of the command line: src/cli/index.ts -> out/cli/index.mjs, one ES module for Node 20
 * with its packages (fflate) bundled in and only Node's built-in modules left as imports, so
 * bin/nn-scratch.mjs runs it without the app's build or the Electron binary.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve('src/cli/index.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'index.mjs' }
    }
  }
})

/**
 * Build of the command line: src/cli/index.ts -> out/cli/index.mjs, one ES module for Node 20
 * with its packages (fflate) bundled in and only Node's built-in modules left as imports, so
 * bin/nn-scratch.mjs runs it without the app's build or the Electron binary. The one exception is
 * sharp, the picture decoder: its native libvips binaries cannot be bundled, so it stays an import,
 * resolved from the project's node_modules beside out/ (whatever the working folder). The run
 * host's lane threads start this same file, so they get the same rule.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

export default defineConfig({
  publicDir: false,
  // a package listed in ssr.external stays external even with noExternal: true
  ssr: { noExternal: true, external: ['sharp'], target: 'node' },
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

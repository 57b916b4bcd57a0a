/**
 * Build of the Electron app: main (Node, ESM), preload (CommonJS: a sandboxed preload cannot
 * load ES modules) and the Vue renderer. Output goes to out/main, out/preload, out/renderer.
 * The main build has three entries: index.js (Electron main), worker.js (the training worker,
 * forked by utilityProcess in the app and by child_process in browser mode) and web.js (browser
 * mode's server, `npm run web`); the last two never load Electron and run under plain Node. The
 * worker's threads have entries of their own beside it (lane.js, kernel.js, reader.js:
 * src/node/threadEntry.ts), so each thread loads only what it runs; shared code goes in chunks.
 */
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { THREAD_ENTRIES } from './src/node/threadEntry'

/**
 * In `npm run dev` only, Vite injects component styles as inline <style> elements, which the
 * strict Content-Security-Policy in index.html refuses; allow them there, never in a build.
 */
function allowInlineStylesInDev(): Plugin {
  return {
    name: 'nn-scratch:dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  }
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          worker: resolve('src/worker/index.ts'),
          web: resolve('src/main/web/main.ts'),
          lane: resolve(THREAD_ENTRIES.lane),
          kernel: resolve(THREAD_ENTRIES.kernel),
          reader: resolve(THREAD_ENTRIES.reader)
        }
      }
    }
  },
  preload: {
    build: {
      // Bundle everything the preload imports: a sandboxed preload can require only 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [vue(), allowInlineStylesInDev()],
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})

#!/usr/bin/env node
// The `nn-scratch` command: runs the built command line, out/cli/index.mjs (`npm run build`).
import { existsSync } from 'node:fs'

const cli = new URL('../out/cli/index.mjs', import.meta.url)

if (!existsSync(cli)) {
  console.error('nn-scratch is not built yet. Run `npm run build` in the NN Scratch folder first, then try again.')
  process.exit(1)
}

await import(cli.href)

/**
 * Where each kind of thread's own script lies. A thread loads only what it runs: a run lane
 * (src/node/runs/laneEntry.ts), a kernel helper (kernelEntry.ts) or a dataset reader
 * (src/worker/readerEntry.ts), not the whole process (the worker's session, the command line's
 * commands, the picture import). The builds make each of them an entry of its own beside the
 * process's entry (electron.vite.config.ts: out/main/lane.js…; vite.cli.config.ts:
 * out/cli/lane.mjs…), the code they share in shared chunks; from source (tsx: the tests, `npm run
 * web`, `npm run cli`) they are these .ts files.
 */
export type ThreadKind = 'lane' | 'kernel' | 'reader'

/** Each entry's source, from the repository's root (the builds' inputs). */
export const THREAD_ENTRIES: { readonly [K in ThreadKind]: string } = {
  lane: 'src/node/runs/laneEntry.ts',
  kernel: 'src/node/kernelEntry.ts',
  reader: 'src/worker/readerEntry.ts'
}

/**
 * The script a `kind` thread runs, started from `script`: the process's entry or another thread's
 * (a lane's, for its kernel helpers). Built, the entry beside it with its extension (worker.js →
 * lane.js, index.mjs → lane.mjs); from source (a .ts script), the entry's source.
 */
export function threadEntry(kind: ThreadKind, script: URL): URL {
  const file = script.pathname
  if (file.endsWith('.ts')) {
    // held in a name: a bundler would take new URL(literal, import.meta.url) for an asset to copy
    const here = import.meta.url
    return new URL(`../../${THREAD_ENTRIES[kind]}`, here)
  }
  const extension = /\.[^./]*$/.exec(file)?.[0] ?? '.js'
  return new URL(`./${kind}${extension}`, script)
}

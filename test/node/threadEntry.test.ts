/**
 * Where each thread's own script lies: from source the entry's .ts file (which exists and checks
 * its role), built the entry of that name beside the process's, with its extension.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { THREAD_ENTRIES, threadEntry, type ThreadKind } from '../../src/node/threadEntry'

const KINDS: ThreadKind[] = ['lane', 'kernel', 'reader']

describe('threadEntry', () => {
  it('gives the entries’ sources when started from source, whichever script starts them', () => {
    for (const from of ['../../src/worker/index.ts', '../../src/cli/index.ts', '../../src/node/runs/laneEntry.ts']) {
      const script = new URL(from, import.meta.url)
      for (const kind of KINDS) {
        const entry = threadEntry(kind, script)
        expect(entry.href).toBe(new URL(`../../${THREAD_ENTRIES[kind]}`, import.meta.url).href)
        expect(existsSync(fileURLToPath(entry))).toBe(true)
      }
    }
  })

  it('each source entry runs its own kind of thread only', () => {
    const roles: Record<ThreadKind, RegExp> = { lane: /isLaneThread\(\)/, kernel: /isKernelThread\(\)/, reader: /isReaderThread\(\)/ }
    for (const kind of KINDS) {
      const text = readFileSync(new URL(`../../${THREAD_ENTRIES[kind]}`, import.meta.url), 'utf8')
      for (const other of KINDS) expect(roles[other].test(text)).toBe(other === kind)
    }
  })

  it('gives the entry beside a built script, with its extension', () => {
    expect(threadEntry('lane', new URL('file:///app/out/main/worker.js')).href).toBe('file:///app/out/main/lane.js')
    expect(threadEntry('reader', new URL('file:///app/out/main/worker.js')).href).toBe('file:///app/out/main/reader.js')
    expect(threadEntry('kernel', new URL('file:///usr/lib/nn/out/cli/index.mjs')).href).toBe('file:///usr/lib/nn/out/cli/kernel.mjs')
    // a lane's helpers start beside the lane's own entry
    expect(threadEntry('kernel', new URL('file:///app/out/cli/lane.mjs')).href).toBe('file:///app/out/cli/kernel.mjs')
    expect(threadEntry('lane', new URL('file:///C:/Program%20Files/NN%20Scratch/out/main/worker.js')).href)
      .toBe('file:///C:/Program%20Files/NN%20Scratch/out/main/lane.js')
  })
})

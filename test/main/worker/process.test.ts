/**
 * The training worker's environment: libuv's pool (where pictures are decoded) as wide as the
 * cores; and V8's flags, which Node takes as they are.
 */
import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { describe, expect, it } from 'vitest'
import { workerEnv, WORKER_NODE_OPTIONS } from '../../../src/main/worker/process'

describe('workerEnv', () => {
  it('sizes libuv\'s thread pool to the cores, at least 4, and keeps the rest of the environment', () => {
    const env = workerEnv({ PATH: '/usr/bin', HOME: '/home/someone' })
    expect(env.UV_THREADPOOL_SIZE).toBe(String(Math.max(4, availableParallelism())))
    expect(env.PATH).toBe('/usr/bin')
    expect(env.HOME).toBe('/home/someone')
  })

  it('keeps a size the user chose', () => {
    expect(workerEnv({ UV_THREADPOOL_SIZE: '2' }).UV_THREADPOOL_SIZE).toBe('2')
  })
})

describe('WORKER_NODE_OPTIONS', () => {
  /** What a process started with `flags` reports: gc, its young generation, its mappings of the binary's code. */
  const probe = (flags: readonly string[]) => {
    const code = `const v8 = require('node:v8')
      const young = []
      for (let i = 0; i < 1e6; i++) young.push({ i })
      const own = require('node:fs').readFileSync('/proc/self/smaps', 'utf8').split('\\n').filter((l) => / r-xp /.test(l) && l.endsWith(process.execPath))
      console.log(JSON.stringify({ gc: typeof gc, newSpaceMb: v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576, codeMappings: own.length }))`
    const r = spawnSync(process.execPath, [...flags, '-e', code], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as { gc: string; newSpaceMb: number; codeMappings: number }
  }

  it.skipIf(process.platform !== 'linux')('start Node with gc exposed, a young generation of two 1 MB halves, and no copy of V8\'s builtins of its own', () => {
    const plain = probe([])
    const worker = probe(WORKER_NODE_OPTIONS)
    expect([plain.gc, worker.gc]).toEqual(['undefined', 'function'])
    expect(plain.newSpaceMb).toBeGreaterThan(2)
    expect(worker.newSpaceMb).toBe(2)
    // without short builtin calls V8 runs the builtins in the binary's code instead of a mapped copy
    expect(worker.codeMappings).toBe(plain.codeMappings - 1)
  })

  it('leave a thread\'s own heap limit in force (the dataset readers\' cap)', () => {
    const code = `const { Worker } = require('node:worker_threads')
      const w = new Worker('require("node:worker_threads").parentPort.postMessage(require("node:v8").getHeapStatistics().heap_size_limit)', { eval: true, resourceLimits: { maxOldGenerationSizeMb: 24 } })
      w.once('message', (limit) => { console.log(limit); process.exit(0) })`
    const r = spawnSync(process.execPath, [...WORKER_NODE_OPTIONS, '-e', code], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(Number(r.stdout) / 1048576).toBeLessThan(64)
  })
})

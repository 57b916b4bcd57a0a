/**
 * Lanes start from the builds as from the sources: the run host trains in lane threads started
 * from the built training worker (electron-vite: main/worker.js) and the built command line
 * (vite.cli.config.ts: cli/index.mjs), and the built worker trains the studio's run through them.
 * Each kind of thread runs an entry of its own beside the process's (main/lane.js, kernel.js,
 * reader.js), which loads none of the worker's session.
 * Both are built here into test-results/ (inside the repository, so the worker's packages resolve).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDataset } from '../../../src/core/data/demo'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { nodeWorkerLauncher } from '../../../src/main/worker/nodeWorker'
import { RunHost, type HostEvent } from '../../../src/node/runs/host'
import { SMALL, WorkerHarness, waitUntil } from '../../helpers/workerHarness'
import { importedFiles } from '../../support/bundleImports'

const ROOT = resolve(import.meta.dirname, '../../..')
// one folder per test process, so that two test runs at once do not build over each other
const OUT = join(ROOT, 'test-results', `lane-build-${process.pid}`)
const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name)

function build(command: string, args: string[]): void {
  const r = spawnSync(bin(command), args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000 })
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
}

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true })
  build('electron-vite', ['build', '--logLevel', 'warn', '--outDir', join(OUT, 'app')])
  build('vite', ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn', '--outDir', join(OUT, 'cli')])
}, 240_000)
afterAll(() => rmSync(OUT, { recursive: true, force: true }))

async function trainsIn(script: string): Promise<void> {
  const host = new RunHost({ script: pathToFileURL(script), threads: 2 })
  try {
    const events: HostEvent[] = []
    host.on((e) => events.push(e))
    host.useDataset(demoDataset({ train: 600, test: 200 }))
    const { runId, opened } = host.start({ hyper: { ...SEED_DEFAULTS, hidden: [4], epochs: 1 }, threads: 2, begin: { targetEpoch: 1 } })
    expect((await opened).state).toBe('running')
    await waitUntil(() => events.some((e) => e.type === 'finished' && e.payload.runId === runId), 'the run to finish')
    expect(host.mode).toBe('lanes')
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1)
    expect((await host.evaluate(runId)).test.accuracy).toBeGreaterThan(0.5)
  } finally {
    await host.dispose()
  }
}

describe('the built training worker\'s thread entries', () => {
  it('lie beside it and load none of the session', () => {
    const main = join(OUT, 'app', 'main')
    const worker = importedFiles(join(main, 'worker.js'))
    const sizes: Record<string, number> = {}
    for (const entry of ['lane.js', 'kernel.js', 'reader.js']) {
      const files = importedFiles(join(main, entry))
      expect(files.length).toBeGreaterThan(1)
      expect(files).not.toContain(join(main, 'worker.js'))
      expect(files.map((f) => readFileSync(f, 'utf8')).join('\n')).not.toMatch(/class Session\b/)
      // what a thread shares with the worker is in chunks both load, not a copy of its own
      expect(worker).toEqual(expect.arrayContaining(files.slice(1)))
      sizes[entry] = files.reduce((n, f) => n + readFileSync(f).length, 0)
    }
    expect(sizes['kernel.js']).toBeLessThan(sizes['lane.js'])
  })

  it('start a lane from its own entry, whose helpers run theirs', () => trainsIn(join(OUT, 'app', 'main', 'lane.js')))
})

describe('lanes from the builds', () => {
  it('run in the built training worker’s script', () => trainsIn(join(OUT, 'app', 'main', 'worker.js')))

  it('run in the built command line’s script', () => trainsIn(join(OUT, 'cli', 'index.mjs')))

  it('train the studio’s run in the built training worker', async () => {
    const w = new WorkerHarness(nodeWorkerLauncher(join(OUT, 'app', 'main', 'worker.js')))
    try {
      await w.ask('load-dataset', { source: { kind: 'demo' } })
      const { runId } = await w.ask('start', { config: { ...SMALL, epochs: 1 }, from: 'fresh' })
      await w.untilState('finished', runId)
      expect(w.of('epoch').map((e) => e.metrics.epoch)).toEqual([1])
      expect(w.last('finished')).toMatchObject({ runId, reason: 'completed' })
    } finally {
      w.dispose()
    }
  })
})

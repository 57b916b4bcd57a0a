/**
 * The sweep configuration (issue 9, section 6): `runs` runs of the seed network on the synthetic
 * data, `epochs` epochs each with the evaluation of both splits after every epoch, all started at
 * once on a run host (src/node/runs/host.ts), which trains them in lanes sharing one copy of the
 * data. runEpochMs = wall time / (runs × epochs); the wall time runs from the first start to the
 * last run's end, so it includes building each run's trainer and engine, but not generating the
 * data or starting the lane threads (host.prepare).
 * The lanes run the command line as built for users (vite.cli.config.ts, built here into
 * node_modules/.tmp first), as `nn-scratch sweep` runs them; `--lanes source` runs them from the
 * sources under tsx instead, which loads the TypeScript transpiler into every lane (about 12 MB
 * more memory each, measured).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { SEED_DEFAULTS } from '../src/core/nn/hyperparameters'
import { lanesFor } from '../src/core/runs/sweepPlan'
import { RunHost } from '../src/node/runs/host'
import { defaultThreads } from '../src/node/threadPool'
import { fillSynthetic } from './synthetic'

export interface SweepOptions {
  readonly runs: number
  readonly epochs: number
  readonly examples: number
  /** the thread budget (0: one per core, up to 8). */
  readonly threads: number
  readonly kernel: 'auto' | 'typescript'
  /** where lane threads load their script from: the built command line, or the sources. */
  readonly lanes: 'built' | 'source'
}

const INPUTS = 3072
const TEST_EXAMPLES = 2000
const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The script lane threads run (see the header). */
function laneScript(from: 'built' | 'source'): URL {
  if (from === 'source') return new URL('../src/node/runs/laneEntry.ts', import.meta.url)
  const outDir = join(ROOT, 'node_modules', '.tmp', 'bench-cli')
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn', '--outDir', outDir], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`Building the command line for the lanes failed:\n${r.stdout}\n${r.stderr}`)
  return pathToFileURL(join(outDir, 'index.mjs'))
}

export async function runSweep(o: SweepOptions) {
  const budget = o.threads > 0 ? o.threads : defaultThreads()
  const began = performance.now()
  const host = new RunHost({ script: laneScript(o.lanes), threads: budget, kernel: o.kernel })
  // pixels written straight into the host's shared memory: the one copy of the data
  const total = o.examples + TEST_EXAMPLES
  const x = host.dataBytes(total * INPUTS)
  const y = new Uint8Array(total)
  fillSynthetic(x, y, total, INPUTS, 7)
  host.useDataset({
    name: 'synthetic', inputs: INPUTS, image: { width: 32, height: 32, channels: 3 }, classNames: ['0', '1'],
    train: { x: x.subarray(0, o.examples * INPUTS), y: y.subarray(0, o.examples), count: o.examples },
    test: { x: x.subarray(o.examples * INPUTS), y: y.subarray(o.examples), count: TEST_EXAMPLES },
    testWasSplitOff: false
  })
  const { lanes: parallel, threadsPerRun } = lanesFor(o.runs, budget, 0)
  const hyper = { ...SEED_DEFAULTS, epochs: o.epochs }
  // the lane threads load their script before the clock starts (from source under tsx, a second or two)
  const ready = performance.now()
  await host.prepare(parallel)
  const start = performance.now()
  let released = 0
  let failure: string | null = null
  const done = new Promise<void>((resolve) => {
    host.on((e) => {
      if (e.type === 'error') failure = e.payload.message
      if (e.type === 'released' && ++released === o.runs) resolve()
    })
  })
  const runs = Array.from({ length: o.runs }, () =>
    host.start({ hyper, threads: threadsPerRun, begin: { targetEpoch: o.epochs }, releaseAtEnd: true, onDiverge: 'stop' }))
  await Promise.all(runs.map((r) => r.opened))
  await done
  const wall = performance.now() - start
  await host.dispose()
  if (failure) throw new Error(failure)
  return {
    config: 'sweep',
    runs: o.runs,
    epochs: o.epochs,
    runEpochMs: wall / (o.runs * o.epochs),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    examples: o.examples,
    hidden: hyper.hidden[0],
    batch: hyper.batchSize,
    lanes: parallel,
    threads: threadsPerRun,
    kernel: host.kernel,
    lanesFrom: o.lanes,
    wallMs: wall,
    setupMs: start - began,
    lanesReadyMs: start - ready
  }
}

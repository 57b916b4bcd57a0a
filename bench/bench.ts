/**
 * npm run bench [-- --json] [--config seed|hidden100|hidden500|examples50000|sweep|import] [--threads N]
 *                [--epochs N] [--data <file>] [--kernel auto|wasm-relaxed-simd|wasm-simd|typescript]
 *                [--lanes built|source] [--pictures N] [--profile]
 * Times training epochs (shuffle + every batch's forward, backward and update; no evaluation)
 * of the seed network and larger variants, after one warm-up epoch, and separately the
 * evaluation of both splits that follows each epoch (median, also after the warm-up); with
 * --profile, the time of each kernel in both and the rest (bench/profile.ts). Each configuration runs in its own process so that its peak memory (RSS) is its own.
 * sweep: 8 runs of the seed network, 5 epochs each with evaluation, all at once on the run host
 * (bench/sweep.ts): {"config": "sweep", "runs", "epochs", "runEpochMs": wall / (runs × epochs), "peakRssMb", …}.
 * import: 5000 JPEG photos of 640×480 (made first, in a temporary folder) imported to 32×32 (bench/importBench.ts):
 * {"config": "import", "pictures", "picturesPerSecond", "peakRssMb", …}.
 * memory: the peak resident memory of training one epoch from a 50,000-picture cifar_2class_py2.p
 * (--data, or made in a temporary folder), measured from outside: the command line, and the
 * studio's training process before and after the Results tab (bench/memory.ts).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { isWasmKernel, unavailable, type KernelPath } from '../src/core/engine/engine'
import { adoptKernelModule, kernelModule } from '../src/core/engine/wasm'
import { IMPORT_PICTURES, runImport } from './importBench'
import { runConfig, type BenchConfig } from './run'
import { runSweep } from './sweep'

const CONFIGS: Record<string, BenchConfig | 'sweep' | 'import' | 'memory'> = {
  seed: { name: 'seed', examples: 10000, hidden: 15 },
  hidden100: { name: 'hidden100', examples: 10000, hidden: 100 },
  hidden500: { name: 'hidden500', examples: 10000, hidden: 500 },
  examples50000: { name: 'examples50000', examples: 50000, hidden: 15 },
  sweep: 'sweep',
  import: 'import',
  memory: 'memory'
}
const SWEEP_RUNS = 8

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const json = process.argv.includes('--json')
const child = process.argv.includes('--child')
const threads = Number(option('threads') ?? 0)
const epochs = Number(option('epochs') ?? 5)
const KERNELS = ['auto', 'wasm-relaxed-simd', 'wasm-simd', 'typescript'] as const
const kernel = (option('kernel') ?? 'auto') as KernelPath | 'auto'
const data = option('data')
const only = option('config')
const lanes = option('lanes') === 'source' ? 'source' : 'built'
const pictures = Number(option('pictures') ?? IMPORT_PICTURES)
const profile = process.argv.includes('--profile')

if (only !== undefined && !CONFIGS[only]) {
  console.error(`There is no benchmark configuration "${only}". Choose one of: ${Object.keys(CONFIGS).join(', ')}.`)
  process.exit(2)
}

if (!KERNELS.includes(kernel)) {
  console.error(`There is no kernel "${kernel}". Choose one of: ${KERNELS.join(', ')}.`)
  process.exit(2)
}

if (child) {
  const config = CONFIGS[only as string]
  if (kernel !== 'auto' && isWasmKernel(kernel)) {
    // every engine of this process, its helper threads' and its lanes' included, runs the build asked for
    const module = kernelModule(kernel)
    if (!module) {
      console.error(unavailable(kernel))
      process.exit(2)
    }
    adoptKernelModule(module)
  }
  const chosen = kernel === 'typescript' ? 'typescript' : 'auto'
  const result = config === 'sweep'
    ? await runSweep({ runs: SWEEP_RUNS, epochs, examples: 10000, threads, kernel: chosen, lanes })
    : config === 'import'
      ? await runImport(pictures)
      : config === 'memory'
        // loaded only here: it brings in vite, whose memory would count in every other configuration's peak
        ? await (await import('./memory')).runMemory({ data, threads, from: lanes })
        : await runConfig(config, { threads, epochs, kernel: chosen, data, profile })
  process.stdout.write(JSON.stringify(result) + '\n')
} else {
  const names = only ? [only] : Object.keys(CONFIGS)
  if (!json) console.log('config          examples hidden threads kernel            ms/epoch (median  min  max)  GFLOP/s  eval ms  peak RSS MB')
  for (const name of names) {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), '--child', '--config', name, '--threads', String(threads), '--epochs', String(epochs), '--kernel', kernel, '--lanes', lanes, '--pictures', String(pictures)]
    if (data) args.push('--data', data)
    if (profile) args.push('--profile')
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
    if (r.status !== 0) {
      console.error(`The ${name} benchmark failed:\n${r.stderr}`)
      process.exit(1)
    }
    const line = r.stdout.trim().split('\n').pop() as string
    if (json) {
      console.log(line)
      continue
    }
    const m = JSON.parse(line)
    if (m.config === 'memory') {
      console.log(`${m.config.padEnd(15)} peak RSS MB, measured from outside: nn-scratch train --epochs 1 ${m.cliPeakMb.toFixed(0)}; ` +
        `studio worker: one epoch ${m.workerTrainPeakMb.toFixed(0)}, with Results ${m.workerResultsPeakMb.toFixed(0)} (${m.from}; ${m.file})`)
      continue
    }
    if (m.config === 'import') {
      // one row: pictures per second where the others show ms per epoch
      console.log(
        `${m.config.padEnd(15)} ${String(m.pictures).padStart(8)} ${'-'.padStart(6)} ${String(m.cores).padStart(7)} ${'sharp'.padEnd(17)} ` +
        `${m.picturesPerSecond.toFixed(0).padStart(9)}  (pictures per second: 640×480 JPEG to 32×32, in ${m.seconds.toFixed(1)} s)  ${m.peakRssMb.toFixed(0).padStart(11)}`
      )
      continue
    }
    if (m.config === 'sweep') {
      // one row: ms per run-epoch (training and evaluation, runs at once) where the others show ms per epoch
      console.log(
        `${m.config.padEnd(15)} ${String(m.examples).padStart(8)} ${String(m.hidden).padStart(6)} ${`${m.lanes}×${m.threads}`.padStart(7)} ${m.kernel.padEnd(17)} ` +
        `${m.runEpochMs.toFixed(1).padStart(9)}  (${m.runs} runs × ${m.epochs} epochs at once, with evaluation, per run-epoch)  ${m.peakRssMb.toFixed(0).padStart(11)}`
      )
      continue
    }
    console.log(
      `${m.config.padEnd(15)} ${String(m.examples).padStart(8)} ${String(m.hidden).padStart(6)} ${String(m.threads).padStart(7)} ${m.kernel.padEnd(17)} ` +
      `${m.epochMsMedian.toFixed(1).padStart(9)} ${m.epochMsMin.toFixed(1).padStart(6)} ${m.epochMsMax.toFixed(1).padStart(6)}  ` +
      `${m.gflops.toFixed(1).padStart(7)}  ${m.evalMs.toFixed(1).padStart(7)}  ${m.peakRssMb.toFixed(0).padStart(11)}`
    )
    if (m.profile) printProfile(m.profile)
  }
}

/** The --profile lines under a configuration's row: each phase's kernels (ms, GFLOP/s) and the rest. */
function printProfile(p: { train: Phase; eval: Phase; ceilingGflops: number; mhz: number }): void {
  for (const [name, phase] of [['training epoch', p.train], ['evaluation', p.eval]] as const) {
    const parts = Object.entries(phase.kernels).map(([k, v]) => `${k} ${v.ms.toFixed(1)} ms${v.gflops > 0 ? ` (${v.gflops.toFixed(1)} GFLOP/s)` : ''}`)
    console.log(`  ${name}: ${phase.ms.toFixed(1)} ms = ${[...parts, `rest ${phase.restMs.toFixed(1)} ms`].join(' + ')}`)
  }
  console.log(`  ceiling: ${p.ceilingGflops.toFixed(0)} GFLOP/s (128-bit multiply-adds, 2 a cycle per thread at ${p.mhz} MHz)`)
}

interface Phase {
  readonly ms: number
  readonly restMs: number
  readonly kernels: Record<string, { ms: number; gflops: number }>
}

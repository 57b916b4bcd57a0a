/** One benchmark configuration, run inside its own process (see bench.ts). */
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { readSource } from '../src/node/readSource'
import { loadDataset } from '../src/core/data/load'
import type { Dataset } from '../src/core/data/dataset'
import { allocPixels, createEngine, type Engine } from '../src/core/engine/engine'
import { SEED_DEFAULTS } from '../src/core/nn/hyperparameters'
import { layerSizes } from '../src/core/nn/network'
import { Trainer } from '../src/core/training/trainer'
import { createThreadedEngine } from '../src/node/threadPool'
import { ceilingGflops, kernelFlops, profileJobs } from './profile'
import { fillSynthetic } from './synthetic'

export interface BenchConfig {
  readonly name: 'seed' | 'hidden100' | 'hidden500' | 'examples50000'
  readonly examples: number
  readonly hidden: number
}

export interface BenchOptions {
  readonly threads: number
  readonly epochs: number
  readonly kernel: 'auto' | 'typescript'
  readonly data?: string
  /** time each kernel job too (profile.ts) */
  readonly profile?: boolean
}

const INPUTS = 3072
const TEST_EXAMPLES = 2000

async function dataset(engine: Engine, c: BenchConfig, data: string | undefined): Promise<Dataset> {
  if (data) return loadDataset(await readSource(data), { classes: 'all' })
  // pixels written straight into the engine's memory: no second copy of the dataset exists
  const total = c.examples + TEST_EXAMPLES
  const x = allocPixels(engine, total * INPUTS)
  const y = new Uint8Array(total)
  fillSynthetic(x, y, total, INPUTS, 7)
  return {
    name: 'synthetic', inputs: INPUTS, image: { width: 32, height: 32, channels: 3 }, classNames: ['0', '1'],
    train: { x: x.subarray(0, c.examples * INPUTS), y: y.subarray(0, c.examples), count: c.examples },
    test: { x: x.subarray(c.examples * INPUTS), y: y.subarray(c.examples), count: TEST_EXAMPLES },
    testWasSplitOff: false
  }
}

/** Floating-point operations of one training epoch: forward and dW for every layer, dX above the first. */
function epochFlops(sizes: number[], examples: number): number {
  let perExample = 0
  for (let l = 1; l < sizes.length; l++) perExample += (l === 1 ? 4 : 6) * sizes[l - 1] * sizes[l]
  return perExample * examples
}

export async function runConfig(c: BenchConfig, o: BenchOptions) {
  const engine = o.kernel === 'typescript' ? createEngine('typescript') : await createThreadedEngine(o.threads)
  const data = await dataset(engine, c, o.data)
  const trainer = new Trainer(data, { ...SEED_DEFAULTS, hidden: [c.hidden], epochs: o.epochs }, { engine })
  const times: number[] = []
  const evals: number[] = []
  let evalRows = data.train.count + data.test.count
  const jobs = o.profile ? profileJobs(engine) : null
  const split = { train: {} as Record<string, number>, eval: {} as Record<string, number> }
  const add = (into: Record<string, number>): void => {
    for (const [k, v] of Object.entries(jobs?.times.ms ?? {})) into[k] = (into[k] ?? 0) + v
    jobs?.clear()
  }
  for (let e = 0; e <= o.epochs; e++) {
    jobs?.clear()
    const t0 = performance.now()
    trainer.trainEpoch()
    const t1 = performance.now()
    if (e > 0) add(split.train)
    jobs?.clear()
    // what an epoch's evaluation measures: the training sample and the whole test split
    const measured = trainer.evaluateEpoch(0).trainMeasured ?? data.train.count
    const t2 = performance.now()
    if (e > 0) {
      // the first epoch and its evaluation warm up
      add(split.eval)
      evalRows = measured + data.test.count
      times.push(t1 - t0)
      evals.push(t2 - t1)
    }
  }
  const evalMs = median(evals)
  times.sort((a, b) => a - b)
  const epochMedian = median(times)
  const result = {
    config: c.name,
    examples: data.train.count,
    hidden: c.hidden,
    batch: SEED_DEFAULTS.batchSize,
    threads: engine.threads,
    kernel: engine.kernel,
    epochMsMedian: epochMedian,
    epochMsMin: times[0],
    epochMsMax: times[times.length - 1],
    evalMs,
    gflops: epochFlops(layerSizes(trainer.net.arch), data.train.count) / (epochMedian * 1e6),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    evalRows,
    ...(o.profile ? { profile: profileOf(split, times, evals, data, c.hidden, engine.threads, evalRows) } : {})
  }
  engine.dispose()
  return result
}

/**
 * Per phase (a training epoch, its evaluation), each kernel's mean ms and dense-equivalent GFLOP/s,
 * and the rest of the phase's time; with the ceiling of this machine's threads.
 */
function profileOf(split: { train: Record<string, number>; eval: Record<string, number> }, times: number[], evals: number[], data: Dataset, hidden: number, threads: number, evalRows: number) {
  const epochs = times.length
  const phase = (ms: Record<string, number>, total: number, rows: number) => {
    const kernels: Record<string, { ms: number; gflops: number }> = {}
    let inKernels = 0
    for (const [name, sum] of Object.entries(ms)) {
      const each = sum / epochs
      inKernels += each
      const flops = kernelFlops(name, rows, data.inputs, hidden)
      kernels[name] = { ms: each, gflops: flops > 0 && !(name === 'forward1' && rows !== data.train.count) ? flops / (each * 1e6) : 0 }
    }
    return { ms: total, kernels, restMs: total - inKernels }
  }
  const mhz = cpus()[0]?.speed || cpuinfoMhz()
  return {
    train: phase(split.train, times.reduce((a, b) => a + b, 0) / epochs, data.train.count),
    eval: phase(split.eval, evals.reduce((a, b) => a + b, 0) / epochs, evalRows),
    ceilingGflops: ceilingGflops(threads, mhz),
    mhz
  }
}

/** The clock of the first processor in /proc/cpuinfo (where os.cpus() reports 0), or 0. */
function cpuinfoMhz(): number {
  try {
    return Number(/cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
}

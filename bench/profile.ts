/**
 * `--profile`: where an epoch's time goes, per first-layer kernel job (all threads together: the
 * calling thread waits for every part) and the rest (the upper layers, the loss, dZ1's transpose,
 * shuffling), with each kernel's GFLOP/s against the ceiling of 128-bit WebAssembly vectors:
 * 4 f32 multiply-adds per instruction, 2 instructions a cycle, per thread.
 */
import type { Engine } from '../src/core/engine/engine'
import { BACKWARD_UPDATE, BACKWARD_UPDATE_SPARSE, FORWARD, FORWARD_QUANTISED, REFRESH, type JobLayout } from '../src/core/engine/jobs'

const NAMES = new Map<number, string>([
  [FORWARD.kind, 'forward1'],
  [BACKWARD_UPDATE.kind, 'backwardUpdate1'],
  [BACKWARD_UPDATE_SPARSE.kind, 'backwardUpdateSparse1'],
  [REFRESH.kind, 'refresh1'],
  [FORWARD_QUANTISED.kind, 'forwardQ1']
])

export interface JobTimes {
  /** milliseconds per kernel, and calls */
  readonly ms: Record<string, number>
  readonly calls: Record<string, number>
}

/** Times every job `engine` runs from now on, into the returned totals (reset them with `clear`). */
export function profileJobs(engine: Engine): { times: JobTimes; clear(): void } {
  const times: JobTimes = { ms: {}, calls: {} }
  const run = engine.run.bind(engine)
  ;(engine as { run: Engine['run'] }).run = <L extends JobLayout>(job: L, args: Parameters<Engine['run']>[1]) => {
    const t0 = performance.now()
    run(job, args as never)
    const name = NAMES.get(job.kind) ?? `job ${job.kind}`
    times.ms[name] = (times.ms[name] ?? 0) + performance.now() - t0
    times.calls[name] = (times.calls[name] ?? 0) + 1
  }
  return {
    times,
    clear() {
      for (const k of Object.keys(times.ms)) delete times.ms[k]
      for (const k of Object.keys(times.calls)) delete times.calls[k]
    }
  }
}

/** Floating-point operations of one call of a kernel over `rows` rows, as if dense (a multiply-add counts 2). */
export function kernelFlops(name: string, rows: number, inputs: number, outputs: number): number {
  return name === 'refresh1' ? 0 : 2 * rows * inputs * outputs
}

/** Peak f32 GFLOP/s of 128-bit WebAssembly multiply-adds on `threads` threads at `mhz`: 2 a cycle, 4 lanes, 2 operations. */
export function ceilingGflops(threads: number, mhz: number): number {
  return threads * 2 * 4 * 2 * mhz / 1000
}

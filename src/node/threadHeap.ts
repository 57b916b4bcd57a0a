/**
 * The JavaScript heap limits of the threads that train (run lanes, kernel helpers): node:worker_threads'
 * resourceLimits. Their buffers live in the shared WebAssembly memory, so their heaps stay small (a
 * lane's about 5 MB of old generation while it trains, a helper's less), and a thread's resident
 * memory is mostly what V8 sets up for it: its young generation, and a copy of V8's builtins.
 */
import type { ResourceLimits } from 'node:worker_threads'

/**
 * An old generation under V8's 2 GB threshold for short builtin calls: a thread whose heap may grow
 * past it maps a 2 MB copy of V8's builtins of its own, one under it runs them where the binary
 * has them, shared by every such thread (measured on Node 24: three idle threads 88 → 84 MB; the
 * worker's epoch from a 154 MB pickle 253 → 250 MB with its lane and helper under it). The worker
 * process turns short builtin calls off for all its threads (src/main/worker/process.ts); this
 * limit does it where no flag can be given, the command line's helpers and lanes (each helper
 * past the first 2 MB less). 1 GB is two hundred times what a lane uses.
 */
const OLD_GENERATION_MB = 1024

/** The limits of a training thread whose young generation is at most `youngMb`. */
export function trainingThreadLimits(youngMb: number): ResourceLimits {
  return { maxYoungGenerationSizeMb: youngMb, maxOldGenerationSizeMb: OLD_GENERATION_MB }
}

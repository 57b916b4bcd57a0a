/**
 * The memory configuration (issue 12, section 2): the peak resident memory of training one epoch
 * from a real 50,000-picture cifar_2class_py2.p file, measured from outside the measured process
 * (its VmHWM in /proc/<pid>/status, read every 10 ms until it ends), in the two ways the product
 * trains from a file:
 *   cliPeakMb:            `nn-scratch train <file> --epochs 1 --no-record`, the command line;
 *   workerTrainPeakMb:    the studio's training process (src/worker, under main's supervisor, as
 *                         test/worker starts it): the file opened from its path, one epoch trained;
 *   workerResultsPeakMb:  the same process afterwards, with the Results tab open: an evaluation of
 *                         both splits and three pages of 24 predictions asked for.
 * Both run as built for users (`--lanes built`, the default: the command line by vite.cli.config.ts,
 * the worker bundled the same way with its threads' entries beside it, into node_modules/.tmp first), or from the sources under tsx
 * (`--lanes source`, which loads the TypeScript transpiler into the process and each thread). Without
 * `--data`, the file is made first in a temporary folder: 50,000 pictures, 40,000 for training and
 * 10,000 for testing (154 MB), in the layout Python 2's cPickle wrote (numpy arrays as BINSTRINGs),
 * as users have it; `--data` measures another (README: also 50,000 + 10,000).
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { SEED_DEFAULTS } from '../src/core/nn/hyperparameters'
import { THREAD_ENTRIES } from '../src/node/threadEntry'
import { workerArgs, workerEnv, WORKER_NODE_OPTIONS, type WorkerLauncher } from '../src/main/worker/process'
import { WorkerSupervisor, type WorkerEventMessage } from '../src/main/worker/supervisor'
import type { FromWorker, WorkerArgs, WorkerCommandType, WorkerResult } from '../src/shared/workerProtocol'
import { fillSynthetic } from './synthetic'

export const MEMORY_TRAIN = 40000
export const MEMORY_TEST = 10000
const INPUTS = 3072
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSX = ['--import', 'tsx']

export interface MemoryOptions {
  /** a dataset file to measure with; made in a temporary folder when absent. */
  readonly data?: string
  /** compute threads (0: one per core, up to 8). */
  readonly threads: number
  /** the command line and the worker as built for users, or from the sources under tsx. */
  readonly from: 'built' | 'source'
}

/** How to start the command line and the worker: a script and Node's options for it. */
interface Programs {
  readonly cli: { readonly script: string; readonly execArgv: string[] }
  readonly worker: { readonly script: string; readonly execArgv: string[] }
}

/** The command line and the worker as built for users (see the header), or their sources under tsx. */
async function programs(from: 'built' | 'source'): Promise<Programs> {
  if (from === 'source') {
    return {
      cli: { script: join(ROOT, 'src/cli/index.ts'), execArgv: TSX },
      worker: { script: join(ROOT, 'src/worker/index.ts'), execArgv: [...WORKER_NODE_OPTIONS, ...TSX] }
    }
  }
  const cliDir = join(ROOT, 'node_modules', '.tmp', 'bench-cli')
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn', '--outDir', cliDir], { cwd: ROOT, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`Building the command line failed:\n${r.stdout}\n${r.stderr}`)
  // the worker bundled as the command line is: ES modules, its packages in them but sharp, its threads' entries beside it
  const workerDir = join(ROOT, 'node_modules', '.tmp', 'bench-worker')
  const input = { worker: join(ROOT, 'src/worker/index.ts'), ...Object.fromEntries(Object.entries(THREAD_ENTRIES).map(([kind, path]) => [kind, join(ROOT, path)])) }
  await build({
    configFile: false, root: ROOT, publicDir: false, logLevel: 'warn',
    ssr: { noExternal: true, external: ['sharp'], target: 'node' },
    build: {
      ssr: true, outDir: workerDir, emptyOutDir: true, target: 'node20', minify: false, reportCompressedSize: false,
      rolldownOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } }
    }
  })
  return {
    cli: { script: join(cliDir, 'index.mjs'), execArgv: [] },
    worker: { script: join(workerDir, 'worker.mjs'), execArgv: [...WORKER_NODE_OPTIONS] }
  }
}

/** The high-water mark of a process's resident memory in MB, or null once it is gone. */
function peakMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** Follows a process's peak from outside until it is asked for (`now`) or the process ends. */
function watch(pid: number): { now(): number } {
  let peak = 0
  const poll = (): void => { peak = Math.max(peak, peakMb(pid) ?? 0) }
  const timer = setInterval(poll, 10)
  timer.unref()
  return { now: () => { poll(); return peak } }
}

/** Bytes of a pickle opcode stream. */
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const le32 = (n: number): Uint8Array => new Uint8Array(new Uint32Array([n]).buffer)

/**
 * Writes {'train_data', 'train_labels', 'test_data', 'test_labels'} as cPickle (protocol 2) did
 * for numpy arrays: _reconstruct, then BUILD with (1, shape, dtype, False, BINSTRING of the bytes).
 * Memo numbers are left out (nothing refers back), which readers of the real files accept too.
 */
function writeTwoClassPickle(path: string, train: number, test: number): void {
  const fd = openSync(path, 'w')
  const put = (b: Uint8Array): void => { writeSync(fd, b) }
  const array = (shape: number[], dtype: string, bytes: number, fill: (write: (b: Uint8Array) => void) => void): void => {
    put(ascii('cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85U\x01b\x87R(K\x01'))
    put(ascii(`J${String.fromCharCode(...le32(shape[0]))}`))
    put(ascii(shape[1] < 256 ? `K${String.fromCharCode(shape[1])}` : `M${String.fromCharCode(shape[1] & 0xff, shape[1] >> 8)}`))
    put(ascii(`\x86cnumpy\ndtype\nU\x02${dtype}K\x00K\x01\x87R(K\x03U\x01${dtype === 'u1' ? '|' : '<'}NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89`))
    put(ascii('T'))
    put(le32(bytes))
    fill(put)
    put(ascii('tb'))
  }
  const split = (count: number, seed: number): Uint8Array => {
    const y = new Uint8Array(count)
    const rows = 1000
    const x = new Uint8Array(rows * INPUTS)
    const yPart = new Uint8Array(rows)
    array([count, INPUTS], 'u1', count * INPUTS, (write) => {
      for (let at = 0; at < count; at += rows) {
        const n = Math.min(rows, count - at)
        fillSynthetic(x, yPart, n, INPUTS, seed + at)
        y.set(yPart.subarray(0, n), at)
        write(x.subarray(0, n * INPUTS))
      }
    })
    return y
  }
  const labels = (y: Uint8Array): void => {
    const i8 = new BigInt64Array(y.length)
    for (let i = 0; i < y.length; i++) i8[i] = BigInt(y[i])
    array([y.length, 1], 'i8', y.length * 8, (write) => write(new Uint8Array(i8.buffer)))
  }
  put(ascii('\x80\x02}('))
  put(ascii('U\x0atrain_data'))
  const yTrain = split(train, 7)
  put(ascii('U\x0ctrain_labels'))
  labels(yTrain)
  put(ascii('U\x09test_data'))
  const yTest = split(test, 1_000_007)
  put(ascii('U\x0btest_labels'))
  labels(yTest)
  put(ascii('u.'))
  closeSync(fd)
}

/** `nn-scratch train <file> --epochs 1`: its peak, from outside. */
async function cliPeak(cli: Programs['cli'], file: string, threads: number): Promise<number> {
  const args = [...cli.execArgv, cli.script, 'train', file, '--epochs', '1', '--no-record', '--threads', String(threads)]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  const peak = watch(child.pid as number)
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`nn-scratch train failed (exit ${code}):\n${stderr}`)
  return peak.now()
}

/** The training worker as main starts it (src/main/worker/nodeWorker.ts), its process id kept. */
function workerLauncher(worker: Programs['worker'], children: ChildProcess[]): WorkerLauncher {
  return (start) => {
    const child = fork(worker.script, workerArgs(start), {
      serialization: 'advanced', execArgv: worker.execArgv, env: workerEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    children.push(child)
    return {
      post: (message) => { if (child.connected) child.send(message) },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => { child.kill() }
    }
  }
}

/** The studio's training process: the file opened, one epoch trained, then the Results tab's questions. */
async function workerPeaks(worker: Programs['worker'], file: string, threads: number) {
  const children: ChildProcess[] = []
  const events: WorkerEventMessage[] = []
  const supervisor = new WorkerSupervisor(workerLauncher(worker, children), { onEvent: (e) => events.push(e), onRestarted: () => undefined, onGaveUp: () => undefined })
  const ask = async <T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<WorkerResult<T>> => {
    const reply = await supervisor.request(type, args)
    if (!reply.ok) throw new Error(`${type} failed: ${reply.error.message}`)
    return reply.value
  }
  try {
    await ask('snapshot', {})
    const peak = watch(children[0].pid as number)
    const before = peak.now()
    await ask('load-dataset', { source: { kind: 'path', path: file } })
    const { runId } = await ask('start', { config: { ...SEED_DEFAULTS, epochs: 1, threads }, from: 'fresh' })
    const finished = (): boolean => events.some((e) => e.type === 'finished' && e.payload.runId === runId)
    while (!finished()) await new Promise((r) => setTimeout(r, 20))
    const train = peak.now()
    const t0 = performance.now()
    await ask('evaluate', {})
    const t1 = performance.now()
    const pageMs: number[] = []
    for (const query of [
      { split: 'test', order: 'index', offset: 0, limit: 24 },
      { split: 'test', order: 'index', offset: 24, limit: 24 },
      { split: 'train', order: 'confident-mistakes', offset: 0, limit: 24 }
    ] as const) {
      const p0 = performance.now()
      await ask('predictions', { query })
      pageMs.push(performance.now() - p0)
    }
    return { startMb: before, train, results: peak.now(), evaluateMs: t1 - t0, pageMs }
  } finally {
    supervisor.dispose()
  }
}

export async function runMemory(o: MemoryOptions) {
  const dir = o.data ? null : await mkdtemp(join(tmpdir(), 'nn-scratch-memory-'))
  try {
    const file = o.data ?? join(dir as string, 'cifar_2class_py2.p')
    if (!o.data) writeTwoClassPickle(file, MEMORY_TRAIN, MEMORY_TEST)
    const run = await programs(o.from)
    const cli = await cliPeak(run.cli, file, o.threads)
    const worker = await workerPeaks(run.worker, file, o.threads)
    return {
      config: 'memory',
      from: o.from,
      file: o.data ?? 'made: cifar_2class_py2.p, 40,000 + 10,000 pictures',
      cliPeakMb: cli,
      workerStartMb: worker.startMb,
      workerTrainPeakMb: worker.train,
      workerResultsPeakMb: worker.results,
      evaluateMs: worker.evaluateMs,
      predictionsPageMs: worker.pageMs
    }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

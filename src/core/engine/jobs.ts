/**
 * Jobs: the first-layer kernel calls, split across threads. The layer that asks for a job
 * (firstLayer.ts, quantised.ts) writes its arguments into a control block in the shared memory;
 * every thread reads them there and runs its own part (PartRunner), so that all threads read the
 * same description. Each job's fields are named once, here (its JobLayout: the order they lie in
 * the block, ints before floats), and mapped onto the kernel's arguments once, in PartRunner.
 * Rows are split evenly for the forwards; input columns (multiples of KERNEL_COLUMNS, the last
 * part taking the rest) for the update and the refresh.
 *   control block: ints [HEADER | the job's int fields …], at FLOATS_AT bytes its float fields.
 */
import { bufferOf } from './arena'
import { KERNEL_COLUMNS, type Kernels } from './kernels'
import { SpinWait } from './spinWait'

/** The executor's own ints at the start of the block: a job's generation, parts done, its kind, a failure flag. */
export const HEADER = { generation: 0, done: 1, job: 2, failed: 3 } as const
/** Where a job's int fields start (ints), and its float fields (bytes from the block's start). */
const INTS_AT = 4
const FLOATS_AT = 128
const MAX_FLOATS = 4
export const CTRL_INTS = FLOATS_AT / 4
/** Bytes of a control block. */
export const CTRL_BYTES = FLOATS_AT + 8 * MAX_FLOATS

/** One job: its kind (the number in the block) and the names of its int and float fields, in block order. */
export interface JobLayout<I extends string = string, F extends string = string> {
  readonly kind: number
  readonly ints: readonly I[]
  readonly floats: readonly F[]
}

/** A job's arguments, one number per field of its layout. */
export type JobArgs<L extends JobLayout> = { [K in L['ints'][number] | L['floats'][number]]: number }

function job<const I extends string, const F extends string = never>(kind: number, ints: readonly I[], floats: readonly F[] = []): JobLayout<I, F> {
  if (INTS_AT + ints.length > CTRL_INTS || floats.length > MAX_FLOATS) throw new Error(`job ${kind} does not fit the control block`)
  return { kind, ints, floats }
}

/** z[r, o] = Σ_k p[idx[r], k]·Wp[o, k] + c[o] for rows [0, rows); each thread a share of the rows, with its scratch. */
export const FORWARD = job(1, ['pix', 'inputs', 'idx', 'rows', 'Wp', 'c', 'outputs', 'z', 'scratch', 'scratchStride'])

/** The first layer's backward and momentum update (kernels.ts), each thread a share of the input columns. */
export const BACKWARD_UPDATE = job(2,
  ['pix', 'inputs', 'idx', 'rows', 'dzT', 'outputs', 'W', 'V', 'Wp', 'gain', 'offset', 'db', 'cPart', 'scratch', 'scratchStride'],
  ['lr', 'mu', 'l2'])

/** BACKWARD_UPDATE summing only each output's rows with dz ≠ 0: active: [outputs, rows] positions, counts: [outputs]. */
export const BACKWARD_UPDATE_SPARSE = job(3, [...BACKWARD_UPDATE.ints, 'active', 'counts'], BACKWARD_UPDATE.floats)

/** Wp = W·gain and the parts of c, from W alone (no update). */
export const REFRESH = job(4, ['W', 'Wp', 'gain', 'offset', 'cPart', 'outputs', 'inputs'])

/** ẑ[r, o] = scale[o]·Σ_k p[idx[r], k]·Q[o, k] + c[o] on 16-bit weights Q (quantised.ts). */
export const FORWARD_QUANTISED = job(5, ['pix', 'inputs', 'idx', 'rows', 'Q', 'scale', 'c', 'outputs', 'z'])

/** Ends the helper threads. */
export const EXIT = job(6, [])

/** Arguments of `layout` with every field 0, to fill in and reuse (writing and reading a job allocates nothing). */
export function jobArgs<L extends JobLayout>(layout: L): JobArgs<L> {
  const args: Record<string, number> = {}
  for (const name of [...layout.ints, ...layout.floats]) args[name] = 0
  return args as JobArgs<L>
}

/**
 * A control block at byte `ptr` of a memory (a WebAssembly.Memory, or an Arena): its views are
 * made again whenever the memory's buffer changed (a grown memory, a plain arena reserving more).
 */
export class ControlBlock {
  private seen: ArrayBufferLike | null = null
  private intView: Int32Array = new Int32Array(0)
  private floatView: Float64Array = new Float64Array(0)
  /** This thread's waits: for the next job (a helper), for the helpers' parts (the caller). */
  private readonly jobWait = new SpinWait()
  private readonly partsWait = new SpinWait()

  constructor(private readonly memory: { readonly buffer: ArrayBufferLike }, readonly ptr: number) {}

  get ints(): Int32Array {
    this.views()
    return this.intView
  }

  get floats(): Float64Array {
    this.views()
    return this.floatView
  }

  /** The kind of the job in the block. */
  get kind(): number {
    return this.ints[HEADER.job]
  }

  /** Writes `args` as a job of `layout`. */
  write<L extends JobLayout>(layout: L, args: JobArgs<L>): void {
    const ints = this.ints
    const floats = this.floatView
    const values = args as Record<string, number>
    ints[HEADER.job] = layout.kind
    for (let i = 0; i < layout.ints.length; i++) ints[INTS_AT + i] = values[layout.ints[i]]
    for (let i = 0; i < layout.floats.length; i++) floats[i] = values[layout.floats[i]]
  }

  /** Reads the job in the block, of `layout`, into `into`. */
  read<L extends JobLayout>(layout: L, into: JobArgs<L>): JobArgs<L> {
    const ints = this.ints
    const floats = this.floatView
    const values = into as Record<string, number>
    for (let i = 0; i < layout.ints.length; i++) values[layout.ints[i]] = ints[INTS_AT + i]
    for (let i = 0; i < layout.floats.length; i++) values[layout.floats[i]] = floats[i]
    return into
  }

  /**
   * Hands the job written in the block to the helper threads waiting in nextJob: its count of
   * parts done starts again and its generation goes up.
   */
  post(): void {
    const ints = this.ints
    Atomics.store(ints, HEADER.done, 0)
    Atomics.add(ints, HEADER.generation, 1)
    Atomics.notify(ints, HEADER.generation)
  }

  /** The generation the block is at (helpers wait for the next one). */
  get generation(): number {
    return Atomics.load(this.ints, HEADER.generation)
  }

  /**
   * Waits for the job after generation `seen` (a helper thread's loop) and returns its generation:
   * spins while jobs come in quick succession (spinWait.ts), then sleeps until notified, so that
   * an idle engine, or one on busy cores, costs nothing.
   */
  nextJob(seen: number): number {
    const ints = this.ints
    const start = performance.now()
    if (!this.jobWait.spin(ints, HEADER.generation, seen, start)) {
      while (Atomics.load(ints, HEADER.generation) === seen) Atomics.wait(ints, HEADER.generation, seen)
    }
    this.jobWait.waited(start, performance.now())
    return Atomics.load(ints, HEADER.generation)
  }

  /** A helper thread's part is done (`failed`: its kernel threw). */
  partDone(failed: boolean): void {
    const ints = this.ints
    if (failed) Atomics.store(ints, HEADER.failed, 1)
    Atomics.add(ints, HEADER.done, 1)
    Atomics.notify(ints, HEADER.done)
  }

  /** Waits until `parts` helper parts are done; returns whether one failed (and clears that). */
  awaitParts(parts: number): boolean {
    const ints = this.ints
    let done = Atomics.load(ints, HEADER.done)
    if (done < parts) {
      const start = performance.now()
      let spin = true
      while (done < parts) {
        spin &&= this.partsWait.spin(ints, HEADER.done, done, start)
        if (!spin) Atomics.wait(ints, HEADER.done, done, 50)
        done = Atomics.load(ints, HEADER.done)
      }
      this.partsWait.waited(start, performance.now())
    }
    return Atomics.exchange(ints, HEADER.failed, 0) !== 0
  }

  /** Empties the block (a block that served other helper threads before). */
  clear(): void {
    new Uint8Array(this.bufferNow(), this.ptr, CTRL_BYTES).fill(0)
  }

  /** The buffer holding the block: a memory's as this thread sees it now (arena.ts bufferOf), or an arena's. */
  private bufferNow(): ArrayBufferLike {
    const m = this.memory
    return m instanceof WebAssembly.Memory ? bufferOf(m, this.ptr + CTRL_BYTES) : m.buffer
  }

  private views(): void {
    if (this.memory.buffer === this.seen) return
    const buffer = this.bufferNow()
    this.seen = buffer
    this.intView = new Int32Array(buffer, this.ptr, CTRL_INTS)
    this.floatView = new Float64Array(buffer, this.ptr + FLOATS_AT, MAX_FLOATS)
  }
}

/** The first of `rows` rows that part `part` of `parts` takes (rows split evenly; part = parts: the end). */
function rowAt(rows: number, part: number, parts: number): number {
  return Math.floor((rows * part) / parts)
}

/** The first of `inputs` columns that part `part` of `parts` takes: a multiple of KERNEL_COLUMNS (part = parts: the end, so the last part takes the rest). */
function columnAt(inputs: number, part: number, parts: number): number {
  return part === parts ? inputs : Math.floor((inputs / KERNEL_COLUMNS) * part / parts) * KERNEL_COLUMNS
}

/** One thread's part of every job in a control block: reads the job and calls its kernel on the part's share. */
export class PartRunner {
  private readonly forward = jobArgs(FORWARD)
  private readonly update = jobArgs(BACKWARD_UPDATE_SPARSE)
  private readonly refresh = jobArgs(REFRESH)
  private readonly forwardQ = jobArgs(FORWARD_QUANTISED)

  constructor(readonly kernels: Kernels, private readonly block: ControlBlock, readonly part: number, readonly parts: number) {}

  /** Runs this part of the job in the block. */
  run(): void {
    const { kernels: k, block, part, parts } = this
    switch (block.kind) {
      case FORWARD.kind: {
        const a = block.read(FORWARD, this.forward)
        const r0 = rowAt(a.rows, part, parts)
        const r1 = rowAt(a.rows, part + 1, parts)
        if (r1 > r0) k.forward1(a.pix, a.inputs, a.idx, r0, r1, a.Wp, a.c, a.outputs, a.z, a.scratch + part * a.scratchStride)
        return
      }
      case BACKWARD_UPDATE.kind:
      case BACKWARD_UPDATE_SPARSE.kind: {
        const sparse = block.kind === BACKWARD_UPDATE_SPARSE.kind
        const a = block.read(sparse ? BACKWARD_UPDATE_SPARSE : BACKWARD_UPDATE, this.update)
        const k0 = columnAt(a.inputs, part, parts)
        const k1 = columnAt(a.inputs, part + 1, parts)
        // each part sums its columns' share of c into a row of cPart: [parts, outputs]
        const cPart = a.cPart + part * a.outputs * 4
        const scratch = a.scratch + part * a.scratchStride
        if (sparse) {
          k.backwardUpdateSparse1(a.pix, a.inputs, a.idx, a.rows, a.dzT, a.outputs, a.W, a.V, a.Wp, a.gain, a.offset, a.db, cPart,
            k0, k1, a.lr, a.mu, a.l2, scratch, a.active, a.counts)
        } else {
          k.backwardUpdate1(a.pix, a.inputs, a.idx, a.rows, a.dzT, a.outputs, a.W, a.V, a.Wp, a.gain, a.offset, a.db, cPart,
            k0, k1, a.lr, a.mu, a.l2, scratch)
        }
        return
      }
      case REFRESH.kind: {
        const a = block.read(REFRESH, this.refresh)
        const k0 = columnAt(a.inputs, part, parts)
        const k1 = columnAt(a.inputs, part + 1, parts)
        k.refresh1(a.W, a.Wp, a.gain, a.offset, a.cPart + part * a.outputs * 4, a.outputs, a.inputs, k0, k1)
        return
      }
      case FORWARD_QUANTISED.kind: {
        const a = block.read(FORWARD_QUANTISED, this.forwardQ)
        const r0 = rowAt(a.rows, part, parts)
        const r1 = rowAt(a.rows, part + 1, parts)
        if (r1 > r0) k.forwardQ1(a.pix, a.inputs, a.idx, r0, r1, a.Q, a.scale, a.c, a.outputs, a.z)
        return
      }
    }
  }
}

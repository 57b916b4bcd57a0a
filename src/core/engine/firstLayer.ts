/**
 * FirstLayer: the 3072-wide first layer held in an Engine's arena, fed uint8 pixels directly
 * with the input scaling folded into its weights (kernels.ts):
 *   forward:  Z1 = P·Wpᵀ + c           P: [rows, inputs] uint8 (rows picked by idx)
 *   backward of that line + update: dW1 = dZ1ᵀ·X, db1 = Σ_rows dZ1, the momentum step of
 *             nn/optimizer.ts (nextVelocity: + λθ), then Wp = W1·gain and c = b1 + Σ_k offset_k·W1[:, k]
 *             for the next forward.
 * W1: [outputs, inputs], V1 (its velocity), Wp: arena f32; b1 and its velocity live in JS.
 */
import type { AffineScaling } from '../data/scaling'
import { nextParameter, nextVelocity } from '../nn/optimizer'
import type { Engine } from './engine'
import { BACKWARD_UPDATE, BACKWARD_UPDATE_SPARSE, FORWARD, REFRESH, type JobArgs } from './jobs'

export class FirstLayer {
  readonly W: Float32Array
  readonly b: Float32Array
  readonly vb: Float32Array
  /** Pointers of the folded weights Wp: [outputs, inputs] and offsets c: [outputs]. */
  readonly Wp: number
  readonly c: number
  private readonly Wptr: number
  private readonly Vptr: number
  private readonly gain: number
  private readonly offset: number
  readonly cView: Float32Array
  private readonly cPart: number
  private readonly cPartView: Float32Array
  private readonly db: number
  /** db1 = Σ_rows dZ1: [outputs], the bias gradient of the next backwardUpdate (written there, or by its caller). */
  readonly db1: Float32Array
  /** The jobs' arguments: fields that never change set here once, the rest per call. */
  private readonly forwardJob: JobArgs<typeof FORWARD>
  private readonly updateJob: JobArgs<typeof BACKWARD_UPDATE_SPARSE>
  private readonly refreshJob: JobArgs<typeof REFRESH>

  /** Arena bytes a FirstLayer allocates (for Arena.reserve). */
  static bytes(inputs: number, outputs: number, threads: number, capacity: number): number {
    return 3 * 4 * inputs * outputs + 2 * 4 * inputs + (3 + threads) * 4 * outputs + threads * scratchStride(capacity, outputs) + 9 * 64
  }

  constructor(
    private readonly engine: Engine, readonly inputs: number, readonly outputs: number,
    W: Float32Array, b: Float32Array, affine: AffineScaling, capacity: number
  ) {
    const a = engine.arena
    const n = inputs * outputs
    this.Wptr = a.alloc(4 * n)
    this.Vptr = a.alloc(4 * n)
    this.Wp = a.alloc(4 * n)
    this.gain = a.alloc(4 * inputs)
    this.offset = a.alloc(4 * inputs)
    this.c = a.alloc(4 * outputs)
    this.cPart = a.alloc(4 * outputs * engine.threads)
    this.db = a.alloc(4 * outputs)
    const stride = scratchStride(capacity, outputs)
    const scratch = a.alloc(stride * engine.threads)
    this.W = a.f32(this.Wptr, n)
    this.W.set(W)
    a.f32(this.gain, inputs).set(affine.gain)
    a.f32(this.offset, inputs).set(affine.offset)
    this.cView = a.f32(this.c, outputs)
    this.cPartView = a.f32(this.cPart, outputs * engine.threads)
    this.db1 = a.f32(this.db, outputs)
    this.b = b.slice()
    this.vb = new Float32Array(outputs)
    this.forwardJob = { pix: 0, inputs, idx: 0, rows: 0, Wp: this.Wp, c: this.c, outputs, z: 0, scratch, scratchStride: stride }
    this.updateJob = {
      pix: 0, inputs, idx: 0, rows: 0, dzT: 0, outputs, W: this.Wptr, V: this.Vptr, Wp: this.Wp, gain: this.gain, offset: this.offset,
      db: this.db, cPart: this.cPart, scratch, scratchStride: stride, active: 0, counts: 0, lr: 0, mu: 0, l2: 0
    }
    this.refreshJob = { W: this.Wptr, Wp: this.Wp, gain: this.gain, offset: this.offset, cPart: this.cPart, outputs, inputs }
    this.refresh()
  }

  /** Recomputes Wp and c from W and b (after the weights were changed from outside). */
  refresh(): void {
    this.engine.run(REFRESH, this.refreshJob)
    this.updateC()
  }

  /** z: [rows, outputs] at zPtr = Z1 of the pixel rows pix[idx[0 .. rows)]. */
  forward(pix: number, idx: number, rows: number, zPtr: number): void {
    const job = this.forwardJob
    job.pix = pix
    job.idx = idx
    job.rows = rows
    job.z = zPtr
    this.engine.run(FORWARD, job)
  }

  /**
   * One SGD-with-momentum step of W1 and b1 given dzT: [outputs, rows] = ∂L/∂Z1 transposed
   * at dzTPtr (its row sums are db1, summed here from the view dzT, or already in db1 when dzT is
   * null), for the same pixel rows as the forward. With `sparse`, each output sums only its listed
   * rows (those with dz ≠ 0): the same result, less work after a ReLU.
   */
  backwardUpdate(
    pix: number, idx: number, rows: number, dzT: Float32Array | null, dzTPtr: number, lr: number, mu: number, l2: number,
    sparse: { readonly active: number; readonly counts: number } | null = null
  ): void {
    const db = this.db1
    if (dzT) {
      for (let o = 0; o < this.outputs; o++) {
        let s = 0
        const at = o * rows
        for (let r = 0; r < rows; r++) s += dzT[at + r]
        db[o] = s
      }
    }
    const job = this.updateJob
    job.pix = pix
    job.idx = idx
    job.rows = rows
    job.dzT = dzTPtr
    job.lr = lr
    job.mu = mu
    job.l2 = l2
    if (sparse) {
      job.active = sparse.active
      job.counts = sparse.counts
    }
    this.engine.run(sparse ? BACKWARD_UPDATE_SPARSE : BACKWARD_UPDATE, job)
    // b1 takes the same step here (outputs values)
    for (let o = 0; o < this.outputs; o++) {
      const v = nextVelocity(this.vb[o], db[o], this.b[o], mu, l2)
      this.vb[o] = v
      this.b[o] = nextParameter(this.b[o], v, lr)
    }
    this.updateC()
  }

  /**
   * Runs `fn` with c recomputed from W and b alone, c[o] = b[o] + Σ_k offset[k]·W[o, k] summed in
   * float64 in k order, so that what `fn` computes depends on the weights only (not on the order
   * in which a kernel and its threads summed c while training); then puts training's c back.
   */
  withExactOffsets<T>(fn: () => T): T {
    const saved = this.cView.slice()
    const offset = this.engine.arena.f32(this.offset, this.inputs)
    const { W, inputs } = this
    for (let o = 0; o < this.outputs; o++) {
      let s = 0
      const row = o * inputs
      for (let k = 0; k < inputs; k++) s += offset[k] * W[row + k]
      this.cView[o] = this.b[o] + s
    }
    try {
      return fn()
    } finally {
      this.cView.set(saved)
    }
  }

  /** c[o] = b[o] + Σ over thread parts of cPart[part, o], in part order. */
  private updateC(): void {
    const parts = this.engine.threads
    for (let o = 0; o < this.outputs; o++) {
      let s = 0
      for (let p = 0; p < parts; p++) s += this.cPartView[p * this.outputs + o]
      this.cView[o] = this.b[o] + s
    }
  }

  resetMomentum(): void {
    this.engine.arena.f32(this.Vptr, this.inputs * this.outputs).fill(0)
    this.vb.fill(0)
  }
}

/** Per-thread scratch: two converted pixel tiles for forward1, rows × 32 floats (and a little) for the update. */
function scratchStride(capacity: number, outputs: number): number {
  return Math.ceil(Math.max(2 * 512 * 4, capacity * 128 + 4 * outputs + 64) / 64) * 64
}

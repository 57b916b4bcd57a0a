/**
 * FirstLayer: the 3072-wide first layer held in an Engine's arena, fed uint8 pixels directly
 * with the input scaling folded into its weights (kernels.ts):
 *   forward:  Z1 = P·Wpᵀ + c           P: [rows, inputs] uint8 (rows picked by idx)
 *   backward of that line + update: dW1 = dZ1ᵀ·X + λW1, db1 = Σ_rows dZ1 + λb1, momentum step,
 *             then Wp = W1·gain and c = b1 + Σ_k offset_k·W1[:, k] for the next forward.
 * W1: [outputs, inputs], V1 (its velocity), Wp: arena f32; b1 and its velocity live in JS.
 */
import type { AffineScaling } from '../data/scaling'
import type { Engine } from './engine'
import { ARG, JOB_BACKWARD_UPDATE, JOB_BACKWARD_UPDATE_SPARSE, JOB_FORWARD, JOB_REFRESH, SCRATCH } from './jobs'

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
  private readonly dbView: Float32Array
  private readonly scratch: number
  private readonly scratchStride: number

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
    this.scratchStride = scratchStride(capacity, outputs)
    this.scratch = a.alloc(this.scratchStride * engine.threads)
    this.W = a.f32(this.Wptr, n)
    this.W.set(W)
    a.f32(this.gain, inputs).set(affine.gain)
    a.f32(this.offset, inputs).set(affine.offset)
    this.cView = a.f32(this.c, outputs)
    this.cPartView = a.f32(this.cPart, outputs * engine.threads)
    this.dbView = a.f32(this.db, outputs)
    this.b = b.slice()
    this.vb = new Float32Array(outputs)
    this.refresh()
  }

  /** Recomputes Wp and c from W and b (after the weights were changed from outside). */
  refresh(): void {
    const ctrl = this.engine.ctrl
    ctrl[2] = JOB_REFRESH
    ctrl[ARG] = this.Wptr
    ctrl[ARG + 1] = this.Wp
    ctrl[ARG + 2] = this.gain
    ctrl[ARG + 3] = this.offset
    ctrl[ARG + 4] = this.cPart
    ctrl[ARG + 5] = this.outputs
    ctrl[ARG + 6] = this.inputs
    this.engine.run()
    this.updateC()
  }

  /** z: [rows, outputs] at zPtr = Z1 of the pixel rows pix[idx[0 .. rows)]. */
  forward(pix: number, idx: number, rows: number, zPtr: number): void {
    const ctrl = this.engine.ctrl
    this.setScratch(ctrl)
    ctrl[2] = JOB_FORWARD
    ctrl[ARG] = pix
    ctrl[ARG + 1] = this.inputs
    ctrl[ARG + 2] = idx
    ctrl[ARG + 3] = rows
    ctrl[ARG + 4] = this.Wp
    ctrl[ARG + 5] = this.c
    ctrl[ARG + 6] = this.outputs
    ctrl[ARG + 7] = zPtr
    this.engine.run()
  }

  /**
   * One SGD-with-momentum step of W1 and b1 given dzT: [outputs, rows] = ∂L/∂Z1 transposed
   * (its row sums are db1), for the same pixel rows as the forward. With `sparse`, each output
   * sums only its listed rows (those with dz ≠ 0): the same result, less work after a ReLU.
   */
  backwardUpdate(
    pix: number, idx: number, rows: number, dzT: Float32Array, dzTPtr: number, lr: number, mu: number, l2: number,
    sparse: { readonly active: number; readonly counts: number } | null = null
  ): void {
    const db = this.dbView
    for (let o = 0; o < this.outputs; o++) {
      let s = 0
      const at = o * rows
      for (let r = 0; r < rows; r++) s += dzT[at + r]
      db[o] = s
    }
    const ctrl = this.engine.ctrl
    this.setScratch(ctrl)
    ctrl[2] = sparse ? JOB_BACKWARD_UPDATE_SPARSE : JOB_BACKWARD_UPDATE
    if (sparse) {
      ctrl[ARG + 13] = sparse.active
      ctrl[ARG + 14] = sparse.counts
    }
    ctrl[ARG] = pix
    ctrl[ARG + 1] = this.inputs
    ctrl[ARG + 2] = idx
    ctrl[ARG + 3] = rows
    ctrl[ARG + 4] = dzTPtr
    ctrl[ARG + 5] = this.outputs
    ctrl[ARG + 6] = this.Wptr
    ctrl[ARG + 7] = this.Vptr
    ctrl[ARG + 8] = this.Wp
    ctrl[ARG + 9] = this.gain
    ctrl[ARG + 10] = this.offset
    ctrl[ARG + 11] = this.db
    ctrl[ARG + 12] = this.cPart
    const params = this.engine.params
    params[0] = lr
    params[1] = mu
    params[2] = l2
    this.engine.run()
    // b1: the same update in JS (outputs values)
    const keep = 1 - mu
    for (let o = 0; o < this.outputs; o++) {
      const v = mu * this.vb[o] + keep * (db[o] + l2 * this.b[o])
      this.vb[o] = v
      this.b[o] -= lr * v
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

  private setScratch(ctrl: Int32Array): void {
    ctrl[SCRATCH] = this.scratch
    ctrl[SCRATCH + 1] = this.scratchStride
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

/** Per-thread scratch: two converted pixel tiles for forward1, rows × 16 floats (and a little) for the update. */
function scratchStride(capacity: number, outputs: number): number {
  return Math.ceil(Math.max(2 * 512 * 4, capacity * 64 + 4 * outputs + 64) / 64) * 64
}

/**
 * NetworkRuntime: a network laid out for fast training and evaluation on an Engine. Layer 0 is a
 * FirstLayer in the arena, fed uint8 pixels (scaling folded in); layers 1..L run in TypeScript
 * (passes.ts) on activations A_0: [rows, hidden_0]. Pixels of a split are placed in the arena
 * once; a batch is a run of row numbers (idx) in the arena.
 *   step:    Z_0 = FirstLayer(P[idx]);  A_0 = act(Z_0);  forward 1..L;  loss;  backward L..1 (+λθ),
 *            dZ_0 transposed into the arena;  FirstLayer update;  momentum step of layers 1..L.
 * Evaluation may run layer 0 on 16-bit integer weights (quantised.ts), with a hard bound on the
 * error of the logits that callers use to recompute, exactly, any row whose answer could change.
 */
import type { AffineScaling } from '../data/scaling'
import { activate } from '../nn/activations'
import { outputLoss, probabilities, type LossSums } from '../nn/loss'
import type { Network } from '../nn/network'
import { createVelocities, momentumStep, resetVelocities, type Velocities } from '../nn/optimizer'
import { backward, forward } from '../nn/passes'
import type { Workspace } from '../nn/workspace'
import type { Engine } from './engine'
import { FirstLayer } from './firstLayer'
import { QuantisedFirstLayer } from './quantised'

export interface StepHyper {
  readonly learningRate: number
  readonly momentum: number
  readonly l2: number
}

/** The sparse update pays off once a quarter of dZ_0 is zero (after a ReLU, about half is). */
const SPARSE_BELOW = 0.75

export class NetworkRuntime {
  /** The network; layers[0].W is a view of the arena, layers[0].b belongs to the FirstLayer. */
  readonly net: Network
  readonly first: FirstLayer
  readonly capacity: number
  private readonly ws: Workspace
  private readonly z0Ptr: number
  private readonly dzTPtr: number
  private readonly dzT: Float32Array
  /** per output, the batch positions whose dZ_0 is not zero: [units, capacity] and counts [units] */
  private readonly active: { readonly active: number; readonly counts: number }
  private readonly activeView: Uint32Array
  private readonly countsView: Uint32Array
  private readonly velocities: Velocities
  private readonly sums: LossSums = { lossSum: 0, correct: 0 }
  private readonly quantised: QuantisedFirstLayer
  /** Pixel mean of the training rows, per input (for the quantised layer's error correction). */
  private pixelMean: Float32Array
  private readonly saved: Float32Array
  private readonly recheckPtr: number
  private readonly recheck: Uint32Array
  private readonly recheckAt: Uint32Array
  /** Rows recomputed exactly by evaluation so far (for diagnostics and tests). */
  rechecked = 0

  /** Arena bytes the runtime allocates, to reserve before constructing it. */
  static bytes(source: Network, capacity: number, threads: number): number {
    const h = source.layers[0].outputs
    return FirstLayer.bytes(source.arch.inputs, h, threads, capacity) + QuantisedFirstLayer.bytes(source.arch.inputs, h) +
      3 * 4 * capacity * h + 4 * capacity + 4 * h + 5 * 64
  }

  constructor(readonly engine: Engine, source: Network, affine: AffineScaling, capacity: number) {
    const l0 = source.layers[0]
    const h = l0.outputs
    this.capacity = capacity
    this.first = new FirstLayer(engine, l0.inputs, h, l0.W, l0.b, affine, capacity)
    this.net = {
      arch: { ...source.arch, hidden: [...source.arch.hidden] },
      layers: source.layers.map((l, i) =>
        i === 0
          ? { inputs: l.inputs, outputs: h, W: this.first.W, b: this.first.b }
          : { inputs: l.inputs, outputs: l.outputs, W: l.W.slice(), b: l.b.slice() })
    }
    const arena = engine.arena
    this.z0Ptr = arena.alloc(4 * capacity * h)
    this.dzTPtr = arena.alloc(4 * capacity * h)
    this.dzT = arena.f32(this.dzTPtr, capacity * h)
    this.active = { active: arena.alloc(4 * capacity * h), counts: arena.alloc(4 * h) }
    this.activeView = arena.u32(this.active.active, capacity * h)
    this.countsView = arena.u32(this.active.counts, h)
    const layers = this.net.layers
    this.ws = {
      capacity,
      x: new Float32Array(0),
      z: layers.map((l, i) => (i === 0 ? arena.f32(this.z0Ptr, capacity * h) : new Float32Array(capacity * l.outputs))),
      a: layers.map((l) => new Float32Array(capacity * l.outputs)),
      dz: layers.map((l) => new Float32Array(capacity * l.outputs)),
      dW: layers.map((l, i) => new Float32Array(i === 0 ? 0 : l.W.length)),
      db: layers.map((l, i) => new Float32Array(i === 0 ? 0 : l.b.length))
    }
    this.velocities = createVelocities(this.net, 1)
    this.quantised = new QuantisedFirstLayer(engine, l0.inputs, h)
    this.pixelMean = new Float32Array(l0.inputs).fill(127.5)
    this.saved = new Float32Array(capacity * this.outputUnits)
    this.recheckPtr = arena.alloc(4 * capacity)
    this.recheck = arena.u32(this.recheckPtr, capacity)
    this.recheckAt = new Uint32Array(capacity)
  }

  /**
   * Loss and correct-answer sums of the rows pix[idx[start .. start+rows)] (idx: the arena array
   * at idxPtr), through the quantised layer 0; rows whose answer could differ from the exact one
   * (sensitivity s from quantise, deviations D per row number or the worst case) are recomputed
   * exactly, so accuracy is exact too.
   */
  evaluateQuantised(
    pix: number, idxPtr: number, idx: Uint32Array, start: number, rows: number, y: Uint8Array,
    s: Float32Array, deviations: Float32Array | null
  ): LossSums {
    const units = this.outputUnits
    const z = this.forwardRowsQuantised(pix, idxPtr + 4 * start, rows)
    const saved = this.saved
    saved.set(z.subarray(0, rows * units))
    const worst = this.worstDeviation
    let n = 0
    for (let r = 0; r < rows; r++) {
      const row = idx[start + r]
      if (undecided(saved, r, units, s, deviations ? deviations[row] : worst)) {
        this.recheck[n] = row
        this.recheckAt[n++] = r
      }
    }
    if (n > 0) {
      const exact = this.forwardRows(pix, this.recheckPtr, n)
      for (let j = 0; j < n; j++) saved.set(exact.subarray(j * units, (j + 1) * units), this.recheckAt[j] * units)
      this.rechecked += n
    }
    return this.lossOf(rows, y, idx, start, saved)
  }

  /** Sets the per-input pixel mean of the data (improves quantised evaluation; default 127.5). */
  setPixelMean(mean: Float32Array): void {
    this.pixelMean = mean
  }

  /**
   * Refreshes the 16-bit copy of layer 0 from the current weights and returns, per output unit u,
   * the sensitivity s[u] such that |z_L[r, u] − ẑ_L[r, u]| ≤ D[r]·s[u] (quantised.ts for D):
   * s = 1.1·|W_L|·slope·…·|W_1|·slope·scale, activations being 1-Lipschitz (sigmoid ¼).
   */
  quantise(): Float32Array {
    const a = this.engine.arena
    const h = this.net.layers[0].outputs
    const inputs = this.net.arch.inputs
    this.quantised.quantise(a.f32(this.first.Wp, h * inputs), this.first.cView, this.pixelMean)
    const slope = this.net.arch.activation === 'sigmoid' ? 0.25 : 1
    let s: Float32Array = this.quantised.scaleView.map((v) => 1.1 * v)
    for (let l = 1; l < this.net.layers.length; l++) {
      const { W, inputs: n, outputs } = this.net.layers[l]
      const next = new Float32Array(outputs)
      for (let o = 0; o < outputs; o++) {
        let sum = 0
        for (let i = 0; i < n; i++) sum += Math.abs(W[o * n + i]) * slope * s[i]
        next[o] = sum
      }
      s = next
    }
    return s
  }

  /** D[r] of the latest quantise's worst case, for rows whose own D is not known. */
  get worstDeviation(): number {
    return this.quantised.spread
  }

  /** As forwardRows, with layer 0 on the quantised weights of the latest `quantise`. */
  forwardRowsQuantised(pix: number, idx: number, rows: number): Float32Array {
    this.quantised.forward(pix, idx, rows, this.z0Ptr)
    return this.upperForward(rows)
  }

  /** Forward of rows pix[idx[0 .. rows)] (rows ≤ capacity); logits in the last layer's z. */
  forwardRows(pix: number, idx: number, rows: number): Float32Array {
    this.first.forward(pix, idx, rows, this.z0Ptr)
    return this.upperForward(rows)
  }

  private upperForward(rows: number): Float32Array {
    const last = this.net.layers.length - 1
    if (last > 0) {
      activate(this.net.arch.activation, this.ws.z[0], this.ws.a[0], rows * this.net.layers[0].outputs)
      forward(this.net, this.ws, rows, 1)
    }
    return this.ws.z[last]
  }

  /** Sums of loss and correct answers over rows of logits z (default: the last forward's). */
  lossOf(rows: number, y: Uint8Array, rowIndex: Uint32Array, start: number, z?: Float32Array): LossSums {
    const last = this.net.layers.length - 1
    outputLoss(this.net.layers[last].outputs, z ?? this.ws.z[last], y, rowIndex, start, rows, null, rows, this.sums)
    return this.sums
  }

  get outputUnits(): number {
    return this.net.layers[this.net.layers.length - 1].outputs
  }

  /** Class probabilities of the rows just forwarded into out: [rows, units]. */
  probabilitiesOf(rows: number, out: Float32Array): void {
    const last = this.net.layers.length - 1
    probabilities(this.net.layers[last].outputs, this.ws.z[last], out, rows)
  }

  /**
   * One SGD step on the batch of rows pix[order[start .. start+rows)] (order: the arena array at
   * orderPtr, also passed as a view for the labels). Returns the batch's mean loss before the step.
   */
  step(pix: number, orderPtr: number, order: Uint32Array, start: number, rows: number, y: Uint8Array, h: StepHyper): number {
    const idx = orderPtr + 4 * start
    this.forwardRows(pix, idx, rows)
    const units = this.net.layers[0].outputs
    const loss = backward(this.net, this.ws, y, order, start, rows, h.l2, this.sums, 1)
    // dZ_0: [rows, units] → dzT: [units, rows], listing each unit's rows with dz ≠ 0
    const dz0 = this.ws.dz[0]
    const dzT = this.dzT
    const list = this.activeView
    const counts = this.countsView
    let nonzero = 0
    for (let o = 0; o < units; o++) {
      let n = 0
      const at = o * rows
      for (let r = 0; r < rows; r++) {
        const v = dz0[r * units + o]
        dzT[at + r] = v
        if (v !== 0) list[at + n++] = r
      }
      counts[o] = n
      nonzero += n
    }
    const sparse = nonzero < SPARSE_BELOW * rows * units ? this.active : null
    this.first.backwardUpdate(pix, idx, rows, dzT, this.dzTPtr, h.learningRate, h.momentum, h.l2, sparse)
    momentumStep(this.net, this.velocities, this.ws.dW, this.ws.db, h.learningRate, h.momentum, 1)
    return loss
  }

  /** Re-derive the folded first-layer weights after layers[0].W or .b were edited in place. */
  weightsChanged(): void {
    this.first.refresh()
  }

  resetMomentum(): void {
    this.first.resetMomentum()
    resetVelocities(this.velocities)
  }
}

/**
 * Whether row r's answer could change if each logit z[u] moved by up to d·s[u]: the sign of z for
 * one unit, the arg-max against every rival for softmax.
 */
function undecided(z: Float32Array, r: number, units: number, s: Float32Array, d: number): boolean {
  if (units === 1) return Math.abs(z[r]) <= d * s[0]
  const o = r * units
  let top = 0
  for (let k = 1; k < units; k++) if (z[o + k] > z[o + top]) top = k
  for (let k = 0; k < units; k++) {
    if (k !== top && z[o + top] - z[o + k] <= d * (s[top] + s[k])) return true
  }
  return false
}

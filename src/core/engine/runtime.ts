/**
 * NetworkRuntime: a network laid out for fast training and evaluation on an Engine. Layer 0 is a
 * FirstLayer in the arena, fed uint8 pixels (scaling folded in); layers 1..L run in TypeScript
 * (passes.ts) on activations A_0: [rows, hidden_0]. Pixels of a split are placed in the arena
 * once; a batch is a run of row numbers (idx) in the arena.
 *   step:    Z_0 = FirstLayer(P[idx]);  A_0 = act(Z_0);  forward 1..L;  loss;  backward L..1 (+λθ),
 *            dZ_0 transposed into the arena;  FirstLayer update;  momentum step of layers 1..L.
 * Fast evaluation (fastEvaluation.ts) runs layer 0 on 16-bit weights into the same z0 buffer
 * and the upper layers through upperForward. The runtime owns what depends on the engine's
 * kernels: which engine a network can run on (engineFor), the arena bytes it needs (bytes), and
 * whether it evaluates fast (fast).
 */
import type { AffineScaling } from '../data/scaling'
import { activate } from '../nn/activations'
import { outputLoss, probabilities, type LossSums } from '../nn/loss'
import type { Network } from '../nn/network'
import { createVelocities, momentumStep, resetVelocities, type Velocities } from '../nn/optimizer'
import { backward, forward } from '../nn/passes'
import type { Workspace } from '../nn/workspace'
import { createEngine, isWasmKernel, takesInputs, type Engine } from './engine'
import { FastEvaluation } from './fastEvaluation'
import { FirstLayer } from './firstLayer'

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
  private readonly dzTPtr: number
  private readonly dzT: Float32Array
  /** per output, the batch positions whose dZ_0 is not zero: [units, capacity] and counts [units] */
  private readonly active: { readonly active: number; readonly counts: number }
  private readonly activeView: Uint32Array
  private readonly countsView: Uint32Array
  private readonly velocities: Velocities
  private readonly sums: LossSums = { lossSum: 0, correct: 0 }
  /** Pointer of Z_0: [capacity, hidden_0] in the arena. */
  readonly z0Ptr: number
  /**
   * Loss and accuracy on 16-bit first-layer weights, exact where it matters (fastEvaluation.ts), on
   * the kernels where it pays (the WebAssembly builds); null on the twin.
   */
  readonly fast: FastEvaluation | null

  /**
   * The engine a network of `inputs` inputs runs on: `engine` (default: the fastest single-threaded
   * one) unless its kernels cannot take that width, then one on the TypeScript twin.
   */
  static engineFor(inputs: number, engine: Engine = createEngine()): Engine {
    return takesInputs(engine.kernel, inputs) ? engine : createEngine('typescript')
  }

  /**
   * Arena bytes the runtime allocates on an engine of `threads` threads (h: the first layer's
   * outputs), fast evaluation's included: to reserve before constructing it.
   */
  static bytes(inputs: number, h: number, capacity: number, threads: number): number {
    return FirstLayer.bytes(inputs, h, threads, capacity) + 3 * 4 * capacity * h + 4 * h + 4 * 64 +
      FastEvaluation.bytes(inputs, h, capacity)
  }

  /** `engine`: one that takes the network's inputs (engineFor), its arena reserved for `bytes`. */
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
    this.fast = isWasmKernel(engine.kernel) ? new FastEvaluation(this) : null
  }

  /** Forward of rows pix[idx[0 .. rows)] (rows ≤ capacity); logits in the last layer's z. */
  forwardRows(pix: number, idx: number, rows: number): Float32Array {
    this.first.forward(pix, idx, rows, this.z0Ptr)
    return this.upperForward(rows)
  }

  /** Activation of Z_0 (already in the z0 buffer) and layers 1..L; returns the logits. */
  upperForward(rows: number): Float32Array {
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

  /** Workspace views for evaluation: Z_l of the last forward, [rows, outputs_l]. */
  get z(): readonly Float32Array[] {
    return this.ws.z
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
    // one pass over dZ_0: [rows, units] → dzT: [units, rows], db_0 = its row sums (in r order, as
    // FirstLayer sums them), and each unit's rows with dz ≠ 0. Every row is written to the list and
    // n advances by [v ≠ 0]: a branch on dz's signs, zero at random after a ReLU, mispredicts.
    const dz0 = this.ws.dz[0]
    const dzT = this.dzT
    const db0 = this.first.db1
    const list = this.activeView
    const counts = this.countsView
    let nonzero = 0
    for (let o = 0; o < units; o++) {
      let n = 0
      let s = 0
      const at = o * rows
      for (let r = 0, i = o; r < rows; r++, i += units) {
        const v = dz0[i]
        dzT[at + r] = v
        s += v
        list[at + n] = r
        n += +(v !== 0)
      }
      db0[o] = s
      counts[o] = n
      nonzero += n
    }
    const sparse = nonzero < SPARSE_BELOW * rows * units ? this.active : null
    this.first.backwardUpdate(pix, idx, rows, null, this.dzTPtr, h.learningRate, h.momentum, h.l2, sparse)
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

/**
 * FastEvaluation: loss and accuracy over many rows with layer 0 on 16-bit integer weights
 * (quantised.ts, about 2.4× faster than float), exact where it matters. For each row r it
 * bounds how far every logit can be from the exact one by interval arithmetic:
 *   layer 0:  |ẑ_0[i] − z_0[i]| ≤ δ_i = 1.1·scale_i·D[r]               (quantised.ts)
 *   hidden:   e_l = gate_l ⊙ (|W_l|·e_{l−1}),  gate = 0 where a ReLU is surely off (ẑ + e ≤ 0),
 *             its slope where leaky, ¼ for sigmoid, 1 otherwise
 *   output:   |ẑ_L[u] − z_L[u]| ≤ e_L[u]
 * and recomputes exactly, on the float path, every row whose answer could change within those
 * bounds. Accuracy is therefore exact, and the loss agrees to about 1e-7.
 */
import type { LossSums } from '../nn/loss'
import { LEAKY_SLOPE } from '../nn/activations'
import type { NetworkRuntime } from './runtime'
import { QuantisedFirstLayer } from './quantised'

export class FastEvaluation {
  /** Rows recomputed exactly so far (for diagnostics and tests). */
  rechecked = 0
  private readonly quantised: QuantisedFirstLayer
  private pixelMean: Float32Array
  private version = -1
  /** s: per output unit, the bound of a row at distance 1 without ReLU gating (a quick first test). */
  private readonly sensitivity: Float32Array
  private readonly absW: Float32Array[]
  private readonly e: Float32Array[]
  private readonly saved: Float32Array
  private readonly recheckPtr: number
  private readonly recheck: Uint32Array
  private readonly recheckAt: Uint32Array

  static bytes(inputs: number, hidden: number, capacity: number): number {
    return QuantisedFirstLayer.bytes(inputs, hidden) + 4 * capacity + 64
  }

  constructor(private readonly rt: NetworkRuntime) {
    const arena = rt.engine.arena
    const layers = rt.net.layers
    const h = layers[0].outputs
    this.quantised = new QuantisedFirstLayer(rt.engine, rt.net.arch.inputs, h)
    this.pixelMean = new Float32Array(rt.net.arch.inputs).fill(127.5)
    this.sensitivity = new Float32Array(rt.outputUnits)
    this.absW = layers.map((l, i) => new Float32Array(i === 0 ? 0 : l.W.length))
    this.e = layers.map((l) => new Float32Array(l.outputs))
    this.saved = new Float32Array(rt.capacity * rt.outputUnits)
    this.recheckPtr = arena.alloc(4 * rt.capacity)
    this.recheck = arena.u32(this.recheckPtr, rt.capacity)
    this.recheckAt = new Uint32Array(rt.capacity)
  }

  /** The per-input pixel mean of the data (better error cancellation; default 127.5). */
  setPixelMean(mean: Float32Array): void {
    this.pixelMean = mean
    this.version = -1
  }

  /** The largest D[r] a row can have, for rows whose own is not known. */
  get worstDeviation(): number {
    return this.quantised.spread
  }

  /** Quantises the current weights unless `version` says they did not change since the last call. */
  prepare(version: number): void {
    if (version === this.version && version >= 0) return
    this.version = version
    const rt = this.rt
    const a = rt.engine.arena
    const h = rt.net.layers[0].outputs
    this.quantised.quantise(a.f32(rt.first.Wp, h * rt.net.arch.inputs), rt.first.cView, this.pixelMean)
    for (let l = 1; l < rt.net.layers.length; l++) {
      const W = rt.net.layers[l].W
      const abs = this.absW[l]
      for (let i = 0; i < W.length; i++) abs[i] = Math.abs(W[i])
    }
    // the ungated bound at d = 1: no gate is below 1 for ReLU, leaky ReLU and tanh, ¼ for sigmoid
    this.propagate(1, -1)
    this.sensitivity.set(this.e[this.e.length - 1])
  }

  /**
   * Sums of loss and correct answers of rows pix[idx[start .. start+rows)] (idx: the arena array
   * at idxPtr); deviations: D per row number (quantised.ts), or null for the worst case.
   */
  evaluate(pix: number, idxPtr: number, idx: Uint32Array, start: number, rows: number, y: Uint8Array, deviations: Float32Array | null): LossSums {
    const rt = this.rt
    const units = rt.outputUnits
    const z = this.forwardRows(pix, idxPtr + 4 * start, rows)
    const saved = this.saved
    saved.set(z.subarray(0, rows * units))
    const worst = this.worstDeviation
    let n = 0
    for (let r = 0; r < rows; r++) {
      const row = idx[start + r]
      if (this.undecided(r, deviations ? deviations[row] : worst)) {
        this.recheck[n] = row
        this.recheckAt[n++] = r
      }
    }
    if (n > 0) {
      const exact = rt.forwardRows(pix, this.recheckPtr, n)
      for (let j = 0; j < n; j++) saved.set(exact.subarray(j * units, (j + 1) * units), this.recheckAt[j] * units)
      this.rechecked += n
    }
    return rt.lossOf(rows, y, idx, start, saved)
  }

  /**
   * Whether row r's answer could differ from the exact one, by the bounds in the header: first
   * the quick ungated bound d·s, and only if that cannot decide, the row's own gated one.
   */
  private undecided(r: number, d: number): boolean {
    const zL = this.rt.z[this.rt.net.layers.length - 1]
    const units = this.rt.outputUnits
    if (units === 1 && Math.abs(zL[r]) > d * this.sensitivity[0]) return false
    if (units > 1 && !this.close(zL, r, units, this.sensitivity, d)) return false
    return units === 1 ? Math.abs(zL[r]) <= this.logitBounds(r, d)[0] : this.close(zL, r, units, this.logitBounds(r, d), 1)
  }

  /** Whether the top logit of row r is within d·(e[top] + e[k]) of any other. */
  private close(zL: Float32Array, r: number, units: number, e: Float32Array, d: number): boolean {
    if (units === 1) return Math.abs(zL[r]) <= d * e[0]
    const o = r * units
    let top = 0
    for (let k = 1; k < units; k++) if (zL[o + k] > zL[o + top]) top = k
    for (let k = 0; k < units; k++) {
      if (k !== top && zL[o + top] - zL[o + k] <= d * (e[top] + e[k])) return true
    }
    return false
  }

  /**
   * e_L: how far each logit of row r (of the last quantised forward) can be from the exact one,
   * for a row at distance d = D[r] from the pixel mean. The result is reused by the next call.
   */
  logitBounds(r: number, d: number): Float32Array {
    return this.propagate(d, r)
  }

  /** The bounds of the header for a row at distance d; gates from row r's pre-activations (none for r < 0). */
  private propagate(d: number, r: number): Float32Array {
    const rt = this.rt
    const layers = rt.net.layers
    const last = layers.length - 1
    const zs = rt.z
    const scale = this.quantised.scaleView
    let e = this.e[0]
    const h = layers[0].outputs
    for (let i = 0; i < h; i++) e[i] = 1.1 * scale[i] * d
    for (let l = 0; l <= last; l++) {
      if (l > 0) {
        const { inputs, outputs } = layers[l]
        const abs = this.absW[l]
        const prev = e
        e = this.e[l]
        for (let o = 0; o < outputs; o++) {
          let s = 0
          const row = o * inputs
          for (let i = 0; i < inputs; i++) s += abs[row + i] * prev[i]
          e[o] = s
        }
      }
      if (l < last) this.gate(zs[l], r, layers[l].outputs, e)
    }
    return e
  }

  /** Quantised forward of rows pix[idx[0 .. rows)] (after prepare); returns the logits. */
  forwardRows(pix: number, idx: number, rows: number): Float32Array {
    this.quantised.forward(pix, idx, rows, this.rt.z0Ptr)
    return this.rt.upperForward(rows)
  }

  /**
   * e ← the error after the hidden activation of row r's pre-activations z[r·n .. r·n+n): zero
   * (ReLU) or the leaky slope where the unit is surely off, ¼ for sigmoid; with r < 0 no row is
   * known and only the slopes that hold everywhere apply.
   */
  private gate(z: Float32Array, r: number, n: number, e: Float32Array): void {
    const act = this.rt.net.arch.activation
    if (act === 'tanh') return
    if (act === 'sigmoid') {
      for (let i = 0; i < n; i++) e[i] *= 0.25
      return
    }
    if (r < 0) return
    const off = act === 'relu' ? 0 : LEAKY_SLOPE
    const at = r * n
    for (let i = 0; i < n; i++) if (z[at + i] + e[i] <= 0) e[i] *= off
  }
}

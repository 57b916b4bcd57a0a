/**
 * Evaluation and prediction over a whole split, forward only, in chunks of `capacity` rows
 * through one reused Workspace:  loss = mean over rows of the output loss (loss.ts),
 * accuracy = fraction of rows with σ(z) > 0.5 matching y (or arg-max z = y for softmax).
 */
import type { Split } from '../data/dataset'
import { affineOf, scaleRows, type AffineScaling, type Scaling } from '../data/scaling'
import { outputLoss, probabilities, type LossSums } from './loss'
import type { Network } from './network'
import { forward } from './passes'
import { createWorkspace, type Workspace } from './workspace'

export interface SplitMetrics {
  readonly loss: number
  readonly accuracy: number
}

export const EVAL_CHUNK = 500

/** Evaluator: buffers for chunked forward passes, made once per network. */
export class Evaluator {
  private readonly ws: Workspace
  private readonly identity: Uint32Array
  private readonly sums: LossSums = { lossSum: 0, correct: 0 }

  constructor(private readonly net: Network, private readonly inputs: number, readonly capacity = EVAL_CHUNK) {
    this.ws = createWorkspace(net, capacity, false)
    this.identity = new Uint32Array(capacity)
  }

  evaluate(split: Split, affine: AffineScaling): SplitMetrics {
    if (split.count === 0) return { loss: NaN, accuracy: NaN }
    const last = this.net.layers.length - 1
    const units = this.net.layers[last].outputs
    let lossSum = 0
    let correct = 0
    for (let start = 0; start < split.count; start += this.capacity) {
      const rows = Math.min(this.capacity, split.count - start)
      for (let r = 0; r < rows; r++) this.identity[r] = start + r
      scaleRows(split.x, this.inputs, this.identity, 0, rows, affine, this.ws.x)
      forward(this.net, this.ws, rows)
      outputLoss(units, this.ws.z[last], split.y, this.identity, 0, rows, null, rows, this.sums)
      lossSum += this.sums.lossSum
      correct += this.sums.correct
    }
    return { loss: lossSum / split.count, accuracy: correct / split.count }
  }

  /** Class probabilities: out [count, units] (σ(z) of class 1 for two classes, else softmax). */
  predict(x: Uint8Array, count: number, affine: AffineScaling, out: Float32Array): void {
    const last = this.net.layers.length - 1
    const units = this.net.layers[last].outputs
    for (let start = 0; start < count; start += this.capacity) {
      const rows = Math.min(this.capacity, count - start)
      for (let r = 0; r < rows; r++) this.identity[r] = start + r
      scaleRows(x, this.inputs, this.identity, 0, rows, affine, this.ws.x)
      forward(this.net, this.ws, rows)
      probabilities(units, this.ws.z[last], out.subarray(start * units, (start + rows) * units), rows)
    }
  }
}

/** Probabilities for rows of uint8 pixels x: [rows, inputs] → [rows, outputUnits]. */
export function predictProbabilities(net: Network, scaling: Scaling, x: Uint8Array, rows: number): Float32Array {
  const units = net.layers[net.layers.length - 1].outputs
  const out = new Float32Array(rows * units)
  new Evaluator(net, net.arch.inputs, Math.min(EVAL_CHUNK, Math.max(1, rows))).predict(x, rows, affineOf(scaling), out)
  return out
}

export function evaluateSplit(net: Network, scaling: Scaling, split: Split): SplitMetrics {
  return new Evaluator(net, net.arch.inputs).evaluate(split, affineOf(scaling))
}

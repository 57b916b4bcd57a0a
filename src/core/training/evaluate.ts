/**
 * Evaluation and prediction over a whole split, forward only, in chunks of the runtime's
 * capacity:  loss = mean over rows of the output loss (loss.ts), accuracy = fraction of rows with
 * σ(z) > 0.5 matching y (or arg-max z = y for softmax). Pixels are placed in the engine's arena.
 */
import type { Split } from '../data/dataset'
import { affineOf, type Scaling } from '../data/scaling'
import type { Arena } from '../engine/arena'
import type { Engine } from '../engine/engine'
import { NetworkRuntime } from '../engine/runtime'
import type { FastEvaluation } from '../engine/fastEvaluation'
import type { Network } from '../nn/network'

export interface SplitMetrics {
  readonly loss: number
  readonly accuracy: number
}

export const EVAL_CHUNK = 512

/** Identity row numbers 0..count−1 in the arena, for chunked passes over a whole split. */
export function identityRows(arena: Arena, count: number): { ptr: number; view: Uint32Array } {
  const ptr = arena.alloc(4 * Math.max(1, count))
  const view = arena.u32(ptr, Math.max(1, count))
  for (let i = 0; i < count; i++) view[i] = i
  return { ptr, view }
}

/**
 * Loss and accuracy of `count` rows at pix (arena), labels y, through rt; with `fast` (a
 * FastEvaluation of rt, for the WebAssembly engine) layer 0 runs on 16-bit weights and rows near
 * a decision are recomputed exactly (fastEvaluation.ts). `version` changes whenever the weights
 * did; `deviations` (rowDeviations of the split) tighten the bounds.
 */
export function evaluateRows(
  rt: NetworkRuntime, pix: number, ident: { ptr: number; view: Uint32Array }, y: Uint8Array, count: number,
  fast: FastEvaluation | null = null, version = -1, deviations: Float32Array | null = null
): SplitMetrics {
  if (count === 0) return { loss: NaN, accuracy: NaN }
  fast?.prepare(version)
  let lossSum = 0
  let correct = 0
  for (let start = 0; start < count; start += rt.capacity) {
    const rows = Math.min(rt.capacity, count - start)
    let s
    if (fast) {
      s = fast.evaluate(pix, ident.ptr, ident.view, start, rows, y, deviations)
    } else {
      rt.forwardRows(pix, ident.ptr + 4 * start, rows)
      s = rt.lossOf(rows, y, ident.view, start)
    }
    lossSum += s.lossSum
    correct += s.correct
  }
  return { loss: lossSum / count, accuracy: correct / count }
}

/** A split's class probabilities ([count, units]) with the loss and accuracy they give. */
export interface Scores extends SplitMetrics {
  readonly probabilities: Float32Array
}

/**
 * Class probabilities, loss and accuracy of `count` rows at pix (arena), labels y, through rt, in
 * one exact forward pass (no 16-bit shortcut): the Results tab's numbers. For a kernel they depend
 * on the weights alone — not on the thread count, the runtime's capacity or how training summed
 * the first layer's offsets (FirstLayer.withExactOffsets) — so a run's trainer and an Evaluator of
 * its network give the same answer, bit for bit.
 */
export function scoreRows(rt: NetworkRuntime, pix: number, ident: { ptr: number; view: Uint32Array }, y: Uint8Array, count: number): Scores {
  return rt.first.withExactOffsets(() => scoreChunks(rt, pix, ident, y, count))
}

function scoreChunks(rt: NetworkRuntime, pix: number, ident: { ptr: number; view: Uint32Array }, y: Uint8Array, count: number): Scores {
  const units = rt.outputUnits
  const probabilities = new Float32Array(count * units)
  let lossSum = 0
  let correct = 0
  // chunks of EVAL_CHUNK whatever the runtime's capacity, so that the sums add up in the same order everywhere
  const chunk = Math.min(rt.capacity, EVAL_CHUNK)
  for (let start = 0; start < count; start += chunk) {
    const rows = Math.min(chunk, count - start)
    rt.forwardRows(pix, ident.ptr + 4 * start, rows)
    const s = rt.lossOf(rows, y, ident.view, start)
    lossSum += s.lossSum
    correct += s.correct
    rt.probabilitiesOf(rows, probabilities.subarray(start * units, (start + rows) * units))
  }
  return count === 0 ? { loss: NaN, accuracy: NaN, probabilities } : { loss: lossSum / count, accuracy: correct / count, probabilities }
}

/** Evaluator: a copy of a network on its own engine, for measuring or predicting. */
export class Evaluator {
  private readonly rt: NetworkRuntime
  private readonly engine: Engine
  private readonly fast: FastEvaluation | null

  constructor(net: Network, scaling: Scaling, engine?: Engine) {
    this.engine = NetworkRuntime.engineFor(net.arch.inputs, engine)
    const arena = this.engine.arena
    arena.reset()
    arena.reserve(NetworkRuntime.bytes(net.arch.inputs, net.layers[0].outputs, EVAL_CHUNK, this.engine.threads))
    this.rt = new NetworkRuntime(this.engine, net, affineOf(scaling), EVAL_CHUNK)
    this.fast = this.rt.fast
    arena.keep()
  }

  evaluate(split: Split): SplitMetrics {
    const { pix, ident } = this.place(split.x, split.count)
    return evaluateRows(this.rt, pix, ident, split.y, split.count, this.fast, 0)
  }

  /** Probabilities, loss and accuracy of a split in one exact pass (scoreRows). */
  score(split: Split): Scores {
    const { pix, ident } = this.place(split.x, split.count)
    return scoreRows(this.rt, pix, ident, split.y, split.count)
  }

  /** Class probabilities: [count, units] (σ(z) of class 1 for two classes, else softmax). */
  predict(x: Uint8Array, count: number): Float32Array {
    const units = this.rt.net.layers[this.rt.net.layers.length - 1].outputs
    const out = new Float32Array(count * units)
    const { pix, ident } = this.place(x, count)
    for (let start = 0; start < count; start += this.rt.capacity) {
      const rows = Math.min(this.rt.capacity, count - start)
      this.rt.forwardRows(pix, ident.ptr + 4 * start, rows)
      this.rt.probabilitiesOf(rows, out.subarray(start * units, (start + rows) * units))
    }
    return out
  }

  private place(x: Uint8Array, count: number): { pix: number; ident: { ptr: number; view: Uint32Array } } {
    const arena = this.engine.arena
    arena.reset()
    arena.reserve(x.byteLength + 4 * count + 256)
    const pix = arena.place(x.subarray(0, count * this.rt.net.arch.inputs))
    return { pix, ident: identityRows(arena, count) }
  }
}

/** Probabilities for rows of uint8 pixels x: [rows, inputs] → [rows, outputUnits]. */
export function predictProbabilities(net: Network, scaling: Scaling, x: Uint8Array, rows: number): Float32Array {
  return new Evaluator(net, scaling).predict(x, rows)
}

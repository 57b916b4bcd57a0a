/**
 * Weight snapshots for the page: the first two layers' matrices and per-layer statistics.
 *   norm = √Σ w²,  histogram: HISTOGRAM_BINS equal bins over [min, max],
 *   updateRatio ≈ ‖W_now − W_prev‖ / ‖W_now‖ / batches between the two snapshots
 *   (the net displacement per batch, a lower bound of the mean step; about 1e-3 is healthy).
 * Matrices are copied: a trainer's weights may live in an engine's (possibly shared) memory,
 * which cannot be posted to another process as it is.
 */
import type { ScalingMode } from '../../core/data/scaling'
import type { Layer, Network } from '../../core/nn/network'
import type { LayerStats, WeightMatrix, WeightsEvent } from '../../shared/payloads'

export const HISTOGRAM_BINS = 32

export interface SnapshotContext {
  readonly runId: number
  readonly epoch: number
  readonly batch: number
  readonly reason: WeightsEvent['reason']
  readonly scaling: ScalingMode
  /** run-wide batches trained so far (for updateRatio). */
  readonly batchesDone: number
}

/** Remembers the previous snapshot's weights to measure how far they moved. */
export class WeightSnapshots {
  private previous: { net: Network; weights: Float32Array[]; batchesDone: number } | null = null

  take(net: Network, ctx: SnapshotContext): WeightsEvent {
    const prev = this.previous?.net === net ? this.previous : null
    const event = weightsEvent(net, ctx, prev ? { weights: prev.weights, batches: ctx.batchesDone - prev.batchesDone } : null)
    this.previous = { net, weights: net.layers.map((layer) => layer.W.slice()), batchesDone: ctx.batchesDone }
    return event
  }

  forget(): void {
    this.previous = null
  }
}

/** A snapshot; `previous` holds every layer's W some `batches` ago, for the update ratio. */
export function weightsEvent(
  net: Network, ctx: SnapshotContext, previous: { weights: readonly Float32Array[]; batches: number } | null
): WeightsEvent {
  const batches = previous?.batches ?? 0
  return {
    runId: ctx.runId,
    epoch: ctx.epoch,
    batch: ctx.batch,
    reason: ctx.reason,
    first: matrix(net.layers[0]),
    second: net.layers.length > 1 ? matrix(net.layers[1]) : null,
    stats: net.layers.map((layer, l) => layerStats(layer.W, previous && batches > 0 ? previous.weights[l] : null, batches)),
    scaling: ctx.scaling
  }
}

function matrix(layer: Layer): WeightMatrix {
  return { rows: layer.outputs, cols: layer.inputs, W: layer.W.slice(), b: layer.b.slice() }
}

export function layerStats(W: Float32Array, previous: Float32Array | null, batches: number): LayerStats {
  let min = Infinity
  let max = -Infinity
  let sum = 0
  let sumSq = 0
  let moved = 0
  for (let i = 0; i < W.length; i++) {
    const w = W[i]
    if (w < min) min = w
    if (w > max) max = w
    sum += w
    sumSq += w * w
    if (previous) {
      const d = w - previous[i]
      moved += d * d
    }
  }
  const n = Math.max(1, W.length)
  const mean = sum / n
  const norm = Math.sqrt(sumSq)
  const histogram = new Uint32Array(HISTOGRAM_BINS)
  const width = max - min
  for (let i = 0; i < W.length; i++) {
    const bin = width > 0 ? Math.min(HISTOGRAM_BINS - 1, Math.floor(((W[i] - min) / width) * HISTOGRAM_BINS)) : 0
    histogram[bin]++
  }
  return {
    min: W.length ? min : 0,
    max: W.length ? max : 0,
    mean,
    std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    norm,
    histogram,
    updateRatio: previous && batches > 0 && norm > 0 ? Math.sqrt(moved) / norm / batches : null
  }
}

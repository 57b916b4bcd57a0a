/**
 * A stand-in for the studio that the panels inject (STUDIO): just the refs the chart and weight
 * panels read (the ticked runs' lines and sentence too), writable by the test, so panel tests do
 * not depend on the whole studio.
 */
import { ref, shallowRef } from 'vue'
import type { OverlayRun } from '../../src/renderer/src/charts/runOverlay'
import type { Divergence } from '../../src/renderer/src/composables/useTrainingSession'
import type { Studio } from '../../src/renderer/src/composables/useStudio'
import type { DatasetInfo, EpochMetrics, ProgressEvent, StudioTab, TrainingStatus, WeightNormalisation, WeightsEvent } from '../../src/shared/ipc'
import { DEMO, status } from './fixtures'

export function fakeStudio() {
  const session = {
    status: shallowRef<TrainingStatus | null>(status({ state: 'running', runId: 1, targetEpoch: 10, batchesPerEpoch: 10, hasNetwork: true })),
    progress: shallowRef<ProgressEvent | null>(null),
    history: shallowRef<readonly EpochMetrics[]>([]),
    weights: shallowRef<WeightsEvent | null>(null),
    divergedAt: shallowRef<Divergence | null>(null)
  }
  const normalisation = ref<WeightNormalisation>('tile')
  const dataset = { dataset: shallowRef<DatasetInfo | null>(DEMO) }
  const reported: unknown[] = []
  /** the open tab; null stands for a studio without tabs (every panel counts as shown). */
  const tab = ref<StudioTab | null>(null)
  /** what the Runs tab puts on the charts. */
  const runs = { overlay: shallowRef<readonly OverlayRun[]>([]), comparison: shallowRef<string | null>(null) }
  const studio = {
    session,
    runs,
    normalisation,
    get tab() { return tab.value === null ? undefined : tab },
    dataset,
    notices: { report: (e: unknown) => reported.push(e) },
    setNormalisation: (m: WeightNormalisation) => { normalisation.value = m }
  } as unknown as Studio
  return { studio, session, normalisation, reported, tab, runs }
}

/** A progress event of run `runId` carrying `losses` from batch `firstBatch` on. */
export function progress(runId: number, firstBatch: number, losses: number[], batches = 10): ProgressEvent {
  return {
    runId, epoch: Math.floor(firstBatch / batches) + 1, targetEpoch: 10, batch: (firstBatch % batches) + losses.length, batches,
    loss: losses[losses.length - 1], losses: Float32Array.from(losses), firstBatch,
    examplesPerSecond: 1000, epochSeconds: 0.1, elapsedSeconds: 0.1
  }
}

export interface SnapshotOptions {
  readonly runId?: number
  readonly epoch?: number
  readonly batch?: number
  readonly reason?: WeightsEvent['reason']
  /** output weights W2[0, u] (one sigmoid output); defaults to alternating ±(u + 1) / 10. */
  readonly votes?: number[]
  readonly updateRatio?: number | null
}

/**
 * A snapshot of `units` units after `epoch` epochs: a fixed "random start" (weight k of unit u is
 * sin(7u + 3k) / 10) plus epoch times a smooth template (cos(u + k / 500) / 100).
 */
export function snapshot(units: number, o: SnapshotOptions = {}): WeightsEvent {
  const epoch = o.epoch ?? 0
  const W = new Float32Array(units * 3072)
  for (let u = 0; u < units; u++) {
    for (let k = 0; k < 3072; k++) W[u * 3072 + k] = Math.sin(7 * u + 3 * k) / 10 + (epoch * Math.cos(u + k / 500)) / 100
  }
  const votes = o.votes ?? Array.from({ length: units }, (_, u) => ((u % 2 ? -1 : 1) * (u + 1)) / 10)
  const layer = (n: number) => ({
    min: -1, max: 1, mean: 0, std: 0.5, norm: 2, histogram: Uint32Array.from({ length: 32 }, (_, i) => (i < 16 ? i : 32 - i) * n),
    updateRatio: o.updateRatio === undefined ? 1e-3 : o.updateRatio
  })
  return {
    runId: o.runId ?? 1, epoch, batch: o.batch ?? 0, reason: o.reason ?? (epoch === 0 ? 'start' : 'epoch'),
    first: { rows: units, cols: 3072, W, b: new Float32Array(units) },
    second: { rows: 1, cols: units, W: Float32Array.from(votes), b: new Float32Array(1) },
    stats: [layer(units), layer(1)],
    scaling: 'centre'
  }
}

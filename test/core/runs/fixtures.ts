/** Small runs for the tests of src/core/runs: settings, datasets, histories and manifests. */
import { SEED_DEFAULTS, type EpochMetrics } from '../../../src/core/nn/hyperparameters'
import { newManifest, withEpoch } from '../../../src/core/runs/manifest'
import type { RunDataset, RunManifest, RunSettings, RunSweepRef } from '../../../src/core/runs/types'

export const SETTINGS: RunSettings = { ...SEED_DEFAULTS, threads: 2 }

export const DATASET: RunDataset = {
  name: 'cifar_2class_py2.p',
  fingerprint: '0a1b2c3d',
  trainCount: 10000,
  testCount: 2000,
  classNames: ['cat', 'dog'],
  classes: 'all',
  testFraction: null
}

/** One epoch's row from its losses and accuracies (seconds 0.5). */
export function row(epoch: number, trainLoss: number, testLoss: number, trainAccuracy = 0.8, testAccuracy = 0.75): EpochMetrics {
  return { epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, seconds: 0.5 }
}

/** A history from pairs [trainLoss, testLoss], epochs 1, 2, … */
export function historyOf(losses: readonly (readonly [number, number])[], accuracies: readonly number[] = []): EpochMetrics[] {
  return losses.map(([train, test], i) => row(i + 1, train, test, 0.8, accuracies[i] ?? 0.75))
}

export interface RunOptions {
  readonly id?: string
  readonly settings?: Partial<RunSettings>
  readonly dataset?: Partial<RunDataset>
  readonly history?: readonly EpochMetrics[]
  readonly sweep?: RunSweepRef | null
}

/** A running manifest with the given history recorded epoch by epoch. */
export function manifestOf(o: RunOptions = {}): RunManifest {
  let m = newManifest({
    id: o.id ?? 'k3f9q2',
    name: 'lr 0.01, hidden 15',
    startedAt: '2026-11-30T10:00:00.000Z',
    dataset: { ...DATASET, ...o.dataset },
    settings: { ...SETTINGS, ...o.settings },
    kernel: 'wasm-simd',
    writer: { pid: 4242, host: 'studio' },
    appVersion: '0.1.0',
    sweep: o.sweep ?? null
  })
  for (const e of o.history ?? []) m = withEpoch(m, e, m.seconds + e.seconds + 0.1)
  return m
}

/** Payloads for component tests, shaped like the real API's. */
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { NO_SWEEP } from '../../src/shared/payloads'
import type {
  AppSnapshot, DatasetInfo, EpochMetrics, ModelInfo, Settings, TrainingStatus, WeightsEvent
} from '../../src/shared/ipc'

export const SETTINGS: Settings = {
  hyperparameters: SEED_DEFAULTS,
  threads: 0,
  theme: 'system',
  weightView: { normalisation: 'tile', zoom: 3, sort: 'unit' },
  studioTab: 'training',
  recentDatasets: [],
  windowBounds: null
}

export const DEMO: DatasetInfo = {
  name: 'Demo: day and night landscapes',
  origin: 'demo',
  path: null,
  inputs: 3072,
  image: { width: 32, height: 32, channels: 3 },
  trainCount: 2000,
  testCount: 500,
  testWasSplitOff: false,
  options: { classes: 'all', testFraction: 0.2 },
  sourceClassNames: ['night', 'day'],
  classes: [
    { index: 0, name: 'night', train: 1000, test: 250 },
    { index: 1, name: 'day', train: 1000, test: 250 }
  ],
  samples: { perClass: 0, pixels: new Uint8Array(0), labels: new Uint8Array(0) }
}

export function status(patch: Partial<TrainingStatus> = {}): TrainingStatus {
  return {
    state: 'idle', runId: 0, epoch: 0, targetEpoch: 0, batch: 0, batchesPerEpoch: 10,
    hasDataset: true, hasNetwork: false, unsavedChanges: false, settings: null, config: null, recordId: null,
    ...patch
  }
}

export function snapshot(patch: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    info: { version: '0.0.0-test', mode: 'browser', nativeDialogs: false, cpuCount: 4 },
    settings: SETTINGS,
    training: status({ hasDataset: false }),
    dataset: null,
    model: null,
    weights: null,
    history: [],
    notices: [],
    sweep: NO_SWEEP,
    ...patch
  }
}

export function metrics(epoch: number, testAccuracy = 0.5 + epoch / 20): EpochMetrics {
  return { epoch, trainLoss: 1 / (epoch + 1), trainAccuracy: testAccuracy + 0.02, testLoss: 1.1 / (epoch + 1), testAccuracy, seconds: 0.5 }
}

/** A first layer of `units` units whose weight k of unit u is sin(u + k / 100). */
export function weights(units: number, runId = 1, reason: WeightsEvent['reason'] = 'live'): WeightsEvent {
  const W = new Float32Array(units * 3072)
  for (let u = 0; u < units; u++) for (let k = 0; k < 3072; k++) W[u * 3072 + k] = Math.sin(u + k / 100)
  return {
    runId, epoch: 1, batch: 0, reason,
    first: { rows: units, cols: 3072, W, b: new Float32Array(units) },
    second: { rows: 1, cols: units, W: new Float32Array(units).fill(0.1), b: new Float32Array(1) },
    stats: [],
    scaling: 'centre'
  }
}

export function model(history: readonly EpochMetrics[]): ModelInfo {
  return {
    name: 'night-day.safetensors', kind: 'model', inputs: 3072, hidden: [7], activation: 'tanh', classes: 2,
    classNames: ['night', 'day'], hyperparameters: { ...SEED_DEFAULTS, hidden: [7], activation: 'tanh', epochs: 3 },
    history, appVersion: '0.1.0', parameterCount: 21520, mismatch: null
  }
}

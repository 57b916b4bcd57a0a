// Manifests for the run store's tests, and the UserError an awaited call rejects with.
import { hostname } from 'node:os'
import { expect } from 'vitest'
import { UserError } from '../../src/core/errors'
import { SEED_DEFAULTS, type EpochMetrics } from '../../src/core/nn/hyperparameters'
import { RUN_SCHEMA_VERSION } from '../../src/core/runs/types'
import type { RunStart } from '../../src/node/runs/recorder'
import type { NewRunManifest } from '../../src/node/runs/store'

export function epochOf(epoch: number, testLoss = 1 / epoch): EpochMetrics {
  return { epoch, trainLoss: 0.9 / epoch, trainAccuracy: 0.5 + epoch / 100, testLoss, testAccuracy: 0.5 + epoch / 200, seconds: 0.5 }
}

/** A finished run of `epochs` epochs, started at `startedAt`, written by this process. */
export function sampleRun(overrides: Partial<NewRunManifest> = {}, epochs = 2): NewRunManifest {
  const history = Array.from({ length: epochs }, (_, i) => epochOf(i + 1))
  const last = history.at(-1)
  const metrics = last ? { trainLoss: last.trainLoss, trainAccuracy: last.trainAccuracy, testLoss: last.testLoss, testAccuracy: last.testAccuracy } : null
  return {
    schema: RUN_SCHEMA_VERSION,
    name: 'lr 0.01',
    startedAt: '2025-01-02T03:04:05.000Z',
    endedAt: '2025-01-02T03:05:05.000Z',
    status: 'finished',
    dataset: { name: 'demo', fingerprint: 'ab12', trainCount: 100, testCount: 20, classNames: ['night', 'day'], classes: 'all', testFraction: null },
    settings: { ...SEED_DEFAULTS, threads: 2 },
    kernel: 'ts',
    history,
    best: last ? { epoch: last.epoch, ...metrics! } : null,
    final: metrics,
    seconds: epochs * 0.6,
    continuedFrom: null,
    sweep: null,
    writer: { pid: process.pid, host: hostname() },
    appVersion: '0.1.0',
    ...overrides
  }
}

export async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

/** What a training process knows when a run starts, as RunRecorder.start takes it. */
export function sampleStart(overrides: Partial<RunStart> = {}): RunStart {
  const { name, dataset, settings, kernel, appVersion } = sampleRun()
  return { name, dataset, settings, kernel, appVersion, ...overrides }
}

/** Sweeps as the training process reports them ('sweep:state'), for the sweep view's tests. */
import { SEED_DEFAULTS, type EpochMetrics } from '../../../src/core/nn/hyperparameters'
import type { SweepSetting, SweepSpec, SweepValue } from '../../../src/core/runs/types'
import type { SweepRunState, SweepRunStatus, SweepStatus } from '../../../src/shared/payloads'

/** `epochs` epochs whose test accuracy climbs to `top` (the last epoch best by test loss). */
export function climb(epochs: number, top: number): EpochMetrics[] {
  return Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1
    return { epoch, trainLoss: 0.8 / (epoch + 1), trainAccuracy: top + 0.02, testLoss: 1 / (epoch + 1), testAccuracy: top - 0.04 * (epochs - epoch), seconds: 0.5 }
  })
}

export interface SweepRunOptions {
  readonly runId: number
  readonly values: readonly SweepValue[]
  readonly repeat?: number
  readonly state?: SweepRunState
  readonly history?: readonly EpochMetrics[]
  readonly epochs?: number
  readonly problem?: string | null
  readonly recordId?: string | null
}

export function sweepRun(axes: readonly SweepSetting[], o: SweepRunOptions): SweepRunStatus {
  const settings: Record<string, unknown> = { ...SEED_DEFAULTS, epochs: o.epochs ?? 3, threads: 1, seed: 1 + (o.repeat ?? 0) }
  axes.forEach((a, i) => { settings[a] = o.values[i] })
  return {
    runId: o.runId,
    recordId: o.recordId === undefined ? `r${String(o.runId).padStart(5, '0')}` : o.recordId,
    settings: settings as unknown as SweepRunStatus['settings'],
    values: o.values,
    repeat: o.repeat ?? 0,
    state: o.state ?? 'waiting',
    history: o.history ?? [],
    problem: o.problem ?? null
  }
}

export function sweepStatus(axes: readonly SweepSetting[], runs: readonly SweepRunStatus[], patch: Partial<SweepStatus> = {}): SweepStatus {
  const spec: SweepSpec = {
    axes: axes.map((setting) => ({ setting, values: { kind: 'list', values: [...new Set(runs.map((r) => r.values[axes.indexOf(setting)]))] } })),
    mode: { kind: 'grid' }, repeats: Math.max(1, ...runs.map((r) => r.repeat + 1)), halving: null, parallel: 0
  }
  return { id: 'sw0001', state: 'running', spec, axes, runs, parallel: 2, threadsPerRun: 1, seconds: 4, ...patch }
}

/** The e2e's sweep in small: learning rate 0.01, 0.05, 0.1 × hidden 4, 8, two seeds each, finished. */
export function finishedGrid(): SweepStatus {
  const axes: SweepSetting[] = ['learningRate', 'hidden']
  const tops: Record<string, number> = { '0.01/4': 0.8, '0.01/8': 0.82, '0.05/4': 0.86, '0.05/8': 0.9, '0.1/4': 0.84, '0.1/8': 0.85 }
  const runs: SweepRunStatus[] = []
  let id = 1
  for (const lr of [0.01, 0.05, 0.1]) {
    for (const h of [4, 8]) {
      for (const repeat of [0, 1]) {
        runs.push(sweepRun(axes, { runId: id++, values: [lr, [h]], repeat, state: 'finished', history: climb(3, tops[`${lr}/${h}`] + (repeat ? 0.01 : 0)) }))
      }
    }
  }
  return sweepStatus(axes, runs, { state: 'finished', seconds: 24 })
}

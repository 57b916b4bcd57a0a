/** Recorded runs as the store lists them, for the Runs tab's tests. */
import { SEED_DEFAULTS, type EpochMetrics } from '../../../src/core/nn/hyperparameters'
import { bestEpoch, finalMetrics } from '../../../src/core/runs/summary'
import { RUN_SCHEMA_VERSION, type RunList, type RunManifest, type RunRecord, type RunSettings } from '../../../src/core/runs/types'

/** A history of `epochs` epochs whose test accuracy climbs to `top`; with `overfitFrom`, test loss rises from that epoch on while training loss keeps falling. */
export function historyOf(epochs: number, top = 0.8, overfitFrom: number | null = null): EpochMetrics[] {
  return Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1
    const rising = overfitFrom !== null && epoch >= overfitFrom
    const testLoss = rising ? 0.5 + 0.05 * (epoch - overfitFrom! + 1) : 1 / (epoch + 1)
    return { epoch, trainLoss: 0.9 / (epoch + 1), trainAccuracy: top + 0.05, testLoss, testAccuracy: top - 0.1 / epoch, seconds: 1.5 }
  })
}

export interface RunOptions {
  readonly id: string
  readonly name?: string
  readonly startedAt?: string
  readonly settings?: Partial<RunSettings>
  readonly history?: readonly EpochMetrics[]
  readonly status?: RunManifest['status']
  readonly starred?: boolean
  readonly bytes?: number
  readonly fingerprint?: string
}

export function record(o: RunOptions): RunRecord {
  const history = o.history ?? historyOf(3)
  const manifest: RunManifest = {
    schema: RUN_SCHEMA_VERSION,
    id: o.id,
    name: o.name ?? `run ${o.id}`,
    startedAt: o.startedAt ?? '2026-11-30T10:00:00.000Z',
    endedAt: '2026-11-30T10:01:00.000Z',
    status: o.status ?? 'finished',
    dataset: { name: 'demo', fingerprint: o.fingerprint ?? 'ab12', trainCount: 100, testCount: 20, classNames: ['night', 'day'], classes: 'all', testFraction: null },
    settings: { ...SEED_DEFAULTS, threads: 2, ...o.settings },
    kernel: 'wasm-simd',
    history,
    best: bestEpoch(history),
    final: finalMetrics(history),
    seconds: history.reduce((s, m) => s + m.seconds, 0),
    continuedFrom: null,
    sweep: null,
    writer: { pid: 1, host: 'here' },
    appVersion: '0.1.0'
  }
  return { id: o.id, ok: true, status: manifest.status, name: manifest.name, starred: o.starred ?? false, manifest, hasModel: true, bytes: o.bytes ?? 1_500_000 }
}

export function damaged(id: string, problem = 'its run.json is not JSON (unexpected end of the file).'): RunRecord {
  return { id, ok: false, problem, bytes: 300 }
}

export function runList(runs: readonly RunRecord[], folder = '/home/ada/.config/nn-scratch/runs'): RunList {
  return { runs, bytes: runs.reduce((s, r) => s + r.bytes, 0), folder }
}

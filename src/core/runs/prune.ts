/**
 * "Delete all but the starred and the best of each sweep" (docs/runs.md): which runs a clean-up
 * offers for deletion, and the bytes that frees. Kept: the studio's current run, any run that is
 * training, the starred runs, and per sweep its best run, both by best test loss (the design's
 * rule) and by the rule the sweep's results highlight (sweepStats.bestRun: highest best test
 * accuracy), so the run a user was shown as best is never offered. A run that cannot be read is
 * kept too: it may be a newer NN Scratch's, or starred, and is deleted only by name.
 * Everything else is offered, in the order of the list.
 */
import type { RunManifest, RunRecord } from './types'
import { bestRun } from './sweepStats'

/** Why runs are kept, each run under the first reason that applies (in this order). */
export interface PruneKept {
  readonly current: readonly string[]
  readonly running: readonly string[]
  readonly starred: readonly string[]
  readonly bestOfSweep: readonly string[]
  readonly damaged: readonly string[]
}

export interface PrunePlan {
  /** the runs to offer for deletion, in the list's order. */
  readonly ids: readonly string[]
  /** the bytes they take. */
  readonly bytes: number
  readonly kept: PruneKept
}

type Readable = Extract<RunRecord, { ok: true }>

/** Lower best test loss first; on a tie higher best test accuracy, then the earlier start, then the id. */
function betterByLoss(a: RunManifest, b: RunManifest): boolean {
  const [x, y] = [a.best!, b.best!]
  if (x.testLoss !== y.testLoss) return x.testLoss < y.testLoss
  if (x.testAccuracy !== y.testAccuracy) return x.testAccuracy > y.testAccuracy
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt
  return a.id < b.id
}

/** The ids of each sweep's best runs (see the header). */
function bestOfSweeps(records: readonly Readable[]): Set<string> {
  const sweeps = new Map<string, Readable[]>()
  for (const r of records) {
    const id = r.manifest.sweep?.id
    if (id !== undefined && r.manifest.best !== null) sweeps.set(id, [...(sweeps.get(id) ?? []), r])
  }
  const keep = new Set<string>()
  for (const runs of sweeps.values()) {
    // by the start, so that the results' tie rule (the earlier run) picks the same run here
    const ordered = [...runs].sort((a, b) => (a.manifest.startedAt < b.manifest.startedAt ? -1 : a.manifest.startedAt > b.manifest.startedAt ? 1 : 0))
    let byLoss = ordered[0]
    for (const r of ordered) if (betterByLoss(r.manifest, byLoss.manifest)) byLoss = r
    keep.add(byLoss.id)
    const shown = bestRun(ordered.map((r) => ({ values: r.manifest.sweep!.values, repeat: r.manifest.sweep!.repeat, best: r.manifest.best, final: r.manifest.final })))
    if (shown !== null) keep.add(ordered[shown].id)
  }
  return keep
}

/** What a clean-up of `records` deletes and keeps; `keep.current` is the studio's current run's id. */
export function prunePlan(records: readonly RunRecord[], keep: { readonly current: string | null }): PrunePlan {
  const best = bestOfSweeps(records.filter((r): r is Readable => r.ok))
  const kept = { current: [] as string[], running: [] as string[], starred: [] as string[], bestOfSweep: [] as string[], damaged: [] as string[] }
  const ids: string[] = []
  let bytes = 0
  for (const r of records) {
    if (r.id === keep.current) kept.current.push(r.id)
    else if (!r.ok) kept.damaged.push(r.id)
    else if (r.status === 'running') kept.running.push(r.id)
    else if (r.starred) kept.starred.push(r.id)
    else if (best.has(r.id)) kept.bestOfSweep.push(r.id)
    else {
      ids.push(r.id)
      bytes += r.bytes
    }
  }
  return { ids, bytes, kept }
}

import { describe, expect, it } from 'vitest'
import { prunePlan } from '../../../src/core/runs/prune'
import type { RunManifest, RunRecord, RunStatus } from '../../../src/core/runs/types'
import { historyOf, manifestOf } from './fixtures'

interface R { id: string; sweep?: string; testLoss?: number; accuracy?: number; starred?: boolean; status?: RunStatus; started?: string; bytes?: number }

function record(r: R): RunRecord {
  const base = manifestOf({
    id: r.id,
    history: r.testLoss === undefined ? [] : historyOf([[0.5, r.testLoss]], [r.accuracy ?? 0.8]),
    sweep: r.sweep ? { id: r.sweep, axes: ['learningRate'], values: [0.01], repeat: 0, halted: false } : null
  })
  const manifest: RunManifest = { ...base, startedAt: r.started ?? base.startedAt }
  return { id: r.id, ok: true, status: r.status ?? 'finished', name: manifest.name, starred: r.starred ?? false, manifest, hasModel: true, bytes: r.bytes ?? 1000 }
}

describe('prunePlan', () => {
  it('keeps the starred, the best of each sweep, what trains and the current run; offers the rest with its size', () => {
    const records = [
      record({ id: 'aaaaa1', bytes: 10 }),
      record({ id: 'aaaaa2', starred: true }),
      record({ id: 'aaaaa3', status: 'running' }),
      record({ id: 'aaaaa4', status: 'interrupted', bytes: 20 }),
      record({ id: 'sw0001', sweep: 's1', testLoss: 0.5, bytes: 300 }),
      record({ id: 'sw0002', sweep: 's1', testLoss: 0.4 }),
      record({ id: 'sw0003', sweep: 's1', testLoss: 0.45, bytes: 500 }),
      record({ id: 'sw0004', sweep: 's2', testLoss: 0.9 }),
      { id: 'broken', ok: false, problem: 'Its run.json is damaged', bytes: 7 } as RunRecord,
      record({ id: 'mine01', bytes: 4000 })
    ]
    const plan = prunePlan(records, { current: 'mine01' })
    expect(plan.ids).toEqual(['aaaaa1', 'aaaaa4', 'sw0001', 'sw0003'])
    expect(plan.bytes).toBe(10 + 20 + 300 + 500)
    expect(plan.kept).toEqual({ current: ['mine01'], running: ['aaaaa3'], starred: ['aaaaa2'], bestOfSweep: ['sw0002', 'sw0004'], damaged: ['broken'] })
  })

  it('keeps the run the sweep\'s results show as best (highest accuracy) beside the lowest loss', () => {
    const records = [
      record({ id: 'sw0001', sweep: 's1', testLoss: 0.40, accuracy: 0.78 }),
      record({ id: 'sw0002', sweep: 's1', testLoss: 0.42, accuracy: 0.81 }),
      record({ id: 'sw0003', sweep: 's1', testLoss: 0.45, accuracy: 0.80 })
    ]
    const plan = prunePlan(records, { current: null })
    expect(plan.ids).toEqual(['sw0003'])
    expect(plan.kept.bestOfSweep).toEqual(['sw0001', 'sw0002'])
  })

  it('on a tie keeps the earlier run', () => {
    const records = [
      record({ id: 'sw0002', sweep: 's1', testLoss: 0.4, started: '2026-11-30T10:05:00Z' }),
      record({ id: 'sw0001', sweep: 's1', testLoss: 0.4, started: '2026-11-30T10:00:00Z' })
    ]
    expect(prunePlan(records, { current: null }).ids).toEqual(['sw0002'])
  })

  it('keeps nothing for a sweep whose runs all blew up, and offers nothing from an empty store', () => {
    expect(prunePlan([record({ id: 'sw0001', sweep: 's1' })], { current: null }).ids).toEqual(['sw0001'])
    expect(prunePlan([], { current: null })).toEqual({ ids: [], bytes: 0, kept: { current: [], running: [], starred: [], bestOfSweep: [], damaged: [] } })
  })
})

/** The batch-loss buffer and the chart record that fills it from progress events, without a DOM. */
import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import { BatchLosses } from '../../src/renderer/src/charts/batchLosses'
import { withAlpha } from '../../src/renderer/src/charts/chartTheme'
import { createChartRecord } from '../../src/renderer/src/composables/useChartRecord'
import { fakeStudio, progress } from './fakeStudio'
import { status } from './fixtures'

const seen = (b: BatchLosses): number[] => Array.from(b.values.subarray(0, b.count))

describe('BatchLosses', () => {
  it('puts each loss at its run-wide batch number and grows as needed', () => {
    const b = new BatchLosses()
    b.add(1, 0, Float32Array.from([0.5, 0.25]), 10)
    b.add(1, 2, Float32Array.from([0.125]), 10)
    expect(seen(b)).toEqual([0.5, 0.25, 0.125])
    expect([b.first, b.batchesPerEpoch]).toEqual([0, 10])
    b.add(1, 5000, Float32Array.from([1]), 10)
    expect(b.count).toBe(5001)
    expect(b.values.length).toBeGreaterThanOrEqual(5001)
    expect(b.values[4000]).toBeNaN()
    expect(b.values[5000]).toBe(1)
  })

  it('starts afresh for another run, and remembers where a page that came in late began', () => {
    const b = new BatchLosses()
    b.add(1, 0, Float32Array.from([0.5]), 10)
    const version = b.version
    b.add(2, 30, Float32Array.from([0.75, 0.5]), 10)
    expect(b.version).toBeGreaterThan(version)
    expect([b.runId, b.first, b.count]).toEqual([2, 30, 32])
    expect(b.values[0]).toBeNaN()
  })
})

describe('the chart record', () => {
  it('collects every batch loss of the run and drops them when a new run starts', () => {
    const { session } = fakeStudio()
    const scope = effectScope(true)
    const record = scope.run(() => createChartRecord(session))!
    session.progress.value = progress(1, 0, [0.7, 0.6, 0.5])
    session.progress.value = progress(1, 3, [0.4])
    expect(seen(record.batches)).toEqual([0.7, 0.6, 0.5, 0.4].map((v) => Math.fround(v)))
    expect(record.version.value).toBe(record.batches.version)
    session.status.value = status({ state: 'running', runId: 2, batchesPerEpoch: 10, targetEpoch: 5 })
    expect(record.batches.count).toBe(0)
    expect(record.plannedEpochs.value).toBe(5)
    scope.stop()
  })

  it('places the divergence mark in epochs', () => {
    const { session } = fakeStudio()
    const scope = effectScope(true)
    const record = scope.run(() => createChartRecord(session))!
    expect(record.divergedX.value).toBeNull()
    const d = { runId: 1, epoch: 3, batch: 6, loss: Number.NaN, learningRate: 0.5, message: '' }
    session.divergedAt.value = { ...d, lossIndex: 25 }
    expect(record.divergedX.value).toBeCloseTo(2.6, 9)
    session.divergedAt.value = { ...d, lossIndex: null }
    expect(record.divergedX.value).toBeCloseTo(2.6, 9)
    scope.stop()
  })
})

describe('chart colours', () => {
  it('fade a hex colour', () => {
    expect(withAlpha('#0072b2', 0.3)).toBe('rgba(0, 114, 178, 0.3)')
    expect(withAlpha('#fff', 1)).toBe('rgba(255, 255, 255, 1)')
    expect(withAlpha('rebeccapurple', 0.5)).toBe('rebeccapurple')
  })
})

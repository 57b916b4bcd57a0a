/** A run's batch losses matched to its epochs: each epoch handed on once its last batch's loss has come. */
import { describe, expect, it } from 'vitest'
import type { EpochMetrics } from '../../../src/core/nn/hyperparameters'
import { EpochLosses, type TimedEpoch } from '../../../src/node/runs/epochLosses'

const epoch = (n: number): TimedEpoch => ({
  metrics: { epoch: n, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, seconds: n } satisfies EpochMetrics,
  seconds: n
})

function collect(l: EpochLosses, all = false): [number, number[]][] {
  const out: [number, number[]][] = []
  l.take(all, (e, losses) => out.push([e.metrics.epoch, Array.from(losses)]))
  return out
}

describe('EpochLosses', () => {
  it('waits for the losses of an epoch’s last batch, then hands the epoch on with its own batches', () => {
    const l = new EpochLosses()
    l.setBatchesPerEpoch(3)
    l.addLosses(0, [1, 2])
    l.addEpoch(epoch(1))
    expect(collect(l)).toEqual([])
    l.addLosses(2, [3, 4])
    expect(collect(l)).toEqual([[1, [1, 2, 3]]])
    l.addLosses(4, [5, 6])
    l.addEpoch(epoch(2))
    expect(collect(l)).toEqual([[2, [4, 5, 6]]])
    expect(Array.from(l.handedOn(new Float32Array(0)))).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('numbers a carried-on run’s batches from its history, and hands on what came at the end', () => {
    const l = new EpochLosses()
    l.setBatchesPerEpoch(2)
    // two epochs carried on: the run's own batches start at run-wide batch 4
    l.addLosses(4, [0.5])
    l.addEpoch(epoch(3))
    expect(collect(l)).toEqual([])
    expect(collect(l, true)).toEqual([[3, [0.5]]])
    expect(Array.from(l.handedOn(Float32Array.of(9, 9, 9, 9)))).toEqual([9, 9, 9, 9, 0.5])
  })

  it('keeps losses not yet handed on out of what a continuing run starts with', () => {
    const l = new EpochLosses()
    l.setBatchesPerEpoch(2)
    l.addLosses(0, [1, 2, 3])
    l.addEpoch(epoch(1))
    expect(collect(l)).toEqual([[1, [1, 2]]])
    expect(Array.from(l.handedOn(Float32Array.of(7)))).toEqual([7, 1, 2])
  })
})

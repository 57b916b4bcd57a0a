import { describe, expect, it } from 'vitest'
import { describeMetrics, pointOf } from '../../src/renderer/src/charts/metricSeries'
import { describeNetwork } from '../../src/renderer/src/forms/networkSummary'
import { describeStatus } from '../../src/renderer/src/status/describeStatus'
import type { ProgressEvent } from '../../src/shared/ipc'
import { DEMO, metrics, status } from './fixtures'

function progress(epoch: number, batch: number, targetEpoch = 4, batches = 10): ProgressEvent {
  return { runId: 0, epoch, targetEpoch, batch, batches, loss: 0.5, losses: new Float32Array(1), firstBatch: 0, examplesPerSecond: 2500.4, epochSeconds: 1, elapsedSeconds: 2 }
}

describe('status line', () => {
  it('says what to do next when nothing runs', () => {
    expect(describeStatus(null, null, null, [])).toBe('Connecting…')
    expect(describeStatus(status({ hasDataset: false }), null, null, [])).toBe('Open a dataset, or use the demo, to begin.')
    expect(describeStatus(status(), null, DEMO, [])).toMatch(/^Ready to train on Demo/)
    expect(describeStatus(status({ hasNetwork: true, epoch: 1 }), null, DEMO, [metrics(1, 0.9)]))
      .toBe('The network has trained 1 epoch. Test accuracy 90.0\u00a0%. Press Train for a new run, or Continue to train it further.')
  })

  it('counts epochs and batches while running, paused and when finished', () => {
    expect(describeStatus(status({ state: 'running', targetEpoch: 4 }), progress(2, 5), DEMO, [])).toBe('Training: epoch 2 of 4, batch 5 of 10.')
    expect(describeStatus(status({ state: 'running', targetEpoch: 4 }), null, DEMO, [])).toBe('Training: starting epoch 1 of 4…')
    // progress of an earlier run is not this run's
    expect(describeStatus(status({ state: 'running', runId: 2, targetEpoch: 4 }), progress(2, 5), DEMO, [])).toBe('Training: starting epoch 1 of 4…')
    expect(describeStatus(status({ state: 'paused', epoch: 1, targetEpoch: 4, batch: 3 }), null, DEMO, []))
      .toBe('Paused at epoch 2 of 4, batch 3 of 10. Press Resume to carry on.')
    expect(describeStatus(status({ state: 'paused', epoch: 2, targetEpoch: 4, batch: 0 }), null, DEMO, []))
      .toBe('Paused at epoch 2 of 4, after its last batch. Press Resume to carry on.')
    expect(describeStatus(status({ state: 'finished', epoch: 4, targetEpoch: 4, hasNetwork: true }), null, DEMO, [metrics(4, 0.925)]))
      .toBe('Finished: trained 4 epochs. Test accuracy 92.5\u00a0%.')
  })
})

describe('chart series', () => {
  it('plots accuracy in percent and leaves a gap for a loss that is not a number', () => {
    const m = { ...metrics(3, 0.8), trainLoss: Number.NaN }
    expect(pointOf(m, 'testAccuracy')).toEqual({ x: 3, y: 80 })
    expect(pointOf(m, 'testLoss')).toEqual({ x: 3, y: m.testLoss })
    expect(pointOf(m, 'trainLoss')).toBeNull()
  })

  it('describes the chart in a sentence', () => {
    expect(describeMetrics([])).toMatch(/^No epochs yet/)
    expect(describeMetrics([metrics(1, 0.7), { ...metrics(2, 0.75), testLoss: Number.NaN }]))
      .toBe('2 epochs so far. After epoch 2: test accuracy 75.0 %, train accuracy 77.0 %, test loss not a number, train loss 0.3333.')
  })

  it('says the training figures are a sample\'s only when they are', () => {
    expect(describeMetrics([{ ...metrics(1, 0.7), trainMeasured: 2000 }]))
      .toMatch(/train loss [\d.]+\. Training figures are measured on a sample of 2,000 training pictures\.$/)
    expect(describeMetrics([metrics(1, 0.7)])).not.toContain('sample')
  })
})

describe('network summary', () => {
  it('names the layers and counts the weights and biases', () => {
    expect(describeNetwork(3072, [15], 'relu', 2)).toBe('3,072 inputs → 15 hidden (ReLU) → 1 output (sigmoid) · 46,111 weights and biases')
    // (3072 + 1)·100 + (100 + 1)·50 + (50 + 1)·10
    expect(describeNetwork(3072, [100, 50], 'tanh', 10)).toBe('3,072 inputs → 100 → 50 hidden (tanh) → 10 outputs (softmax) · 312,860 weights and biases')
  })
})

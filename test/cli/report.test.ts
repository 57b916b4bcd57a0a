import { describe, expect, it } from 'vitest'
import { formatEpoch } from '../../src/cli/report'
import type { EpochMetrics } from '../../src/core/nn/hyperparameters'
import { cli } from './helpers'

const EPOCH: EpochMetrics = { epoch: 3, trainLoss: 0.41234, trainAccuracy: 0.8123, testLoss: 0.5, testAccuracy: 0.75, seconds: 1.5 }

describe('formatEpoch', () => {
  it('says on how many training pictures the training figures were measured, only when a sample', () => {
    expect(formatEpoch(EPOCH, 10, 10_000)).toBe('Epoch  3/10  train loss 0.4123  accuracy  81.2%   test loss 0.5000  accuracy  75.0%   1.50 s\n')
    expect(formatEpoch({ ...EPOCH, trainMeasured: 2000 }, 10, 10_000))
      .toBe('Epoch  3/10  train loss 0.4123  accuracy  81.2% (2,000 of 10,000 pictures)   test loss 0.5000  accuracy  75.0%   1.50 s\n')
    expect(formatEpoch({ ...EPOCH, trainMeasured: 2000 }, 10)).toContain('accuracy  81.2% (2,000 pictures)   test loss')
  })
})

describe('train on more than 2,000 training pictures', () => {
  it('prints the training sample beside each epoch\'s training figures, and "trainMeasured" with --json', async () => {
    const text = await cli('train', '--hidden', '2', '--epochs', '1', '--no-record')
    expect(text.code, text.err).toBe(0)
    expect(text.out).toMatch(/^Epoch 1\/1 {2}train loss [\d.]+ {2}accuracy +[\d.]+% \(2,000 of 10,000 pictures\) {3}test loss /)
    const json = await cli('train', '--hidden', '2', '--epochs', '1', '--no-record', '--json')
    expect(json.code, json.err).toBe(0)
    expect(JSON.parse(json.out).trainMeasured).toBe(2000)
  })
})

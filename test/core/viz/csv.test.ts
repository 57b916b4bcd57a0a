import { describe, expect, it } from 'vitest'
import { batchCsv, csvNumber, epochCsv } from '../../../src/core/viz/csv'

describe('CSV of the charts', () => {
  it('writes numbers with a float32’s digits and NaN as such', () => {
    expect(csvNumber(Math.fround(0.1))).toBe('0.1')
    expect(csvNumber(0.123456789)).toBe('0.1234568')
    expect(csvNumber(3)).toBe('3')
    expect(csvNumber(Number.NaN)).toBe('NaN')
    expect(csvNumber(-Infinity)).toBe('-Infinity')
  })

  it('writes one line per epoch under a header', () => {
    const csv = epochCsv([
      { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.55, testAccuracy: 0.75, seconds: 1.25 },
      { epoch: 2, trainLoss: Number.NaN, trainAccuracy: 0.5, testLoss: 0.6, testAccuracy: 0.5, seconds: 1 }
    ])
    expect(csv).toBe('epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n1,0.5,0.8,0.55,0.75,1.25\n2,NaN,0.5,0.6,0.5,1\n')
    expect(epochCsv([])).toBe('epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n')
  })

  it('adds how many training pictures were measured only when the training figures were a sample\'s', () => {
    const csv = epochCsv([
      { epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.55, testAccuracy: 0.75, seconds: 1.25 },
      { epoch: 2, trainLoss: 0.4, trainAccuracy: 0.85, testLoss: 0.6, testAccuracy: 0.5, seconds: 1, trainMeasured: 2000 }
    ])
    expect(csv).toBe('epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,train_pictures_measured\n1,0.5,0.8,0.55,0.75,1.25,\n2,0.4,0.85,0.6,0.5,1,2000\n')
  })

  it('writes each batch seen with its epoch, and the smoothed loss when asked', () => {
    const losses = new Float32Array([Number.NaN, 0.75, 0.5, 0.25, 9])
    const csv = batchCsv({ losses, count: 4, first: 1, batchesPerEpoch: 2, smoothed: new Float32Array([0, 0.75, 0.625, 0.5]) })
    expect(csv).toBe('batch,epoch,batch_in_epoch,loss,smoothed_loss\n2,1,2,0.75,0.75\n3,2,1,0.5,0.625\n4,2,2,0.25,0.5\n')
    expect(batchCsv({ losses, count: 1, first: 0, batchesPerEpoch: 5, smoothed: null })).toBe('batch,epoch,batch_in_epoch,loss\n1,1,1,NaN\n')
    expect(() => batchCsv({ losses, count: 1, first: 0, batchesPerEpoch: 0, smoothed: null })).toThrow(RangeError)
  })
})

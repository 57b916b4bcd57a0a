import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { demoDataset } from '../../../src/core/data/demo'
import { datasetFingerprint, runDataset } from '../../../src/core/runs/datasetRecord'

function tiny(trainX: number[], trainY: number[], testX: number[], testY: number[], splitOff = false): Dataset {
  return {
    name: 'tiny', inputs: 1, image: null, classNames: ['a', 'b'],
    train: { x: Uint8Array.from(trainX), y: Uint8Array.from(trainY), count: trainY.length },
    test: { x: Uint8Array.from(testX), y: Uint8Array.from(testY), count: testY.length },
    testWasSplitOff: splitOff
  }
}

describe('datasetFingerprint', () => {
  it('is 16 hex digits, equal for equal pictures and labels', () => {
    const a = datasetFingerprint(demoDataset({ train: 200, test: 50 }))
    expect(a).toMatch(/^[0-9a-f]{16}$/)
    expect(datasetFingerprint(demoDataset({ train: 200, test: 50 }))).toBe(a)
  })

  it('changes with one pixel, one label, or a picture moved from one split to the other', () => {
    const base = datasetFingerprint(tiny([1, 2, 3], [0, 1, 0], [4], [1]))
    expect(datasetFingerprint(tiny([1, 2, 9], [0, 1, 0], [4], [1]))).not.toBe(base)
    expect(datasetFingerprint(tiny([1, 2, 3], [0, 1, 1], [4], [1]))).not.toBe(base)
    expect(datasetFingerprint(tiny([1, 2], [0, 1], [3, 4], [0, 1]))).not.toBe(base)
  })
})

describe('runDataset', () => {
  it('records the split sizes, classes and the test share only when it was split off', () => {
    const d = runDataset(tiny([1, 2, 3], [0, 1, 0], [4], [1]))
    expect(d).toEqual({ name: 'tiny', fingerprint: datasetFingerprint(tiny([1, 2, 3], [0, 1, 0], [4], [1])), trainCount: 3, testCount: 1, classNames: ['a', 'b'], classes: 'all', testFraction: null })
    const split = runDataset(tiny([1], [0], [2], [1], true), { classes: [3, 5] })
    expect(split.testFraction).toBe(0.2)
    expect(split.classes).toEqual([3, 5])
    expect(runDataset(tiny([1], [0], [2], [1], true), { testFraction: 0.3 }).testFraction).toBe(0.3)
  })

  it('records how the pictures of a folder were made 32×32, and nothing of the kind for a dataset file', () => {
    expect(runDataset({ ...tiny([1], [0], [2], [1]), resize: 'squash' }).resize).toBe('squash')
    expect('resize' in runDataset(tiny([1], [0], [2], [1]))).toBe(false)
  })
})

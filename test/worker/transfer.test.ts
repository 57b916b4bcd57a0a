/** What moves between the worker and its reading threads: each buffer once, and no split that drags a bigger buffer along. */
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../src/core/data/dataset'
import { buffersOf, compactDataset, datasetArrays, sourceArrays } from '../../src/worker/transfer'

function dataset(trainX: Uint8Array, testX: Uint8Array): Dataset {
  return {
    name: 'd', inputs: 2, image: null, classNames: ['a', 'b'], testWasSplitOff: false,
    train: { x: trainX, y: new Uint8Array(trainX.length / 2), count: trainX.length / 2 },
    test: { x: testX, y: new Uint8Array(testX.length / 2), count: testX.length / 2 }
  }
}

describe('transfers', () => {
  it('lists every buffer once, never shared memory', () => {
    const big = new Uint8Array(100)
    const shared = new Uint8Array(new SharedArrayBuffer(8))
    expect(buffersOf([big.subarray(0, 10), big.subarray(10, 20), shared])).toEqual([big.buffer])
    const folder = sourceArrays({ kind: 'folder', name: 'f', files: [{ name: 'a', bytes: big }, { name: 'b', bytes: big.subarray(50) }] })
    expect(buffersOf(folder)).toEqual([big.buffer])
    expect(sourceArrays(null)).toEqual([])
  })

  it('copies out a split that is a small view into a big buffer, unless that buffer travels anyway', () => {
    const archive = new Uint8Array(1000).fill(7)
    const own = new Uint8Array(8).fill(1)
    const ds = dataset(own, archive.subarray(100, 108))
    const compact = compactDataset(ds, [])
    expect(compact.train.x).toBe(own)
    expect(compact.test.x).not.toBe(ds.test.x)
    expect(compact.test.x.buffer.byteLength).toBe(8)
    expect(Array.from(compact.test.x)).toEqual(Array.from(ds.test.x))
    expect(buffersOf(datasetArrays(compact)).reduce((n, b) => n + b.byteLength, 0)).toBe(8 + 4 + 8 + 4)
    // views into the source's bytes stay views: the source is sent back with them
    expect(compactDataset(ds, [archive.buffer]).test.x).toBe(ds.test.x)
  })
})

/**
 * The dataset in use lives in the run host's shared memory (placed once, its pixels held once by
 * the worker); picking classes keeps the full dataset intact, wherever it lived, so that picking
 * all of them again gives back exactly the pictures first read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMALL, WorkerHarness } from '../helpers/workerHarness'

const BATCH = new URL('../fixtures/sample_cifar10_batch_py2', import.meta.url).pathname

let w: WorkerHarness
beforeAll(() => { w = new WorkerHarness() })
afterAll(() => w.dispose())

describe('the dataset in use', () => {
  it('keeps the full dataset’s pictures while classes are picked and runs train on them', async () => {
    const first = await w.open({ source: { kind: 'path', path: BATCH }, options: { classes: 'all', testFraction: 0.5 } })
    expect(first.trainCount + first.testCount).toBe(100)
    for (const classes of [[0, 1], [2, 3, 4]]) {
      const picked = await w.ask('configure-dataset', { options: { classes, testFraction: 0.5 } })
      expect(picked.classes.map((c) => c.name)).toEqual(classes.map((c) => first.sourceClassNames[c]))
      const { runId } = await w.ask('start', { config: { ...SMALL, batchSize: 5, epochs: 1 }, from: 'fresh' })
      await w.untilState('finished', runId)
      const results = await w.ask('evaluate', {})
      expect(results.train.confusion.flat().reduce((a, b) => a + b, 0)).toBe(picked.trainCount)
    }
    const again = await w.ask('configure-dataset', { options: { classes: 'all', testFraction: 0.5 } })
    expect(again.trainCount).toBe(first.trainCount)
    expect(Buffer.from(again.samples.pixels).equals(Buffer.from(first.samples.pixels))).toBe(true)
    expect(Array.from(again.samples.labels)).toEqual(Array.from(first.samples.labels))
  })
})

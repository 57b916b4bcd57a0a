/**
 * A network that does not fit the dataset opened after it (another class count) is set aside:
 * the status says why, a notice says so once, Continue and Step refuse plainly instead of failing
 * inside the trainer, and it can still be saved with its history; on a dataset it fits, it goes on.
 */
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeModel } from '../../src/core/model/modelFile'
import { SMALL, WorkerHarness } from '../helpers/workerHarness'

const TWO = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')
const TEN = resolve(import.meta.dirname, '../fixtures/sample_cifar10.bin')
const QUICK = { ...SMALL, batchSize: 60, epochs: 2 }

let w: WorkerHarness | null = null
afterEach(() => {
  w?.dispose()
  w = null
})

describe('a network that does not fit the dataset in use', () => {
  it('is set aside when a ten-class file is opened after a two-class run: said once, not continued, still saved', async () => {
    w = new WorkerHarness()
    await w.open({ source: { kind: 'path', path: TWO } })
    const { runId } = await w.ask('start', { config: QUICK, from: 'fresh' })
    await w.untilState('finished', runId)
    expect((await w.ask('snapshot', {})).training.networkMismatch ?? null).toBeNull()

    await w.open({ source: { kind: 'path', path: TEN }, options: { classes: 'all', testFraction: 0.2 } })
    const status = (await w.ask('snapshot', {})).training
    expect(status.hasNetwork).toBe(true)
    expect(status.networkMismatch).toMatch(/tells apart 2 classes, but sample_cifar10\.bin has 10, so it is set aside/)
    expect(w.last('state')?.networkMismatch).toBe(status.networkMismatch)
    const told = (): unknown[] => w!.of('notice').filter((n) => n.code === 'network-set-aside')
    expect(told()).toHaveLength(1)

    const refused = await w.refused('start', { config: QUICK, from: 'continue' })
    expect(refused).toEqual({ code: 'model-mismatch', message: status.networkMismatch })
    expect((await w.refused('step', { config: QUICK })).code).toBe('model-mismatch')
    // its start cannot be repeated on this dataset either: said plainly, not by the trainer
    expect(await w.refused('start', { config: QUICK, from: 'same-start' })).toEqual({
      code: 'no-start',
      message: 'The earlier start was made for 2 classes of pictures of 3072 values, and sample_cifar10.bin has 10 classes of 3072. Press Train for a fresh start on this dataset.'
    })

    // another ten-class choice: still set aside, not said again
    await w.ask('configure-dataset', { options: { classes: [0, 1, 2], testFraction: 0.2 } })
    expect((await w.ask('snapshot', {})).training.networkMismatch).toMatch(/has 3/)
    expect(told()).toHaveLength(1)

    // it can still be saved, with its history
    const saved = decodeModel((await w.ask('save-model', { format: 'safetensors' })).bytes)
    expect(saved.network.arch.classes).toBe(2)
    expect(saved.history).toHaveLength(2)

    // two classes of the ten-class file: it fits again and trains further
    await w.ask('configure-dataset', { options: { classes: [0, 1], testFraction: 0.2 } })
    expect((await w.ask('snapshot', {})).training.networkMismatch ?? null).toBeNull()
    await w.ask('start', { config: { ...QUICK, epochs: 1 }, from: 'continue' })
    await w.untilState('finished')
    expect((await w.ask('snapshot', {})).training.epoch).toBe(3)
  }, 60_000)
})

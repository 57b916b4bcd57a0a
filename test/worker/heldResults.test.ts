/**
 * Results of a network without a run (an opened model) come from the run host's copy of the
 * dataset, in a lane, and equal those of an engine of its own; the lane is let go when asked, and
 * while a sweep holds the lanes an engine of its own answers.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { demoDataset } from '../../src/core/data/demo'
import { fitScaling } from '../../src/core/data/scaling'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { freshNetwork } from '../../src/core/training/trainer'
import { RunHost } from '../../src/node/runs/host'
import { evaluate, networkScorer, predictions } from '../../src/node/runs/results'
import { HeldResults, type HeldScoring } from '../../src/worker/heldResults'

const SCRIPT = new URL('../../src/node/runs/laneEntry.ts', import.meta.url)
const hosts: RunHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()))
})

describe('HeldResults', () => {
  it('scores a held network in a lane on the host’s copy of the dataset, as an engine of its own does', async () => {
    const host = new RunHost({ script: SCRIPT, threads: 2 })
    hosts.push(host)
    const data = host.placeDataset(demoDataset({ train: 600, test: 200, seed: 2 }))
    const hyper = { ...SEED_DEFAULTS, hidden: [5], batchSize: 100 }
    const network = freshNetwork(data, hyper)
    const held: HeldScoring = { network, scaling: fitScaling(hyper.scaling, data.train, data.inputs), hyper, data }
    const results = new HeldResults(host)
    const query = { split: 'test' as const, order: 'confident-mistakes' as const, offset: 0, limit: 20 }

    const inLane = await results.evaluate(held, false)
    expect(host.counts.live).toBe(1)
    expect(inLane).toEqual(evaluate(networkScorer(network, held.scaling), data))
    expect(await results.predictions(held, query, false)).toEqual(predictions(networkScorer(network, held.scaling), data, query))
    expect(host.counts.live, 'the same lane answers again').toBe(1)

    await results.release()
    expect(host.counts.live).toBe(0)
    expect(await results.evaluate(held, true), 'while a sweep holds the lanes').toEqual(inLane)
    expect(host.counts.live).toBe(0)
  })
  it('scores a network whose recorded settings training would now refuse (more than 8 hidden layers, 200,000 epochs)', async () => {
    const host = new RunHost({ script: SCRIPT, threads: 2 })
    hosts.push(host)
    const data = host.placeDataset(demoDataset({ train: 300, test: 100, seed: 3 }))
    const hyper = { ...SEED_DEFAULTS, hidden: [4, 4, 4, 4, 4, 4, 4, 4, 4], epochs: 200_000 }
    const network = freshNetwork(data, { ...hyper, epochs: 1 })
    const held: HeldScoring = { network, scaling: fitScaling(hyper.scaling, data.train, data.inputs), hyper, data }
    const results = new HeldResults(host)
    expect(await results.evaluate(held, false)).toEqual(evaluate(networkScorer(network, held.scaling), data))
    const long: HeldScoring = { ...held, hyper: { ...SEED_DEFAULTS, hidden: [5], epochs: 200_000 }, network: freshNetwork(data, { ...SEED_DEFAULTS, hidden: [5] }) }
    expect(await results.evaluate(long, false)).toEqual(evaluate(networkScorer(long.network, long.scaling), data))
  })
})

// Golden parity: the seed network reproduces a PyTorch (float64 autograd) trajectory.
// Inputs are given by formula in test/fixtures/seed_parity.json ("about").
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { fitScaling } from '../../../src/core/data/scaling'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { createNetwork, type Network } from '../../../src/core/nn/network'
import { Trainer } from '../../../src/core/training/trainer'
import { EVERY_KERNEL } from '../../helpers/kernelEngines'

interface GoldenRun {
  config: { examples: number; inputs: number; hidden: number; batchSize: number; epochs: number; learningRate: number; momentum: number; l2: number }
  labels: number[]
  stepLosses: number[]
  final: { W1: { sum: number; sumOfSquares: number; first8: number[] }; b1: number[]; W2: number[]; b2: number[]; fullBatchLoss: number; accuracy: number }
}
const golden = JSON.parse(readFileSync(new URL('../../fixtures/seed_parity.json', import.meta.url), 'utf8')) as {
  tolerance: { relative: number; absolute: number }
  seedConfig: GoldenRun
  fastConfig: GoldenRun
}
const tol = golden.tolerance

function goldenDataset(run: GoldenRun): Dataset {
  const N = run.config.examples
  const x = new Uint8Array(N * 3072)
  for (let n = 0; n < N; n++) for (let k = 0; k < 3072; k++) x[n * 3072 + k] = (n * 131 + k * 71 + ((n * k) % 97)) % 256
  const y = Uint8Array.from(run.labels)
  const split = { x, y, count: N }
  return { name: 'golden', inputs: 3072, image: { width: 32, height: 32, channels: 3 }, classNames: ['0', '1'], train: split, test: split, testWasSplitOff: false }
}

/** W1[i, j] = 0.02 sin(1 + iH + j) in the seed's [inputs, H] orientation; ours is W: [H, inputs]. */
function goldenNetwork(H: number): Network {
  const net = createNetwork({ inputs: 3072, hidden: [H], activation: 'relu', classes: 2 })
  const [l1, l2] = net.layers
  for (let i = 0; i < 3072; i++) for (let j = 0; j < H; j++) l1.W[j * 3072 + i] = 0.02 * Math.sin(1 + i * H + j)
  for (let j = 0; j < H; j++) l1.b[j] = 0.01 * Math.cos(1 + j)
  for (let j = 0; j < H; j++) l2.W[j] = 0.1 * Math.sin(7 + j)
  l2.b[0] = 0
  return net
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= tol.absolute + tol.relative * Math.abs(expected)
}

describe.each(EVERY_KERNEL.flatMap(([name, make]) => (['seedConfig', 'fastConfig'] as const).map((key) => [key, name, make] as const)))('golden parity: %s on %s', (key, _name, makeEngine) => {
  const run = golden[key]
  const c = run.config
  const data = goldenDataset(run)
  const hyper = { ...SEED_DEFAULTS, hidden: [c.hidden], learningRate: c.learningRate, momentum: c.momentum, l2: c.l2, batchSize: c.batchSize, epochs: c.epochs, shuffle: false, scaling: 'scale' as const }
  let trainer: Trainer
  const losses: number[] = []
  beforeAll(async () => {
    const engine = await makeEngine()
    trainer = new Trainer(data, hyper, { initialNetwork: goldenNetwork(c.hidden), scaling: fitScaling('scale', data.train, 3072), engine })
    for (let e = 0; e < c.epochs; e++) trainer.trainEpoch((loss) => losses.push(loss))
  })
  afterAll(() => trainer.engine.dispose())

  it('reproduces every step loss within the file tolerance', () => {
    expect(losses.length).toBe(run.stepLosses.length)
    let worst = 0
    for (let i = 0; i < losses.length; i++) {
      worst = Math.max(worst, Math.abs(losses[i] - run.stepLosses[i]) / Math.abs(run.stepLosses[i]))
      expect(close(losses[i], run.stepLosses[i]), `step ${i}: ${losses[i]} vs ${run.stepLosses[i]}`).toBe(true)
    }
    console.log(`${key}: worst relative step-loss error ${worst.toExponential(2)}`)
  })

  it('ends with the reference weights, full-batch loss and accuracy', () => {
    const [l1, l2] = trainer.net.layers
    const H = c.hidden
    let sum = 0
    let sq = 0
    for (const w of l1.W) { sum += w; sq += w * w }
    expect(Math.abs(sum - run.final.W1.sum)).toBeLessThan(1e-3 * Math.max(1, Math.abs(run.final.W1.sum)))
    expect(close(sq, run.final.W1.sumOfSquares)).toBe(true)
    for (let t = 0; t < 8; t++) {
      const i = Math.floor(t / H)
      const j = t % H
      expect(l1.W[j * 3072 + i]).toBeCloseTo(run.final.W1.first8[t], 5)
    }
    for (let j = 0; j < H; j++) {
      expect(l1.b[j]).toBeCloseTo(run.final.b1[j], 5)
      expect(l2.W[j]).toBeCloseTo(run.final.W2[j], 5)
    }
    expect(l2.b[0]).toBeCloseTo(run.final.b2[0], 5)
    const m = trainer.evaluate(data.train)
    expect(close(m.loss, run.final.fullBatchLoss)).toBe(true)
    expect(m.accuracy).toBeCloseTo(run.final.accuracy, 6)
  })
})

// The engine's first-layer step against finite differences, on every kernel. With momentum 0 one
// full-batch step moves W1 by −η·g, so g = (W1_before − W1_after)/η must be the gradient of the
// objective test/core/nn/gradcheck.test.ts checks backward() against: mean loss + λ/2 Σθ², here
// computed by the reference layers (passes.ts) on x = p·gain + offset, with the pixels' scaling
// folded into the kernels' weights. ReLU also takes the sparse update (about half of dZ1 is zero).
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { affineOf, fitScaling, type Scaling } from '../../../src/core/data/scaling'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { outputLoss } from '../../../src/core/nn/loss'
import { createNetwork, initialise, type Activation, type Network } from '../../../src/core/nn/network'
import { forward } from '../../../src/core/nn/passes'
import { Rng } from '../../../src/core/random/rng'
import { createWorkspace } from '../../../src/core/nn/workspace'
import { Trainer } from '../../../src/core/training/trainer'
import { EVERY_KERNEL } from '../../helpers/kernelEngines'

const INPUTS = 3072
const ROWS = 24
const HIDDEN = 6
const LR = 1
const L2 = 0.01
const EPS = 1e-3
const TOLERANCE = 2e-3
const SAMPLES = 48

function dataset(seed: number): Dataset {
  const rng = new Rng(seed)
  const x = new Uint8Array(ROWS * INPUTS)
  for (let i = 0; i < x.length; i++) x[i] = rng.int(256)
  const y = new Uint8Array(ROWS)
  for (let r = 0; r < ROWS; r++) y[r] = r % 2
  const split = { x, y, count: ROWS }
  return { name: 'gradcheck', inputs: INPUTS, image: { width: 32, height: 32, channels: 3 }, classNames: ['0', '1'], train: split, test: split, testWasSplitOff: false }
}

function network(activation: Activation, seed: number): Network {
  const net = createNetwork({ inputs: INPUTS, hidden: [HIDDEN], activation, classes: 2 })
  initialise(net, 'xavier', seed)
  const rng = new Rng(seed + 1)
  for (const l of net.layers) for (let i = 0; i < l.b.length; i++) l.b[i] = 0.3 * rng.normal()
  return net
}

/** The reference objective on the scaled pixels, and Z1 of its forward. */
function reference(net: Network, data: Dataset, scaling: Scaling) {
  const ws = createWorkspace(net, ROWS)
  const { gain, offset } = affineOf(scaling)
  for (let i = 0; i < ROWS * INPUTS; i++) ws.x[i] = data.train.x[i] * gain[i % INPUTS] + offset[i % INPUTS]
  const rowIndex = Uint32Array.from({ length: ROWS }, (_, i) => i)
  const objective = (): number => {
    forward(net, ws, ROWS)
    const sums = { lossSum: 0, correct: 0 }
    outputLoss(1, ws.z[1], data.train.y, rowIndex, 0, ROWS, null, ROWS, sums)
    let penalty = 0
    for (const l of net.layers) {
      for (const w of l.W) penalty += w * w
      for (const b of l.b) penalty += b * b
    }
    return sums.lossSum / ROWS + (L2 / 2) * penalty
  }
  objective()
  return { objective, z1: ws.z[0] }
}

/** A data set and network with no hidden pre-activation within reach of ReLU's kink (finite differences fail there). */
function setup(activation: Activation) {
  for (let seed = 1; ; seed++) {
    const data = dataset(seed)
    const net = network(activation, seed)
    const scaling = fitScaling('standardise', data.train, INPUTS)
    const { z1 } = reference(net, data, scaling)
    if (activation !== 'relu' || z1.every((z) => Math.abs(z) > 0.005)) return { data, net, scaling, seed }
  }
}

function relativeError(numeric: number, analytic: number): number {
  return Math.abs(numeric - analytic) / Math.max(1e-2, Math.abs(numeric) + Math.abs(analytic))
}

describe.each(EVERY_KERNEL)('the first-layer step on %s', (_name, makeEngine) => {
  for (const activation of ['tanh', 'relu'] as const) {
    it(`descends the finite-difference gradient of W1 (${activation})`, async () => {
      const { data, net, scaling, seed } = setup(activation)
      const before = net.layers[0].W.slice()
      const hyper = { ...SEED_DEFAULTS, hidden: [HIDDEN], activation, learningRate: LR, momentum: 0, l2: L2, batchSize: ROWS, epochs: 1, shuffle: false }
      const engine = await makeEngine()
      try {
        const trainer = new Trainer(data, hyper, { initialNetwork: network(activation, seed), scaling, engine })
        trainer.trainEpoch()
        const after = trainer.net.layers[0].W
        const { objective } = reference(net, data, scaling)
        const W = net.layers[0].W
        const rng = new Rng(99)
        let worst = 0
        let tampered = 0
        for (let s = 0; s < SAMPLES; s++) {
          const i = rng.int(W.length)
          W[i] = before[i] + EPS
          const up = objective()
          W[i] = before[i] - EPS
          const down = objective()
          W[i] = before[i]
          const numeric = (up - down) / (2 * EPS)
          const stepped = (before[i] - after[i]) / LR
          worst = Math.max(worst, relativeError(numeric, stepped))
          tampered = Math.max(tampered, relativeError(numeric, 1.25 * stepped))
        }
        expect(worst).toBeLessThan(TOLERANCE)
        // the check has teeth: a gradient a quarter too large fails it
        expect(tampered).toBeGreaterThan(TOLERANCE)
      } finally {
        engine.dispose()
      }
    })
  }
})

// Finite-difference gradient checks of backward() against the loss it differentiates,
// for every activation, both output kinds, one and two hidden layers, with and without L2.
import { describe, expect, it } from 'vitest'
import { outputLoss } from '../../../src/core/nn/loss'
import { ACTIVATIONS, createNetwork, initialise, type Activation, type Network } from '../../../src/core/nn/network'
import { backward, forward } from '../../../src/core/nn/passes'
import { Rng } from '../../../src/core/random/rng'
import { createWorkspace, type Workspace } from '../../../src/core/nn/workspace'

const INPUTS = 10
const ROWS = 7
const TOLERANCE = 2e-3

/** A random network and batch; for ReLU-like activations, one with no hidden pre-activation
 *  within 0.02 of the kink at 0, where finite differences are not valid. */
function setup(activation: Activation, hidden: number[], classes: number, seed: number) {
  for (let s = seed; ; s += 1000) {
    const c = candidate(activation, hidden, classes, s)
    forward(c.net, c.ws, ROWS)
    let nearKink = false
    for (let l = 0; l < hidden.length; l++) for (let i = 0; i < ROWS * hidden[l]; i++) if (Math.abs(c.ws.z[l][i]) < 0.02) nearKink = true
    if (!nearKink || activation === 'tanh' || activation === 'sigmoid') return c
  }
}

function candidate(activation: Activation, hidden: number[], classes: number, seed: number) {
  const net = createNetwork({ inputs: INPUTS, hidden, activation, classes })
  initialise(net, 'xavier', seed)
  const rng = new Rng(seed + 100)
  for (const l of net.layers) for (let i = 0; i < l.b.length; i++) l.b[i] = 0.3 * rng.normal()
  const ws = createWorkspace(net, ROWS)
  for (let i = 0; i < ROWS * INPUTS; i++) ws.x[i] = rng.normal()
  const y = new Uint8Array(ROWS)
  for (let r = 0; r < ROWS; r++) y[r] = rng.int(classes)
  const rowIndex = Uint32Array.from({ length: ROWS }, (_, i) => i)
  return { net, ws, y, rowIndex }
}

/** The objective whose gradient backward() returns: mean loss + λ/2 Σ θ². */
function objective(net: Network, ws: Workspace, y: Uint8Array, rowIndex: Uint32Array, l2: number): number {
  forward(net, ws, ROWS)
  const last = net.layers.length - 1
  const sums = { lossSum: 0, correct: 0 }
  outputLoss(net.layers[last].outputs, ws.z[last], y, rowIndex, 0, ROWS, null, ROWS, sums)
  let penalty = 0
  for (const l of net.layers) {
    for (const w of l.W) penalty += w * w
    for (const b of l.b) penalty += b * b
  }
  return sums.lossSum / ROWS + (l2 / 2) * penalty
}

function check(activation: Activation, hidden: number[], classes: number, l2: number, tamper?: (ws: Workspace) => void): number {
  const { net, ws, y, rowIndex } = setup(activation, hidden, classes, 7 + hidden.length * 13 + classes)
  forward(net, ws, ROWS)
  backward(net, ws, y, rowIndex, 0, ROWS, l2, { lossSum: 0, correct: 0 })
  tamper?.(ws)
  let worst = 0
  const eps = 1e-3
  net.layers.forEach((layer, l) => {
    const tensors: Array<[Float32Array, Float32Array]> = [[layer.W, ws.dW[l].slice()], [layer.b, ws.db[l].slice()]]
    for (const [theta, grad] of tensors) {
      for (let i = 0; i < theta.length; i++) {
        const keep = theta[i]
        theta[i] = keep + eps
        const up = objective(net, ws, y, rowIndex, l2)
        theta[i] = keep - eps
        const down = objective(net, ws, y, rowIndex, l2)
        theta[i] = keep
        const numeric = (up - down) / (2 * eps)
        const err = Math.abs(numeric - grad[i]) / Math.max(1e-2, Math.abs(numeric) + Math.abs(grad[i]))
        worst = Math.max(worst, err)
      }
    }
  })
  return worst
}

describe('backward matches finite differences', () => {
  for (const activation of ACTIVATIONS) {
    for (const classes of [2, 4]) {
      for (const hidden of [[6], [6, 5]]) {
        it(`${activation}, ${classes === 2 ? 'sigmoid' : 'softmax'} output, hidden ${hidden.join('-')}`, () => {
          expect(check(activation, hidden, classes, 0)).toBeLessThan(TOLERANCE)
          expect(check(activation, hidden, classes, 0.05)).toBeLessThan(TOLERANCE)
        })
      }
    }
  }

  it('fails on a gradient that is slightly wrong (the check has teeth)', () => {
    expect(check('tanh', [6, 5], 2, 0, (ws) => { ws.dW[1][3] *= 1.25 })).toBeGreaterThan(TOLERANCE)
    expect(check('relu', [6], 4, 0.05, (ws) => { ws.db[0][2] += 1e-3 })).toBeGreaterThan(TOLERANCE)
  })
})

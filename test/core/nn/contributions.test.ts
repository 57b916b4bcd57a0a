// The contribution map against the network's own forward pass and predictions: for ReLU and leaky
// ReLU, Σ perInput + constant is the logit; for tanh and sigmoid, perInput is x̃ times a finite
// difference of the logit.
import { describe, expect, it } from 'vitest'
import { affineOf, fitScaling, scaleRows, type Scaling, type ScalingMode } from '../../../src/core/data/scaling'
import { contributions, contributionsOfScaled, sumColourPlanes } from '../../../src/core/nn/contributions'
import { predictProbabilities } from '../../../src/core/training/evaluate'
import { createNetwork, initialise, type Activation, type Network } from '../../../src/core/nn/network'
import { forward } from '../../../src/core/nn/passes'
import { Rng } from '../../../src/core/random/rng'
import { createWorkspace } from '../../../src/core/nn/workspace'

function randomNetwork(inputs: number, hidden: number[], activation: Activation, classes: number, seed: number): Network {
  const net = createNetwork({ inputs, hidden, activation, classes })
  initialise(net, 'he', seed)
  const rng = new Rng(seed + 1)
  for (const l of net.layers) for (let i = 0; i < l.b.length; i++) l.b[i] = 0.5 * rng.normal()
  return net
}

function randomPixels(count: number, inputs: number, seed: number): Uint8Array {
  const rng = new Rng(seed)
  return Uint8Array.from({ length: count * inputs }, () => rng.int(256))
}

function fitted(mode: ScalingMode, inputs: number, seed: number): Scaling {
  return fitScaling(mode, { x: randomPixels(50, inputs, seed), y: new Uint8Array(50), count: 50 }, inputs)
}

/** The logits of one picture and its hidden pre-activations, from passes.forward. */
function ownForward(net: Network, scaling: Scaling, p: Uint8Array): { logits: Float32Array; hidden: Float32Array[] } {
  const ws = createWorkspace(net, 1, false)
  scaleRows(p, net.arch.inputs, Uint32Array.of(0), 0, 1, affineOf(scaling), ws.x)
  forward(net, ws, 1)
  return { logits: ws.z[net.layers.length - 1], hidden: ws.z.slice(0, -1) }
}

const close = (a: number, b: number, relative: number): boolean => Math.abs(a - b) <= relative * Math.max(1, Math.abs(b))
const total = (c: { perInput: Float32Array; constant: number }): number => c.perInput.reduce((s, v) => s + v, 0) + c.constant

describe('contributions of a piecewise-linear network (exact)', () => {
  const cases: { activation: Activation; hidden: number[]; classes: number }[] = []
  for (const activation of ['relu', 'leaky-relu'] as const) {
    for (const hidden of [[15], [20, 9]]) for (const classes of [2, 4]) cases.push({ activation, hidden, classes })
  }

  it.each(cases)('$activation, hidden $hidden, $classes classes: Σ perInput + constant is the logit', ({ activation, hidden, classes }) => {
    const inputs = 3072
    const seed = hidden.length * 10 + classes
    const net = randomNetwork(inputs, hidden, activation, classes, seed)
    const scaling = fitted('standardise', inputs, seed + 2)
    const pictures = randomPixels(3, inputs, seed + 3)
    const probabilities = predictProbabilities(net, scaling, pictures, 3)
    for (let r = 0; r < 3; r++) {
      const p = pictures.subarray(r * inputs, (r + 1) * inputs)
      const own = ownForward(net, scaling, p)
      // the picture switches some units off (or onto the leaky slope): the gates matter
      expect(own.hidden.some((z) => z.some((v) => v < 0))).toBe(true)
      const sums: number[] = []
      for (let c = 0; c < classes; c++) {
        const m = contributions(p, net, scaling, c)
        expect(m.exact).toBe(true)
        expect(m.classIndex).toBe(c)
        const logit = classes === 2 ? (c === 1 ? own.logits[0] : -own.logits[0]) : own.logits[c]
        expect(close(total(m), logit, 1e-4), `class ${c}: ${total(m)} vs logit ${logit}`).toBe(true)
        expect(close(m.score, logit, 1e-5)).toBe(true)
        sums.push(total(m))
      }
      // the same numbers the Evaluator's probabilities come from
      if (classes === 2) {
        expect(1 / (1 + Math.exp(-sums[1]))).toBeCloseTo(probabilities[r], 4)
      } else {
        const top = Math.max(...sums)
        const e = sums.map((s) => Math.exp(s - top))
        const sum = e.reduce((a, b) => a + b, 0)
        for (let c = 0; c < classes; c++) expect(e[c] / sum).toBeCloseTo(probabilities[r * classes + c], 4)
      }
    }
  })

  it('turns the map over when the class of a two-class network changes', () => {
    const net = randomNetwork(3072, [15], 'relu', 2, 5)
    const scaling = fitted('centre', 3072, 6)
    const p = randomPixels(1, 3072, 7)
    const one = contributions(p, net, scaling, 1)
    const zero = contributions(p, net, scaling, 0)
    expect(zero.score).toBe(-one.score)
    expect(zero.constant).toBeCloseTo(-one.constant, 6)
    let nonzero = 0
    for (let i = 0; i < 3072; i++) {
      expect(zero.perInput[i]).toBe(-one.perInput[i])
      if (one.perInput[i] !== 0) nonzero++
    }
    expect(nonzero).toBeGreaterThan(3000)
  })

  it('sums the three colour planes of each pixel, and has no pixel map for other inputs', () => {
    const net = randomNetwork(3072, [8], 'relu', 3, 11)
    const m = contributions(randomPixels(1, 3072, 12), net, fitted('scale', 3072, 13), 2)
    expect(m.perPixel).toHaveLength(1024)
    for (const k of [0, 31, 32, 500, 1023]) {
      expect(m.perPixel![k]).toBeCloseTo(m.perInput[k] + m.perInput[k + 1024] + m.perInput[k + 2048], 6)
    }
    expect(sumColourPlanes(new Float32Array(10))).toBeNull()
  })

  it('refuses a class the network does not have and a picture of the wrong size', () => {
    const net = randomNetwork(12, [4], 'relu', 2, 1)
    const scaling = fitted('scale', 12, 2)
    expect(() => contributions(new Uint8Array(12), net, scaling, 2)).toThrow(RangeError)
    expect(() => contributions(new Uint8Array(11), net, scaling, 0)).toThrow(RangeError)
  })
})

describe('contributions of a smooth network (gradient × input)', () => {
  /** The logit of class c at the scaled input x, from passes.forward. */
  function scoreAt(net: Network, x: Float32Array, c: number): number {
    const ws = createWorkspace(net, 1, false)
    ws.x.set(x)
    forward(net, ws, 1)
    const z = ws.z[net.layers.length - 1]
    return net.arch.classes === 2 ? (c === 1 ? z[0] : -z[0]) : z[c]
  }

  it.each([
    { activation: 'tanh' as const, hidden: [6], classes: 2 },
    { activation: 'tanh' as const, hidden: [7, 5], classes: 3 },
    { activation: 'sigmoid' as const, hidden: [6, 4], classes: 2 }
  ])('$activation, hidden $hidden, $classes classes: perInput is x̃ times a finite difference of the logit', ({ activation, hidden, classes }) => {
    const inputs = 12
    const net = randomNetwork(inputs, hidden, activation, classes, 21 + hidden.length)
    const rng = new Rng(31)
    const x = Float32Array.from({ length: inputs }, () => rng.normal())
    const eps = 1e-2
    for (let c = 0; c < classes; c++) {
      const m = contributionsOfScaled(x, net, c)
      expect(m.exact).toBe(false)
      expect(total(m)).toBeCloseTo(m.score, 5)
      let largest = 0
      for (let i = 0; i < inputs; i++) {
        const up = x.slice()
        const down = x.slice()
        up[i] += eps
        down[i] -= eps
        const numeric = x[i] * (scoreAt(net, up, c) - scoreAt(net, down, c)) / (2 * eps)
        largest = Math.max(largest, Math.abs(numeric))
        expect(Math.abs(m.perInput[i] - numeric), `class ${c}, input ${i}`).toBeLessThan(2e-3 * Math.max(0.1, Math.abs(numeric)))
      }
      expect(largest).toBeGreaterThan(1e-2)
    }
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toFloat64 } from '../../../src/core/formats/ndarray'
import { openNpz, writeNpz } from '../../../src/core/formats/npz'
import type { Scaling } from '../../../src/core/data/scaling'
import { exportNpz, importNpz } from '../../../src/core/model/npzWeights'
import { createNetwork, initialise, type Architecture } from '../../../src/core/nn/network'
import { userError } from '../../helpers/userError'

const FIXTURES = join(__dirname, '../../fixtures/numpy')


/** Scaling of `inputs` pixels: means 0.1, 0.2, …, deviations 0.5, 0.6, … */
const scalingOf = (inputs: number): Scaling => ({
  mode: 'standardise',
  mean: Float32Array.from({ length: inputs }, (_, k) => 0.1 * (k + 1)),
  std: Float32Array.from({ length: inputs }, (_, k) => 0.5 + 0.1 * k)
})

function network(arch: Architecture) {
  const net = createNetwork(arch)
  initialise(net, 'xavier', 3)
  for (const layer of net.layers) layer.b.forEach((_, i) => (layer.b[i] = 0.01 * (i + 1)))
  return net
}

const f4 = (shape: number[], values?: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1)
  const data = new Float32Array(values ?? Array.from({ length: n }, (_, i) => i / 10))
  return { dtype: '<f4', shape, data: new Uint8Array(data.buffer) }
}

/** The seed network's weights, 4 inputs, 3 hidden, 1 output, in NumPy orientation. */
const seedArrays = () => ({ W1: f4([4, 3]), b1: f4([1, 3]), W2: f4([3, 1]), b2: f4([1, 1]) })

describe('exportNpz', () => {
  it('writes W1 [inputs, hidden] (our W transposed), b1 [1, hidden], ... as float32', () => {
    const net = network({ inputs: 4, hidden: [3], activation: 'relu', classes: 2 })
    const archive = openNpz(exportNpz({ network: net, scaling: scalingOf(4) }))
    const arrays = new Map(['W1', 'b1', 'W2', 'b2'].map((n) => [n, archive.read(n)]))
    expect(archive.names).toEqual(['W1', 'b1', 'W2', 'b2', 'scaling_mean', 'scaling_std', 'activation'])
    expect(arrays.get('W1')!.shape).toEqual([4, 3])
    expect(arrays.get('b1')!.shape).toEqual([1, 3])
    expect(arrays.get('W2')!.shape).toEqual([3, 1])
    expect(arrays.get('b2')!.shape).toEqual([1, 1])
    expect(arrays.get('W1')!.dtype).toEqual({ kind: 'f', size: 4, littleEndian: true })
    const W1 = toFloat64(arrays.get('W1')!)
    const W = net.layers[0].W // [3, 4]
    for (let i = 0; i < 4; i++) for (let o = 0; o < 3; o++) expect(W1[i * 3 + o]).toBe(W[o * 4 + i])
    expect(Array.from(toFloat64(arrays.get('b1')!))).toEqual(Array.from(net.layers[0].b))
  })

  it('holds the input scaling, scaling_mean and scaling_std [inputs] as float32, the activation and the class names', () => {
    const net = network({ inputs: 4, hidden: [3], activation: 'tanh', classes: 3 })
    const scaling = scalingOf(4)
    const bytes = exportNpz({ network: net, scaling, classNames: ['cat', 'dog', 'älg'] })
    const arrays = openNpz(bytes)
    for (const [name, values] of [['scaling_mean', scaling.mean], ['scaling_std', scaling.std]] as const) {
      const a = arrays.read(name)
      expect(a.shape).toEqual([4])
      expect(a.dtype).toEqual({ kind: 'f', size: 4, littleEndian: true })
      expect(Array.from(toFloat64(a))).toEqual(Array.from(values))
    }
    expect(arrays.readValue('activation')).toEqual(['tanh'])
    expect(arrays.readValue('class_names')).toEqual(['cat', 'dog', 'älg'])
    // and NN Scratch reads its own export back as weights
    expect(importNpz(bytes, { activation: 'tanh' }).layers[1].W).toEqual(net.layers[1].W)
  })
})

describe('importNpz', () => {
  it('round-trips a deeper softmax network exactly', () => {
    const net = network({ inputs: 12, hidden: [5, 3], activation: 'tanh', classes: 4 })
    const back = importNpz(exportNpz({ network: net, scaling: scalingOf(net.arch.inputs) }), { activation: 'tanh' })
    expect(back).toEqual(net)
  })

  it('reads weights saved by numpy (b1 as float64 [H]) and rebuilds the sizes', () => {
    const net = importNpz(new Uint8Array(readFileSync(join(FIXTURES, 'weights_4_3_1.npz'))))
    expect(net.arch).toEqual({ inputs: 4, hidden: [3], activation: 'relu', classes: 2 })
    const W = net.layers[0].W // [3, 4], W[o, i] = W1[i, o] = (3i + o - 6) / 10
    for (let i = 0; i < 4; i++) for (let o = 0; o < 3; o++) expect(W[o * 4 + i]).toBeCloseTo((3 * i + o - 6) / 10, 6)
    expect(Array.from(net.layers[0].b)).toEqual([0.1, -0.2, 0.3].map(Math.fround))
    expect(Array.from(net.layers[1].W)).toEqual([0.5, -0.25, 1])
    expect(Array.from(net.layers[1].b)).toEqual([Math.fround(0.05)])
  })

  it('accepts big-endian float64 weights', () => {
    const be = (shape: number[], values: number[]) => {
      const data = new Uint8Array(values.length * 8)
      values.forEach((v, i) => new DataView(data.buffer).setFloat64(8 * i, v, false))
      return { dtype: '>f8', shape, data }
    }
    const net = importNpz(writeNpz({ W1: be([2, 1], [1.5, -2]), b1: be([1], [0.25]) }))
    expect(net.arch).toEqual({ inputs: 2, hidden: [], activation: 'relu', classes: 2 })
    expect(Array.from(net.layers[0].W)).toEqual([1.5, -2])
  })

  it('checks the weights against what the caller expects', () => {
    const bytes = writeNpz(seedArrays())
    expect(importNpz(bytes, { inputs: 4, hidden: [3], classes: 2, activation: 'sigmoid' }).arch.activation).toBe('sigmoid')
    expect(userError(() => importNpz(bytes, { inputs: 3072 })).message).toBe(
      'The weights in this .npz file take 4 inputs (W1 has 4 rows), but the images in this dataset have 3072 ' +
        'values each. Use weights trained on images of the same size.'
    )
    expect(userError(() => importNpz(bytes, { hidden: [15] })).message).toBe(
      "The weights in this .npz file have hidden layers of [3] units, but [15] were asked for. Leave the hidden " +
        "sizes out to use the file's, or choose matching weights."
    )
    expect(userError(() => importNpz(bytes, { classes: 10 })).message).toBe(
      'The weights in this .npz file end in 1 output unit (for 2 classes), but this dataset has 10 classes. ' +
        'Use weights trained on the same classes.'
    )
  })

  it('explains an npz that holds no weights', () => {
    const e = userError(() => importNpz(writeNpz({ x: f4([2]), y: f4([2]) })))
    expect(e.code).toBe('bad-weights')
    expect(e.message).toBe(
      'This .npz file has no W1 array, so it holds no weights NN Scratch can use (it holds: x, y). It should ' +
        'hold W1, b1, W2, b2 (and W3, b3, ... for more layers), for example from ' +
        'numpy.savez(file, W1=W1, b1=b1, W2=W2, b2=b2).'
    )
  })

  it('refuses layers that do not form one network', () => {
    const { W1, b1, W2, b2 } = seedArrays()
    const cases: [Record<string, ReturnType<typeof f4>>, string][] = [
      [{ W1, b1, W2 }, 'This .npz file has W2 but no b2. Save the biases of every layer too.'],
      [{ W1, b1, W2, b2, W4: f4([1, 1]) }, 'This .npz file has W4 but no W3, so its layers do not form one network. Save every layer: W1, b1, W2, b2, ...'],
      [{ W1, b1, W2, b2, b3: f4([1]) }, 'This .npz file has b3 but no W3, so its layers do not form one network. Save every layer: W1, b1, W2, b2, ...'],
      [
        { W1, b1, W2: f4([4, 1]), b2 },
        'W2 in this .npz file has 4 rows but W1 has 3 columns; each weight table must take as many inputs as ' +
          'the one before gives outputs, so the file does not describe one network.'
      ],
      [{ W1: f4([12]), b1, W2, b2 }, 'W1 in this .npz file should be a table [inputs, units] but has shape (12,).'],
      [{ W1: f4([4, 0]), b1, W2, b2 }, 'W1 in this .npz file should be a table [inputs, units] but has shape (4, 0).'],
      [
        { W1, b1: f4([3, 1]), W2, b2 },
        'b1 in this .npz file should have 3 values, shape (3,) or (1, 3) like the columns of W1, but has shape (3, 1).'
      ]
    ]
    for (const [arrays, message] of cases) {
      const e = userError(() => importNpz(writeNpz(arrays)))
      expect(e.code).toBe('bad-weights')
      expect(e.message).toBe(message)
    }
  })

  it('refuses whole numbers, NaN and a two-unit output', () => {
    const { W1, b1, W2, b2 } = seedArrays()
    const ints = { dtype: '<i4', shape: [4, 3], data: new Uint8Array(48) }
    expect(userError(() => importNpz(writeNpz({ W1: ints, b1, W2, b2 }))).message).toBe(
      'W1 in this .npz file holds whole numbers or true/false values; weights must be decimals (float32 or ' +
        'float64). In NumPy: W1 = W1.astype(numpy.float32), then save again.'
    )
    const nan = f4([3, 1], [0, NaN, 1])
    expect(userError(() => importNpz(writeNpz({ W1, b1, W2: nan, b2 }))).message).toContain(
      'W2 in this .npz file holds values that are not numbers (NaN or infinity).'
    )
    expect(userError(() => importNpz(writeNpz({ W1, b1, W2: f4([3, 2]), b2: f4([2]) }))).message).toBe(
      'The last weight table in this .npz file (W2) has 2 columns. NN Scratch uses one output unit for two ' +
        'classes (and one unit per class for three or more), so W2 should have shape (3, 1).'
    )
  })

  it('passes on the errors of a file that is not an npz', () => {
    expect(userError(() => importNpz(new TextEncoder().encode('W1, b1'))).code).toBe('not-an-npz')
  })
})

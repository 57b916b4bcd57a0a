import { describe, expect, it } from 'vitest'
import type { SavedModel } from '../../../src/core/model/model'
import { checkModelFitsDataset, decodeModel, encodeModel } from '../../../src/core/model/modelFile'
import { readSafetensors, writeSafetensors, type Tensor } from '../../../src/core/model/safetensors'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { createNetwork, initialise, type Architecture } from '../../../src/core/nn/network'
import { userError } from '../../helpers/userError'


function makeModel(arch: Architecture, classNames: string[]): SavedModel {
  const network = createNetwork(arch)
  initialise(network, 'he', 7)
  network.layers.forEach((layer, l) => layer.b.forEach((_, i) => (layer.b[i] = 0.1 * (i + 1) - 0.05 * l)))
  const mean = new Float32Array(arch.inputs).map((_, k) => k / (2 * arch.inputs))
  const std = new Float32Array(arch.inputs).map((_, k) => 0.2 + k / 100)
  return {
    network,
    scaling: { mode: 'standardise', mean, std },
    classNames,
    hyperparameters: { ...SEED_DEFAULTS, hidden: arch.hidden, scaling: 'standardise', seed: 7 },
    history: [
      { epoch: 1, trainLoss: 0.69, trainAccuracy: 0.5, testLoss: 0.7, testAccuracy: 0.48, seconds: 1.5 },
      { epoch: 2, trainLoss: NaN, trainAccuracy: 0.5, testLoss: NaN, testAccuracy: 0.5, seconds: 1.25 }
    ],
    appVersion: '0.1.0'
  }
}

const binary = (): SavedModel =>
  makeModel({ inputs: 6, hidden: [15], activation: 'relu', classes: 2 }, ['cat', 'dog'])
const multi = (): SavedModel =>
  makeModel({ inputs: 12, hidden: [5, 3], activation: 'tanh', classes: 4 }, ['a', 'b', 'c', 'd'])

/** Encode a model, then let `change` damage its tensors or description before writing it again. */
function tampered(
  m: SavedModel,
  change: (tensors: Map<string, Tensor>, metadata: Record<string, string>) => void
): Uint8Array {
  const { tensors, metadata } = readSafetensors(encodeModel(m))
  change(tensors, metadata)
  const out: Record<string, { dtype: 'F32'; shape: number[]; data: Float32Array }> = {}
  for (const [name, t] of tensors) out[name] = { dtype: 'F32', shape: [...t.shape], data: t.data }
  return writeSafetensors(out, metadata)
}

const setArch = (md: Record<string, string>, patch: object): void => {
  md.architecture = JSON.stringify({ ...JSON.parse(md.architecture), ...patch })
}

describe('encodeModel / decodeModel', () => {
  it('round-trips a two-class model exactly, NaN losses included', () => {
    const m = binary()
    expect(decodeModel(encodeModel(m))).toEqual(m)
  })

  it('round-trips a softmax model with two hidden layers', () => {
    const m = multi()
    const back = decodeModel(encodeModel(m))
    expect(back).toEqual(m)
    expect(back.network.layers.map((l) => [l.outputs, l.inputs])).toEqual([[5, 12], [3, 5], [4, 3]])
  })

  it('keeps how many training pictures a sampled epoch was measured on; a model without it reads as all of them', () => {
    const m = binary()
    const sampled = { ...m, history: m.history.map((e) => ({ ...e, trainMeasured: 2000 })) }
    const bytes = encodeModel(sampled)
    expect(JSON.parse(readSafetensors(bytes).metadata.history)[0].trainMeasured).toBe(2000)
    expect(decodeModel(bytes)).toEqual(sampled)
    expect(decodeModel(encodeModel(m)).history.some((e) => 'trainMeasured' in e)).toBe(false)
  })

  it('stores PyTorch-style tensors and a readable description', () => {
    const { tensors, metadata } = readSafetensors(encodeModel(binary()))
    expect([...tensors].map(([n, t]) => [n, t.shape])).toEqual([
      ['layers.0.weight', [15, 6]],
      ['layers.0.bias', [15]],
      ['layers.1.weight', [1, 15]],
      ['layers.1.bias', [1]],
      ['scaling.mean', [6]],
      ['scaling.std', [6]]
    ])
    expect(metadata.format).toBe('nn-scratch-model')
    expect(metadata.format_version).toBe('1')
    expect(JSON.parse(metadata.architecture)).toEqual({ inputs: 6, hidden: [15], activation: 'relu', classes: 2 })
    expect(JSON.parse(metadata.class_names)).toEqual(['cat', 'dog'])
    expect(JSON.parse(metadata.hyperparameters).seed).toBe(7)
    expect(metadata.scaling).toBe('standardise')
    expect(metadata.app_version).toBe('0.1.0')
    expect(JSON.parse(metadata.history)[1].trainLoss).toBeNull()
  })
})

describe('decodeModel says plainly what does not fit', () => {
  const damaged = (bytes: Uint8Array, message: string): void => {
    const e = userError(() => decodeModel(bytes))
    expect(e.code).toBe('damaged')
    expect(e.message).toBe(message)
  }

  it('refuses a safetensors file not made by NN Scratch', () => {
    const foreign = writeSafetensors({ 'fc.weight': { dtype: 'F32', shape: [1], data: new Float32Array(1) } })
    const e = userError(() => decodeModel(foreign))
    expect(e.code).toBe('not-nn-scratch')
    expect(e.message).toBe(
      'This .safetensors file was not made by NN Scratch (it has no NN Scratch description). ' +
        'Open a model saved by NN Scratch, or import plain weights as .npz.'
    )
  })

  it('refuses a file that is not safetensors at all', () => {
    expect(userError(() => decodeModel(new TextEncoder().encode('hello there'))).code).toBe('not-a-model')
  })

  it('asks for an update when the format is newer', () => {
    const e = userError(() => decodeModel(tampered(binary(), (_, md) => (md.format_version = '2'))))
    expect(e.code).toBe('newer-format')
    expect(e.message).toBe(
      'This model file was saved by a newer version of NN Scratch (model format 2). Update NN Scratch to open it.'
    )
  })

  it('compares hidden units with the weight table rows', () => {
    damaged(
      tampered(binary(), (_, md) => setArch(md, { hidden: [20] })),
      'This model file says it has 20 hidden units but its first weight table has 15 rows, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(multi(), (_, md) => setArch(md, { hidden: [5, 4] })),
      'This model file says hidden layer 2 has 4 units but its second weight table has 3 rows, so it is damaged. Save the model again, or copy the file again.'
    )
  })

  it('compares inputs with the weight table columns', () => {
    damaged(
      tampered(binary(), (_, md) => setArch(md, { inputs: 8 })),
      'This model file says each example has 8 inputs but its first weight table has 6 columns, so it is damaged. Save the model again, or copy the file again.'
    )
  })

  it('compares classes with the output units', () => {
    damaged(
      tampered(binary(), (_, md) => {
        setArch(md, { classes: 3 })
        md.class_names = JSON.stringify(['a', 'b', 'c'])
      }),
      'This model file says it has 3 classes, so its output layer should have 3 units, but its last weight ' +
        'table has 1 row, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (_, md) => (md.class_names = JSON.stringify(['cat']))),
      'This model file says it tells apart 2 classes but names 1, so it is damaged. Save the model again, or copy the file again.'
    )
  })

  it('names a missing part in words', () => {
    damaged(
      tampered(binary(), (t) => t.delete('layers.1.bias')),
      'This model file has no last bias list, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (t) => t.delete('scaling.std')),
      'This model file has no input scaling spreads, so it is damaged. Save the model again, or copy the file again.'
    )
  })

  it('refuses tensors of the wrong shape and tensors it does not expect', () => {
    damaged(
      tampered(binary(), (t) => t.set('layers.0.bias', { dtype: 'F32', shape: [1, 15], data: new Float32Array(15) })),
      'This model file says it has 15 hidden units but its first bias list is 1 × 15, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (t) => t.set('layers.0.weight', { dtype: 'F32', shape: [90], data: new Float32Array(90) })),
      'This model file has a first weight table that is not a table (its size is 90 numbers), so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (t) => t.set('layers.2.weight', { dtype: 'F32', shape: [1], data: new Float32Array(1) })),
      'This model file holds a part ("layers.2.weight") that its description does not mention, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (t) => t.set('scaling.mean', { dtype: 'F32', shape: [5], data: new Float32Array(5) })),
      'This model file says each example has 6 inputs but its input scaling averages are 5 numbers, so it is damaged. Save the model again, or copy the file again.'
    )
    damaged(
      tampered(binary(), (t) => (t.get('scaling.std')!.data[2] = 0)),
      'This model file has input scaling spreads that cannot be used, so it is damaged. Save the model again, or copy the file again.'
    )
  })

  it('refuses weights that are NaN or infinite', () => {
    for (const v of [NaN, Infinity]) {
      const e = userError(() => decodeModel(tampered(binary(), (t) => (t.get('layers.0.weight')!.data[3] = v))))
      expect(e.code).toBe('not-finite')
      expect(e.message).toBe(
        'This model file has weights in its first weight table that are not numbers (NaN or infinity). The ' +
          'training that made it went wrong (try again with a smaller learning rate), or the file is damaged.'
      )
    }
  })

  it('refuses an activation it does not know', () => {
    const e = userError(() => decodeModel(tampered(binary(), (_, md) => setArch(md, { activation: 'swish' }))))
    expect(e.code).toBe('unknown-activation')
    expect(e.message).toBe(
      'This model file uses the activation "swish", which this version of NN Scratch does not know. ' +
        'Update NN Scratch, or train the model again.'
    )
  })

  it('refuses unreadable descriptions', () => {
    const cases: [(md: Record<string, string>) => void, string][] = [
      [(md) => delete md.architecture, 'has no description of the network'],
      [(md) => (md.architecture = '{inputs: 6'), 'has a description of the network that cannot be read'],
      [(md) => setArch(md, { inputs: 0 }), 'does not say how many inputs the network takes'],
      [(md) => setArch(md, { hidden: [15.5] }), 'does not say how many hidden units the network has'],
      [(md) => setArch(md, { classes: 1 }), 'does not say how many classes the network tells apart'],
      [(md) => (md.scaling = 'squash'), 'has no readable input scaling'],
      [(md) => (md.format_version = 'one'), 'has no readable format version'],
      [(md) => (md.hyperparameters = '{"learningRate": "fast"}'), 'has a training setting "learningRate" that cannot be read'],
      [(md) => (md.history = '[{"epoch": 1, "trainLoss": "low"}]'), 'has an unreadable training history (row 1)'],
      [(md) => (md.history = '{}'), 'has a training history that cannot be read'],
      [(md) => (md.history = '[{"epoch": 1, "trainLoss": 1, "trainAccuracy": 1, "testLoss": 1, "testAccuracy": 1, "seconds": 1, "trainMeasured": 0}]'), 'has an unreadable training history (row 1)'],
      [(md) => (md.history = '[{"epoch": 1, "trainLoss": 1, "trainAccuracy": 1, "testLoss": 1, "testAccuracy": 1, "seconds": 1, "trainMeasured": "2000"}]'), 'has an unreadable training history (row 1)'],
      [(md) => delete md.app_version, 'does not say which version of NN Scratch saved it']
    ]
    for (const [change, what] of cases) {
      damaged(tampered(binary(), (_, md) => change(md)), `This model file ${what}, so it is damaged. Save the model again, or copy the file again.`)
    }
  })
})

describe('the resize mode of new pictures', () => {
  it('round-trips each mode in a "resize" entry of the description, with format version 1', () => {
    for (const resize of ['crop', 'squash', 'pad'] as const) {
      const m = { ...binary(), resize }
      const bytes = encodeModel(m)
      const { metadata } = readSafetensors(bytes)
      expect(metadata.resize).toBe(resize)
      expect(metadata.format_version).toBe('1')
      const back = decodeModel(bytes)
      expect(back.resize).toBe(resize)
      expect(back).toEqual(m)
    }
  })

  it('reads a model without one (trained on a dataset file) as having none, and writes none', () => {
    const bytes = encodeModel(binary())
    expect('resize' in readSafetensors(bytes).metadata).toBe(false)
    const back = decodeModel(bytes)
    expect('resize' in back).toBe(false)
    expect(back.resize).toBeUndefined()
  })

  it('says the file is damaged when the mode is not one it knows', () => {
    for (const bad of ['stretch', '', 'CROP']) {
      const e = userError(() => decodeModel(tampered({ ...binary(), resize: 'crop' }, (_, md) => (md.resize = bad))))
      expect(e.code).toBe('damaged')
      expect(e.message).toBe('This model file has a picture resize mode that cannot be read, so it is damaged. Save the model again, or copy the file again.')
    }
  })
})

describe('checkModelFitsDataset', () => {
  const model = { network: { arch: { inputs: 3072, hidden: [15], activation: 'relu' as const, classes: 2 } } }

  it('accepts a dataset of the same shape', () => {
    expect(checkModelFitsDataset(model, 3072, 2)).toBeNull()
  })

  it('explains a different image size', () => {
    expect(checkModelFitsDataset(model, 784, 2)).toBe(
      'This model was trained on images of 3072 values (32×32 colour), but the images in this dataset have ' +
        '784 values (28×28 grey). Choose a dataset with images of the same size, or train a new model on this dataset.'
    )
    expect(checkModelFitsDataset(model, 1000, 2)).toContain('have 1000 values. Choose')
  })

  it('explains a different number of classes', () => {
    expect(checkModelFitsDataset(model, 3072, 10)).toBe(
      'This model tells apart 2 classes, but this dataset has 10. Choose a dataset with the same classes, ' +
        'or train a new model on this dataset.'
    )
  })
})

describe('the starting weights and the batch losses', () => {
  const withExtras = (): SavedModel => {
    const m = binary()
    const first = m.network.layers[0]
    return {
      ...m,
      startWeights: Float32Array.from(first.W, (w, i) => w - 0.01 * ((i % 7) - 3)),
      batchLosses: Float32Array.from([0.69, 0.6, Number.NaN, 0.41])
    }
  }

  it('round-trips them as "start.layers.0.weight" [hidden, inputs] and "batch_losses" [n], a NaN loss included', () => {
    const m = withExtras()
    const bytes = encodeModel(m)
    const { tensors } = readSafetensors(bytes)
    expect(tensors.get('start.layers.0.weight')?.shape).toEqual([15, 6])
    expect(tensors.get('batch_losses')?.shape).toEqual([4])
    expect(decodeModel(bytes)).toEqual(m)
  })

  it('opens a file without them (made before they were saved) as before, and writes none when unknown', () => {
    const old = binary()
    const bytes = encodeModel(old)
    const { tensors } = readSafetensors(bytes)
    expect([...tensors.keys()].sort()).toEqual(['layers.0.bias', 'layers.0.weight', 'layers.1.bias', 'layers.1.weight', 'scaling.mean', 'scaling.std'])
    const back = decodeModel(bytes)
    expect(back).toEqual(old)
    expect('startWeights' in back || 'batchLosses' in back).toBe(false)
    // only one of them
    const onlyLosses = { ...old, batchLosses: Float32Array.from([0.5]) }
    expect(decodeModel(encodeModel(onlyLosses))).toEqual(onlyLosses)
  })

  it('says the file is damaged when the starting weights do not fit the first layer or are not numbers', () => {
    const m = withExtras()
    const reshaped = tampered(m, (t) => {
      const s = t.get('start.layers.0.weight')!
      t.set('start.layers.0.weight', { ...s, shape: [6, 15] })
    })
    expect(userError(() => decodeModel(reshaped))).toMatchObject({ code: 'damaged', message: expect.stringMatching(/starting weights of 6 × 15 for a first weight table of 15 × 6/) })
    const nan = tampered(m, (t) => {
      t.get('start.layers.0.weight')!.data[3] = Number.NaN
    })
    expect(userError(() => decodeModel(nan)).code).toBe('not-finite')
    const table = tampered(m, (t) => {
      const b = t.get('batch_losses')!
      t.set('batch_losses', { ...b, shape: [2, 2] })
    })
    expect(userError(() => decodeModel(table)).message).toMatch(/batch losses that are not a list/)
  })
})

/**
 * The Try tab's question in the training process (src/worker/tryPictures.ts, tryNetworks.ts):
 * a picture of a known class through a trained tiny network comes back as the network's own
 * answer for those pixels, with the contribution map of that answer; a bad file gets a plain
 * reason and the rest are answered; a network with another input size, and weights without their
 * scaling, answer with a plain reason beside the others; class folders give the true class; a
 * model file's resize mode is the one its pictures are made with; the bounds are said plainly.
 */
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CLASS_NAMES, demoDataset } from '../../src/core/data/demo'
import { PICTURE_INPUTS } from '../../src/core/data/picture'
import { fitScaling } from '../../src/core/data/scaling'
import { APP_VERSION } from '../../src/core/model/model'
import { encodeModel } from '../../src/core/model/modelFile'
import { exportNpz } from '../../src/core/model/npzWeights'
import { contributions } from '../../src/core/nn/contributions'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { createNetwork, initialise } from '../../src/core/nn/network'
import { predictProbabilities } from '../../src/core/training/evaluate'
import { Trainer } from '../../src/core/training/trainer'
import type { ResizeMode } from '../../src/core/pictures/types'
import type { Scaling } from '../../src/core/data/scaling'
import { pictureTo32 } from '../../src/node/pictures/picture32'
import { fileNetwork } from '../../src/worker/tryNetworks'
import { tryPictures, type TryNetwork } from '../../src/worker/tryPictures'
import { randomBytes, textFile, truncated } from '../support/pictureFixtures'

const SIDE = 32
const PLANE = SIDE * SIDE

/** Row `row` of planar pixels as a PNG `scale` times larger, each pixel a scale×scale block (nearest neighbour). */
async function enlargedPng(x: Uint8Array, row: number, scale: number): Promise<Uint8Array> {
  const side = SIDE * scale
  const rgb = new Uint8Array(side * side * 3)
  for (let y = 0; y < side; y++) {
    for (let c = 0; c < side; c++) {
      const p = Math.floor(y / scale) * SIDE + Math.floor(c / scale)
      for (let ch = 0; ch < 3; ch++) rgb[3 * (y * side + c) + ch] = x[row * PICTURE_INPUTS + ch * PLANE + p]
    }
  }
  return new Uint8Array(await sharp(rgb, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer())
}

const data = demoDataset({ train: 600, test: 200, seed: 2 })
let trained: TryNetwork

/** A tiny ReLU network trained on the demo until it tells night from day. */
beforeAll(() => {
  const t = new Trainer(data, { ...SEED_DEFAULTS, hidden: [6], batchSize: 50, learningRate: 0.02, epochs: 4 })
  for (let b = 0; b < 4 * t.batchesPerEpoch; b++) t.trainBatch()
  trained = { name: 'The current network', network: t.net, scaling: t.scaling, classNames: [...DEMO_CLASS_NAMES], resize: 'crop' }
})

/** A test picture of class `label` that the network answers right and surely. */
function sureRow(label: number): number {
  const p = predictProbabilities(trained.network, trained.scaling, data.test.x, data.test.count)
  for (let r = 0; r < data.test.count; r++) {
    const pDay = p[r]
    if (data.test.y[r] === label && (label === 1 ? pDay > 0.9 : pDay < 0.1)) return r
  }
  throw new Error(`no sure picture of class ${label}`)
}

const row = (r: number): Uint8Array => data.test.x.subarray(r * PICTURE_INPUTS, (r + 1) * PICTURE_INPUTS)

describe('trying pictures on networks', () => {
  it('answers a picture of a known class as the network answers its 32×32 pixels, with the map of that answer', async () => {
    const night = sureRow(0)
    const day = sureRow(1)
    const pictures = [
      { name: 'night.png', bytes: await enlargedPng(data.test.x, night, 2) },
      { name: 'day.png', bytes: await enlargedPng(data.test.x, day, 2) }
    ]
    const answer = await tryPictures(pictures, [trained])
    expect(answer.pictures).toEqual([{ name: 'night.png', problem: null }, { name: 'day.png', problem: null }])
    const [m] = answer.models
    expect(m).toMatchObject({ name: 'The current network', classNames: ['night', 'day'], resize: 'crop', map: 'exact', problem: null })
    expect([...m.predicted]).toEqual([0, 1])
    for (const [i, r] of [night, day].entries()) {
      // an exact 2× enlargement comes back as the very pixels
      expect(m.seen.subarray(i * PICTURE_INPUTS, (i + 1) * PICTURE_INPUTS)).toEqual(row(r))
      const pDay = predictProbabilities(trained.network, trained.scaling, row(r), 1)[0]
      expect(m.probabilities[2 * i + 1]).toBeCloseTo(pDay, 6)
      expect(m.probabilities[2 * i] + m.probabilities[2 * i + 1]).toBeCloseTo(1, 6)
      const map = contributions(row(r), trained.network, trained.scaling, i).perPixel!
      expect(m.contributions.subarray(i * PLANE, (i + 1) * PLANE)).toEqual(map)
      expect(map.some((v) => v !== 0)).toBe(true)
    }
    // no folder names a class: the truth is unknown
    expect([...m.actual]).toEqual([-1, -1])
  })

  it('gives a damaged, empty or non-picture file a plain reason and answers the rest', async () => {
    const good = await enlargedPng(data.test.x, sureRow(1), 3)
    const answer = await tryPictures([
      { name: 'broken.jpg', bytes: randomBytes(3000) },
      { name: 'day.png', bytes: good },
      { name: 'notes.png', bytes: textFile() },
      { name: 'empty.jpg', bytes: new Uint8Array(0) },
      { name: 'cut.png', bytes: truncated(good, 0.4) }
    ], [trained])
    const problems = answer.pictures.map((p) => p.problem)
    expect(problems[1]).toBeNull()
    for (const i of [0, 2, 3, 4]) {
      expect(problems[i], answer.pictures[i].name).toMatch(/^[A-Z].*\.$/)
      expect(problems[i]).not.toMatch(/sharp|vips|Error|\bat .*:\d+/)
    }
    expect(problems[3]).toBe('The file is empty (0 bytes).')
    expect([...answer.models[0].predicted]).toEqual([-1, 1, -1, -1, -1])
    expect(answer.models[0].seen.subarray(0, PICTURE_INPUTS).every((v) => v === 0)).toBe(true)
  })

  it('refuses plainly a network with another input size and weights without their scaling, and the others answer', async () => {
    const grey = createNetwork({ inputs: 784, hidden: [4], activation: 'relu', classes: 2 })
    initialise(grey, 'he', 1)
    const scaling784: Scaling = { mode: 'scale', mean: new Float32Array(784), std: new Float32Array(784).fill(1) }
    const weights = fileNetwork({ name: 'weights.npz', bytes: exportNpz(trained) })
    const answer = await tryPictures([{ name: 'day.png', bytes: await enlargedPng(data.test.x, sureRow(1), 2) }], [
      { name: 'digits.safetensors', network: grey, scaling: scaling784, classNames: ['a', 'b'], resize: 'crop' },
      weights,
      trained
    ])
    const [digits, npz, current] = answer.models
    expect(digits.problem).toBe('"digits.safetensors" takes 784 values per picture, not the 32 × 32 colour pictures (3072 values) made from new pictures, ' +
      'so it cannot be asked about them. Choose a network trained on 32 × 32 colour pictures.')
    expect(digits.probabilities).toHaveLength(0)
    expect(npz.name).toBe('weights.npz')
    expect(npz.problem).toMatch(/weights only .*cannot be asked about pictures\. Choose the \.safetensors model/)
    expect(current.problem).toBeNull()
    expect([...current.predicted]).toEqual([1])
    const damaged = fileNetwork({ name: 'junk.safetensors', bytes: randomBytes(500) })
    expect('problem' in damaged && damaged.problem).toMatch(/^[A-Z]/)
  })

  it('reads the true class from folders named after the classes, whatever their case and depth', async () => {
    const night = await enlargedPng(data.test.x, sureRow(0), 2)
    const day = await enlargedPng(data.test.x, sureRow(1), 2)
    const answer = await tryPictures([
      { name: 'mypics/night/a.png', bytes: night },
      { name: 'mypics/Day/b.png', bytes: day },
      { name: 'mypics/night/c.png', bytes: day },
      { name: 'test/day/outdoors/d.png', bytes: day },
      { name: 'loose.png', bytes: day },
      { name: 'mypics/cats/e.png', bytes: night }
    ], [trained])
    const m = answer.models[0]
    expect([...m.actual]).toEqual([0, 1, 0, 1, -1, -1])
    expect([...m.predicted]).toEqual([0, 1, 1, 1, 1, 0])
  })

  it('makes each network\'s pictures with its own resize mode, read from its model file, decoding once per mode', async () => {
    const padded = encodeModel({
      network: trained.network, scaling: trained.scaling, classNames: ['night', 'day'], hyperparameters: SEED_DEFAULTS,
      history: [], appVersion: APP_VERSION, resize: 'pad'
    })
    const pad = fileNetwork({ name: 'padded.safetensors', bytes: padded })
    expect(pad).toMatchObject({ name: 'padded.safetensors', resize: 'pad' })
    // a wide picture: crop and pad see different things
    const wide = new Uint8Array(await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 250, g: 200, b: 40 } } })
      .composite([{ input: { create: { width: 100, height: 300, channels: 3, background: { r: 10, g: 20, b: 90 } } }, left: 0, top: 0 }])
      .jpeg().toBuffer())
    const calls: ResizeMode[] = []
    const counted = (bytes: Uint8Array, mode: ResizeMode): Promise<Uint8Array> => {
      calls.push(mode)
      return pictureTo32(bytes, mode)
    }
    const answer = await tryPictures([{ name: 'wide.jpg', bytes: wide }, { name: 'wide2.jpg', bytes: wide }], [trained, pad, { ...trained, name: 'again' }], counted)
    expect(calls.sort()).toEqual(['crop', 'crop', 'pad', 'pad'])
    const [crop, padAnswer] = answer.models
    expect(padAnswer.resize).toBe('pad')
    expect(crop.seen.subarray(0, PICTURE_INPUTS)).toEqual(await pictureTo32(wide, 'crop'))
    expect(padAnswer.seen.subarray(0, PICTURE_INPUTS)).toEqual(await pictureTo32(wide, 'pad'))
    expect(padAnswer.seen.subarray(0, PICTURE_INPUTS)).not.toEqual(crop.seen.subarray(0, PICTURE_INPUTS))
  })

  it('says an approximate map for a tanh network', async () => {
    const tanh = createNetwork({ inputs: PICTURE_INPUTS, hidden: [3], activation: 'tanh', classes: 3 })
    initialise(tanh, 'xavier', 4)
    const net: TryNetwork = { name: 'tanh', network: tanh, scaling: fitScaling('centre', data.train, PICTURE_INPUTS), classNames: ['a', 'b', 'c'], resize: 'squash' }
    const answer = await tryPictures([{ name: 'x.png', bytes: await enlargedPng(data.test.x, 0, 1) }], [net])
    const m = answer.models[0]
    expect(m.map).toBe('approximate')
    expect(m.probabilities).toHaveLength(3)
    expect(m.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5)
    expect(m.predicted[0]).toBe([...m.probabilities].indexOf(Math.max(...m.probabilities)))
  })

  it('keeps within its bounds and says so plainly', async () => {
    const one = { name: 'a.png', bytes: new Uint8Array(10) }
    await expect(tryPictures(Array.from({ length: 201 }, () => one), [trained]))
      .rejects.toThrow('That is 201 pictures; NN Scratch asks about at most 200 at a time. Choose fewer pictures.')
    await expect(tryPictures([one], [trained, trained, trained, trained, trained])).rejects.toThrow(/one to 4 networks side by side/)
    let decoded = 0
    const answer = await tryPictures([{ name: 'huge.jpg', bytes: new Uint8Array(50 * 1024 ** 2 + 1) }], [trained], async () => {
      decoded++
      return new Uint8Array(PICTURE_INPUTS)
    })
    expect(decoded).toBe(0)
    expect(answer.pictures[0].problem).toBe('The file is 51 MB, more than the 50 MB a picture may be. Make it smaller and try again.')
  })
})

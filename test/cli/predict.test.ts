// `predict`: a hand-made network that calls red pictures "cats" and blue ones "dogs", asked about
// pictures made in code (PNG, JPEG, of any size), one at a time and in folders: plain and JSON
// answers, accuracy and the confusion matrix for class folders, the model's own resize mode, bad files.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SavedModel } from '../../src/core/model/model'
import { encodeModel } from '../../src/core/model/modelFile'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { createNetwork } from '../../src/core/nn/network'
import type { ResizeMode } from '../../src/core/pictures/types'
import { makePictureFolder, textFile, truncated } from '../support/pictureFixtures'
import { cli } from './helpers'

const tmp = mkdtempSync(join(tmpdir(), 'nn-predict-'))
const NBSP = '\u00a0'

/**
 * Two classes, cats (0) and dogs (1): h0 = relu(mean red − mean blue), h1 = relu(mean blue − mean red)
 * over the 32×32 picture scaled to 0..1, and z = 6·(h1 − h0); so p(dog) = σ(6·(blue − red)).
 */
function colourModel(resize?: ResizeMode, classNames = ['cats', 'dogs']): SavedModel {
  const network = createNetwork({ inputs: 3072, hidden: [2], activation: 'relu', classes: 2 })
  const [hidden, output] = network.layers
  for (let k = 0; k < 1024; k++) {
    hidden.W[k] = 1 / 1024 // unit 0, red plane
    hidden.W[2048 + k] = -1 / 1024 // unit 0, blue plane
    hidden.W[3072 + k] = -1 / 1024 // unit 1, red plane
    hidden.W[3072 + 2048 + k] = 1 / 1024 // unit 1, blue plane
  }
  output.W.set([-6, 6])
  return {
    network,
    scaling: { mode: 'scale', mean: new Float32Array(3072), std: new Float32Array(3072).fill(1) },
    classNames,
    hyperparameters: { ...SEED_DEFAULTS, hidden: [2], scaling: 'scale' },
    history: [],
    appVersion: '0.1.0',
    ...(resize === undefined ? {} : { resize })
  }
}

function saveModel(name: string, m: SavedModel): string {
  const path = join(tmp, name)
  writeFileSync(path, encodeModel(m))
  return path
}

/** A picture of width × height in one colour, as PNG or JPEG bytes. */
async function flat(rgb: [number, number, number], format: 'png' | 'jpeg' = 'png', width = 40, height = 30): Promise<Uint8Array> {
  const s = sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
  return new Uint8Array(await (format === 'png' ? s.png() : s.jpeg({ quality: 95 })).toBuffer())
}

/** 96×32: a blue centre square between two red ones. Crop sees blue only; squash sees two thirds red. */
async function blueCentre(): Promise<Uint8Array> {
  const rgb = new Uint8Array(96 * 32 * 3)
  for (let r = 0; r < 32; r++) {
    for (let c = 0; c < 96; c++) {
      const o = 3 * (r * 96 + c)
      if (c >= 32 && c < 64) rgb[o + 2] = 255
      else rgb[o] = 255
    }
  }
  return new Uint8Array(await sharp(Buffer.from(rgb), { raw: { width: 96, height: 32, channels: 3 } }).png().toBuffer())
}

const RED: [number, number, number] = [255, 0, 0]
const BLUE: [number, number, number] = [0, 0, 255]
const PINK: [number, number, number] = [200, 90, 120]
const sigma = (z: number): number => 1 / (1 + Math.exp(-z))

let model: string
let classFolder: string
let flatFolder: string

beforeAll(async () => {
  model = saveModel('colours.safetensors', colourModel())
  classFolder = await makePictureFolder({
    'cats/red.png': await flat(RED),
    'cats/big red.jpg': await flat(RED, 'jpeg', 300, 200),
    'cats/pink.png': await flat(PINK),
    'cats/blue cat.png': await flat(BLUE), // a mistake
    'dogs/blue.png': await flat(BLUE),
    'dogs/tall blue.jpg': await flat(BLUE, 'jpeg', 20, 90),
    'dogs/notes.txt': textFile(),
    'dogs/broken.png': truncated(await flat(BLUE)),
    'dogs/.DS_Store': new Uint8Array([0, 0, 0, 1])
  })
  flatFolder = await makePictureFolder({
    'a red one.png': await flat(RED),
    'a blue one.jpg': await flat(BLUE, 'jpeg'),
    'readme.txt': 'not a picture'
  })
}, 30_000)

describe('predict on one picture', () => {
  it('answers with the class and how sure the network is', async () => {
    const r = await cli('predict', model, join(classFolder, 'cats', 'red.png'))
    expect(r.code).toBe(0)
    expect(r.out).toBe(`${join(classFolder, 'cats', 'red.png')}: cats (>99${NBSP}%)\n`)
    const pink = await cli('predict', model, join(classFolder, 'cats', 'pink.png'), '--top', '2')
    // p(dog) = σ(6·(120 − 200)/255) = 13 %
    const dog = sigma((6 * (120 - 200)) / 255)
    expect(pink.out).toBe(`${join(classFolder, 'cats', 'pink.png')}: cats (${Math.round(100 * (1 - dog))}${NBSP}%), dogs (${Math.round(100 * dog)}${NBSP}%)\n`)
  })

  it('prints one JSON line with every class\'s probability', async () => {
    const r = await cli('predict', model, join(classFolder, 'cats', 'pink.png'), '--json')
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines).toHaveLength(1)
    const answer = JSON.parse(lines[0])
    expect(answer.file).toBe(join(classFolder, 'cats', 'pink.png'))
    expect(answer.class).toBe('cats')
    expect(Object.keys(answer.probabilities)).toEqual(['cats', 'dogs'])
    expect(answer.probabilities.dogs).toBeCloseTo(sigma((6 * (120 - 200)) / 255), 5)
    expect(answer.probabilities.cats + answer.probabilities.dogs).toBeCloseTo(1, 6)
  })

  it('makes the picture 32×32 the way the model says: crop sees the blue centre, squash mostly red', async () => {
    const picture = join(tmp, 'wide.png')
    writeFileSync(picture, await blueCentre())
    const answers: Record<string, string> = {}
    for (const resize of [undefined, 'crop', 'squash', 'pad'] as const) {
      const m = saveModel(`colours-${resize ?? 'none'}.safetensors`, colourModel(resize))
      answers[resize ?? 'none'] = JSON.parse((await cli('predict', m, picture, '--json')).out).class
    }
    // no mode in the file (a model trained on a dataset file): crop, the default
    expect(answers).toEqual({ none: 'dogs', crop: 'dogs', squash: 'cats', pad: 'cats' })
  })

  it('says plainly when the file is not a picture, and exits with 2', async () => {
    const notes = join(classFolder, 'dogs', 'notes.txt')
    const r = await cli('predict', model, notes)
    expect(r.code).toBe(2)
    expect(r.err).toContain('cannot be read')
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
    const broken = await cli('predict', model, join(classFolder, 'dogs', 'broken.png'))
    expect(broken.code).toBe(2)
    expect(broken.err).toContain('damaged or cut short')
    const missing = await cli('predict', model, join(tmp, 'nope.jpg'))
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('There is no picture or folder at')
  })

  it('refuses a model that does not take 32×32 colour pictures', async () => {
    const m = colourModel()
    const small = createNetwork({ inputs: 12, hidden: [2], activation: 'relu', classes: 2 })
    const path = saveModel('small.safetensors', { ...m, network: small, scaling: { mode: 'scale', mean: new Float32Array(12), std: new Float32Array(12).fill(1) } })
    const r = await cli('predict', path, join(classFolder, 'cats', 'red.png'))
    expect(r.code).toBe(2)
    expect(r.err).toContain('takes 12 numbers per example, not 32×32 colour pictures')
  })
})

describe('evaluate on a folder of pictures', () => {
  it('makes them 32×32 the way the model says, unless --resize says otherwise', async () => {
    const wide = await blueCentre()
    const folder = await makePictureFolder({ 'cats/a.png': await flat(RED), 'cats/b.png': await flat(RED), 'dogs/a.png': wide, 'dogs/b.png': wide })
    const accuracy = async (resize: ResizeMode, ...extra: string[]): Promise<number> => {
      const m = saveModel(`evaluate-${resize}.safetensors`, colourModel(resize))
      const r = await cli('evaluate', m, folder, '--json', ...extra)
      expect(r.code, r.err).toBe(0)
      const e = JSON.parse(r.out)
      return (3 * e.trainAccuracy + e.testAccuracy) / 4
    }
    // crop sees the blue centre of the dogs' pictures; squash sees them two thirds red, as cats
    expect(await accuracy('crop')).toBe(1)
    expect(await accuracy('squash')).toBe(0.5)
    expect(await accuracy('squash', '--resize', 'crop')).toBe(1)
  })
})

describe('predict with more than two classes', () => {
  it('gives every class its softmax probability', async () => {
    // logits 8 × the mean of each colour plane: red, green, blue
    const network = createNetwork({ inputs: 3072, hidden: [3], activation: 'relu', classes: 3 })
    for (let c = 0; c < 3; c++) for (let k = 0; k < 1024; k++) network.layers[0].W[c * 3072 + c * 1024 + k] = 1 / 1024
    network.layers[1].W.set([8, 0, 0, 0, 8, 0, 0, 0, 8])
    const m = saveModel('rgb.safetensors', { ...colourModel(), network, classNames: ['red', 'green', 'blue'] })
    const picture = join(tmp, 'greenish.png')
    writeFileSync(picture, await flat([0, 255, 51]))
    const r = await cli('predict', m, picture, '--json')
    const answer = JSON.parse(r.out)
    expect(answer.class).toBe('green')
    const e = [1, Math.exp(8), Math.exp(8 * 0.2)]
    const sum = e[0] + e[1] + e[2]
    expect(answer.probabilities.red).toBeCloseTo(e[0] / sum, 5)
    expect(answer.probabilities.green).toBeCloseTo(e[1] / sum, 5)
    expect(answer.probabilities.blue).toBeCloseTo(e[2] / sum, 5)
    const plain = await cli('predict', m, picture, '--top', '3')
    expect(plain.out).toMatch(/: green \(>99\u00a0%\), blue \(<1\u00a0%\), red \(<1\u00a0%\)\n$/)
  })
})

describe('predict on a folder', () => {
  it('checks pictures in class folders against their folder: mistakes first, then accuracy and the confusion matrix', async () => {
    const r = await cli('predict', model, classFolder)
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines[0]).toBe(`cats/blue cat.png: dogs (>99${NBSP}%), but it is cats`)
    expect(lines.slice(1, 6).sort()).toEqual([
      `cats/big red.jpg: cats (>99${NBSP}%)`,
      `cats/pink.png: cats (87${NBSP}%)`,
      `cats/red.png: cats (>99${NBSP}%)`,
      `dogs/blue.png: dogs (>99${NBSP}%)`,
      `dogs/tall blue.jpg: dogs (>99${NBSP}%)`
    ])
    expect(lines[6]).toBe(`Accuracy: 83.3${NBSP}% (5 of 6 pictures right)`)
    expect(lines[7]).toContain('Confusion matrix')
    expect(lines[9]).toMatch(/^ {2}cats +3 +1 +75\.0\u00a0%$/)
    expect(lines[10]).toMatch(/^ {2}dogs +0 +2 +100\.0\u00a0%$/)
    // the files that are not pictures are named with the reason, and did not stop the rest
    expect(r.err).toContain('dogs/notes.txt: skipped, not a picture (a .txt file)')
    expect(r.err).toContain('dogs/broken.png: skipped, the picture is damaged or cut short')
    expect(r.err).toContain('dogs/.DS_Store: skipped, a hidden file')
  })

  it('prints a JSON line per picture with its folder\'s class, then a summary line', async () => {
    const r = await cli('predict', model, classFolder, '--json')
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(7)
    expect(lines[0]).toMatchObject({ file: 'cats/blue cat.png', class: 'dogs', expected: 'cats', correct: false })
    for (const a of lines.slice(0, 6)) expect(Object.keys(a.probabilities)).toEqual(expect.arrayContaining(['cats', 'dogs']))
    expect(lines[6].summary).toEqual({ pictures: 6, right: 5, accuracy: 5 / 6, classes: ['cats', 'dogs'], confusion: [[3, 1], [0, 2]] })
  })

  it('checks a class folder given by itself', async () => {
    const r = await cli('predict', model, join(classFolder, 'dogs'), '--json')
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.at(-1).summary).toMatchObject({ pictures: 2, right: 2, accuracy: 1 })
  })

  it('just answers for each picture of a folder without class folders', async () => {
    const r = await cli('predict', model, flatFolder)
    expect(r.code).toBe(0)
    expect(r.out).toBe(`a blue one.jpg: dogs (>99${NBSP}%)\na red one.png: cats (>99${NBSP}%)\n`)
    expect(r.err).toBe('readme.txt: skipped, not a picture (a .txt file)\n')
  })

  it('names the model\'s classes when no sub-folder matches them', async () => {
    const m = saveModel('animals.safetensors', colourModel(undefined, ['cat', 'dog']))
    const r = await cli('predict', m, classFolder)
    expect(r.code).toBe(0)
    expect(r.out).not.toContain('Accuracy')
    expect(r.err).toContain('No sub-folder is named after the model\'s classes (cat, dog), so there is no accuracy.')
  })

  it('exits with 2 when no file of the folder is a picture', async () => {
    const empty = await makePictureFolder({ 'notes.txt': textFile(), 'cats/broken.jpg': truncated(await flat(RED, 'jpeg')) })
    const r = await cli('predict', model, empty)
    expect(r.code).toBe(2)
    expect(r.err).toContain('No picture in')
    expect(r.err).toContain('cats/broken.jpg: skipped, the picture is damaged or cut short')
  })

  it('answers a folder of more pictures than it reads at a time, in file order, with the bad ones among them named', async () => {
    const red = await flat(RED, 'png', 8, 8)
    const blue = await flat(BLUE, 'png', 8, 8)
    const layout: Record<string, Uint8Array> = {}
    for (let i = 0; i < 300; i++) layout[i < 140 ? `cats/${String(i).padStart(3, '0')}.png` : `dogs/${String(i).padStart(3, '0')}.png`] = i < 140 ? red : blue
    layout['dogs/270.png'] = truncated(blue)
    layout['cats/010.png'] = blue // the one mistake
    const folder = await makePictureFolder(layout)
    const r = await cli('predict', model, folder, '--json')
    expect(r.code, r.err).toBe(0)
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(300)
    expect(lines[0]).toMatchObject({ file: 'cats/010.png', class: 'dogs', correct: false })
    expect(lines.slice(1, -1).map((l) => l.file)).toEqual(Object.keys(layout).filter((f) => f !== 'dogs/270.png' && f !== 'cats/010.png').sort())
    expect(lines.slice(1, -1).every((l) => l.correct)).toBe(true)
    expect(lines.at(-1).summary).toMatchObject({ pictures: 299, right: 298, confusion: [[139, 1], [0, 159]] })
    expect(r.err).toBe('dogs/270.png: skipped, the picture is damaged or cut short\n')
  }, 30_000)

  it('takes --top and checks it', async () => {
    const r = await cli('predict', model, flatFolder, '--top', '5')
    expect(r.out).toContain(`a red one.png: cats (>99${NBSP}%), dogs (<1${NBSP}%)`)
    const bad = await cli('predict', model, flatFolder, '--top', '0')
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('--top needs a whole number')
  })
})

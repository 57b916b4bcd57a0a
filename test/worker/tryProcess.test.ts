/**
 * The Try tab's command in the training process for real (a Node child process): refused plainly
 * without a network; after a run, the current network and the same network saved as a model
 * file answer a picture side by side, alike, while the current network stays as it was.
 */
import { rmSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMALL, WorkerHarness } from '../helpers/workerHarness'
import { makePictureFolder } from '../support/pictureFixtures'

let w: WorkerHarness
beforeAll(async () => {
  w = new WorkerHarness()
  await w.ask('load-dataset', { source: { kind: 'demo' } })
})
const folders: string[] = []
afterAll(() => {
  w.dispose()
  for (const f of folders) rmSync(f, { recursive: true, force: true })
})

/** A landscape of 400×300: a sky over dark ground, bright (day) or dark (night). */
const landscape = async (sky: { r: number; g: number; b: number }): Promise<Uint8Array> =>
  new Uint8Array(await sharp({ create: { width: 400, height: 300, channels: 3, background: sky } })
    .composite([{ input: { create: { width: 400, height: 120, channels: 3, background: { r: 30, g: 40, b: 20 } } }, left: 0, top: 180 }])
    .jpeg().toBuffer())

describe('try-pictures in the training process', () => {
  it('says plainly that there is no network yet', async () => {
    const e = await w.refused('try-pictures', { pictures: [{ name: 'a.jpg', bytes: await landscape({ r: 120, g: 170, b: 230 }) }], networks: [{ kind: 'current' }] })
    expect(e).toMatchObject({ code: 'no-network', message: 'There is no trained network yet. Train one, or open a saved model first.' })
  })

  it('answers through the current network and a model file side by side, the current network untouched', async () => {
    const started = await w.ask('start', { config: SMALL, from: 'fresh' })
    await w.untilState('finished', started.runId)
    const saved = await w.ask('save-model', { format: 'safetensors' })
    const before = await w.ask('snapshot', {})
    const pictures = [
      { name: 'day.jpg', bytes: await landscape({ r: 120, g: 170, b: 230 }) },
      { name: 'night.jpg', bytes: await landscape({ r: 5, g: 8, b: 30 }) },
      { name: 'broken.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]) }
    ]
    const answer = await w.ask('try-pictures', { pictures, networks: [{ kind: 'current' }, { kind: 'file', file: saved }] })
    const [current, file] = answer.models
    expect(current).toMatchObject({ name: 'The current network', classNames: ['night', 'day'], resize: 'crop', map: 'exact', problem: null })
    expect(file).toMatchObject({ name: saved.name, classNames: ['night', 'day'], problem: null })
    expect(current.seen).toBeInstanceOf(Uint8Array)
    expect(current.probabilities).toBeInstanceOf(Float32Array)
    expect(Array.from(file.probabilities)).toEqual(Array.from(current.probabilities))
    expect(answer.pictures.map((p) => p.problem === null)).toEqual([true, true, false])
    expect(answer.pictures[2].problem).toMatch(/^[A-Z][^\n]*\.$/)
    expect([...current.predicted].slice(0, 2).every((c) => c === 0 || c === 1)).toBe(true)
    expect(await w.ask('snapshot', {})).toEqual(before)
  })

  it('names the current network\'s classes as the Data tab has them, renamed before or after training', async () => {
    await w.ask('rename-classes', { names: ['dusk', 'noon'] })
    const started = await w.ask('start', { config: SMALL, from: 'fresh' })
    await w.untilState('finished', started.runId)
    const before = await w.ask('try-pictures', { pictures: [{ name: 'dusk/a.jpg', bytes: await landscape({ r: 5, g: 8, b: 30 }) }], networks: [{ kind: 'current' }] })
    expect(before.models[0].classNames).toEqual(['dusk', 'noon'])
    await w.ask('rename-classes', { names: ['dark', 'bright'] })
    const answer = await w.ask('try-pictures', { pictures: [{ name: 'dark/a.jpg', bytes: await landscape({ r: 5, g: 8, b: 30 }) }], networks: [{ kind: 'current' }] })
    expect(answer.models[0].classNames).toEqual(['dark', 'bright'])
    expect([...answer.models[0].actual]).toEqual([0])
  })

  it('makes new pictures 32×32 in the mode of the folder the network was trained on, and names its classes as renamed', async () => {
    const layout: Record<string, Uint8Array> = {}
    for (let i = 0; i < 8; i++) {
      layout[`dark/d${i}.jpg`] = await landscape({ r: 5 + i, g: 8, b: 30 })
      layout[`light/l${i}.jpg`] = await landscape({ r: 120 + i, g: 170, b: 230 })
    }
    const root = await makePictureFolder(layout)
    folders.push(root)
    await w.ask('load-dataset', { source: { kind: 'path', path: root } })
    await w.ask('import-pictures', { choice: { resize: 'pad', testFraction: 0.25 } })
    // as a person would: the run's lane is ready with the dataset before the classes are renamed
    await new Promise((r) => setTimeout(r, 1500))
    await w.ask('rename-classes', { names: ['night', 'day'] })
    const started = await w.ask('start', { config: { ...SMALL, batchSize: 4 }, from: 'fresh' })
    await w.untilState('finished', started.runId)
    const answer = await w.ask('try-pictures', { pictures: [{ name: 'wide.jpg', bytes: await landscape({ r: 120, g: 170, b: 230 }) }], networks: [{ kind: 'current' }] })
    expect(answer.models[0]).toMatchObject({ classNames: ['night', 'day'], resize: 'pad', problem: null })
    // a 400×300 picture padded: black bands above and below
    expect(answer.models[0].seen.subarray(0, 32)).toEqual(new Uint8Array(32))
  })
})

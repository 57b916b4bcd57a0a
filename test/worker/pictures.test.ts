/**
 * Folders of pictures in the real training worker (a Node child process): a folder is previewed
 * (counts, skipped files, its pictures through crop, squash and pad) while the dataset from before
 * stays in use; the import runs in the reading thread with progress, can be cancelled (the dataset
 * from before staying), and gives a dataset to train on with its report and resize mode; files the
 * page sent work the same way; classes can be renamed, and saved models and .npz files keep the names.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDataset } from '../../src/core/data/load'
import { decodeModel } from '../../src/core/model/modelFile'
import type { DatasetInfo, PictureFolderPreview } from '../../src/shared/ipc'
import type { WorkerArgs } from '../../src/shared/workerProtocol'
import { jpegPhoto, knownPicture, makePictureFolder, pngRgb, textFile } from '../support/pictureFixtures'
import { SMALL, WorkerHarness, waitUntil } from '../helpers/workerHarness'

const DEMO_NAME = 'Demo: day and night landscapes'
const folders: string[] = []
afterAll(() => { for (const f of folders) rmSync(f, { recursive: true, force: true }) })

/** A picture of one flat colour (class by colour), `w`×`h`. */
function flat(w: number, h: number, rgb: readonly [number, number, number]) {
  const p = knownPicture(w, h)
  for (let i = 0; i < w * h; i++) p.rgb.set(rgb, 3 * i)
  return p
}

/** cats/ (12 red PNGs, one 64×32), dogs/ (12 blue PNGs), a note and a hidden file. */
async function smallFolder(): Promise<Record<string, Uint8Array | string>> {
  const layout: Record<string, Uint8Array | string> = { 'notes.txt': textFile(), 'cats/.DS_Store': 'x', 'dogs/readme.txt': 'woof' }
  for (let i = 0; i < 12; i++) {
    layout[`cats/c${String(i).padStart(2, '0')}.png`] = await pngRgb(flat(i === 0 ? 64 : 40, 32, [200 + i, 20, 20]))
    layout[`dogs/d${String(i).padStart(2, '0')}.png`] = await pngRgb(flat(32, 48, [20, 20, 200 + i]))
  }
  return layout
}

const preview = (opened: DatasetInfo | PictureFolderPreview): PictureFolderPreview => {
  if (!('kind' in opened)) throw new Error(`expected a preview, got the dataset ${opened.name}`)
  return opened
}

describe('a folder of pictures in the training process', () => {
  let w: WorkerHarness
  let root: string
  beforeAll(async () => {
    w = new WorkerHarness()
    await w.open({ source: { kind: 'demo' } })
    root = await makePictureFolder(await smallFolder())
    folders.push(root)
  })
  afterAll(() => w.dispose())

  it('previews a folder on disk: counts per class, skipped files with reasons, pictures through every mode; the demo stays in use', async () => {
    const p = preview(await w.ask('load-dataset', { source: { kind: 'path', path: root } }))
    expect(p.classes).toEqual([{ name: 'cats', train: 12, test: 0 }, { name: 'dogs', train: 12, test: 0 }])
    expect(p).toMatchObject({ hasTestFolder: false, pictures: 24 })
    expect(p.skipped.total).toBe(3)
    expect(p.skipped.files.map((f) => f.path).sort()).toEqual(['cats/.DS_Store', 'dogs/readme.txt', 'notes.txt'])
    for (const f of p.skipped.files) expect(f.reason.length).toBeGreaterThan(5)
    expect(p.samples.length).toBeGreaterThanOrEqual(2)
    expect(new Set(p.samples.map((s) => s.label))).toEqual(new Set([0, 1]))
    for (const s of p.samples) {
      for (const m of [s.crop, s.squash, s.pad]) {
        expect(m).toBeInstanceOf(Uint8Array)
        expect(m.length).toBe(3072)
      }
      // a flat picture stays flat in crop and squash; pad adds black bands to a picture that is not square
      expect(new Set(s.crop.subarray(0, 1024)).size).toBe(1)
      expect(s.pad.subarray(0, 1024)).toContain(0)
    }
    const snapshot = await w.ask('snapshot', {})
    expect(snapshot.dataset?.name).toBe(DEMO_NAME)
  })

  it('imports it in the reading thread with progress, in the mode chosen; the dataset is in use and trains', async () => {
    w.clear()
    const info = await w.ask('import-pictures', { choice: { resize: 'pad', testFraction: 0.25 } })
    expect(info).toMatchObject({ origin: 'path', path: root, trainCount: 18, testCount: 6, testWasSplitOff: true, resize: 'pad' })
    expect(info.classes.map((c) => [c.name, c.train, c.test])).toEqual([['cats', 9, 3], ['dogs', 9, 3]])
    expect(info.pictures).toMatchObject({ pictures: 24, skipped: { total: 3 } })
    expect(info.samples.labels.length).toBe(16)
    const progress = w.of('import-progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[progress.length - 1]).toMatchObject({ done: 24, total: 24 })
    expect((await w.ask('snapshot', {})).dataset?.resize).toBe('pad')
    const { runId } = await w.ask('start', { config: { ...SMALL, batchSize: 6, epochs: 1 }, from: 'fresh' })
    await w.untilState('finished', runId)
    const results = await w.ask('evaluate', {})
    expect(results.test.confusion.flat().reduce((a, b) => a + b, 0)).toBe(6)
  })

  it('renames classes of the dataset in use; a saved model and the .npz keep the names and the resize mode', async () => {
    const refused = await w.refused('rename-classes', { names: ['Cat', 'cat'] })
    expect(refused.message).toBe('Classes 0 and 1 are both called "cat": give each class a name of its own.')
    expect((await w.refused('rename-classes', { names: ['a', 'b', 'c'] })).message).toMatch(/has 2 classes, so it needs 2 names/)
    const info = await w.ask('rename-classes', { names: ['kitten', 'puppy'] })
    expect(info.classes.map((c) => c.name)).toEqual(['kitten', 'puppy'])
    expect(info.sourceClassNames).toEqual(['kitten', 'puppy'])
    const model = decodeModel((await w.ask('save-model', { format: 'safetensors' })).bytes)
    expect(model.classNames).toEqual(['kitten', 'puppy'])
    expect(model.resize).toBe('pad')
    const file = await w.ask('save-dataset', {})
    expect(file.name).toBe(`${info.name.replace(/\.[A-Za-z0-9]+$/, '')}.npz`)
    const reopened = loadDataset({ kind: 'file', name: file.name, bytes: file.bytes })
    expect(reopened.classNames).toEqual(['kitten', 'puppy'])
    expect(reopened.resize).toBe('pad')
    expect([reopened.train.count, reopened.test.count]).toEqual([18, 6])
    // another dataset: the names go with it, and the network trained on the renamed classes keeps their new names
    const demo = await w.open({ source: { kind: 'demo' } })
    expect(demo.classes.map((c) => c.name)).toEqual(['night', 'day'])
    const parked = decodeModel((await w.ask('save-model', { format: 'safetensors' })).bytes)
    expect(parked.classNames).toEqual(['kitten', 'puppy'])
    expect(parked.resize).toBe('pad')
  })

  it('previews and imports a folder the page sent: the pictures as bytes, the other files named', async () => {
    const files = Object.entries(await smallFolder())
    const source: WorkerArgs<'load-dataset'>['source'] = {
      kind: 'bytes',
      source: { kind: 'folder', name: 'sent', files: files.filter(([p]) => p.endsWith('.png')).map(([name, b]) => ({ name, bytes: b as Uint8Array })) },
      others: files.filter(([p]) => !p.endsWith('.png')).map(([path, b]) => ({ path, bytes: typeof b === 'string' ? b.length : b.length }))
    }
    const p = preview(await w.ask('load-dataset', { source }))
    expect(p).toMatchObject({ name: 'sent', pictures: 24 })
    expect(p.skipped.files.map((f) => f.path).sort()).toEqual(['cats/.DS_Store', 'dogs/readme.txt', 'notes.txt'])
    const info = await w.ask('import-pictures', { choice: { resize: 'crop', testFraction: 0.5 } })
    expect(info).toMatchObject({ origin: 'bytes', trainCount: 12, testCount: 12, resize: 'crop' })
    // the files went to that import: importing again needs the folder again
    const again = await w.refused('import-pictures', { choice: { resize: 'crop', testFraction: 0.5 } })
    expect(again.code).toBe('no-picture-folder')
    expect(again.message).toMatch(/Open the folder again/)
  })

  it('opens a folder that is not pictures in class folders as before (CIFAR-10 batches)', async () => {
    const { readFileSync } = await import('node:fs')
    const { resolve } = await import('node:path')
    const batch = readFileSync(resolve(import.meta.dirname, '../fixtures/sample_cifar10.bin'))
    const info = await w.open({ source: { kind: 'bytes', source: { kind: 'folder', name: 'cifar-10-batches-bin', files: [{ name: 'data_batch_1.bin', bytes: new Uint8Array(batch) }] } } })
    expect(info.trainCount + info.testCount).toBe(100)
  })
})

describe('cancelling an import', () => {
  let w: WorkerHarness
  let root: string
  beforeAll(async () => {
    w = new WorkerHarness()
    await w.open({ source: { kind: 'demo' } })
    // 300 photos of 640×480: long enough to cancel in the middle
    const layout: Record<string, Uint8Array> = {}
    const photo = await jpegPhoto(knownPicture(640, 480))
    for (let i = 0; i < 150; i++) {
      layout[`a/p${i}.jpg`] = photo
      layout[`b/p${i}.jpg`] = photo
    }
    root = await makePictureFolder(layout)
    folders.push(root)
    preview(await w.ask('load-dataset', { source: { kind: 'path', path: root } }))
  })
  afterAll(() => w.dispose())

  it('ends the import at once when cancelled; the dataset from before stays in use, and the folder can be imported later', async () => {
    w.clear()
    const importing = w.supervisor.request('import-pictures', { choice: { resize: 'crop', testFraction: 0.2 } })
    await waitUntil(() => w.of('import-progress').some((p) => p.done > 0), 'the first pictures imported')
    const snapshot = await w.ask('snapshot', {})
    expect(snapshot.dataset?.name).toBe(DEMO_NAME)
    expect(await w.ask('cancel-load', {})).toBe(true)
    const reply = await importing
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('cancelled')
    const last = w.last('import-progress')
    expect(last && last.done).toBeLessThan(300)
    expect((await w.ask('snapshot', {})).dataset?.name).toBe(DEMO_NAME)
    // a folder on disk stays held: it imports when asked again
    const info = await w.ask('import-pictures', { choice: { resize: 'squash', testFraction: 0.2 } })
    expect(info).toMatchObject({ trainCount: 240, testCount: 60, resize: 'squash' })
  }, 60_000)
})

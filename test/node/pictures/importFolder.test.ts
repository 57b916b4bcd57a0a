import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import type { ImportProgress, RgbPicture } from '../../../src/core/pictures/types'
import {
  filesSource, folderSource, importPictures, isPictureFolder, previewPictures, PROGRESS_MS, type PictureSource
} from '../../../src/node/pictures/importFolder'
import { pictureTo32 } from '../../../src/node/pictures/picture32'
import * as F from '../../support/pictureFixtures'

/** Picture number i: a 40×30 gradient tinted by i, different for every i. */
function numbered(i: number): RgbPicture {
  const p = F.knownPicture(40, 30)
  const rgb = p.rgb.map((v, k) => (k % 3 === 2 ? (v + 7 * i) % 256 : v))
  return { ...p, rgb }
}

/** cats/ and dogs/ with `n` pictures each (PNG for cats, JPEG for dogs), under `prefix`. */
async function classFolders(n: number, prefix = '', from = 0): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {}
  for (let i = 0; i < n; i++) {
    files[`${prefix}cats/c${String(i).padStart(3, '0')}.png`] = await F.pngRgb(numbered(from + 2 * i))
    files[`${prefix}dogs/d${String(i).padStart(3, '0')}.jpg`] = await F.jpegPhoto(numbered(from + 2 * i + 1))
  }
  return files
}

const rowOf = (x: Uint8Array, i: number): Uint8Array => x.subarray(i * 3072, (i + 1) * 3072)

describe('importPictures', () => {
  it('a folder of class folders, with bad files among them: a dataset, a split made, a reason per skipped file', async () => {
    const jpeg = await F.jpegBaseline(numbered(0))
    const files = await classFolders(15)
    const root = await F.makePictureFolder({
      ...files,
      'cats/cut.jpg': F.truncated(jpeg),
      'cats/noise.jpg': F.randomBytes(3000),
      'dogs/empty.png': new Uint8Array(0),
      'dogs/notes.png': F.textFile(),
      'dogs/.DS_Store': F.randomBytes(10),
      'dogs/readme.txt': 'hi',
      'loose.jpg': jpeg
    })
    const { dataset, report } = await importPictures(await folderSource(root), { resize: 'squash', seed: 3 })
    expect(dataset.classNames).toEqual(['cats', 'dogs'])
    expect(dataset.resize).toBe('squash')
    expect(dataset.testWasSplitOff).toBe(true)
    expect(dataset.train.count + dataset.test.count).toBe(30)
    expect(dataset.test.count).toBe(6)
    expect(report.pictures).toBe(30)
    expect(report.classes).toEqual([{ name: 'cats', train: 12, test: 3 }, { name: 'dogs', train: 12, test: 3 }])
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]))
    expect(reasons['cats/cut.jpg']).toBe('the picture is damaged or cut short')
    expect(reasons['cats/noise.jpg']).toBe('not a picture format NN Scratch can read')
    expect(reasons['dogs/notes.png']).toBe('not a picture format NN Scratch can read')
    expect(reasons['dogs/empty.png']).toMatch(/empty/)
    expect(reasons['dogs/.DS_Store']).toMatch(/hidden|system/)
    expect(reasons['dogs/readme.txt']).toMatch(/not a picture/)
    expect(reasons['loose.jpg']).toBeDefined()
    // every row is exactly what pictureTo32 makes of one of the files, with its class
    const wanted = new Map<string, number>()
    for (const [path, bytes] of Object.entries(files)) wanted.set((await pictureTo32(bytes, 'squash')).join(','), path.startsWith('cats') ? 0 : 1)
    for (const split of [dataset.train, dataset.test]) {
      for (let i = 0; i < split.count; i++) expect(wanted.get(rowOf(split.x, i).join(','))).toBe(split.y[i])
    }
  })

  it('train/ and test/ folders give the test split as it is', async () => {
    const root = await F.makePictureFolder({ ...(await classFolders(6, 'train/')), ...(await classFolders(3, 'test/', 100)) })
    const { dataset, report } = await importPictures(await folderSource(root), { concurrency: 2 })
    expect(dataset.testWasSplitOff).toBe(false)
    expect(dataset.resize).toBe('crop')
    expect([dataset.train.count, dataset.test.count]).toEqual([12, 6])
    expect(Array.from(dataset.test.y)).toEqual([0, 0, 0, 1, 1, 1])
    expect(rowOf(dataset.test.x, 4)).toEqual(await pictureTo32(await F.jpegPhoto(numbered(100 + 3)), 'crop'))
    expect(report.skipped).toEqual([])
  })

  it('the files the page sent import like the folder on disk', async () => {
    const files = await classFolders(5)
    const root = await F.makePictureFolder(files)
    const sent = filesSource('mypics', [
      ...Object.entries(files).map(([path, bytes]) => ({ path: `mypics/${path}`, bytes })),
      { path: 'mypics/cats/notes.txt', size: 12 }
    ])
    expect(sent.entries).toContainEqual({ path: 'cats/notes.txt', bytes: 12 })
    const a = await importPictures(sent, { seed: 1 })
    const b = await importPictures(await folderSource(root), { seed: 1 })
    expect(a.dataset.train.x).toEqual(b.dataset.train.x)
    expect(a.dataset.test.y).toEqual(b.dataset.test.y)
    expect(a.report.skipped).toEqual([{ path: 'cats/notes.txt', reason: 'not a picture (a .txt file)' }])
  })

  it('keeps at most `concurrency` pictures in flight', async () => {
    const source = await folderSource(await F.makePictureFolder(await classFolders(10)))
    let inFlight = 0
    let most = 0
    const counting: PictureSource = {
      ...source,
      read: async (path) => {
        inFlight++
        most = Math.max(most, inFlight)
        // each lane reads a picture, then decodes it: reads at once never exceed the pictures in flight
        const bytes = await source.read(path)
        await new Promise((r) => setTimeout(r, 5))
        inFlight--
        return bytes
      }
    }
    await importPictures(counting, { concurrency: 3 })
    expect(most).toBeGreaterThan(1)
    expect(most).toBeLessThanOrEqual(3)
  })

  it('reports progress at most every 100 ms, and once at the end with everything done', async () => {
    const source = await folderSource(await F.makePictureFolder(await classFolders(20)))
    const slow: PictureSource = { ...source, read: async (p) => { await new Promise((r) => setTimeout(r, 15)); return source.read(p) } }
    const seen: { at: number; p: ImportProgress }[] = []
    await importPictures(slow, { concurrency: 2, onProgress: (p) => seen.push({ at: performance.now(), p }) })
    expect(seen.length).toBeGreaterThanOrEqual(3)
    const last = seen[seen.length - 1].p
    expect(last.done).toBe(40)
    expect(last.total).toBe(40)
    expect(last.secondsLeft).toBe(0)
    expect(last.perSecond).toBeGreaterThan(0)
    expect(seen[0].p).toEqual({ done: 0, total: 40, perSecond: 0, secondsLeft: null })
    for (let k = 1; k < seen.length - 1; k++) expect(seen[k].at - seen[k - 1].at).toBeGreaterThanOrEqual(PROGRESS_MS - 1)
    const middle = seen.find((s) => s.p.done > 0 && s.p.done < 40)
    expect(middle?.p.secondsLeft).toBeGreaterThan(0)
  })

  it('cancelling stops it promptly with a plain UserError', async () => {
    const source = await folderSource(await F.makePictureFolder(await classFolders(30)))
    let reads = 0
    const slow: PictureSource = { ...source, read: async (p) => { reads++; await new Promise((r) => setTimeout(r, 10)); return source.read(p) } }
    const abort = new AbortController()
    setTimeout(() => abort.abort(), 50)
    const started = performance.now()
    const e = await importPictures(slow, { concurrency: 2, signal: abort.signal }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).code).toBe('cancelled')
    expect((e as UserError).message).toMatch(/The import was cancelled/)
    expect(performance.now() - started).toBeLessThan(3000) // generous: the machine may be busy
    expect(reads).toBeLessThan(60)
    const already = new AbortController()
    already.abort()
    await expect(importPictures(source, { signal: already.signal })).rejects.toThrow(/cancelled/)
  })

  it('a file the disk fails to read is skipped with a reason; the rest are imported', async () => {
    const source = await folderSource(await F.makePictureFolder(await classFolders(4)))
    const failing: PictureSource = {
      ...source,
      read: async (path) => {
        if (path === 'dogs/d002.jpg') throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })
        if (path === 'cats/c001.png') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
        return source.read(path)
      }
    }
    const { dataset, report } = await importPictures(failing)
    expect(dataset.train.count + dataset.test.count).toBe(6)
    expect(report.skipped).toEqual([
      { path: 'cats/c001.png', reason: 'the file could not be read (ENOENT)' },
      { path: 'dogs/d002.jpg', reason: 'the file could not be read (EIO)' }
    ])
    const buggy: PictureSource = { ...source, read: async () => { throw new TypeError('a bug') } }
    await expect(importPictures(buggy)).rejects.toThrow(TypeError)
  })

  it('a folder without two classes is a plain UserError', async () => {
    const root = await F.makePictureFolder({ 'a.jpg': await F.jpegPhoto(numbered(1)), 'b.jpg': await F.jpegPhoto(numbered(2)) })
    const e = await importPictures(await folderSource(root)).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserError)
  })
})

describe('previewPictures', () => {
  it('up to 8 of the pictures, spread over the classes, through every mode', async () => {
    const files = await classFolders(10)
    const root = await F.makePictureFolder({ ...files, 'cats/c000.png': F.randomBytes(100) })
    const { plan, samples } = await previewPictures(await folderSource(root))
    expect(plan.classNames).toEqual(['cats', 'dogs'])
    expect(samples).toHaveLength(8)
    expect(samples.filter((s) => s.label === 0)).toHaveLength(4)
    expect(samples.map((s) => s.path)).not.toContain('cats/c000.png')
    const paths = samples.filter((s) => s.label === 1).map((s) => s.path)
    expect(paths[paths.length - 1] > 'dogs/d005.jpg').toBe(true) // spread, not the first four
    for (const s of samples) {
      expect(s.crop).toEqual(await pictureTo32(files[s.path], 'crop'))
      expect(s.squash).toEqual(await pictureTo32(files[s.path], 'squash'))
      expect(s.pad).toEqual(await pictureTo32(files[s.path], 'pad'))
      expect(s.pad).not.toEqual(s.crop)
    }
    expect((await previewPictures(await folderSource(root), 3)).samples).toHaveLength(3)
  })
})

describe('isPictureFolder', () => {
  it('true for class folders of pictures; false for a CIFAR-10 folder, a file, a missing path', async () => {
    const root = await F.makePictureFolder(await classFolders(2))
    expect(await isPictureFolder(root)).toBe(true)
    const cifar = await F.makePictureFolder({ 'data_batch_1': F.randomBytes(100), 'batches.meta': F.randomBytes(10), 'readme.html': 'x' })
    expect(await isPictureFolder(cifar)).toBe(false)
    expect(await isPictureFolder(`${root}/cats/c000.png`)).toBe(false)
    expect(await isPictureFolder('/no/such/folder')).toBe(false)
  })
})

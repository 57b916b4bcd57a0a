import { describe, expect, it } from 'vitest'
import { stratifiedSplit } from '../../../src/core/data/split'
import { UserError } from '../../../src/core/errors'
import { planFolder } from '../../../src/core/pictures/folderPlan'
import { assemblePictureDataset, type DecodedPictures } from '../../../src/core/pictures/pictureDataset'
import type { PicturePlan } from '../../../src/core/pictures/types'

const ROW = 3072

/** n pictures named 0.jpg … in folder `dir`. */
const pics = (dir: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${dir}/${i}.jpg`)
const plan = (...paths: string[]): PicturePlan => planFolder('mypics', paths.map((path) => ({ path, bytes: 100 })))

/** A recognisable row for plan picture i: its first two bytes say i, the rest a pattern of i. */
function rowFor(i: number): Uint8Array {
  const row = new Uint8Array(ROW)
  for (let k = 0; k < ROW; k++) row[k] = (i * 31 + k * 7) & 255
  row[0] = i & 255
  row[1] = i >> 8
  return row
}
const idOf = (x: Uint8Array, r: number): number => x[r * ROW] + 256 * x[r * ROW + 1]

/** Decoded rows for every planned picture, with the pictures in `failed` not kept (and their reasons). */
function decode(p: PicturePlan, failed: Record<number, string> = {}, same: Record<number, number> = {}): DecodedPictures {
  const n = p.train.length + (p.test?.length ?? 0)
  const x = new Uint8Array(n * ROW)
  const kept = new Uint8Array(n).fill(1)
  const reasons = new Map<number, string>()
  for (let i = 0; i < n; i++) {
    if (i in failed) {
      kept[i] = 0
      if (failed[i]) reasons.set(i, failed[i])
      continue
    }
    x.set(rowFor(same[i] ?? i), i * ROW)
  }
  return { x, kept, reasons }
}

function thrown(f: () => unknown): UserError {
  try {
    f()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('did not throw')
}

describe('assemblePictureDataset with a test folder', () => {
  const p = plan(...pics('train/cats', 12), ...pics('train/dogs', 10), ...pics('test/cats', 3), ...pics('test/dogs', 2))

  it('puts the training pictures in train and the test folder in test, in plan order', () => {
    const { dataset, report } = assemblePictureDataset(p, decode(p), { resize: 'pad', seconds: 1.5 })
    expect(dataset.name).toBe('mypics')
    expect(dataset.classNames).toEqual(['cats', 'dogs'])
    expect(dataset.inputs).toBe(ROW)
    expect(dataset.image).toEqual({ width: 32, height: 32, channels: 3 })
    expect(dataset.testWasSplitOff).toBe(false)
    expect(dataset.resize).toBe('pad')
    expect(dataset.train.count).toBe(22)
    expect(dataset.test.count).toBe(5)
    for (let r = 0; r < 22; r++) {
      expect(dataset.train.x.subarray(r * ROW, (r + 1) * ROW)).toEqual(rowFor(r))
      expect(dataset.train.y[r]).toBe(r < 12 ? 0 : 1)
    }
    for (let r = 0; r < 5; r++) expect(dataset.test.x.subarray(r * ROW, (r + 1) * ROW)).toEqual(rowFor(22 + r))
    expect([...dataset.test.y]).toEqual([0, 0, 0, 1, 1])
    expect(report).toEqual({
      folderName: 'mypics',
      resize: 'pad',
      classes: [{ name: 'cats', train: 12, test: 3 }, { name: 'dogs', train: 10, test: 2 }],
      skipped: [],
      warnings: [],
      pictures: 27,
      seconds: 1.5
    })
  })

  it('keeps the training pixels where they were decoded (no second copy)', () => {
    const d = decode(p)
    const { dataset } = assemblePictureDataset(p, d, { resize: 'crop' })
    expect(dataset.train.x.buffer).toBe(d.x.buffer)
  })

  it('lists the pictures that could not be decoded, with their reasons, and leaves them out', () => {
    const { dataset, report } = assemblePictureDataset(p, decode(p, { 0: 'a damaged JPEG file', 13: '', 23: 'larger than 100 million pixels' }), { resize: 'crop' })
    expect(dataset.train.count).toBe(20)
    expect(dataset.test.count).toBe(4)
    expect(idOf(dataset.train.x, 0)).toBe(1)
    expect(idOf(dataset.train.x, 11)).toBe(12)
    expect(idOf(dataset.train.x, 12)).toBe(14)
    expect([idOf(dataset.test.x, 0), idOf(dataset.test.x, 1)]).toEqual([22, 24])
    expect(report.skipped).toEqual([
      { path: 'test/cats/1.jpg', reason: 'larger than 100 million pixels' },
      { path: 'train/cats/0.jpg', reason: 'a damaged JPEG file' },
      { path: 'train/dogs/1.jpg', reason: 'could not be read' }
    ])
    expect(report.classes).toEqual([{ name: 'cats', train: 11, test: 2 }, { name: 'dogs', train: 9, test: 2 }])
    expect(report.pictures).toBe(24)
  })

  it('warns with the count when test pictures are identical to training pictures', () => {
    // test pictures 22, 23, 24, 25 are copies of training pictures 5, 6, 7, 15 (paths in code order: 0, 1, 10, 11, 2, 3, …)
    expect([5, 6, 7].map((i) => p.train[i].path)).toEqual(['train/cats/3.jpg', 'train/cats/4.jpg', 'train/cats/5.jpg'])
    const { report } = assemblePictureDataset(p, decode(p, {}, { 22: 5, 23: 6, 24: 7, 25: 15 }), { resize: 'crop' })
    expect(report.warnings).toEqual([
      '4 pictures in the test folder are identical to pictures in the training folder: test/cats/0.jpg (the same as ' +
        'train/cats/3.jpg), test/cats/1.jpg (the same as train/cats/4.jpg), test/cats/2.jpg (the same as train/cats/5.jpg), ' +
        'and 1 more. A network tested on pictures it learnt from looks better than it is; remove the copies.'
    ])
    const five = assemblePictureDataset(p, decode(p, {}, { 22: 0, 23: 1, 24: 2, 25: 3, 26: 4 }), { resize: 'crop' })
    expect(five.report.warnings[0]).toMatch(/^5 pictures in the test folder .*\(the same as train\/cats\/10\.jpg\), and 2 more\. A network/)
    const one = assemblePictureDataset(p, decode(p, {}, { 26: 0 }), { resize: 'crop' })
    expect(one.report.warnings).toEqual([
      '1 picture in the test folder is identical to pictures in the training folder: test/dogs/1.jpg (the same as ' +
        'train/cats/0.jpg). A network tested on pictures it learnt from looks better than it is; remove the copies.'
    ])
  })

  it('makes the test split from the training pictures when none in the test folder could be read', () => {
    const { dataset, report } = assemblePictureDataset(p, decode(p, { 22: 'x', 23: 'x', 24: 'x', 25: 'x', 26: 'x' }), { resize: 'crop' })
    expect(dataset.testWasSplitOff).toBe(true)
    expect(dataset.train.count + dataset.test.count).toBe(22)
    expect(report.warnings).toContain('None of the pictures in the test folder could be read, so a share of the training pictures is set aside for testing instead.')
  })

  it('leaves out a class none of whose training pictures could be read, and skips its test pictures', () => {
    const three = plan(...pics('train/a', 10), ...pics('train/b', 10), ...pics('train/c', 10), ...pics('test/a', 1), ...pics('test/b', 1), ...pics('test/c', 1))
    const failed: Record<number, string> = {}
    for (let i = 10; i < 20; i++) failed[i] = 'a damaged PNG file'
    const { dataset, report } = assemblePictureDataset(three, decode(three, failed), { resize: 'crop' })
    expect(dataset.classNames).toEqual(['a', 'c'])
    expect([...dataset.train.y]).toEqual([...Array(10).fill(0), ...Array(10).fill(1)])
    expect(idOf(dataset.train.x, 10)).toBe(20)
    expect([...dataset.test.y]).toEqual([0, 1])
    expect(report.warnings).toEqual(['None of the pictures of the class b could be read, so it is left out.'])
    expect(report.skipped).toContainEqual({ path: 'test/b/0.jpg', reason: 'its class (b) has no training pictures that could be read' })
    expect(report.classes).toEqual([{ name: 'a', train: 10, test: 1 }, { name: 'c', train: 10, test: 1 }])
  })

  it('warns when a class falls below ten pictures because some could not be read', () => {
    const { report } = assemblePictureDataset(p, decode(p, { 12: 'x', 13: 'x', 14: 'x' }), { resize: 'crop' })
    expect(report.warnings).toEqual(['Only 9 pictures of the class dogs could be read; a network needs dozens of pictures of a class, or more, to learn it.'])
  })

  it('refuses, in plain words, when fewer than two classes could be read', () => {
    const failed: Record<number, string> = {}
    for (let i = 12; i < 22; i++) failed[i] = 'not a picture the decoder knows'
    const e = thrown(() => assemblePictureDataset(p, decode(p, failed), { resize: 'crop' }))
    expect(e.code).toBe('too-few-classes')
    expect(e.message).toBe(
      'Only 1 class of mypics has pictures that could be read (cats); NN Scratch needs at least two. 10 pictures could not be read ' +
        '(for example train/dogs/0.jpg: not a picture the decoder knows).'
    )
  })

  it('throws RangeError when the decoded rows do not match the plan', () => {
    const d = decode(p)
    expect(() => assemblePictureDataset(p, { ...d, kept: d.kept.subarray(1) }, { resize: 'crop' })).toThrow(RangeError)
    expect(() => assemblePictureDataset(p, { ...d, x: d.x.subarray(ROW) }, { resize: 'crop' })).toThrow(RangeError)
  })
})

describe('assemblePictureDataset without a test folder', () => {
  const p = plan(...pics('cats', 20), ...pics('dogs', 15), ...pics('owls', 10))

  it('makes the test split with the seeded stratified split used for dataset files', () => {
    const d = decode(p)
    const pooled = d.x.slice()
    const y = Uint8Array.from(p.train.map((q) => q.label))
    const want = stratifiedSplit(pooled, y, ROW, 0.3, 4)
    const { dataset, report } = assemblePictureDataset(p, d, { resize: 'squash', testFraction: 0.3, seed: 4 })
    expect(dataset.testWasSplitOff).toBe(true)
    expect(dataset.train.count).toBe(want.train.count)
    expect(dataset.test.count).toBe(want.test.count)
    expect(dataset.train.x).toEqual(want.train.x)
    expect(dataset.train.y).toEqual(want.train.y)
    expect(dataset.test.x).toEqual(want.test.x)
    expect(dataset.test.y).toEqual(want.test.y)
    expect(report.classes).toEqual([{ name: 'cats', train: 14, test: 6 }, { name: 'dogs', train: 10, test: 5 }, { name: 'owls', train: 7, test: 3 }])
    expect(dataset.resize).toBe('squash')
  })

  it('uses a share of 0.2 and seed 0 by default, and differs with the seed', () => {
    const y = Uint8Array.from(p.train.map((q) => q.label))
    const want = stratifiedSplit(decode(p).x, y, ROW)
    const { dataset } = assemblePictureDataset(p, decode(p), { resize: 'crop' })
    expect(dataset.test.x).toEqual(want.test.x)
    expect(dataset.train.x).toEqual(want.train.x)
    const other = assemblePictureDataset(p, decode(p), { resize: 'crop', seed: 1 })
    expect(other.dataset.test.x).not.toEqual(dataset.test.x)
  })

  it('warns when the split puts copies of one picture on both sides', () => {
    // every owl is the same picture: the split sets 2 aside, both identical to the training owls
    const same: Record<number, number> = {}
    for (let i = 35; i < 45; i++) same[i] = 35
    const { report } = assemblePictureDataset(p, decode(p, {}, same), { resize: 'crop' })
    expect(report.warnings).toHaveLength(1)
    expect(report.warnings[0]).toMatch(
      /^2 pictures set aside for testing are identical to training pictures \(the same picture is in the folder more than once\): owls\/\d\.jpg \(the same as owls\/\d\.jpg\), owls\/\d\.jpg \(the same as owls\/\d\.jpg\)\. A network tested/
    )
  })

  it('refuses a folder too small to set pictures aside for testing', () => {
    const tiny = plan('a/1.jpg', 'b/1.jpg', 'c/1.jpg')
    const e = thrown(() => assemblePictureDataset(tiny, decode(tiny), { resize: 'crop' }))
    expect(e.code).toBe('too-few')
    expect(e.message).toBe(
      'mypics has too few pictures to set some aside for testing: a class needs at least two pictures that can be read. ' +
        'Add pictures to the class folders, or add a test folder.'
    )
  })

  it('refuses a share for testing outside 0 to 1', () => {
    expect(thrown(() => assemblePictureDataset(p, decode(p), { resize: 'crop', testFraction: 1 })).code).toBe('bad-setting')
  })
})

import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import {
  FEW_PICTURES,
  MAX_FOLDER_DEPTH,
  MAX_FOLDER_FILES,
  looksLikePictureFolder,
  planFolder
} from '../../../src/core/pictures/folderPlan'
import type { FolderEntry } from '../../../src/core/pictures/types'

/** Entries of 1000 bytes for each path. */
const files = (...paths: string[]): FolderEntry[] => paths.map((path) => ({ path, bytes: 1000 }))

/** n pictures named 0.jpg … in folder `dir`. */
function pics(dir: string, n: number, ext = 'jpg'): string[] {
  return Array.from({ length: n }, (_, i) => `${dir}/${i}.${ext}`)
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

describe('planFolder: layouts', () => {
  it('reads one sub-folder per class, with classes sorted case-insensitively', () => {
    const plan = planFolder('mypics', files(...pics('dogs', 12), ...pics('Cats', 11), ...pics('birds', 10, 'png')))
    expect(plan.folderName).toBe('mypics')
    expect(plan.classNames).toEqual(['birds', 'Cats', 'dogs'])
    expect(plan.test).toBeNull()
    expect(plan.train).toHaveLength(33)
    expect(plan.train[0]).toEqual({ path: 'birds/0.png', label: 0 })
    expect(plan.train.filter((p) => p.label === 1).every((p) => p.path.startsWith('Cats/'))).toBe(true)
    expect(plan.train.filter((p) => p.label === 2)).toHaveLength(12)
    expect(plan.skipped).toEqual([])
    expect(plan.warnings).toEqual([])
  })

  it('does not depend on the order the files are listed in', () => {
    const paths = [...pics('b', 10), ...pics('A', 10), ...pics('c', 10)]
    const a = planFolder('x', files(...paths))
    const b = planFolder('x', files(...[...paths].reverse()))
    expect(b).toEqual(a)
    expect(a.classNames).toEqual(['A', 'b', 'c'])
  })

  it('counts pictures in folders nested inside a class as that class', () => {
    const plan = planFolder('x', files(...pics('cats/2019/summer', 5), ...pics('cats', 5), ...pics('dogs/a/b/c', 10)))
    expect(plan.classNames).toEqual(['cats', 'dogs'])
    expect(plan.train.filter((p) => p.label === 0)).toHaveLength(10)
    expect(plan.train.filter((p) => p.label === 1)).toHaveLength(10)
  })

  it('reads train/ and test/ folders that hold the same class folders', () => {
    const plan = planFolder('x', files(...pics('train/cats', 10), ...pics('train/dogs', 10), ...pics('test/cats', 3), ...pics('test/dogs', 4)))
    expect(plan.classNames).toEqual(['cats', 'dogs'])
    expect(plan.train).toHaveLength(20)
    expect(plan.test).toHaveLength(7)
    expect(plan.test?.[0]).toEqual({ path: 'test/cats/0.jpg', label: 0 })
    expect(plan.test?.[6]).toEqual({ path: 'test/dogs/3.jpg', label: 1 })
    expect(plan.warnings).toEqual([])
  })

  it('takes Training/, TESTING/, val/ and validation/ in any case', () => {
    for (const [tr, te] of [['Training', 'TESTING'], ['train', 'val'], ['TRAIN', 'Validation']]) {
      const plan = planFolder('x', files(...pics(`${tr}/a`, 10), ...pics(`${tr}/b`, 10), ...pics(`${te}/a`, 2), ...pics(`${te}/b`, 2)))
      expect(plan.classNames).toEqual(['a', 'b'])
      expect(plan.test).toHaveLength(4)
    }
  })

  it('uses test/ when both test/ and val/ are there, and skips val/ with a reason', () => {
    const plan = planFolder('x', files(...pics('train/a', 10), ...pics('train/b', 10), ...pics('test/a', 2), ...pics('test/b', 2), ...pics('val/a', 3)))
    expect(plan.test?.map((p) => p.path)).toEqual(['test/a/0.jpg', 'test/a/1.jpg', 'test/b/0.jpg', 'test/b/1.jpg'])
    expect(plan.skipped).toHaveLength(3)
    expect(plan.skipped[0]).toEqual({ path: 'val/a/0.jpg', reason: 'in the val folder, which is not used because the test folder is the test split' })
    expect(plan.warnings).toEqual(['There are both test and val folders: test is used for testing and the 3 pictures in val are skipped.'])
  })

  it('with only train/ leaves the test split to be made later', () => {
    const plan = planFolder('x', files(...pics('train/a', 10), ...pics('train/b', 10)))
    expect(plan.test).toBeNull()
    expect(plan.train).toHaveLength(20)
  })

  it('says so when the test folder has no pictures', () => {
    const plan = planFolder('x', files(...pics('train/a', 10), ...pics('train/b', 10), 'test/readme.txt'))
    expect(plan.test).toBeNull()
    expect(plan.warnings).toEqual(['The test folder has no pictures, so a share of the training pictures is set aside for testing instead.'])
  })

  it('skips folders beside train/ and test/, and files directly in them', () => {
    const plan = planFolder('x', files(...pics('train/a', 10), ...pics('train/b', 10), 'extra/c/1.jpg', 'train/loose.jpg', 'cover.jpg'))
    expect(plan.skipped).toEqual([
      { path: 'cover.jpg', reason: 'not inside a class folder' },
      { path: 'extra/c/1.jpg', reason: 'not inside the train or test folder' },
      { path: 'train/loose.jpg', reason: 'not inside a class folder' }
    ])
  })

  it('merges class folders whose names differ only in case or Unicode form', () => {
    const nfd = 'cafe\u0301' // café as a Mac writes it
    const plan = planFolder('x', files(...pics('train/Dogs', 10), ...pics(`train/${nfd}`, 10), ...pics('test/dogs', 2), ...pics('test/caf\u00e9', 2)))
    expect(plan.classNames).toEqual(['caf\u00e9', 'Dogs'])
    expect(plan.test).toHaveLength(4)
    expect(plan.warnings).toEqual([])
  })
})

describe('planFolder: skipped files', () => {
  it('skips every kind of file that is not a picture, with its reason', () => {
    const entries: FolderEntry[] = [
      ...files(...pics('a', 10), ...pics('b', 10)),
      { path: '.DS_Store', bytes: 6148 },
      { path: 'a/.DS_Store', bytes: 6148 },
      { path: 'a/._0.jpg', bytes: 4096 },
      { path: 'b/Thumbs.db', bytes: 100 },
      { path: 'b/desktop.ini', bytes: 100 },
      { path: '__MACOSX/a/0.jpg', bytes: 100 },
      { path: '.git/config', bytes: 100 },
      { path: 'a/notes.txt', bytes: 100 },
      { path: 'a/empty.png', bytes: 0 },
      { path: 'b/huge.tiff', bytes: 300 * 1024 * 1024 },
      { path: 'top.jpg', bytes: 100 }
    ]
    const plan = planFolder('x', entries)
    expect(plan.classNames).toEqual(['a', 'b'])
    expect(plan.train).toHaveLength(20)
    expect(plan.skipped).toEqual([
      { path: '.DS_Store', reason: 'a hidden file' },
      { path: '.git/config', reason: 'inside a hidden folder (.git)' },
      { path: '__MACOSX/a/0.jpg', reason: 'a system file' },
      { path: 'a/.DS_Store', reason: 'a hidden file' },
      { path: 'a/._0.jpg', reason: 'a hidden file' },
      { path: 'a/empty.png', reason: 'an empty file (0 bytes)' },
      { path: 'a/notes.txt', reason: 'not a picture (a .txt file)' },
      { path: 'b/Thumbs.db', reason: 'a system file' },
      { path: 'b/desktop.ini', reason: 'a system file' },
      { path: 'b/huge.tiff', reason: 'larger than 200 MB' },
      { path: 'top.jpg', reason: 'not inside a class folder' }
    ])
    expect(plan.warnings).toEqual([])
  })

  it(`skips files more than ${MAX_FOLDER_DEPTH} folders deep`, () => {
    const deep = 'a/' + Array.from({ length: MAX_FOLDER_DEPTH }, (_, i) => `d${i}`).join('/') + '/x.jpg'
    const ok = 'a/' + Array.from({ length: MAX_FOLDER_DEPTH - 1 }, (_, i) => `d${i}`).join('/') + '/y.jpg'
    const plan = planFolder('x', files(...pics('a', 10), ...pics('b', 10), deep, ok))
    expect(plan.skipped).toEqual([{ path: deep, reason: `inside more than ${MAX_FOLDER_DEPTH} levels of folders` }])
    expect(plan.train.some((p) => p.path === ok)).toBe(true)
  })
})

describe('planFolder: warnings', () => {
  it('leaves out class folders without pictures, with a warning', () => {
    const plan = planFolder('x', files(...pics('a', 10), ...pics('b', 10), 'c/notes.txt', 'd/.DS_Store'))
    expect(plan.classNames).toEqual(['a', 'b'])
    expect(plan.warnings).toEqual(['The folder c has no pictures, so it is left out.', 'The folder d has no pictures, so it is left out.'])
  })

  it(`warns about classes with fewer than ${FEW_PICTURES} pictures (train and test together)`, () => {
    const plan = planFolder('x', files(...pics('train/a', 9), ...pics('train/b', 8), 'test/b/x.jpg', 'test/a/x.jpg'))
    expect(plan.warnings).toEqual(['The class b has only 9 pictures; a network needs dozens of pictures of a class, or more, to learn it.'])
    const one = planFolder('x', files('a/1.jpg', ...pics('b', 10)))
    expect(one.warnings).toEqual(['The class a has only 1 picture; a network needs dozens of pictures of a class, or more, to learn it.'])
  })

  it('warns about classes only in train, and skips the pictures of classes only in test', () => {
    const plan = planFolder('x', files(...pics('train/a', 10), ...pics('train/b', 10), ...pics('train/c', 10), ...pics('test/a', 2), ...pics('test/b', 2), ...pics('test/owls', 2)))
    expect(plan.classNames).toEqual(['a', 'b', 'c'])
    expect(plan.test).toHaveLength(4)
    expect(plan.warnings).toEqual([
      'The class owls has pictures only in the test folder, none in train: its 2 pictures are skipped.',
      'The class c has no pictures in the test folder, so it will not be tested.'
    ])
    expect(plan.skipped).toEqual([
      { path: 'test/owls/0.jpg', reason: 'its class (owls) has no pictures in the train folder' },
      { path: 'test/owls/1.jpg', reason: 'its class (owls) has no pictures in the train folder' }
    ])
  })
})

describe('planFolder: too few classes and limits', () => {
  it('says what the folder needs and what it has when there is only one class', () => {
    const e = thrown(() => planFolder('mypics', files(...pics('cats', 12), 'notes.txt')))
    expect(e.code).toBe('not-a-picture-folder')
    expect(e.message).toBe(
      'mypics needs one sub-folder per class, each holding that class\'s pictures: for example cats/ and dogs/ ' +
        '(or train/ and test/ folders that each hold those class folders). It has only one class folder with pictures: ' +
        'cats (12 pictures). 1 other file is skipped (for example notes.txt: not a picture (a .txt file)).'
    )
  })

  it('names the folders without pictures, and gives a file that is not a picture as the example', () => {
    const e = thrown(() => planFolder('x', files(...pics('cats', 10), 'dogs/a.txt', 'birds/.DS_Store', 'docs/b.txt', '.DS_Store')))
    expect(e.message).toContain(
      'It has only one class folder with pictures: cats (10 pictures). Folders without pictures: birds, docs, dogs. ' +
        '4 other files are skipped (for example docs/b.txt: not a picture (a .txt file)).'
    )
    const many = thrown(() => planFolder('x', files(...Array.from({ length: 7 }, (_, i) => `f${i}/a.txt`))))
    expect(many.message).toContain('It has no class folders with pictures. Folders without pictures: f0, f1, f2, f3, f4 and 2 more.')
  })

  it('says so when the pictures lie loose in the folder', () => {
    const e = thrown(() => planFolder('holiday', files('a.jpg', 'b.jpg', 'c.png')))
    expect(e.message).toContain('It has no class folders with pictures. 3 pictures lie directly in a folder, not in a class folder.')
  })

  it('points inside a single folder that holds the class folders', () => {
    const e = thrown(() => planFolder('download', files(...pics('mypics/cats', 10), ...pics('mypics/dogs', 10))))
    expect(e.message).toContain('It has only one class folder with pictures: mypics (20 pictures). Its pictures are in folders inside mypics/; choose mypics itself.')
  })

  it('says so when there is a test folder and no train folder', () => {
    const e = thrown(() => planFolder('x', files(...pics('test/a', 10), ...pics('test/b', 10))))
    expect(e.message).toContain('It has a test folder but no train folder with class folders of pictures.')
  })

  it('refuses an empty folder and a folder with no pictures', () => {
    expect(thrown(() => planFolder('x', [])).message).toContain('It has no class folders with pictures.')
    const cifar = files('cifar-10-batches-py/data_batch_1', 'cifar-10-batches-py/batches.meta')
    expect(thrown(() => planFolder('x', cifar)).code).toBe('not-a-picture-folder')
  })

  it('refuses more than 256 classes (labels are stored as bytes), and takes 256', () => {
    const folders = (n: number): FolderEntry[] => files(...Array.from({ length: n }, (_, c) => `class${c}/a.jpg`))
    const e = thrown(() => planFolder('many', folders(257)))
    expect(e.code).toBe('too-many-classes')
    expect(e.message).toBe('many has 257 class folders with pictures; NN Scratch handles at most 256 classes. Choose a folder with fewer class folders.')
    expect(planFolder('many', folders(256)).classNames).toHaveLength(256)
  })

  it(`refuses more than ${MAX_FOLDER_FILES.toLocaleString('en-US')} files`, () => {
    const many: FolderEntry[] = new Array(MAX_FOLDER_FILES + 1).fill({ path: 'a/x.jpg', bytes: 1 })
    const e = thrown(() => planFolder('big', many))
    expect(e.code).toBe('too-many-files')
    expect(e.message).toBe(
      'big holds 200,001 files; NN Scratch reads at most 200,000 from one folder. Choose a folder with fewer pictures, or split this one into smaller folders.'
    )
    const atLimit = [...files(...pics('a', MAX_FOLDER_FILES / 2)), ...files(...pics('b', MAX_FOLDER_FILES / 2))]
    expect(planFolder('big', atLimit).train).toHaveLength(MAX_FOLDER_FILES)
  })
})

describe('looksLikePictureFolder', () => {
  it('is false for a CIFAR-10 folder of batches', () => {
    const cifar = files('data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch', 'batches.meta', 'readme.html')
    expect(looksLikePictureFolder(cifar)).toBe(false)
    expect(looksLikePictureFolder(files('cifar-10-batches-py/data_batch_1', 'cifar-10-batches-py/readme.html'))).toBe(false)
    expect(looksLikePictureFolder(files('data.npz', 'cifar_2class_py2.p'))).toBe(false)
    expect(looksLikePictureFolder([])).toBe(false)
  })

  it('is true when pictures sit in sub-folders, whatever else is there', () => {
    expect(looksLikePictureFolder(files('readme.txt', 'cats/a.JPG'))).toBe(true)
    expect(looksLikePictureFolder(files('train/cats/a.webp', 'data_batch_1'))).toBe(true)
  })

  it('is true for loose pictures (planFolder then says how to sort them) but not for hidden pictures', () => {
    expect(looksLikePictureFolder(files('a.jpg', 'b.png', '.DS_Store'))).toBe(true)
    expect(looksLikePictureFolder(files('a.jpg', 'data_batch_1'))).toBe(false)
    expect(looksLikePictureFolder(files('__MACOSX/cats/a.jpg', '.hidden/b.jpg', 'data_batch_1'))).toBe(false)
  })
})

/**
 * A folder's plan from its list of files (paths and sizes; no picture is read):
 *   layouts: <class>/… (one sub-folder per class), or train/<class>/… with test/<class>/… (also
 *   "training", "testing", "val", "validation"; test wins over val); folders nested inside a class
 *   belong to it. Classes (2 to MAX_CLASSES) are sorted case-insensitively, so class numbers do not
 *   depend on the disk; pictures are listed by class, then path. Skipped files get a plain reason
 *   (pictureFiles.ts and below); warnings say what may hurt training; fewer than two classes with
 *   pictures is a UserError that says what the folder needs to look like.
 */
import { MAX_CLASSES } from '../data/assemble'
import { UserError } from '../errors'
import { fileSkipReason, isHiddenOrSystemFolder, pathParts } from './pictureFiles'
import type { FolderEntry, PicturePlan, PlannedPicture, SkippedFile } from './types'
import { formatCount } from '../text/count'

/** The most files a folder may list (the node lister stops there too). */
export const MAX_FOLDER_FILES = 200_000
/** The most levels of folders below the chosen one that are read. */
export const MAX_FOLDER_DEPTH = 16
/** Classes with fewer pictures than this get a warning. */
export const FEW_PICTURES = 10
/** How many folders a message names before "and N more". */
const LISTED = 5

const TRAIN_NAMES = new Set(['train', 'training'])
const TEST_NAMES = new Set(['test', 'testing'])
const VAL_NAMES = new Set(['val', 'validation'])

type Role = 'train' | 'test' | 'val' | 'other'

function roleOf(folder: string): Role {
  const name = folder.toLowerCase()
  if (TRAIN_NAMES.has(name)) return 'train'
  if (TEST_NAMES.has(name)) return 'test'
  if (VAL_NAMES.has(name)) return 'val'
  return 'other'
}

/** Case-insensitive order, ties broken by the exact names (so the order never depends on the input). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x !== y) return x < y ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/** One class folder as found, in one or both splits. */
interface ClassFolder {
  name: string
  train: string[]
  test: string[]
}

const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`

/** Folders that are not classes and were seen: which split folder (or none) holds what. */
interface Found {
  readonly classes: Map<string, ClassFolder>
  readonly skipped: SkippedFile[]
  /** pictures lying outside any class folder, and other files skipped, for the message when too few classes. */
  loose: number
  /** names of the split folders seen, by role (as spelt on disk). */
  readonly splitFolders: Map<Role, string>
  /** pictures in the val folder left out because a test folder is there. */
  valSkipped: number
}

function classFolder(found: Found, name: string): ClassFolder {
  // one class per name up to case and Unicode form (a Mac writes é as e + ´); the name kept is the first in code order
  const nfc = name.normalize('NFC')
  const key = nfc.toLowerCase()
  let c = found.classes.get(key)
  if (!c) {
    c = { name: nfc, train: [], test: [] }
    found.classes.set(key, c)
  } else if (nfc < c.name) {
    c.name = nfc
  }
  return c
}

/** True when some folder at the top is train, test, val (or their longer names). */
function hasSplitFolders(lists: readonly string[][]): boolean {
  return lists.some((parts) => parts.length >= 2 && roleOf(parts[0]) !== 'other')
}

function tooManyFiles(folderName: string, count: number): UserError {
  return new UserError(
    'too-many-files',
    `${folderName} holds ${plural(count, 'file')}; NN Scratch reads at most ${formatCount(MAX_FOLDER_FILES)} ` +
      'from one folder. Choose a folder with fewer pictures, or split this one into smaller folders.'
  )
}

/** Sorts each file into a class folder and split, or skips it with a reason. */
function sortFiles(entries: readonly FolderEntry[], found: Found): void {
  const lists = entries.map((e) => pathParts(e.path))
  const split = hasSplitFolders(lists)
  // which folder is the test split: test/testing when there is one, else val/validation
  let testRole: Role = 'val'
  for (const parts of lists) if (split && parts.length >= 2 && roleOf(parts[0]) === 'test') testRole = 'test'
  for (let f = 0; f < entries.length; f++) {
    const parts = lists[f]
    const path = entries[f].path
    const skip = (reason: string): void => {
      found.skipped.push({ path, reason })
    }
    const depth = split ? 2 : 1 // parts before the class folder's, plus one
    // a class folder exists once any file is inside it (hidden ones too: an "empty" folder on a Mac holds .DS_Store)
    const visible = parts.length > depth && !parts.slice(0, depth).some(isHiddenOrSystemFolder)
    let role: Role = 'train'
    if (split && parts.length >= 2) {
      const r = roleOf(parts[0])
      if (r !== 'other' && !isHiddenOrSystemFolder(parts[0]) && !found.splitFolders.has(r)) found.splitFolders.set(r, parts[0])
      role = r === 'train' ? 'train' : r === testRole ? 'test' : r
    }
    const reason = fileSkipReason(parts, entries[f].bytes)
    if (visible && (role === 'train' || role === 'test')) classFolder(found, parts[depth - 1])
    if (reason !== null) {
      skip(reason)
      continue
    }
    if (parts.length - 1 > MAX_FOLDER_DEPTH) {
      skip(`inside more than ${MAX_FOLDER_DEPTH} levels of folders`)
      continue
    }
    if (split && parts.length >= 2 && role === 'other') {
      skip('not inside the train or test folder')
      continue
    }
    if (split && role === 'val') {
      found.valSkipped++
      skip(`in the ${parts[0]} folder, which is not used because the test folder is the test split`)
      continue
    }
    if (parts.length <= depth) {
      found.loose++
      skip('not inside a class folder')
      continue
    }
    const c = classFolder(found, parts[depth - 1])
    ;(role === 'test' ? c.test : c.train).push(path)
  }
}

/** The message when fewer than two classes have pictures: what the folder needs, then what it has. */
function tooFewClasses(folderName: string, found: Found, withPictures: ClassFolder[]): UserError {
  const need =
    `${folderName} needs one sub-folder per class, each holding that class's pictures: for example cats/ and dogs/ ` +
    '(or train/ and test/ folders that each hold those class folders). '
  let has: string
  if (withPictures.length === 1) {
    const c = withPictures[0]
    has = `It has only one class folder with pictures: ${c.name} (${plural(c.train.length, 'picture')}).`
    const inner = new Set(c.train.map((p) => pathParts(p)).filter((parts) => parts.length > 2).map((parts) => parts[1]))
    if (inner.size >= 2 && c.train.every((p) => pathParts(p).length > 2)) {
      has += ` Its pictures are in folders inside ${c.name}/; choose ${c.name} itself.`
    }
  } else if (found.splitFolders.has('train')) {
    has = `It has no class folders with pictures in ${found.splitFolders.get('train')}.`
  } else if (found.splitFolders.size > 0) {
    const [name] = found.splitFolders.values()
    has = `It has a ${name} folder but no train folder with class folders of pictures.`
  } else {
    has = 'It has no class folders with pictures.'
  }
  const empty = [...found.classes.values()].filter((c) => c.train.length === 0 && c.test.length === 0).map((c) => c.name).sort(compareNames)
  if (empty.length > 0) {
    const more = empty.length > LISTED ? ` and ${formatCount(empty.length - LISTED)} more` : ''
    has += ` ${empty.length === 1 ? 'A folder without pictures' : 'Folders without pictures'}: ${empty.slice(0, LISTED).join(', ')}${more}.`
  }
  if (found.loose > 0) has += ` ${plural(found.loose, 'picture')} ${found.loose === 1 ? 'lies' : 'lie'} directly in a folder, not in a class folder.`
  const others = found.skipped.filter((s) => !s.reason.startsWith('not inside a class')).sort(byPath)
  if (others.length > 0) {
    // the example: a file that is not a picture says more than a hidden one
    const example = others.find((s) => s.reason.startsWith('not a picture')) ?? others[0]
    has += ` ${plural(others.length, 'other file')} ${others.length === 1 ? 'is' : 'are'} skipped (for example ${example.path}: ${example.reason}).`
  }
  return new UserError('not-a-picture-folder', need + has)
}

/** The plan for a folder called `folderName` holding `entries` (see the header). */
export function planFolder(folderName: string, entries: readonly FolderEntry[]): PicturePlan {
  if (entries.length > MAX_FOLDER_FILES) throw tooManyFiles(folderName, entries.length)
  const found: Found = { classes: new Map(), skipped: [], loose: 0, splitFolders: new Map(), valSkipped: 0 }
  sortFiles(entries, found)
  const warnings: string[] = []
  const all = [...found.classes.values()].sort((a, b) => compareNames(a.name, b.name))
  const hasTestSplit = all.some((c) => c.test.length > 0)
  const testName = found.splitFolders.get('test') ?? found.splitFolders.get('val')
  const trainName = found.splitFolders.get('train')

  if (testName && !hasTestSplit) {
    warnings.push(`The ${testName} folder has no pictures, so a share of the training pictures is set aside for testing instead.`)
  }
  if (found.valSkipped > 0) {
    warnings.push(
      `There are both ${found.splitFolders.get('test')} and ${found.splitFolders.get('val')} folders: ` +
        `${found.splitFolders.get('test')} is used for testing and the ${plural(found.valSkipped, 'picture')} in ` +
        `${found.splitFolders.get('val')} ${found.valSkipped === 1 ? 'is' : 'are'} skipped.`
    )
  }
  const classes: ClassFolder[] = []
  for (const c of all) {
    if (c.train.length === 0 && c.test.length === 0) {
      warnings.push(`The folder ${c.name} has no pictures, so it is left out.`)
    } else if (c.train.length === 0) {
      warnings.push(
        `The class ${c.name} has pictures only in the ${testName} folder, none in ${trainName ?? 'train'}: its ` +
          `${plural(c.test.length, 'picture')} ${c.test.length === 1 ? 'is' : 'are'} skipped.`
      )
      for (const path of c.test) found.skipped.push({ path, reason: `its class (${c.name}) has no pictures in the ${trainName ?? 'train'} folder` })
    } else {
      classes.push(c)
    }
  }
  if (classes.length < 2) throw tooFewClasses(folderName, found, classes)
  if (classes.length > MAX_CLASSES) {
    throw new UserError(
      'too-many-classes',
      `${folderName} has ${classes.length} class folders with pictures; NN Scratch handles at most ${MAX_CLASSES} classes. ` +
        'Choose a folder with fewer class folders.'
    )
  }
  for (const c of classes) {
    const n = c.train.length + c.test.length
    if (n < FEW_PICTURES) {
      warnings.push(`The class ${c.name} has only ${plural(n, 'picture')}; a network needs dozens of pictures of a class, or more, to learn it.`)
    }
    if (hasTestSplit && c.test.length === 0) {
      warnings.push(`The class ${c.name} has no pictures in the ${testName} folder, so it will not be tested.`)
    }
  }
  const train: PlannedPicture[] = []
  const test: PlannedPicture[] = []
  classes.forEach((c, label) => {
    for (const path of c.train.sort()) train.push({ path, label })
    for (const path of c.test.sort()) test.push({ path, label })
  })
  return {
    folderName,
    classNames: classes.map((c) => c.name),
    train,
    test: hasTestSplit ? test : null,
    skipped: found.skipped.sort(byPath),
    warnings
  }
}

/**
 * True when the folder looks like pictures sorted into folders rather than a dataset file's folder
 * (CIFAR-10's data_batch_1 … batches.meta): some picture file sits in a sub-folder, or every visible
 * file is a picture (loose photos, which planFolder then explains how to sort).
 */
export function looksLikePictureFolder(entries: readonly FolderEntry[]): boolean {
  let visible = 0
  let pictures = 0
  for (const e of entries) {
    const parts = pathParts(e.path)
    const reason = fileSkipReason(parts, e.bytes)
    if (reason === null && parts.length >= 2) return true
    if (reason === 'a hidden file' || reason === 'a system file' || reason?.startsWith('inside a hidden')) continue
    visible++
    if (reason === null || reason.startsWith('an empty') || reason.startsWith('larger')) pictures++
  }
  return visible > 0 && pictures === visible
}

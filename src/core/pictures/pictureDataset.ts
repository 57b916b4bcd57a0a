/**
 * A folder's decoded pictures to a Dataset and the import's report.
 *   decoded.x: [N, 3072] uint8 planar, row i for plan picture i (plan.train, then plan.test) when
 *   decoded.kept[i] = 1. The rows are moved within x in place (x is taken over): kept training rows
 *   to the front, the test rows after them, so the pixels are held once (a split made here copies
 *   only the test rows out). Classes none of whose training pictures could be read are left out
 *   (the rest renumbered); without a usable test folder the seeded stratified split of split.ts
 *   makes the test split; identical pictures in both splits (leaks.ts) get one warning.
 */
import { compact, DEFAULT_SPLIT_SEED, DEFAULT_TEST_FRACTION, IMAGE_CHANNELS, IMAGE_HEIGHT, IMAGE_INPUTS, IMAGE_WIDTH } from '../data/assemble'
import { classCounts, type Dataset, type Split } from '../data/dataset'
import { chooseTestRows } from '../data/split'
import { UserError } from '../errors'
import { FEW_PICTURES } from './folderPlan'
import { findLeaks } from './leaks'
import type { ClassCount, PictureImportReport, PicturePlan, ResizeMode, SkippedFile } from './types'
import { formatCount } from '../text/count'

/** What decoding the plan's pictures gave. */
export interface DecodedPictures {
  /** x: [N, 3072] uint8 planar; row i is plan picture i (train, then test) where kept[i] = 1. Taken over: rows are moved. */
  readonly x: Uint8Array
  /** kept: [N] 1 when picture i was decoded, 0 when it was skipped. */
  readonly kept: Uint8Array
  /** The plain reason each picture that was not kept was skipped, by its index. */
  readonly reasons: ReadonlyMap<number, string>
}

export interface PictureDatasetOptions {
  readonly resize: ResizeMode
  /** Share of each class set aside for testing when the folder has no test folder (default 0.2). */
  readonly testFraction?: number
  readonly seed?: number
  /** How long the import took, for the report. */
  readonly seconds?: number
}

/** Examples of leaked pictures named in the warning. */
const LEAK_EXAMPLES = 3

const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`

/** Rows of x (indices, ascending) moved to x[at..] in place, with their labels; safe because at + k ≤ rows[k]. */
function gather(x: Uint8Array, rows: readonly number[], labels: Uint8Array, at: number): Split {
  const y = new Uint8Array(rows.length)
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k] * IMAGE_INPUTS
    if (from !== (at + k) * IMAGE_INPUTS) x.copyWithin((at + k) * IMAGE_INPUTS, from, from + IMAGE_INPUTS)
    y[k] = labels[rows[k]]
  }
  return { x: x.subarray(at * IMAGE_INPUTS, (at + rows.length) * IMAGE_INPUTS), y, count: rows.length }
}

/** A split made here, and each of its rows as a plan index (for the leak warning). */
interface MadeSplit {
  readonly train: Split
  readonly test: Split
  readonly trainRows: readonly number[]
  readonly testRows: readonly number[]
}

/** The pooled rows split by chooseTestRows: the test rows copied out first, then the training rows moved to the front of x in place. */
function splitOff(x: Uint8Array, rows: readonly number[], labels: Uint8Array, testFraction: number, seed: number): MadeSplit {
  const y = new Uint8Array(rows.length)
  for (let k = 0; k < rows.length; k++) y[k] = labels[rows[k]]
  const { isTest, testCount } = chooseTestRows(y, testFraction, seed)
  const trainRows: number[] = []
  const testRows: number[] = []
  const testX = new Uint8Array(testCount * IMAGE_INPUTS)
  const testY = new Uint8Array(testCount)
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k] * IMAGE_INPUTS
    if (isTest[k]) {
      testX.set(x.subarray(from, from + IMAGE_INPUTS), testRows.length * IMAGE_INPUTS)
      testY[testRows.length] = y[k]
      testRows.push(rows[k])
    } else {
      trainRows.push(rows[k])
    }
  }
  const train = gather(x, trainRows, labels, 0)
  return { train, test: { x: testX, y: testY, count: testCount }, trainRows, testRows }
}

function leakWarning(leaks: readonly { test: number; train: number }[], pathOf: (split: 'train' | 'test', row: number) => string, split: boolean): string {
  const examples = leaks.slice(0, LEAK_EXAMPLES).map((l) => `${pathOf('test', l.test)} (the same as ${pathOf('train', l.train)})`)
  const more = leaks.length > LEAK_EXAMPLES ? `, and ${formatCount(leaks.length - LEAK_EXAMPLES)} more` : ''
  const is = leaks.length === 1 ? 'is' : 'are'
  const head = split
    ? `${plural(leaks.length, 'picture')} set aside for testing ${is} identical to training pictures (the same picture is in the folder more than once)`
    : `${plural(leaks.length, 'picture')} in the test folder ${is} identical to pictures in the training folder`
  return `${head}: ${examples.join(', ')}${more}. A network tested on pictures it learnt from looks better than it is; remove the copies.`
}

/** The dataset and report for `plan` once its pictures are decoded (see the header). */
export function assemblePictureDataset(
  plan: PicturePlan, decoded: DecodedPictures, options: PictureDatasetOptions
): { dataset: Dataset; report: PictureImportReport } {
  const trainN = plan.train.length
  const n = trainN + (plan.test?.length ?? 0)
  if (decoded.kept.length !== n || decoded.x.length < n * IMAGE_INPUTS) {
    throw new RangeError(`${n} planned pictures need ${n} kept flags and ${n * IMAGE_INPUTS} values, not ${decoded.kept.length} and ${decoded.x.length}`)
  }
  const { x, kept } = decoded
  const pathAt = (i: number): string => (i < trainN ? plan.train[i].path : (plan.test as readonly { path: string }[])[i - trainN].path)
  const labelAt = (i: number): number => (i < trainN ? plan.train[i].label : (plan.test as readonly { label: number }[])[i - trainN].label)
  const skipped: SkippedFile[] = [...plan.skipped]
  const warnings = [...plan.warnings]
  for (let i = 0; i < n; i++) if (!kept[i]) skipped.push({ path: pathAt(i), reason: decoded.reasons.get(i) ?? 'could not be read' })

  // classes left: those with a training picture that was read (or, without a test folder, any picture)
  const classes = plan.classNames.length
  const planned = new Array<number>(classes).fill(0)
  const readTrain = new Array<number>(classes).fill(0)
  const readTest = new Array<number>(classes).fill(0)
  for (let i = 0; i < n; i++) {
    planned[labelAt(i)]++
    if (kept[i]) (i < trainN ? readTrain : readTest)[labelAt(i)]++
  }
  const testFolder = plan.test !== null && readTest.some((c) => c > 0)
  if (plan.test !== null && plan.test.length > 0 && !testFolder) {
    warnings.push('None of the pictures in the test folder could be read, so a share of the training pictures is set aside for testing instead.')
  }
  const newLabel = new Array<number>(classes).fill(-1)
  const classNames: string[] = []
  for (let c = 0; c < classes; c++) {
    const name = plan.classNames[c]
    const read = readTrain[c] + (testFolder ? 0 : readTest[c])
    if (read === 0) {
      warnings.push(`None of the pictures of the class ${name} could be read, so it is left out.`)
      continue
    }
    newLabel[c] = classNames.length
    classNames.push(name)
    const total = readTrain[c] + readTest[c]
    if (planned[c] >= FEW_PICTURES && total < FEW_PICTURES) {
      warnings.push(`Only ${plural(total, 'picture')} of the class ${name} could be read; a network needs dozens of pictures of a class, or more, to learn it.`)
    }
  }
  if (classNames.length < 2) {
    const failed = skipped.length - plan.skipped.length
    const example = skipped.find((s, k) => k >= plan.skipped.length)
    throw new UserError(
      'too-few-classes',
      `Only ${plural(classNames.length, 'class', 'classes')} of ${plan.folderName} ${classNames.length === 1 ? 'has' : 'have'} pictures that could be read` +
        `${classNames.length === 1 ? ` (${classNames[0]})` : ''}; NN Scratch needs at least two. ${plural(failed, 'picture')} could not be read` +
        `${example ? ` (for example ${example.path}: ${example.reason})` : ''}.`
    )
  }

  // labels by row, renumbered; rows of left-out classes are dropped
  const labels = new Uint8Array(n)
  const trainRows: number[] = []
  const testRows: number[] = []
  for (let i = 0; i < n; i++) {
    const c = newLabel[labelAt(i)]
    if (!kept[i]) continue
    if (c < 0) {
      // only a test picture can be left here: its class has no training picture that could be read
      skipped.push({ path: pathAt(i), reason: `its class (${plan.classNames[labelAt(i)]}) has no training pictures that could be read` })
      continue
    }
    labels[i] = c
    ;(i < trainN || !testFolder ? trainRows : testRows).push(i)
  }

  let train: Split
  let test: Split
  let trainOrder: readonly number[] = trainRows
  let testOrder: readonly number[] = testRows
  if (testFolder) {
    train = gather(x, trainRows, labels, 0)
    test = gather(x, testRows, labels, trainRows.length)
  } else {
    if (!newLabel.some((to, c) => to >= 0 && readTrain[c] >= 2)) {
      throw new UserError(
        'too-few',
        `${plan.folderName} has too few pictures to set some aside for testing: a class needs at least two pictures that can be read. ` +
          'Add pictures to the class folders, or add a test folder.'
      )
    }
    const made = splitOff(x, trainRows, labels, options.testFraction ?? DEFAULT_TEST_FRACTION, options.seed ?? DEFAULT_SPLIT_SEED)
    train = made.train
    test = made.test
    trainOrder = made.trainRows
    testOrder = made.testRows
  }
  const leaks = findLeaks(train.x, train.count, test.x, test.count, IMAGE_INPUTS)
  if (leaks.length > 0) {
    warnings.push(leakWarning(leaks, (split, row) => pathAt((split === 'train' ? trainOrder : testOrder)[row]), !testFolder))
  }

  const trainCounts = classCounts(train, classNames.length)
  const testCounts = classCounts(test, classNames.length)
  const counts: ClassCount[] = classNames.map((name, c) => ({ name, train: trainCounts[c], test: testCounts[c] }))
  const dataset: Dataset = {
    name: plan.folderName,
    inputs: IMAGE_INPUTS,
    image: { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, channels: IMAGE_CHANNELS },
    classNames,
    train: { ...train, x: compact(train.x) },
    test: { ...test, x: compact(test.x) },
    testWasSplitOff: !testFolder,
    resize: options.resize
  }
  const report: PictureImportReport = {
    folderName: plan.folderName,
    resize: options.resize,
    classes: counts,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    warnings,
    pictures: train.count + test.count,
    seconds: options.seconds ?? 0
  }
  return { dataset, report }
}

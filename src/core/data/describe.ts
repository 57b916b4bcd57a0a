/**
 * describeDataset: a summary of a Dataset for people (the CLI's `inspect`, the app's data panel):
 * split sizes and shapes ([count, inputs]), picture geometry, and per class its name and counts.
 * `lines` is the same summary as ready-to-print plain text; for pictures from a folder it says how
 * they were made 32×32 (Dataset.resize).
 */
import type { ResizeMode } from './resizeMode'
import { classCounts, type Dataset } from './dataset'

/** How each resize mode made pictures 32×32, in words. */
const RESIZE_WORDS: Readonly<Record<ResizeMode, string>> = {
  crop: 'crop (the largest centred square of each picture)',
  squash: 'squash (each whole picture stretched to a square)',
  pad: 'pad (each whole picture fitted inside a square, black bands around it)'
}

export interface ClassSummary {
  readonly index: number
  readonly name: string
  readonly train: number
  readonly test: number
}

export interface SplitSummary {
  readonly count: number
  /** [count, inputs] */
  readonly shape: readonly [number, number]
}

export interface DatasetSummary {
  readonly name: string
  readonly inputs: number
  readonly image: Dataset['image']
  readonly train: SplitSummary
  readonly test: SplitSummary
  readonly testWasSplitOff: boolean
  /** how pictures from a folder were made 32×32; absent for dataset files. */
  readonly resize?: ResizeMode
  readonly classes: readonly ClassSummary[]
  readonly lines: readonly string[]
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length)
}

export function describeDataset(ds: Dataset): DatasetSummary {
  const k = ds.classNames.length
  const trainCounts = classCounts(ds.train, k)
  const testCounts = classCounts(ds.test, k)
  const classes = ds.classNames.map((name, index) => ({
    index, name, train: trainCounts[index], test: testCounts[index]
  }))
  const train: SplitSummary = { count: ds.train.count, shape: [ds.train.count, ds.inputs] }
  const test: SplitSummary = { count: ds.test.count, shape: [ds.test.count, ds.inputs] }
  const img = ds.image
  const lines = [
    `Dataset:  ${ds.name}`,
    img
      ? `Pictures: ${img.width}×${img.height} pixels, ${img.channels === 3 ? 'colour' : `${img.channels} channels`} ` +
        `(${ds.inputs} numbers each)`
      : `Inputs:   ${ds.inputs} numbers per example`,
    ...(ds.resize ? [`Resized:  by ${RESIZE_WORDS[ds.resize]}`] : []),
    `Training: ${train.count} pictures, shape [${train.shape.join(', ')}]`,
    `Test:     ${test.count} pictures, shape [${test.shape.join(', ')}]` +
      (ds.testWasSplitOff ? ` (set aside from the training pictures; ${ds.resize ? 'the folder had no test folder' : 'the file had no test set'})` : ''),
    `Classes:  ${k}`
  ]
  const nameWidth = Math.max(...ds.classNames.map((n) => n.length), 4)
  const numWidth = String(k - 1).length
  for (const c of classes) {
    lines.push(`  ${String(c.index).padStart(numWidth)}  ${pad(c.name, nameWidth)}  training ${c.train}, test ${c.test}`)
  }
  return {
    name: ds.name, inputs: ds.inputs, image: ds.image, train, test, testWasSplitOff: ds.testWasSplitOff,
    ...(ds.resize ? { resize: ds.resize } : {}),
    classes, lines
  }
}

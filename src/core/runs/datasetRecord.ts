/**
 * The dataset part of a run's record (RunDataset): its name, split sizes, class names, the classes
 * picked and the test share, and a fingerprint of the pictures and labels of both splits as used
 * (after picking classes and splitting off a test set): FNV-1a (32-bit) over the byte count and
 * bytes of train x, train y, test x and test y, in that order, as 8 hex digits. Runs on the same
 * pictures get the same fingerprint whichever process trained them (the studio, the CLI), so the
 * sentence about two runs can tell "other pictures" from other settings. Not a cryptographic hash.
 */
import type { Dataset } from '../data/dataset'
import { DEFAULT_TEST_FRACTION } from '../data/assemble'
import type { RunDataset } from './types'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

function mix(h: number, byte: number): number {
  return Math.imul(h ^ byte, FNV_PRIME)
}

/** The fingerprint of a dataset's pictures and labels (see the header). */
export function datasetFingerprint(data: Dataset): string {
  let h = FNV_OFFSET
  for (const a of [data.train.x, data.train.y, data.test.x, data.test.y]) {
    // the length first, so that bytes moved from one array to the next change the fingerprint
    let n = a.length
    for (let k = 0; k < 4; k++, n = Math.floor(n / 256)) h = mix(h, n & 0xff)
    for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], FNV_PRIME)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

/** How the dataset was chosen from its source: the classes picked and the share set aside for testing. */
export interface DatasetChoice {
  /** the source's class numbers picked, or 'all' (also for a two-class source). */
  readonly classes?: readonly number[] | 'all'
  /** the share asked for when the source has no test split (absent: the default). */
  readonly testFraction?: number
}

/** What a run's record says of the data it learnt from. */
export function runDataset(data: Dataset, choice: DatasetChoice = {}): RunDataset {
  return {
    name: data.name,
    fingerprint: datasetFingerprint(data),
    trainCount: data.train.count,
    testCount: data.test.count,
    classNames: [...data.classNames],
    classes: choice.classes === undefined || choice.classes === 'all' ? 'all' : [...choice.classes],
    testFraction: data.testWasSplitOff ? (choice.testFraction ?? DEFAULT_TEST_FRACTION) : null
  }
}

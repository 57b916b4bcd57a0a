/**
 * The dataset part of a run's record (RunDataset): its name, split sizes, class names, the classes
 * picked and the test share, the resize mode of a folder of pictures (absent for a dataset file),
 * and a fingerprint of the pictures and labels of both splits as used (after picking classes and
 * splitting off a test set): the 64-bit BytesHash (src/core/data) of train x, train y, test x
 * and test y, in that order (each with its length), as 16 hex digits, fast enough to take at every start (about 40 ms for 150 MB of pictures). Runs on the same
 * pictures get the same fingerprint whichever process trained them (the studio, the CLI), so the
 * sentence about two runs can tell "other pictures" from other settings. Not a cryptographic hash.
 */
import { BytesHash } from '../data/bytesHash'
import type { Dataset } from '../data/dataset'
import { DEFAULT_TEST_FRACTION } from '../data/assemble'
import type { RunDataset } from './types'

/** The fingerprint of a dataset's pictures and labels (see the header). */
export function datasetFingerprint(data: Dataset): string {
  return new BytesHash().update(data.train.x).update(data.train.y).update(data.test.x).update(data.test.y).digest()
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
    testFraction: data.testWasSplitOff ? (choice.testFraction ?? DEFAULT_TEST_FRACTION) : null,
    ...(data.resize === undefined ? {} : { resize: data.resize })
  }
}

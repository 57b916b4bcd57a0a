/**
 * A Dataset saved as an ordinary NumPy .npz (numpy.savez layout, stored, not compressed, so it
 * reopens at once): x_train, x_test uint8 [N, 3072] channel-planar (the dataset row layout),
 * y_train, y_test uint8 [N] class numbers, class_names as NumPy text ('<U…'), and, for pictures
 * from a folder, resize as a one-element text array ("crop", "squash" or "pad"). NumPy opens it
 * without pickles (allow_pickle=False); NN Scratch's own .npz reader reads every part back.
 * Written atomically: a failure never leaves half a file.
 */
import type { Dataset, Split } from '../../core/data/dataset'
import { writeNpz } from '../../core/formats/npz'
import { textNpyInput, type NpyInput } from '../../core/formats/npy'
import { writeFileAtomic } from '../atomicWrite'

function rows(split: Split, inputs: number): NpyInput {
  return { dtype: '|u1', shape: [split.count, inputs], data: split.x.subarray(0, split.count * inputs) }
}

function labels(split: Split): NpyInput {
  return { dtype: '|u1', shape: [split.count], data: split.y.subarray(0, split.count) }
}

/** The .npz file's bytes (for a download in browser mode). */
export function datasetNpzBytes(dataset: Dataset): Uint8Array {
  const arrays: Record<string, NpyInput> = {
    x_train: rows(dataset.train, dataset.inputs),
    y_train: labels(dataset.train),
    x_test: rows(dataset.test, dataset.inputs),
    y_test: labels(dataset.test),
    class_names: textNpyInput(dataset.classNames)
  }
  if (dataset.resize !== undefined) arrays.resize = textNpyInput([dataset.resize])
  return writeNpz(arrays)
}

/** Save `dataset` as an .npz at `path` (see the header); a plain UserError when it cannot be saved. */
export async function writeDatasetNpz(path: string, dataset: Dataset): Promise<void> {
  await writeFileAtomic(path, datasetNpzBytes(dataset))
}

/**
 * Dataset: images as uint8 pixels, one row per image, and integer class labels.
 *   x: [examples, inputs] uint8, row-major; for 32x32 colour images inputs = 3072, channel-planar
 *      (1024 red, then 1024 green, then 1024 blue, each 32x32 row-major).
 *   y: [examples] class numbers 0..classes-1.
 * Pixels stay uint8 end to end; scaling to floats happens batch by batch (see scaling.ts).
 */
import type { ResizeMode } from './resizeMode'

export interface Split {
  /** x: [count, inputs] uint8 pixels, row-major. */
  readonly x: Uint8Array
  /** y: [count] class numbers in 0..classNames.length-1. */
  readonly y: Uint8Array
  readonly count: number
}

export interface Dataset {
  /** A short human description of where it came from, e.g. "cifar_2class_py2.p". */
  readonly name: string
  /** inputs per example (3072 for 32x32 RGB). */
  readonly inputs: number
  /** Image geometry when the rows are pictures: width x height x channels = inputs. */
  readonly image: { readonly width: number; readonly height: number; readonly channels: number } | null
  readonly classNames: readonly string[]
  readonly train: Split
  readonly test: Split
  /** True when the file had no test split and one was made by stratifiedSplit. */
  readonly testWasSplitOff: boolean
  /** How pictures from a folder were made 32×32; absent for dataset files. */
  readonly resize?: ResizeMode
}

/** Counts of each class in a split: counts[c] = number of rows with label c. */
export function classCounts(split: Split, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0)
  for (let i = 0; i < split.count; i++) counts[split.y[i]]++
  return counts
}

/**
 * Seeded stratified train/test split for a dataset that came without a test set.
 *   x: [count, inputs] uint8, y: [count] class numbers.
 *   Per class c with n_c examples: test_c = round(n_c · testFraction), kept within [1, n_c − 1]
 *   when n_c ≥ 2 (0 when n_c = 1), chosen by a seeded shuffle; rows keep their original order.
 * stratifiedSplitInPlace makes the same split where x lies (x is taken over), copying only the
 * test rows out, so that pixels read straight into the engine's memory stay there.
 */
import { UserError } from '../errors'
import { Rng } from '../random/rng'
import type { Split } from './dataset'

export function testCountForClass(n: number, testFraction: number): number {
  if (n < 2) return 0
  return Math.min(n - 1, Math.max(1, Math.round(n * testFraction)))
}

/** isTest: [count] 1 for the rows the split sets aside for testing (the rule above), 0 for the rest; and how many. */
export function chooseTestRows(y: Uint8Array, testFraction = 0.2, seed = 0): { isTest: Uint8Array; testCount: number } {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new UserError(
      'bad-setting',
      `The share of pictures kept for testing must be between 0 and 1 (for example 0.2 for 20%); it was ${testFraction}.`
    )
  }
  const count = y.length
  // counting sort of row numbers by class: order[start[c] .. start[c+1]) are class c's rows
  const perClass = new Uint32Array(256)
  for (let i = 0; i < count; i++) perClass[y[i]]++
  const start = new Uint32Array(257)
  for (let c = 0; c < 256; c++) start[c + 1] = start[c] + perClass[c]
  const order = new Uint32Array(count)
  const fill = start.slice(0, 256)
  for (let i = 0; i < count; i++) order[fill[y[i]]++] = i

  const rng = new Rng(seed)
  const isTest = new Uint8Array(count)
  let testCount = 0
  for (let c = 0; c < 256; c++) {
    const n = perClass[c]
    if (n === 0) continue
    const rows = order.subarray(start[c], start[c + 1])
    rng.shuffle(rows)
    const k = testCountForClass(n, testFraction)
    for (let j = 0; j < k; j++) isTest[rows[j]] = 1
    testCount += k
  }
  return { isTest, testCount }
}

/** x and y split by chooseTestRows, each split's rows in their original order. */
export function stratifiedSplit(
  x: Uint8Array,
  y: Uint8Array,
  inputs: number,
  testFraction = 0.2,
  seed = 0
): { train: Split; test: Split } {
  const count = y.length
  const { isTest, testCount } = chooseTestRows(y, testFraction, seed)
  const trainCount = count - testCount
  const train = { x: new Uint8Array(trainCount * inputs), y: new Uint8Array(trainCount), count: trainCount }
  const test = { x: new Uint8Array(testCount * inputs), y: new Uint8Array(testCount), count: testCount }
  let a = 0
  let b = 0
  for (let i = 0; i < count; i++) {
    const row = x.subarray(i * inputs, (i + 1) * inputs)
    if (isTest[i]) {
      test.x.set(row, b * inputs)
      test.y[b++] = y[i]
    } else {
      train.x.set(row, a * inputs)
      train.y[a++] = y[i]
    }
  }
  return { train, test }
}

/**
 * The split stratifiedSplit makes, made where x lies: the test rows copied into `room`, the
 * training rows moved to the front of x in their order (row i moves to a ≤ i, after rows up to i
 * were read, so nothing is overwritten before it is read). x is taken over; the training pixels
 * are a view of it.
 */
export function stratifiedSplitInPlace(
  x: Uint8Array,
  y: Uint8Array,
  inputs: number,
  testFraction: number,
  seed: number,
  room: (bytes: number) => Uint8Array
): { train: Split; test: Split } {
  const count = y.length
  const { isTest, testCount } = chooseTestRows(y, testFraction, seed)
  const trainCount = count - testCount
  const test = { x: room(testCount * inputs).subarray(0, testCount * inputs), y: new Uint8Array(testCount), count: testCount }
  const trainY = new Uint8Array(trainCount)
  let a = 0
  let b = 0
  for (let i = 0; i < count; i++) {
    if (isTest[i]) {
      test.x.set(x.subarray(i * inputs, (i + 1) * inputs), b * inputs)
      test.y[b++] = y[i]
    } else {
      if (a !== i) x.copyWithin(a * inputs, i * inputs, (i + 1) * inputs)
      trainY[a++] = y[i]
    }
  }
  return { train: { x: x.subarray(0, trainCount * inputs), y: trainY, count: trainCount }, test }
}

/**
 * The Try tab's answers as the page shows them (src/shared/tryPictures.ts): per picture and
 * network the bars (every class by its probability, the answer first) and the slices of what it
 * sees and of its contribution map; per network the score of the pictures whose folder names a
 * class (right answers and the confusion matrix); the pictures in the order shown, mistakes
 * first; and the pictures split into requests within the bounds, their answers joined into one.
 */
import { PICTURE_INPUTS } from '../../../core/data/picture'
import { classAccuracy, confusionMatrix } from '../../../core/nn/confusion'
import type { SplitEvaluation } from '../../../shared/payloads'
import type { TriedModel, TriedPicture, TryAnswer } from '../../../shared/tryPictures'

const PIXELS = PICTURE_INPUTS / 3

export interface ClassBar {
  readonly index: number
  readonly name: string
  readonly p: number
}

/** Every class of network m for picture i, most probable first (ties in class order). */
export function classBars(m: TriedModel, i: number): ClassBar[] {
  const k = m.classNames.length
  const row = m.probabilities.subarray(i * k, (i + 1) * k)
  return m.classNames.map((name, index) => ({ index, name, p: row[index] })).sort((a, b) => b.p - a.p || a.index - b.index)
}

/** What network m sees of picture i: [3072] channel-planar. */
export const seenOf = (m: TriedModel, i: number): Uint8Array => m.seen.subarray(i * PICTURE_INPUTS, (i + 1) * PICTURE_INPUTS)

/** The contribution map of network m's answer for picture i: [1024]. */
export const mapOf = (m: TriedModel, i: number): Float32Array => m.contributions.subarray(i * PIXELS, (i + 1) * PIXELS)

/** Whether network m answered picture i wrongly, its folder naming the true class. */
export const isMistake = (m: TriedModel, i: number): boolean =>
  m.problem === null && m.actual[i] >= 0 && m.predicted[i] >= 0 && m.actual[i] !== m.predicted[i]

export interface FolderScore {
  readonly model: number
  readonly name: string
  readonly classNames: readonly string[]
  /** pictures whose folder names a class and that were read, and those answered right. */
  readonly total: number
  readonly right: number
  readonly evaluation: SplitEvaluation
}

/** Per network that answered pictures in class folders: its score on them (none when no folder names a class). */
export function folderScores(answer: TryAnswer): FolderScore[] {
  return answer.models.flatMap((m, model) => {
    if (m.problem !== null) return []
    const rows = answer.pictures.flatMap((_, i) => (m.actual[i] >= 0 && m.predicted[i] >= 0 ? [i] : []))
    if (rows.length === 0) return []
    const confusion = confusionMatrix(rows.map((i) => m.actual[i]), rows.map((i) => m.predicted[i]), m.classNames.length)
    const right = rows.filter((i) => m.actual[i] === m.predicted[i]).length
    const evaluation: SplitEvaluation = { loss: NaN, accuracy: right / rows.length, confusion, classAccuracy: classAccuracy(confusion) }
    return [{ model, name: m.name, classNames: m.classNames, total: rows.length, right, evaluation }]
  })
}

/** A cell of a network's confusion matrix on the class folders: its pictures of one true class given one answer. */
export interface ChosenCell {
  readonly model: number
  readonly actual: number
  readonly predicted: number
}

/** The pictures of `order` in the cell chosen (all of them when none is). */
export function picturesInCell(answer: TryAnswer, order: readonly number[], cell: ChosenCell | null): number[] {
  if (!cell) return [...order]
  const m = answer.models[cell.model]
  return order.filter((i) => m.actual[i] === cell.actual && m.predicted[i] === cell.predicted)
}

/** The pictures in the order shown: those some network got wrong first, then the rest, each in the order given. */
export function pictureOrder(answer: TryAnswer): number[] {
  const all = answer.pictures.map((_, i) => i)
  const wrong = (i: number): boolean => answer.models.some((m) => isMistake(m, i))
  return [...all.filter(wrong), ...all.filter((i) => !wrong(i))]
}

/** The pictures' sizes split into requests: at most `maxPictures` and `maxBytes` each (a larger picture alone). */
export function requestParts(sizes: readonly number[], maxPictures: number, maxBytes: number): number[][] {
  const parts: number[][] = []
  let part: number[] = []
  let bytes = 0
  sizes.forEach((size, i) => {
    if (part.length > 0 && (part.length >= maxPictures || bytes + size > maxBytes)) {
      parts.push(part)
      part = []
      bytes = 0
    }
    part.push(i)
    bytes += size
  })
  if (part.length > 0) parts.push(part)
  return parts
}

/**
 * One answer for `names.length` pictures from the answers to parts of them (`indices`: which
 * pictures each part asked about) and the pictures never sent, with their reason (`unsent`).
 */
export function joinAnswers(
  names: readonly string[], parts: readonly { readonly indices: readonly number[]; readonly answer: TryAnswer }[], unsent: ReadonlyMap<number, string>
): TryAnswer {
  const n = names.length
  const pictures: TriedPicture[] = names.map((name, i) => ({ name, problem: unsent.get(i) ?? null }))
  for (const { indices, answer } of parts) indices.forEach((i, k) => { pictures[i] = answer.pictures[k] })
  const first = parts[0]?.answer.models ?? []
  const models = first.map((m, j): TriedModel => {
    if (m.problem !== null) return m
    const k = m.classNames.length
    const joined = {
      ...m,
      seen: new Uint8Array(n * PICTURE_INPUTS),
      probabilities: new Float32Array(n * k),
      predicted: new Int16Array(n).fill(-1),
      actual: new Int16Array(n).fill(-1),
      contributions: new Float32Array(n * PIXELS)
    }
    for (const { indices, answer } of parts) {
      const part = answer.models[j]
      indices.forEach((i, r) => {
        joined.seen.set(part.seen.subarray(r * PICTURE_INPUTS, (r + 1) * PICTURE_INPUTS), i * PICTURE_INPUTS)
        joined.probabilities.set(part.probabilities.subarray(r * k, (r + 1) * k), i * k)
        joined.predicted[i] = part.predicted[r]
        joined.actual[i] = part.actual[r]
        joined.contributions.set(part.contributions.subarray(r * PIXELS, (r + 1) * PIXELS), i * PIXELS)
      })
    }
    return joined
  })
  return { pictures, models }
}

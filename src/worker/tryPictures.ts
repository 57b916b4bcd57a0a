/**
 * The Try tab's question, answered in the training process: the pictures the page sent, through
 * one to four networks (src/shared/tryPictures.ts). Each picture becomes 32×32 by pictureTo32 with
 * each network's resize mode — the one path every picture takes (docs/pictures.md) — decoded once
 * per mode, a few at a time; then per network the probabilities of the pictures that were read
 * and, for each, the contribution map of its answer (src/core/nn/contributions.ts), and the true
 * class when the picture's folder names one of the network's classes. A picture that cannot be
 * read gets its reason in plain words and does not stop the rest; a network that takes other
 * inputs answers with its reason.
 */
import { PICTURE_INPUTS, PICTURE_SIDE } from '../core/data/picture'
import type { Scaling } from '../core/data/scaling'
import { isUserError, UserError } from '../core/errors'
import { contributions, isPiecewiseLinear } from '../core/nn/contributions'
import type { Network } from '../core/nn/network'
import { predictProbabilities } from '../core/training/evaluate'
import { classFromPath } from '../core/pictures/classFromPath'
import type { ResizeMode } from '../core/pictures/types'
import { pictureTo32 } from '../node/pictures/picture32'
import type { UploadFile } from '../shared/payloads'
import { TRY_LIMITS, type TriedModel, type TryAnswer } from '../shared/tryPictures'

/** A network to ask, with what its answers need: the scaling it was trained with, its class names and resize mode. */
export interface TryNetwork {
  readonly name: string
  readonly network: Network
  readonly scaling: Scaling
  readonly classNames: readonly string[]
  readonly resize: ResizeMode
}

/** A network that cannot be asked (its file could not be opened), and why in plain words. */
export interface UnaskableNetwork {
  readonly name: string
  readonly problem: string
}

/** Decodes one picture's bytes to 32×32 planar pixels with a resize mode (pictureTo32; tests may count the calls). */
export type ToPicture32 = (bytes: Uint8Array, mode: ResizeMode) => Promise<Uint8Array>

/** Pictures decoded at once: a few, so that only a few decoded pictures are in memory. */
const IN_FLIGHT = 4
const PIXELS = PICTURE_SIDE * PICTURE_SIDE

export async function tryPictures(
  pictures: readonly UploadFile[], networks: readonly (TryNetwork | UnaskableNetwork)[], toPicture32: ToPicture32 = pictureTo32
): Promise<TryAnswer> {
  checkBounds(pictures.length, networks.length)
  const n = pictures.length
  const problems = pictures.map((p) => tooBig(p))
  const seenBy = new Map<ResizeMode, Uint8Array>()
  for (const net of networks) {
    if (!('network' in net) || net.network.arch.inputs !== PICTURE_INPUTS || seenBy.has(net.resize)) continue
    seenBy.set(net.resize, await decodeAll(pictures, net.resize, problems, toPicture32))
  }
  const answers = networks.map((net): TriedModel => {
    if (!('network' in net)) return unanswered(net.name, [], net.problem)
    const inputs = net.network.arch.inputs
    if (inputs !== PICTURE_INPUTS) {
      return unanswered(net.name, net.classNames,
        `"${net.name}" takes ${inputs} values per picture, not the 32 × 32 colour pictures (${PICTURE_INPUTS} values) ` +
        'made from new pictures, so it cannot be asked about them. Choose a network trained on 32 × 32 colour pictures.')
    }
    return answer(net, pictures, seenBy.get(net.resize)!, problems)
  })
  return { pictures: pictures.map((p, i) => ({ name: p.name, problem: problems[i] })), models: answers }
}

function checkBounds(pictures: number, networks: number): void {
  if (pictures > TRY_LIMITS.maxPictures) {
    throw new UserError('too-many-pictures',
      `That is ${pictures} pictures; NN Scratch asks about at most ${TRY_LIMITS.maxPictures} at a time. Choose fewer pictures.`)
  }
  if (networks < 1 || networks > TRY_LIMITS.maxModels) {
    throw new UserError('too-many-models', `Pictures can be tried on one to ${TRY_LIMITS.maxModels} networks side by side (not ${networks}). Remove one.`)
  }
}

function tooBig(p: UploadFile): string | null {
  if (p.bytes.length === 0) return 'The file is empty (0 bytes).'
  if (p.bytes.length > TRY_LIMITS.maxPictureBytes) {
    return `The file is ${megabytes(p.bytes.length)}, more than the ${megabytes(TRY_LIMITS.maxPictureBytes)} a picture may be. Make it smaller and try again.`
  }
  return null
}

const megabytes = (bytes: number): string => `${Math.ceil(bytes / 1024 ** 2)} MB`

/** [n, 3072] what a network of this resize mode sees; a picture that fails gets its reason in problems. */
async function decodeAll(pictures: readonly UploadFile[], mode: ResizeMode, problems: (string | null)[], toPicture32: ToPicture32): Promise<Uint8Array> {
  const seen = new Uint8Array(pictures.length * PICTURE_INPUTS)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < pictures.length; i = next++) {
      if (problems[i] !== null) continue
      try {
        seen.set(await toPicture32(pictures[i].bytes, mode), i * PICTURE_INPUTS)
      } catch (e) {
        problems[i] = isUserError(e) ? e.message : 'NN Scratch could not read this file as a picture.'
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, pictures.length) }, worker))
  return seen
}

function unanswered(name: string, classNames: readonly string[], problem: string): TriedModel {
  return {
    name, classNames, resize: 'crop', map: 'exact', problem,
    seen: new Uint8Array(0), probabilities: new Float32Array(0), predicted: new Int16Array(0), actual: new Int16Array(0), contributions: new Float32Array(0)
  }
}

/** One network's answers: probabilities [n, classes], its answer, the true class from the folder, and the map of the answer. */
function answer(net: TryNetwork, pictures: readonly UploadFile[], seen: Uint8Array, problems: readonly (string | null)[]): TriedModel {
  const n = pictures.length
  const classes = net.network.arch.classes
  const read = problems.flatMap((p, i) => (p === null ? [i] : []))
  // x: [read, 3072], the pictures that were read, in order
  const x = new Uint8Array(read.length * PICTURE_INPUTS)
  read.forEach((i, k) => x.set(seen.subarray(i * PICTURE_INPUTS, (i + 1) * PICTURE_INPUTS), k * PICTURE_INPUTS))
  const units = classes === 2 ? 1 : classes
  const p = read.length > 0 ? predictProbabilities(net.network, net.scaling, x, read.length) : new Float32Array(0)

  const probabilities = new Float32Array(n * classes)
  const predicted = new Int16Array(n).fill(-1)
  const map = new Float32Array(n * PIXELS)
  read.forEach((i, k) => {
    const row = probabilities.subarray(i * classes, (i + 1) * classes)
    if (units === 1) {
      row[1] = p[k]
      row[0] = 1 - p[k]
    } else {
      row.set(p.subarray(k * units, (k + 1) * units))
    }
    let best = 0
    for (let c = 1; c < classes; c++) if (row[c] > row[best]) best = c
    predicted[i] = best
    const perPixel = contributions(seen.subarray(i * PICTURE_INPUTS, (i + 1) * PICTURE_INPUTS), net.network, net.scaling, best).perPixel
    if (perPixel) map.set(perPixel, i * PIXELS)
  })
  const actual = Int16Array.from(pictures, (pic) => classFromPath(pic.name, net.classNames))
  return {
    name: net.name,
    classNames: net.classNames,
    resize: net.resize,
    map: isPiecewiseLinear(net.network.arch.activation) ? 'exact' : 'approximate',
    problem: null,
    seen,
    probabilities,
    predicted,
    actual,
    contributions: map
  }
}

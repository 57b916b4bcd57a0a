/**
 * The network asked about new pictures (issue 10 §3, the studio's Try tab; docs/pictures.md,
 * "Asking the network"). The page sends the pictures' bytes and names and which networks to ask:
 *   TryModelChoice  the current network, a model file the user chose, or a recorded run.
 * The training process answers per network and per picture (TryAnswer): what the network sees
 * (the 32×32 picture after that network's resize mode, by pictureTo32), the probability of each
 * class, and the contribution map of its answer; or a plain reason for a picture it cannot read,
 * or for a network that cannot be asked about pictures. Big numbers travel as typed arrays, one
 * per network. Types and limits only.
 */
import type { ResizeMode } from '../core/pictures/types'
import type { UploadFile } from './payloads'

/** The bounds of one request (the page asks about a larger folder in parts). */
export const TRY_LIMITS = {
  /** pictures in one request. */
  maxPictures: 200,
  /** one picture's file: 50 MB. */
  maxPictureBytes: 50 * 1024 ** 2,
  /** networks side by side, the current one included. */
  maxModels: 4
} as const

/** Which network to ask. A model file's bytes come from an upload or the desktop app's Open… dialog. */
export type TryModelChoice =
  | { readonly kind: 'current' }
  | { readonly kind: 'file'; readonly file: UploadFile }
  | { readonly kind: 'run'; readonly id: string }

export interface TryRequest {
  /** each picture's name is its path within a dropped folder ("cats/tom.jpg"), or its file name. */
  readonly pictures: readonly UploadFile[]
  readonly models: readonly TryModelChoice[]
}

export interface TriedPicture {
  readonly name: string
  /** why it could not be read, in plain words; null when it was read. */
  readonly problem: string | null
}

/** One network's answers, for every picture of the request in order (n pictures). */
export interface TriedModel {
  /** "The current network", the run's name or the file's name. */
  readonly name: string
  readonly classNames: readonly string[]
  /** how its pictures were made 32×32: the mode it was trained with. */
  readonly resize: ResizeMode
  /** 'exact' for ReLU and leaky ReLU; 'approximate' (gradient × input) for tanh and sigmoid. */
  readonly map: 'exact' | 'approximate'
  /** why this network cannot answer (it takes other inputs, its file is damaged), in plain words; then the arrays are empty. */
  readonly problem: string | null
  /** what it sees: [n, 3072] uint8, channel-planar (zeros for a picture that could not be read). */
  readonly seen: Uint8Array
  /** [n, classes]: each read picture's row sums to 1. */
  readonly probabilities: Float32Array
  /** its answer per picture: [n] class numbers, −1 for a picture that could not be read. */
  readonly predicted: Int16Array
  /** the true class when the picture's folder is named after one of its classes, else −1: [n]. */
  readonly actual: Int16Array
  /** [n, 1024]: how much each pixel pushed the score of its answer (positive: towards it). */
  readonly contributions: Float32Array
}

export interface TryAnswer {
  readonly pictures: readonly TriedPicture[]
  readonly models: readonly TriedModel[]
}

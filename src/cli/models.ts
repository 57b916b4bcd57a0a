/** Reading and writing model files for the command line (format chosen by file extension). */
import { extname } from 'node:path'
import { UserError } from '../core/errors'
import type { SavedModel } from '../core/model/model'
import { decodeModel, encodeModel } from '../core/model/modelFile'
import { exportNpz, importNpz, type NpzExpectation } from '../core/model/npzWeights'
import type { Network } from '../core/nn/network'
import { writeFileAtomic } from '../node/atomicWrite'
import { readBytes } from '../node/readSource'

export type ModelExtension = '.safetensors' | '.npz'

export function modelExtension(path: string, what: string): ModelExtension {
  const ext = extname(path).toLowerCase()
  if (ext === '.safetensors' || ext === '.npz') return ext
  throw new UserError('bad-extension', `${what} must end in .safetensors (a full NN Scratch model) or .npz (weights for NumPy), not "${path}".`)
}

export async function readModel(path: string): Promise<SavedModel> {
  if (modelExtension(path, 'The model file') === '.npz') {
    throw new UserError('not-a-model', `"${path}" holds only weights (.npz), without the settings a model needs. Use a .safetensors model saved by NN Scratch, or start training from these weights with: train --init ${path}`)
  }
  return decodeModel(await readBytes(path))
}

export interface StartingWeights {
  readonly network: Network
  /** the whole model when the weights came from a .safetensors file */
  readonly model: SavedModel | null
}

/** Starting weights for train --init: a full model, or seed-orientation .npz weights. */
export async function readStartingWeights(path: string, expected: NpzExpectation): Promise<StartingWeights> {
  const ext = modelExtension(path, 'The starting weights file')
  const bytes = await readBytes(path)
  if (ext === '.npz') return { network: importNpz(bytes, expected), model: null }
  const model = decodeModel(bytes)
  return { network: model.network, model }
}

export async function writeModel(path: string, model: SavedModel): Promise<void> {
  const bytes = modelExtension(path, 'The output file') === '.npz' ? exportNpz(model) : encodeModel(model)
  await writeFileAtomic(path, bytes)
}

/**
 * The networks the Try tab compares besides the current one: a model file the user chose (or a
 * recorded run's, which main read from the store), opened for the question only — the current
 * network stays as it is. Weights alone (.npz) carry no input scaling, so they cannot be asked;
 * a file that cannot be opened answers with its reason, in plain words, beside the others.
 */
import { isUserError } from '../core/errors'
import { DEFAULT_RESIZE } from '../core/pictures/types'
import type { UploadFile } from '../shared/payloads'
import { openModel } from './models'
import type { TryNetwork, UnaskableNetwork } from './tryPictures'

export function fileNetwork(file: UploadFile): TryNetwork | UnaskableNetwork {
  let opened
  try {
    opened = openModel(file, null)
  } catch (e) {
    return { name: file.name, problem: isUserError(e) ? e.message : `NN Scratch could not open ${file.name} as a model.` }
  }
  if (!opened.scaling) {
    return {
      name: file.name,
      problem: `${file.name} holds weights only (NumPy .npz), without the input scaling the network was trained with, ` +
        'so it cannot be asked about pictures. Choose the .safetensors model saved with it.'
    }
  }
  const classes = opened.network.arch.classes
  return {
    name: file.name,
    network: opened.network,
    scaling: opened.scaling,
    classNames: opened.classNames ?? Array.from({ length: classes }, (_, i) => `class ${i}`),
    resize: opened.resize ?? DEFAULT_RESIZE
  }
}

/** The native open and save dialogs, as main's DialogAdapter. */
import { join } from 'node:path'
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { DialogAdapter } from '../handlers'

const DATASET_FILTERS = [
  { name: 'Datasets (pickle, NumPy, CIFAR)', extensions: ['p', 'pkl', 'pickle', 'npz', 'gz', 'tgz', 'tar', 'bin'] },
  { name: 'All files', extensions: ['*'] }
]

export function electronDialogs(window: () => BrowserWindow | null): DialogAdapter {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const parent = window()
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
  }
  const save = async (options: SaveDialogOptions): Promise<string | null> => {
    const parent = window()
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
  return {
    chooseDatasetToOpen: (folder) => open(folder
      ? { title: 'Open a folder of pictures (one sub-folder per class) or of CIFAR-10 batches', properties: ['openDirectory'] }
      : { title: 'Open a dataset', properties: ['openFile'], filters: DATASET_FILTERS }),
    chooseDatasetSavePath: (suggestedName) => save({
      title: 'Save the pictures as a dataset file',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'NumPy dataset', extensions: ['npz'] }]
    }),
    chooseModelToOpen: () => open({
      title: 'Open a model',
      properties: ['openFile'],
      filters: [
        { name: 'NN Scratch models and NumPy weights', extensions: ['safetensors', 'npz'] },
        { name: 'All files', extensions: ['*'] }
      ]
    }),
    chooseModelSavePath: (format, suggestedName) => save({
      title: format === 'npz' ? 'Export the weights for NumPy' : 'Save the model',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [format === 'npz'
        ? { name: 'NumPy weights', extensions: ['npz'] }
        : { name: 'NN Scratch model', extensions: ['safetensors'] }]
    })
  }
}

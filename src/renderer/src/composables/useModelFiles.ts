/**
 * Saving and opening models: through the desktop app's native dialogs, or in browser mode as
 * a download and an upload. An opened model's history and hyperparameters go to `onOpened`.
 */
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { RendererApi } from '../../../shared/api'
import type { ModelFormat, ModelInfo } from '../../../shared/ipc'
import { downloadBytes, readUpload } from '../files/browserFiles'
import type { Notices } from './useNotices'

export interface ModelFiles {
  readonly model: Readonly<ShallowRef<ModelInfo | null>>
  readonly working: Readonly<Ref<boolean>>
  /** Saves the current network (a .safetensors model, or .npz weights for NumPy): a save dialog (desktop) or a download (browser mode). */
  save(nativeDialogs: boolean, format?: ModelFormat): Promise<void>
  /** desktop: the native open dialog. */
  openDialog(): Promise<void>
  /** browser mode: a model file the user chose. */
  openFile(file: File): Promise<void>
}

export function useModelFiles(api: RendererApi, notices: Notices, onOpened: (info: ModelInfo) => void): ModelFiles {
  const model = shallowRef<ModelInfo | null>(null)
  const working = ref(false)

  function opened(info: ModelInfo): void {
    model.value = info
    onOpened(info)
  }

  const stops = [
    api.on('model:loaded', opened),
    api.on('model:saved', (file) => notices.show('info', `Model saved as ${file.name}.`))
  ]
  onScopeDispose(() => {
    for (const stop of stops) stop()
  })

  async function run(task: () => Promise<void>): Promise<void> {
    working.value = true
    try {
      await task()
    } catch (e) {
      notices.report(e)
    } finally {
      working.value = false
    }
  }

  function afterOpen(info: ModelInfo | null): void {
    if (!info) return
    opened(info)
    if (info.mismatch) notices.show('warning', info.mismatch)
    else notices.show('info', `Opened ${info.name}.`)
  }

  return {
    model,
    working,
    save: (nativeDialogs, format = 'safetensors') => run(async () => {
      if (nativeDialogs) {
        // the model:saved event confirms it
        await api.invoke('model:save-dialog', { format })
        return
      }
      const file = await api.invoke('model:save-bytes', { format })
      downloadBytes(file.name, file.bytes)
      notices.show('info', format === 'npz' ? `Weights exported as ${file.name}.` : `Model downloaded as ${file.name}.`)
    }),
    openDialog: () => run(async () => afterOpen(await api.invoke('model:open-dialog', {}))),
    openFile: (file) => run(async () => afterOpen(await api.invoke('model:open-bytes', { file: await readUpload(file) })))
  }
}

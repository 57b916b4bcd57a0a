/**
 * The Try tab's requests (src/shared/tryPictures.ts): pictures through the current network, model
 * files and recorded runs, which the training process answers. A recorded run's network is read
 * here from the run store (as runs:open does) and sent as a model file named after the run; a
 * model to compare comes from the desktop app's Open… dialog as its name and bytes (browser mode
 * uploads it). Nothing here changes the current network.
 */
import { basename } from 'node:path'
import type { RunStore } from '../node/runs/store'
import type { TryModelChoice } from '../shared/tryPictures'
import type { TryNetworkSource } from '../shared/workerProtocol'
import type { DialogAdapter, FileAccess, Handlers } from './handlers'
import type { AskWorker } from './sweepHandlers'

export type TryHandlers = Pick<Handlers, 'try:pictures' | 'try:choose-model'>

/** What the handlers need of the store. */
export type RunModels = Pick<RunStore, 'get' | 'readModel'>

export function createTryHandlers(ask: AskWorker, store: RunModels, files: FileAccess, dialogs: () => DialogAdapter): TryHandlers {
  const networkOf = async (choice: TryModelChoice): Promise<TryNetworkSource> => {
    if (choice.kind !== 'run') return choice
    const record = await store.get(choice.id)
    const bytes = await store.readModel(choice.id)
    return { kind: 'file', file: { name: record.ok ? record.name : choice.id, bytes } }
  }
  return {
    'try:pictures': async ({ request }) => {
      const networks = await Promise.all(request.models.map(networkOf))
      return ask('try-pictures', { pictures: request.pictures, networks })
    },
    'try:choose-model': async () => {
      const path = await dialogs().chooseModelToOpen()
      return path === null ? null : { name: basename(path), bytes: await files.read(path) }
    }
  }
}

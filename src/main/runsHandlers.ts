/**
 * The page's requests that read or change the run store (docs/runs.md, "The contract"): list,
 * rename, star and delete. Each change answers with the store's new list and also sends it as
 * 'runs:changed', so every open page stays in step. Runs are recorded by the process that trains
 * them, never here; the store refuses to delete a run that is still training.
 */
import type { RunStore } from '../node/runs/store'
import type { EmitEvent, Handlers } from './handlers'

export type RunsHandlers = Pick<Handlers, 'runs:list' | 'runs:rename' | 'runs:star' | 'runs:delete'>

/** What the handlers need of the store. */
export type RunStoreAccess = Pick<RunStore, 'list' | 'setUserFields' | 'delete'>

export function createRunsHandlers(store: RunStoreAccess, emit: EmitEvent): RunsHandlers {
  const changed = async () => {
    const list = await store.list()
    emit('runs:changed', list)
    return list
  }
  return {
    'runs:list': () => store.list(),
    'runs:rename': async ({ id, name }) => {
      await store.setUserFields(id, { name })
      return changed()
    },
    'runs:star': async ({ id, starred }) => {
      await store.setUserFields(id, { starred })
      return changed()
    },
    'runs:delete': async ({ ids }) => {
      await store.delete(ids)
      return changed()
    }
  }
}

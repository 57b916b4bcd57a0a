/**
 * The page's requests about runs that the training process carries out (docs/runs.md, "The
 * contract"): opening a recorded run's network (main reads its model file and batch losses from
 * the store, the worker makes it the current network), and sweeps (their cost, start and stop),
 * which the worker plans, trains and records. Starting a sweep keeps the form's settings, as Train does.
 */
import type { RunStore } from '../node/runs/store'
import type { WorkerArgs, WorkerCommandType, WorkerResult } from '../shared/workerProtocol'
import type { EmitEvent, Handlers } from './handlers'
import type { SettingsStore } from './settings/store'

export type SweepHandlers = Pick<Handlers, 'runs:open' | 'sweep:estimate' | 'sweep:start' | 'sweep:stop'>

/** What the handlers need of the store. */
export type RunReading = Pick<RunStore, 'get' | 'readModel' | 'readBatchLosses'>

export type AskWorker = <T extends WorkerCommandType>(type: T, args: WorkerArgs<T>) => Promise<WorkerResult<T>>

export function createSweepHandlers(ask: AskWorker, store: RunReading, settings: SettingsStore, emit: EmitEvent): SweepHandlers {
  return {
    'runs:open': async ({ id }) => {
      const record = await store.get(id)
      const model = await store.readModel(id)
      const batchLosses = await store.readBatchLosses(id)
      const name = record.ok ? record.name : id
      const info = await ask('runs:open', { recordId: id, name, model, batchLosses })
      emit('model:loaded', info)
      return info
    },
    'sweep:estimate': ({ spec, config }) => ask('sweep:estimate', { spec, config }),
    'sweep:start': async ({ spec, config }) => {
      const status = await ask('sweep:start', { spec, config })
      const { threads, ...hyperparameters } = config
      emit('settings:changed', settings.update({ hyperparameters, threads }))
      return status
    },
    'sweep:stop': ({ runId }) => ask('sweep:stop', { runId })
  }
}

/**
 * A stand-in for the training worker, for tests of main's transports that need a worker to
 * answer but not to train: it says 'ready', answers 'snapshot' with an idle, empty worker and
 * refuses every other command with a plain error. `launched` counts the processes started.
 */
import type { WorkerLauncher, WorkerProcess } from '../../src/main/worker/process'
import { NO_SWEEP } from '../../src/shared/payloads'
import type { FromWorker, ToWorker, WorkerSnapshot } from '../../src/shared/workerProtocol'

export const IDLE_SNAPSHOT: WorkerSnapshot = {
  training: {
    state: 'idle', runId: 0, epoch: 0, targetEpoch: 0, batch: 0, batchesPerEpoch: 0,
    hasDataset: false, hasNetwork: false, unsavedChanges: false, settings: null, config: null, recordId: null
  },
  dataset: null,
  model: null,
  weights: null,
  history: [],
  sweep: NO_SWEEP
}

export function stubWorkerLauncher(): WorkerLauncher & { launched: number } {
  const launcher = Object.assign((): WorkerProcess => {
    launcher.launched++
    let listener: ((m: FromWorker) => void) | null = null
    let alive = true
    const exits: ((code: number | null) => void)[] = []
    const tell = (m: FromWorker): void => {
      queueMicrotask(() => { if (alive) listener?.(m) })
    }
    return {
      post: (m: ToWorker) => {
        tell(m.type === 'snapshot'
          ? { type: 'reply', id: m.id, reply: { ok: true, value: IDLE_SNAPSHOT } }
          : { type: 'reply', id: m.id, reply: { ok: false, error: { code: 'stub', message: 'The stand-in worker does not do that.' } } })
      },
      onMessage: (l) => {
        listener = l
        tell({ type: 'ready' })
      },
      onExit: (l) => { exits.push(l) },
      kill: () => {
        if (!alive) return
        alive = false
        for (const l of exits) l(null)
      }
    }
  }, { launched: 0 })
  return launcher
}

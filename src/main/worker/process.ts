/**
 * The training worker as a process main can talk to, whatever started it: Electron's
 * utilityProcess (src/main/electron/utilityWorker.ts) or Node's child_process (nodeWorker.ts).
 */
import type { FromWorker, ToWorker } from '../../shared/workerProtocol'

export interface WorkerProcess {
  post(message: ToWorker): void
  onMessage(listener: (message: FromWorker) => void): void
  /** Called once when the process has ended, with its exit code (null when killed by a signal). */
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

/** Starts a fresh worker process. */
export type WorkerLauncher = () => WorkerProcess

/**
 * The worker's line to main, whichever way it was started: Electron's utilityProcess.fork
 * (`process.parentPort`, messages wrapped as `{ data }`), a Node worker thread
 * (worker_threads' parentPort) or a Node child process forked with an IPC channel
 * (`process.send`, started with serialization 'advanced' so typed arrays survive).
 * No Electron import: Electron's parentPort is found on `process` at run time.
 */
import { parentPort as threadPort } from 'node:worker_threads'
import type { FromWorker } from '../shared/workerProtocol'

export interface WorkerPort {
  post(message: FromWorker): void
  onMessage(listener: (message: unknown) => void): void
}

/** The shape of Electron's `process.parentPort` in a utility process. */
interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

export function connectPort(): WorkerPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data))
    }
  }
  if (threadPort) {
    const port = threadPort
    return {
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', listener)
    }
  }
  if (process.send) {
    return {
      post: (message) => { process.send?.(message) },
      onMessage: (listener) => { process.on('message', listener) }
    }
  }
  throw new Error('The training worker must be started by NN Scratch (as a utility process, worker thread or child process).')
}

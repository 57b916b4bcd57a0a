/** The training worker as an Electron utility process (out/main/worker.js, next to main's index.js). */
import { utilityProcess } from 'electron'
import type { FromWorker } from '../../shared/workerProtocol'
import { workerArgs, workerEnv, WORKER_UTILITY_OPTIONS, type WorkerLauncher, type WorkerProcess } from '../worker/process'

export function utilityWorkerLauncher(script: string): WorkerLauncher {
  return (start): WorkerProcess => {
    const child = utilityProcess.fork(script, workerArgs(start), { serviceName: 'NN Scratch training', stdio: 'inherit', execArgv: [...WORKER_UTILITY_OPTIONS], env: workerEnv() })
    return {
      post: (message) => child.postMessage(message),
      onMessage: (listener) => { child.on('message', (message: unknown) => listener(message as FromWorker)) },
      onExit: (listener) => { child.once('exit', (code: number) => listener(code)) },
      kill: () => { child.kill() }
    }
  }
}

/**
 * The training worker as a Node child process (browser mode and tests), forked with
 * serialization 'advanced' so that typed arrays cross as typed arrays. A .ts worker file
 * (tests, `npm run web` from source) runs through tsx.
 */
import { fork } from 'node:child_process'
import type { FromWorker, ToWorker } from '../../shared/workerProtocol'
import { workerArgs, workerEnv, WORKER_NODE_OPTIONS, type WorkerLauncher, type WorkerProcess } from './process'

export function nodeWorkerLauncher(script: string): WorkerLauncher {
  const execArgv = [...WORKER_NODE_OPTIONS, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : [])]
  return (start): WorkerProcess => {
    const child = fork(script, workerArgs(start), { serialization: 'advanced', execArgv, env: workerEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    return {
      post: (message: ToWorker) => {
        if (child.connected) child.send(message)
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => { child.kill() }
    }
  }
}

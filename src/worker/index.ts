/**
 * The training worker's entry: started by main as an Electron utility process, or under plain
 * Node as a child process or worker thread (tests, browser mode). It owns the dataset and the
 * network (Session), answers main's commands one by one and posts events as training goes on.
 */
import type { FromWorker } from '../shared/workerProtocol'
import { dispatch } from './dispatch'
import { connectPort } from './port'
import { Session } from './session'

const port = connectPort()
const post = (message: FromWorker): void => port.post(message)
const session = new Session((type, payload) => post({ type, payload } as FromWorker))

// Commands run in arrival order: a slow one (reading a big file) holds later ones back, never
// the other way round; training slices run between them.
let queue: Promise<void> = Promise.resolve()
port.onMessage((message) => {
  queue = queue.then(async () => {
    const answer = await dispatch(session, message)
    if (answer) post({ type: 'reply', ...answer })
  })
})
// a Node child process whose parent went away has nothing left to do
process.on('disconnect', () => process.exit(0))
post({ type: 'ready' })

/**
 * The training worker's entry: started by main as an Electron utility process, or under plain
 * Node as a child process or worker thread (tests, browser mode). It owns the dataset and the
 * network (Session), answers main's commands and posts events as training goes on. The same
 * script is also the body of the threads that read dataset files (readerThread.ts).
 *
 * The order of commands. Reading a dataset can take seconds, so it runs in a thread of its own
 * (reader.ts) and holds back only the commands that need what it reads:
 *   - at once: snapshot and cancel-load are answered on arrival, whatever else is going on.
 *   - in turn: every other command runs after those that came before it, one at a time, with
 *     training slices between them. load-dataset and configure-dataset use their turn only to
 *     start reading (cancelling any earlier reading); their answer comes once the dataset is in
 *     use, and the commands after them carry on meanwhile.
 *   - after the dataset: configure-dataset, start, step, resume, evaluate, predictions,
 *     load-model and save-model use the dataset (or the run that belongs to it), so in their turn
 *     they first wait for the dataset being opened. If it did not open (it failed, or it was
 *     cancelled) they are refused in plain words, never run on the dataset from before.
 * So while a file is read, snapshot, pause, stop, update-settings, mark-saved and reset are
 * answered at once. A new load-dataset, stop and cancel-load cancel the reading the moment they
 * arrive (the load answers with the code 'cancelled', and the dataset from before stays in use).
 */
import { toAppError } from '../node/appError'
import type { FromWorker, ToWorker, WorkerCommandType } from '../shared/workerProtocol'
import { dispatch, isCommand, type Answer } from './dispatch'
import { connectPort } from './port'
import { isReaderThread, runReaderThread } from './readerThread'
import { datasetNotOpened } from './refusals'
import { Session } from './session'

type Lane = 'at-once' | 'in-turn' | 'after-dataset'

const LANES: { readonly [T in WorkerCommandType]: Lane } = {
  'snapshot': 'at-once',
  'cancel-load': 'at-once',
  'load-dataset': 'in-turn',
  'pause': 'in-turn',
  'stop': 'in-turn',
  'reset': 'in-turn',
  'update-settings': 'in-turn',
  'mark-saved': 'in-turn',
  'configure-dataset': 'after-dataset',
  'start': 'after-dataset',
  'step': 'after-dataset',
  'resume': 'after-dataset',
  'evaluate': 'after-dataset',
  'predictions': 'after-dataset',
  'load-model': 'after-dataset',
  'save-model': 'after-dataset'
}

/** Commands whose turn ends once their reading has started, not when it is done. */
const OPENS_DATASET: ReadonlySet<string> = new Set<WorkerCommandType>(['load-dataset', 'configure-dataset'])
/** Commands that cancel the reading in progress on arrival, before their turn. */
const CANCELS_READING: ReadonlySet<string> = new Set<WorkerCommandType>(['load-dataset', 'stop'])

function serve(): void {
  const port = connectPort()
  const post = (message: FromWorker): void => port.post(message)
  const session = new Session((type, payload) => post({ type, payload } as FromWorker), new URL(import.meta.url))
  const answer = (a: Answer | null): void => {
    if (a) post({ type: 'reply', ...a })
  }

  let queue: Promise<void> = Promise.resolve()
  const inTurn = async (command: ToWorker): Promise<void> => {
    if (LANES[command.type] === 'after-dataset' && !(await session.datasetSettled())) {
      answer({ id: command.id, reply: { ok: false, error: toAppError(datasetNotOpened()) } })
      return
    }
    // a load starts its reading before dispatch's first await, so the turn can end right here
    const reply = dispatch(session, command)
    if (OPENS_DATASET.has(command.type)) void reply.then(answer)
    else answer(await reply)
  }

  port.onMessage((message) => {
    if (!isCommand(message)) return
    if (LANES[message.type] === 'at-once') {
      void dispatch(session, message).then(answer)
      return
    }
    if (CANCELS_READING.has(message.type)) session.cancelLoad()
    queue = queue.then(() => inTurn(message))
  })
  // a Node child process whose parent went away has nothing left to do
  process.on('disconnect', () => process.exit(0))
  post({ type: 'ready' })
}

if (isReaderThread()) void runReaderThread()
else serve()

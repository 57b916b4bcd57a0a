/**
 * The training worker's entry: started by main as an Electron utility process, or under plain
 * Node as a child process or worker thread (tests, browser mode). It owns the dataset and the
 * network (Session), answers main's commands and posts events as training goes on. The threads it
 * starts (dataset readers, run lanes and their kernel helpers) run entries of their own beside
 * this one (src/node/threadEntry.ts), so that none of them loads the session.
 *
 * The order of commands. Reading a dataset can take seconds, so it runs in a thread of its own
 * (reader.ts) and holds back only the commands that need what it reads:
 *   - at once: snapshot and cancel-load are answered on arrival, whatever else is going on.
 *   - in turn: every other command runs after those that arrived before it, one at a time, with
 *     training slices between them. The openings, load-dataset, configure-dataset and
 *     import-pictures, use their turn only to start reading; their answer comes once the dataset
 *     is in use (or a folder of pictures is previewed), and the commands after them carry on meanwhile.
 *   - after the dataset: configure-dataset, rename-classes, save-dataset, start, step, resume,
 *     evaluate, predictions, load-model and save-model use the dataset (or the run that belongs to it), so in their turn
 *     they first wait for the last opening that was under way when they arrived. If it did not
 *     open (it failed, or was cancelled) they are refused in plain words rather than run on the
 *     dataset from before it; one that arrives after a failed opening has ended runs as usual.
 * So while a file is read, snapshot, pause, stop, update-settings, mark-saved and reset are
 * answered at once. A new load-dataset, stop and cancel-load cancel, the moment they arrive,
 * every opening that arrived before them: the one being read ends with its thread, one still
 * waiting for its turn is not started, and both answer with the code 'cancelled'. The dataset
 * from before stays in use.
 */
import { toAppError } from '../node/appError'
import type { FromWorker, ToWorker, WorkerCommandType } from '../shared/workerProtocol'
import { dispatch, isCommand, type Answer } from './dispatch'
import { connectPort } from './port'
import { cancelledRead } from './reader'
import { datasetNotOpened } from './refusals'
import { Session } from './session'
import { runStoreOf } from './startup'

type Lane = 'at-once' | 'in-turn' | 'after-dataset'

const LANES: { readonly [T in WorkerCommandType]: Lane } = {
  'snapshot': 'at-once',
  'cancel-load': 'at-once',
  'load-dataset': 'in-turn',
  'import-pictures': 'in-turn',
  'rename-classes': 'after-dataset',
  'save-dataset': 'after-dataset',
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
  'save-model': 'after-dataset',
  'runs:open': 'after-dataset',
  'sweep:estimate': 'after-dataset',
  'sweep:start': 'after-dataset',
  'sweep:stop': 'in-turn',
  'try-pictures': 'in-turn'
}

/** The openings: their turn ends once their reading has started, not when it is done. */
const OPENS_DATASET: ReadonlySet<string> = new Set<WorkerCommandType>(['load-dataset', 'configure-dataset', 'import-pictures'])
/** Commands that cancel, on arrival, every opening that arrived before them. */
const CANCELS_OPENINGS: ReadonlySet<string> = new Set<WorkerCommandType>(['load-dataset', 'import-pictures', 'stop', 'cancel-load'])

function serve(): void {
  const port = connectPort()
  const post = (message: FromWorker): void => port.post(message)
  const session = new Session((type, payload) => post({ type, payload } as FromWorker), new URL(import.meta.url), runStoreOf(process.argv))
  const answer = (a: Answer | null): void => {
    if (a) post({ type: 'reply', ...a })
  }

  let queue: Promise<void> = Promise.resolve()
  /** The last opening to arrive, until it has ended: whether its dataset came into use. */
  let lastOpening: Promise<boolean> | null = null
  let arrivals = 0
  /** Openings that arrived before this arrival were cancelled. */
  let cancelledBefore = 0
  /** Arrivals of the openings still waiting for their turn, not yet cancelled. */
  const waiting = new Set<number>()

  /** Cancels the reading in progress and the openings waiting for their turn; false if there were none. */
  const cancelOpenings = (arrival: number): boolean => {
    cancelledBefore = arrival
    const anyWaiting = waiting.size > 0
    waiting.clear()
    return session.cancelLoad() || anyWaiting
  }

  const inTurn = async (command: ToWorker, arrival: number, before: Promise<boolean>, opened: (ok: boolean) => void): Promise<void> => {
    const opens = OPENS_DATASET.has(command.type)
    const refuse = (e: Error): void => {
      opened(false)
      answer({ id: command.id, reply: { ok: false, error: toAppError(e) } })
    }
    const ready = LANES[command.type] === 'after-dataset' ? await before : true
    waiting.delete(arrival)
    if (opens && arrival < cancelledBefore) return refuse(cancelledRead())
    if (!ready) return refuse(datasetNotOpened())
    // an opening starts its reading before dispatch's first await, so its turn can end right here
    const reply = dispatch(session, command).then((a) => {
      opened(a?.reply.ok === true)
      answer(a)
    })
    if (!opens) await reply
  }

  port.onMessage((message) => {
    if (!isCommand(message)) return
    const arrival = ++arrivals
    const cancelled = CANCELS_OPENINGS.has(message.type) && cancelOpenings(arrival)
    if (message.type === 'cancel-load') return answer({ id: message.id, reply: { ok: true, value: cancelled } })
    if (LANES[message.type] === 'at-once') {
      void dispatch(session, message).then(answer)
      return
    }
    const before = lastOpening ?? Promise.resolve(true)
    let opened: (ok: boolean) => void = () => undefined
    if (OPENS_DATASET.has(message.type)) {
      waiting.add(arrival)
      const mine = new Promise<boolean>((resolve) => { opened = resolve })
      lastOpening = mine
      void mine.then(() => {
        if (lastOpening === mine) lastOpening = null
      })
    }
    queue = queue.then(() => inTurn(message, arrival, before, opened))
  })
  // a Node child process whose parent went away has nothing left to do
  process.on('disconnect', () => process.exit(0))
  post({ type: 'ready' })
}

serve()

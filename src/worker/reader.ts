/**
 * Reading a dataset off the worker's message loop: each read runs in a thread of its own
 * (readerThread.ts), so the worker answers snapshot, stop and the rest while a big file is parsed,
 * and a read is cancelled at once by ending its thread. The pixels come back transferred, not
 * copied. The thread's JavaScript heap is capped (readerHeapMb; the pixel buffers live outside
 * it): a file that makes a parser run away ends that thread alone, with a plain message, and the
 * worker and the dataset it holds carry on.
 * Given room in the run host's shared memory (ReadingRoom), the thread writes the dataset's large
 * arrays into room handed out here at its asking (on a port of its own, readerThread.ts RoomLink),
 * which stays with the dataset that lies in it once that is in use and otherwise goes back
 * (release, after the thread has ended).
 */
import { MessageChannel, type MessagePort, type Worker, type WorkerOptions } from 'node:worker_threads'
import type { Dataset } from '../core/data/dataset'
import type { DataSource } from '../core/data/source'
import { UserError } from '../core/errors'
import { toAppError } from '../node/appError'
import { missingScript, startScriptThread } from '../node/scriptThread'
import { threadEntry } from '../node/threadEntry'
import type { ImportProgress, PictureImportReport } from '../core/pictures/types'
import { readerData, type ReadProgress, type ReadReply, type ReadRequest, type ReadRoom, type RoomLink, type RoomReply } from './readerThread'

/**
 * The reading thread's heap, beside the pixels (ArrayBuffers are not counted in it). A whole
 * CIFAR-10 python archive (60,000 pictures and their 60,000 file names) and a 185 MB two-class
 * pickle both read within 16 MB of it (measured); 512 leaves room for any honest file and still
 * ends a runaway one long before the machine runs short.
 */
export const READER_HEAP_MB = 512
/** Environment variable that sets another cap, in MB (the tests use a small one). */
export const READER_HEAP_ENV = 'NN_SCRATCH_READER_HEAP_MB'
/** The thread's stack: deep enough for any parser's recursion, like Node's own default. */
const READER_STACK_MB = 4

export interface Parsed {
  /** the source as read (null for the demo, or when not asked for). */
  readonly source: DataSource | null
  readonly full: Dataset
  /** what the import did, for a folder of pictures. */
  readonly report?: PictureImportReport
}

export interface Reading {
  /** the parsed dataset, or a UserError (code 'cancelled' after cancel()). */
  readonly result: Promise<Parsed>
  /** ends the thread now; the result rejects with 'cancelled' unless it had already settled. */
  cancel(): void
  /**
   * Once the thread has ended, settles the room it was handed (ReadingRoom.settle): call it after
   * the dataset read is in use (or was not taken), so that room no dataset lies in goes back.
   */
  release(): Promise<void>
}

/** Room in the run host's shared memory that a reading thread may read a file straight into. */
export interface ReadingRoom {
  readonly memory: WebAssembly.Memory
  /** `bytes` of room, as a view of the memory (throws a UserError when there is none). */
  take(bytes: number): Uint8Array
  /** room from take written no more: kept while a dataset in use lies in it, else given back. */
  settle(room: Uint8Array): void
}

export const cancelledRead = (): UserError =>
  new UserError('cancelled', 'Opening the dataset was cancelled. The dataset from before is still in use.')

export function readerHeapMb(): number {
  const set = Number(process.env[READER_HEAP_ENV])
  return Number.isInteger(set) && set > 0 ? set : READER_HEAP_MB
}

const tooMuchMemory = (mb: number): UserError =>
  new UserError('too-much-memory',
    `This file needs more memory than NN Scratch allows for reading a dataset (${mb} MB besides the pictures themselves), ` +
    'so it was not opened. It is probably damaged, or not a dataset file; check it, or open another one. ' +
    'The dataset from before is still in use.')

const readerStopped = (why: string): UserError =>
  new UserError('reader-stopped',
    `Reading the dataset stopped unexpectedly (${why}), so it was not opened. Try again; if it happens again, ` +
    'check the file or open another one. The dataset from before is still in use.')

/**
 * Reads `request` in a new thread running the readers' entry beside `script` (the worker's own
 * entry; src/node/threadEntry.ts). `transferIn`: buffers
 * of the request that move to the thread rather than being copied (they are gone from here).
 */
export function startReading(
  script: URL, request: ReadRequest, transferIn: ArrayBuffer[] = [], onProgress: (p: ImportProgress) => void = () => undefined,
  room: ReadingRoom | null = null
): Reading {
  const heapMb = readerHeapMb()
  const channel = room ? new MessageChannel() : null
  const link: RoomLink | null = room && channel ? { memory: room.memory, port: channel.port2, answered: new SharedArrayBuffer(4) } : null
  const thread = spawn(script, {
    workerData: readerData(request, link),
    resourceLimits: { maxOldGenerationSizeMb: heapMb, stackSizeMb: READER_STACK_MB }
  }, transferIn, channel ? [channel.port2] : [])
  const ended = new Promise<void>((resolve) => thread.once('exit', () => resolve()))
  const taken: Uint8Array[] = []
  channel?.port1.on('message', (message: ReadRoom) => {
    if (settled || !room || !link) return
    let reply: RoomReply
    try {
      const view = room.take(message.room)
      taken.push(view)
      reply = { base: view.byteOffset }
    } catch (e) {
      reply = { refused: toAppError(e) }
    }
    channel.port1.postMessage(reply)
    const answered = new Int32Array(link.answered)
    Atomics.store(answered, 0, 1)
    Atomics.notify(answered, 0)
  })
  // the port answers the thread; it keeps nothing alive
  channel?.port1.unref()
  let settled = false
  let resolveResult: (parsed: Parsed) => void = () => undefined
  let rejectResult: (error: unknown) => void = () => undefined
  const result = new Promise<Parsed>((resolve, reject) => {
    resolveResult = resolve
    rejectResult = reject
  })
  const settle = (outcome: { parsed: Parsed } | { error: unknown }): void => {
    if (settled) return
    settled = true
    if ('parsed' in outcome) resolveResult(outcome.parsed)
    else rejectResult(outcome.error)
    void thread.terminate()
  }
  thread.on('message', (message: ReadReply | ReadProgress) => {
    if ('progress' in message) {
      if (!settled) onProgress(message.progress)
      return
    }
    settle(message.ok
      ? { parsed: { source: message.source, full: message.full, ...(message.report ? { report: message.report } : {}) } }
      : { error: new UserError(message.error.code, message.error.message) })
  })
  thread.once('messageerror', () => settle({ error: readerStopped('its answer could not be read') }))
  thread.once('error', (e: Error & { code?: string }) => {
    settle({ error: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooMuchMemory(heapMb) : missingScript(e) ?? readerStopped(e.message) })
  })
  thread.once('exit', (code) => settle({ error: readerStopped(`exit code ${code}`) }))
  return {
    result,
    cancel: () => settle({ error: cancelledRead() }),
    release: async () => {
      await ended
      channel?.port1.close()
      for (const view of taken.splice(0)) room?.settle(view)
    }
  }
}

function spawn(script: URL, options: WorkerOptions, transferIn: ArrayBuffer[], ports: MessagePort[]): Worker {
  const start = (buffers: ArrayBuffer[]): Worker => startScriptThread(threadEntry('reader', script), { ...options, transferList: [...buffers, ...ports] })
  try {
    return start(transferIn)
  } catch (e) {
    // a buffer that cannot move (Node's small-Buffer pool) is copied instead
    if ((e as { name?: string } | null)?.name !== 'DataCloneError') throw e
    return start([])
  }
}

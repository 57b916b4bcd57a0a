/**
 * The body of a dataset-reading thread (node:worker_threads), started by reader.ts: it reads one
 * source (a path on disk, bytes the page read, or the generated demo), parses it with core's
 * loadDataset, posts the Dataset (and the source, when asked) back with every pixel buffer
 * transferred, and ends. A folder of pictures is imported instead (src/node/pictures: decoded and
 * made 32×32 in parallel), its progress posted as it goes and its report sent with the Dataset.
 * A failure goes back as an AppError in plain words.
 * Given the run host's shared memory, the large arrays of a dataset are written once into room
 * there that the worker hands out (core's Room: a file whose pixels stay views of its bytes read
 * straight into it, a packed array unpacked into it, CIFAR batches joined in it), so its pixels
 * come back as views of that memory, never copied. Room is asked for on a port of its own and the
 * thread waits for the answer (Atomics.wait on a shared flag), as core reads synchronously.
 * The thread runs the readers' own entry (readerEntry.ts; built, out/main/reader.js beside the
 * worker: src/node/threadEntry.ts), so it works from source under tsx and from the build alike.
 */
import { receiveMessageOnPort, parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { bufferOf } from '../core/engine/arena'
import { demoDataset } from '../core/data/demo'
import type { Dataset } from '../core/data/dataset'
import { loadDataset } from '../core/data/load'
import type { DataSource, Room } from '../core/data/source'
import { UserError } from '../core/errors'
import { toAppError } from '../node/appError'
import { readSource } from '../node/readSource'
import type { ImportProgress, PictureImportReport, ResizeMode } from '../core/pictures/types'
import { importPictures } from '../node/pictures/importFolder'
import type { AppError } from '../shared/payloads'
import type { WorkerSource } from '../shared/workerProtocol'
import { pictureSourceOf, type PictureFolder } from './pictureSources'
import { buffersOf, compactDataset, datasetArrays, postTransferring, sourceArrays } from './transfer'

const ROLE = 'nn-scratch:dataset-reader'

/** A folder of pictures to import, and how its pictures are made 32×32. */
export interface PictureRead {
  readonly kind: 'pictures'
  readonly folder: PictureFolder
  readonly resize: ResizeMode
}

/** What to read, handed to the thread as its workerData. */
export interface ReadRequest {
  readonly from: WorkerSource | PictureRead
  /** the share set aside for testing when the source has no test split, and its seed. */
  readonly testFraction: number
  readonly seed: number
  /** send the source back too (kept to pick another test share later without reading the file again). */
  readonly returnSource: boolean
}

/** How a reading thread asks the worker for room in the run host's shared memory. */
export interface RoomLink {
  readonly memory: WebAssembly.Memory
  /** the thread's end of the room port: ReadRoom out, RoomReply in. */
  readonly port: MessagePort
  /** Int32Array[1] over it: set to 1 by the worker once its reply is on the port. */
  readonly answered: SharedArrayBuffer
}

/** Asked by the thread on the room port: room of `bytes` in the shared memory, please. */
export interface ReadRoom {
  readonly room: number
}

/** The worker's answer to ReadRoom: where the room starts, or why there is none. */
export type RoomReply = { readonly base: number } | { readonly refused: AppError }

export type ReadReply =
  | { readonly ok: true; readonly source: DataSource | null; readonly full: Dataset; readonly report?: PictureImportReport }
  | { readonly ok: false; readonly error: AppError }

/** Posted by the thread before its reply while it imports pictures. */
export interface ReadProgress {
  readonly progress: ImportProgress
}

/** The workerData of a reading thread. */
export function readerData(request: ReadRequest, room: RoomLink | null = null): ReadRequest & { readonly role: typeof ROLE; readonly room: RoomLink | null } {
  return { ...request, role: ROLE, room }
}

/** Whether this thread was started to read a dataset (rather than to run the training worker). */
export function isReaderThread(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | null)?.role === ROLE
}

export async function runReaderThread(): Promise<void> {
  const port = parentPort
  if (!port) return
  const request = workerData as ReadRequest
  const room = roomFrom((workerData as { room?: RoomLink | null }).room ?? null)
  let reply: ReadReply
  let buffers: ArrayBuffer[] = []
  try {
    const { from } = request
    if (from.kind === 'pictures') {
      const { dataset, report } = await importPictures(await pictureSourceOf(from.folder), {
        resize: from.resize, testFraction: request.testFraction, seed: request.seed,
        onProgress: (progress) => port.postMessage({ progress } satisfies ReadProgress)
      })
      const full = compactDataset(dataset, [])
      return postTransferring((message, transfer) => port.postMessage(message, transfer),
        { ok: true, source: null, full, report } satisfies ReadReply, buffersOf(datasetArrays(full)))
    }
    const source = from.kind === 'path' ? await readSource(from.path, room) : from.kind === 'bytes' ? from.source : null
    // bytes read here, or a copy of them sent back to no one, may be rearranged to set a test share aside
    const sourceIsOwn = from.kind === 'path' || !request.returnSource
    const parsed = source ? loadDataset(source, { testFraction: request.testFraction, seed: request.seed, room, sourceIsOwn }) : demoDataset()
    const kept = request.returnSource ? source : null
    const sourceBuffers = buffersOf(sourceArrays(kept))
    const full = compactDataset(parsed, sourceBuffers)
    reply = { ok: true, source: kept, full }
    buffers = buffersOf([...datasetArrays(full), ...sourceArrays(kept)])
  } catch (e) {
    reply = { ok: false, error: toAppError(e) }
  }
  postTransferring((message, transfer) => port.postMessage(message, transfer), reply, buffers)
}

/** Room asked of the worker on the room port, waited for; none without a shared memory. */
function roomFrom(link: RoomLink | null): Room | undefined {
  if (!link) return undefined
  const answered = new Int32Array(link.answered)
  return (bytes) => {
    Atomics.store(answered, 0, 0)
    link.port.postMessage({ room: bytes } satisfies ReadRoom)
    let reply: { message: RoomReply } | undefined
    // short waits, so that a thread ended meanwhile (cancel) stops at once
    while (!(reply = receiveMessageOnPort(link.port) as { message: RoomReply } | undefined)) Atomics.wait(answered, 0, 0, 50)
    const answer = reply.message
    if ('refused' in answer) throw new UserError(answer.refused.code, answer.refused.message)
    return new Uint8Array(bufferOf(link.memory, answer.base + bytes), answer.base, bytes)
  }
}

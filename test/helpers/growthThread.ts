/**
 * A thread for test/core/engine/arena.test.ts: for each round r it waits until the main thread has
 * grown the shared memory to r + 1 pages and said so, then records whether bufferOf(memory, end of
 * page r) saw all of it, and answers. Posts the rounds whose buffer was short.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { bufferOf } from '../../src/core/engine/arena'

const PAGE = 65536
const { memory, flags, rounds } = workerData as { memory: WebAssembly.Memory; flags: Int32Array; rounds: number }
let short = 0
for (let r = 1; r <= rounds; r++) {
  Atomics.wait(flags, 0, r - 1)
  if (bufferOf(memory, (r + 1) * PAGE).byteLength < (r + 1) * PAGE) short++
  Atomics.store(flags, 1, r)
  Atomics.notify(flags, 1)
}
parentPort?.postMessage(short)

/**
 * The arena's memory as other threads see it (src/core/engine/arena.ts, bufferOf): a shared memory
 * grown by one thread reaches another thread's `memory.buffer` only when V8 next handles that
 * thread's interrupts, so a view made at once could fall outside a stale buffer (on Node 24 one
 * round in 50 of this test; the cause of a dataset read that failed now and then).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Worker } from 'node:worker_threads'
import { Arena, bufferOf, growTo } from '../../../src/core/engine/arena'
import { startScriptThread } from '../../../src/node/scriptThread'

const PAGE = 65536
const threads: Worker[] = []
afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.terminate()))
})

describe('bufferOf', () => {
  it('sees every byte another thread grew the shared memory by, at once', async () => {
    const rounds = 3000
    const memory = new WebAssembly.Memory({ initial: 1, maximum: rounds + 8, shared: true })
    const flags = new Int32Array(new SharedArrayBuffer(8))
    const thread = startScriptThread(new URL('../../helpers/growthThread.ts', import.meta.url), { workerData: { memory, flags, rounds } })
    threads.push(thread)
    const short = new Promise((resolve, reject) => { thread.once('message', resolve); thread.once('error', reject) })
    // the thread has started once it answers the first round
    for (let r = 1; r <= rounds; r++) {
      memory.grow(1)
      Atomics.store(flags, 0, r)
      Atomics.notify(flags, 0)
      while (Atomics.wait(flags, 1, r - 1, 10_000) === 'timed-out') await new Promise((s) => setTimeout(s, 0))
    }
    expect(await short).toBe(0)
  })

  it('hands out the same buffer while the memory does not grow, and records it as the memory\'s', () => {
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 4, shared: true })
    const a = bufferOf(memory, PAGE)
    expect(bufferOf(memory)).toBe(a)
    const arena = new Arena(memory)
    expect(arena.pointerOf(new Uint8Array(a, 128, 4))).toBe(128)
    growTo(memory, 3 * PAGE)
    expect(bufferOf(memory).byteLength).toBe(3 * PAGE)
  })

  it('leaves a memory that is not shared as it is (growing it would detach its views)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 })
    const before = memory.buffer
    const view = new Uint8Array(before, 0, 8)
    expect(bufferOf(memory, 2 * PAGE)).toBe(before)
    expect(view.length).toBe(8)
  })
})

/**
 * The training threads' heap limits: a thread under them runs V8's builtins where the binary has
 * them, where a thread without them maps a copy of its own (Linux, where /proc/self/smaps shows it).
 */
import { readFileSync } from 'node:fs'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { trainingThreadLimits } from '../../src/node/threadHeap'

/** Mappings of the running binary's code in this process. */
const codeMappings = (): number =>
  readFileSync('/proc/self/smaps', 'utf8').split('\n').filter((l) => / r-xp /.test(l) && l.endsWith(process.execPath)).length

/** The binary's code mappings added by an idle thread started with `limits`. */
async function mappingsOfThread(limits: ResourceLimits | undefined): Promise<number> {
  const before = codeMappings()
  const thread = new Worker('require("node:worker_threads").parentPort.postMessage("up")', { eval: true, resourceLimits: limits })
  await new Promise((resolve) => thread.once('message', resolve))
  const added = codeMappings() - before
  await thread.terminate()
  return added
}

describe.skipIf(process.platform !== 'linux')('trainingThreadLimits', () => {
  it('keep a thread from mapping a copy of V8\'s builtins of its own, as one without limits does', async () => {
    // whether a thread without limits needs a copy depends on where V8 happens to place its code
    // (near enough to the binary, it needs none), so of three such threads at least one maps one
    const without: number[] = []
    const within: number[] = []
    for (let i = 0; i < 3; i++) {
      without.push(await mappingsOfThread(undefined))
      within.push(await mappingsOfThread(trainingThreadLimits(1)))
    }
    expect(Math.max(...without)).toBe(1)
    expect(within).toEqual([0, 0, 0])
  })
})

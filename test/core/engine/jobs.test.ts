import { describe, expect, it } from 'vitest'
import { Arena } from '../../../src/core/engine/arena'
import {
  BACKWARD_UPDATE, BACKWARD_UPDATE_SPARSE, ControlBlock, CTRL_BYTES, EXIT, FORWARD, FORWARD_QUANTISED, HEADER, jobArgs, PartRunner, REFRESH,
  type JobArgs, type JobLayout
} from '../../../src/core/engine/jobs'
import type { Kernels } from '../../../src/core/engine/kernels'

const JOBS: JobLayout[] = [FORWARD, BACKWARD_UPDATE, BACKWARD_UPDATE_SPARSE, REFRESH, FORWARD_QUANTISED, EXIT]

/** Arguments of `layout` numbered 1, 2, 3… in field order (floats as fractions), so that any two differ. */
function numbered<L extends JobLayout>(layout: L): JobArgs<L> {
  const args = jobArgs(layout) as Record<string, number>
  layout.ints.forEach((name, i) => { args[name] = 1000 + i })
  layout.floats.forEach((name, i) => { args[name] = 0.25 + i })
  return args as JobArgs<L>
}

/** Kernels that record the arguments of each call instead of computing. */
function recording(): { kernels: Kernels; calls: Array<[string, number[]]> } {
  const calls: Array<[string, number[]]> = []
  const record = (name: string) => (...args: number[]): void => { calls.push([name, args]) }
  const kernels: Kernels = {
    forward1: record('forward1'), backwardUpdate1: record('backwardUpdate1'), refresh1: record('refresh1'),
    forwardQ1: record('forwardQ1'), backwardUpdateSparse1: record('backwardUpdateSparse1')
  }
  return { kernels, calls }
}

function block(): ControlBlock {
  const arena = new Arena(null)
  arena.reserve(CTRL_BYTES)
  return new ControlBlock(arena, arena.alloc(CTRL_BYTES))
}

describe('job descriptors', () => {
  it('have distinct kinds and distinct field names', () => {
    expect(new Set(JOBS.map((j) => j.kind)).size).toBe(JOBS.length)
    for (const j of JOBS) expect(new Set([...j.ints, ...j.floats]).size).toBe(j.ints.length + j.floats.length)
  })

  it('read back what was written, field by field, leaving the header alone', () => {
    const b = block()
    for (const j of JOBS) {
      b.ints[HEADER.generation] = 7
      b.ints[HEADER.done] = 3
      b.write(j, numbered(j))
      expect(b.kind).toBe(j.kind)
      expect(b.read(j, jobArgs(j))).toEqual(numbered(j))
      expect([b.ints[HEADER.generation], b.ints[HEADER.done]]).toEqual([7, 3])
    }
  })

  it('reach each kernel with its arguments in the kernel’s order, each part its share', () => {
    const b = block()
    const { kernels, calls } = recording()
    const parts = [0, 1, 2].map((p) => new PartRunner(kernels, b, p, 3))
    const run = <L extends JobLayout>(j: L, args: JobArgs<L>): void => {
      b.write(j, args)
      for (const p of parts) p.run()
    }
    run(FORWARD, { ...numbered(FORWARD), rows: 10, scratch: 5000, scratchStride: 100 })
    expect(calls.map(([, a]) => a)).toEqual([0, 3, 6].map((r0, p) => [1000, 1001, 1002, r0, [3, 6, 10][p], 1004, 1005, 1006, 1007, 5000 + 100 * p]))
    calls.length = 0
    const update = { ...numbered(BACKWARD_UPDATE_SPARSE), inputs: 3072, outputs: 15, cPart: 8000, scratch: 5000, scratchStride: 100 }
    run(BACKWARD_UPDATE_SPARSE, update)
    expect(calls.map(([name]) => name)).toEqual(['backwardUpdateSparse1', 'backwardUpdateSparse1', 'backwardUpdateSparse1'])
    expect(calls[1][1]).toEqual([
      1000, 3072, 1002, 1003, 1004, 15, 1006, 1007, 1008, 1009, 1010, 1011, 8000 + 15 * 4,
      1024, 2048, 0.25, 1.25, 2.25, 5100, 1015, 1016
    ])
    // columns in multiples of 16, the last part taking the rest
    expect(calls.map(([, a]) => [a[13], a[14]])).toEqual([[0, 1024], [1024, 2048], [2048, 3072]])
    calls.length = 0
    run(BACKWARD_UPDATE, update)
    expect(calls[2]).toEqual(['backwardUpdate1', [1000, 3072, 1002, 1003, 1004, 15, 1006, 1007, 1008, 1009, 1010, 1011, 8000 + 2 * 15 * 4,
      2048, 3072, 0.25, 1.25, 2.25, 5200]])
    calls.length = 0
    run(REFRESH, { ...numbered(REFRESH), cPart: 8000, outputs: 15, inputs: 100 })
    expect(calls.map(([, a]) => a)).toEqual([0, 1, 2].map((p) => [1000, 1001, 1002, 1003, 8000 + p * 60, 15, 100, [0, 32, 64][p], [32, 64, 100][p]]))
    calls.length = 0
    run(FORWARD_QUANTISED, { ...numbered(FORWARD_QUANTISED), rows: 2 })
    // two rows over three parts: the first part has none and calls nothing
    expect(calls).toEqual([
      ['forwardQ1', [1000, 1001, 1002, 0, 1, 1004, 1005, 1006, 1007, 1008]],
      ['forwardQ1', [1000, 1001, 1002, 1, 2, 1004, 1005, 1006, 1007, 1008]]
    ])
  })
})

/**
 * Jobs: the first-layer kernel calls split across threads. A job is written into a control
 * block in the shared memory (ints at ctrl, float parameters at ctrl + 128 bytes); each of
 * `parts` threads runs its own share with runPart, so that every thread reads the same
 * description. Rows are split for forward1, input columns (multiples of 16; the last part takes the rest)
 * for the update.
 * runPart must stay self-contained (no imports, no outer names): thread workers receive its
 * source text.
 */
import type { Kernels } from './kernels'

export const JOB_FORWARD = 1
export const JOB_BACKWARD_UPDATE = 2
export const JOB_REFRESH = 3
export const JOB_FORWARD_QUANTISED = 4
export const JOB_BACKWARD_UPDATE_SPARSE = 5
export const JOB_EXIT = 9

/**
 * Control block: ints [0] generation, [1] parts done, [2] job, [3] parts, [4..] arguments,
 * [SCRATCH] per-thread scratch base and [SCRATCH + 1] its stride in bytes.
 */
export const SCRATCH = 24
export const CTRL_INTS = 32
export const CTRL_BYTES = 128 + 8 * 4
export const ARG = 4

export function runPart(k: Kernels, ctrl: Int32Array, params: Float64Array, part: number, parts: number): void {
  const job = ctrl[2]
  const a = 4
  if (job === 1) {
    // forward1(pix, inputs, idx, rows, Wp, c, outputs, z): rows split evenly
    const rows = ctrl[a + 3]
    const r0 = Math.floor((rows * part) / parts)
    const r1 = Math.floor((rows * (part + 1)) / parts)
    if (r1 > r0) k.forward1(ctrl[a], ctrl[a + 1], ctrl[a + 2], r0, r1, ctrl[a + 4], ctrl[a + 5], ctrl[a + 6], ctrl[a + 7], ctrl[24] + part * ctrl[25])
  } else if (job === 2) {
    // backwardUpdate1(pix, inputs, idx, rows, dzT, outputs, W, V, Wp, gain, offset, db, cPart): columns split
    const inputs = ctrl[a + 1]
    const outputs = ctrl[a + 5]
    const k0 = Math.floor((inputs / 16) * part / parts) * 16
    const k1 = part === parts - 1 ? inputs : Math.floor((inputs / 16) * (part + 1) / parts) * 16
    k.backwardUpdate1(
      ctrl[a], inputs, ctrl[a + 2], ctrl[a + 3], ctrl[a + 4], outputs,
      ctrl[a + 6], ctrl[a + 7], ctrl[a + 8], ctrl[a + 9], ctrl[a + 10], ctrl[a + 11], ctrl[a + 12] + part * outputs * 4,
      k0, k1, params[0], params[1], params[2], ctrl[24] + part * ctrl[25]
    )
  } else if (job === 5) {
    // backwardUpdateSparse1: as job 2, plus active [a+13] and counts [a+14]
    const inputs = ctrl[a + 1]
    const outputs = ctrl[a + 5]
    const k0 = Math.floor((inputs / 16) * part / parts) * 16
    const k1 = part === parts - 1 ? inputs : Math.floor((inputs / 16) * (part + 1) / parts) * 16
    k.backwardUpdateSparse1(
      ctrl[a], inputs, ctrl[a + 2], ctrl[a + 3], ctrl[a + 4], outputs,
      ctrl[a + 6], ctrl[a + 7], ctrl[a + 8], ctrl[a + 9], ctrl[a + 10], ctrl[a + 11], ctrl[a + 12] + part * outputs * 4,
      k0, k1, params[0], params[1], params[2], ctrl[24] + part * ctrl[25], ctrl[a + 13], ctrl[a + 14]
    )
  } else if (job === 4) {
    // forwardQ1(pix, inputs, idx, rows, Q, scale, c, outputs, z): rows split evenly
    const rows = ctrl[a + 3]
    const r0 = Math.floor((rows * part) / parts)
    const r1 = Math.floor((rows * (part + 1)) / parts)
    if (r1 > r0) k.forwardQ1(ctrl[a], ctrl[a + 1], ctrl[a + 2], r0, r1, ctrl[a + 4], ctrl[a + 5], ctrl[a + 6], ctrl[a + 7], ctrl[a + 8])
  } else if (job === 3) {
    // refresh1(W, Wp, gain, offset, cPart, outputs, inputs)
    const outputs = ctrl[a + 5]
    const inputs = ctrl[a + 6]
    const k0 = Math.floor((inputs / 16) * part / parts) * 16
    const k1 = part === parts - 1 ? inputs : Math.floor((inputs / 16) * (part + 1) / parts) * 16
    k.refresh1(ctrl[a], ctrl[a + 1], ctrl[a + 2], ctrl[a + 3], ctrl[a + 4] + part * outputs * 4, outputs, inputs, k0, k1)
  }
}

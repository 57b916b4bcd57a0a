/**
 * Whether the process recorded as writing a run (run.json's `writer`) may still be writing it.
 * On this computer (same host name) the answer is exact up to pid reuse: signal 0 tells whether
 * the pid runs. A writer on another computer (a store on a shared drive, or this computer under
 * a host name it had before) cannot be asked, so its run counts as gone once its run.json has not
 * been written for OTHER_HOST_QUIET_MS; a run writes it after every epoch.
 */
import { hostname } from 'node:os'

export interface RunWriter {
  readonly pid: number
  readonly host: string
}

/** An hour: far longer than one epoch of the largest network NN Scratch trains. */
export const OTHER_HOST_QUIET_MS = 60 * 60 * 1000

export type WriterState = 'alive' | 'gone' | 'unknown'

export function thisWriter(): RunWriter {
  return { pid: process.pid, host: hostname() }
}

/** Whether a process with this id runs on this computer (one of another user's counts). */
export function pidRuns(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as { code?: unknown }).code === 'EPERM'
  }
}

/**
 * 'alive': its process runs here; 'gone': it cannot be writing any more; 'unknown': on another
 * computer and written recently.
 */
export function writerState(writer: RunWriter, writtenAtMs: number, nowMs = Date.now(), here: RunWriter = thisWriter()): WriterState {
  if (writer.host === here.host) return pidRuns(writer.pid) ? 'alive' : 'gone'
  return nowMs - writtenAtMs > OTHER_HOST_QUIET_MS ? 'gone' : 'unknown'
}

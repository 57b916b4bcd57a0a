// Runs the command line in process with captured output, recording runs in a temporary run store.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../src/cli/main'
import type { CliIo } from '../../src/cli/io'

export interface CliResult {
  code: number
  out: string
  err: string
}

/** The command line's own entry, which lane threads start from (as the real command's do). */
export const ENTRY = new URL('../../src/cli/index.ts', import.meta.url)

/** The run store of in-process runs without --runs-dir (never the user's own). */
export const DEFAULT_RUNS = mkdtempSync(join(tmpdir(), 'nn-cli-runs-'))

export interface CliOptions {
  /** called with the command's Ctrl+C handler once it listens (simulate Ctrl+C by calling it). */
  readonly interrupt?: (stop: () => void) => void
  /** called with each line of stdout as it is written. */
  readonly onOut?: (text: string) => void
}

export async function cliWith(options: CliOptions, ...argv: string[]): Promise<CliResult> {
  let out = ''
  let err = ''
  let clock = 0
  const io: CliIo = {
    out: (t) => {
      out += t
      options.onOut?.(t)
    },
    err: (t) => { err += t },
    interactive: false,
    columns: 80,
    now: () => (clock += 1),
    laneScript: ENTRY,
    runsDir: DEFAULT_RUNS,
    onInterrupt: (stop) => {
      options.interrupt?.(stop)
      return () => undefined
    }
  }
  const code = await runCli(argv, io)
  return { code, out, err }
}

export function cli(...argv: string[]): Promise<CliResult> {
  return cliWith({}, ...argv)
}

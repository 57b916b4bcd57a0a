/**
 * Where the command line records runs: the app's run store (the user-data folder's runs/, shared
 * with the studio), another with --runs-dir, or none with --no-record.
 */
import { homedir } from 'node:os'
import { resolve, sep } from 'node:path'
import { RunStore } from '../node/runs/store'
import type { OptionSpec } from './args'
import type { CliIo } from './io'

export const STORE_OPTION: Record<string, OptionSpec> = {
  'runs-dir': { kind: 'string', value: '<folder>', help: 'the run store to use (default: the app\'s, which the studio lists too)' }
}

export const RECORD_OPTIONS: Record<string, OptionSpec> = {
  ...STORE_OPTION,
  record: { kind: 'boolean', shown: '--no-record', help: 'keep no record of the runs in the run store' }
}

type Options = ReadonlyMap<string, string | number | boolean>

/** The run store the options name (--runs-dir, else the app's). */
export function storeOf(options: Options, io: CliIo): RunStore {
  const dir = options.get('runs-dir')
  return new RunStore(typeof dir === 'string' ? resolve(dir) : io.runsDir)
}

/** The store to record in; null with --no-record. */
export function recordingStore(options: Options, io: CliIo): RunStore | null {
  return options.get('record') === false ? null : storeOf(options, io)
}

/** A folder as people read it: the home folder as "~". */
export function shownFolder(folder: string, home = homedir()): string {
  if (home && (folder === home || folder.startsWith(home + sep))) return `~${folder.slice(home.length)}`
  return folder
}

/** "Recorded as run k3f9q2 in ~/.config/nn-scratch/runs" (or "Recorded 12 runs in …"), for stderr. */
export function recordedLine(ids: readonly string[], folder: string): string {
  const what = ids.length === 1 ? `as run ${ids[0]}` : `${ids.length} runs`
  return `Recorded ${what} in ${shownFolder(folder)}\n`
}

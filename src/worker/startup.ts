/**
 * What the worker is told when it starts: the run store to record runs in, named on its command
 * line by main (RUNS_DIR_ARG, from the app's runs folder or a test's); without one it records none.
 */
import { RunStore } from '../node/runs/store'
import { RUNS_DIR_ARG } from '../shared/workerProtocol'

export function runStoreOf(argv: readonly string[]): RunStore | null {
  const i = argv.indexOf(RUNS_DIR_ARG)
  const dir = i >= 0 ? argv[i + 1] : undefined
  return dir ? new RunStore(dir) : null
}

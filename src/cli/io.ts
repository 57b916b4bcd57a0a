/**
 * What the command line needs from the outside world, so that tests can run commands in
 * process with captured output: text streams, whether stderr is a terminal, a clock, the script
 * its training threads run, the run store used without --runs-dir, and Ctrl+C.
 */
import { defaultRunsDir } from '../node/appData'

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** true when progress bars may redraw a line on stderr */
  readonly interactive: boolean
  /** terminal width in columns, for the progress bar */
  readonly columns: number
  now(): number
  /** the script the run host's lane threads start (the command line's own entry, see index.ts). */
  readonly laneScript: URL
  /** the run store used without --runs-dir: the app's, shared with the studio. */
  readonly runsDir: string
  /**
   * Calls `stop` on the first Ctrl+C (SIGINT) while it listens; a second Ctrl+C ends the process
   * at once with exit code 130. Returns the way to stop listening.
   */
  onInterrupt(stop: () => void): () => void
}

/** Exit code of a command stopped by Ctrl+C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130

/** A command stopped by Ctrl+C before it was done: runCli prints the message and exits with INTERRUPTED. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted'
}

export function processIo(laneScript: URL): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    interactive: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns ?? 80,
    now: () => performance.now(),
    laneScript,
    runsDir: defaultRunsDir(),
    onInterrupt(stop) {
      let count = 0
      const handler = (): void => {
        if (++count > 1) {
          process.stderr.write('\nStopped at once: runs still training are listed as interrupted.\n')
          process.exit(INTERRUPTED)
        }
        stop()
      }
      process.on('SIGINT', handler)
      return () => void process.off('SIGINT', handler)
    }
  }
}

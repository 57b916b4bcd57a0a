/**
 * What the command line needs from the outside world, so that tests can run commands in
 * process with captured output: text streams, whether stderr is a terminal, and a clock.
 */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** true when progress bars may redraw a line on stderr */
  readonly interactive: boolean
  /** terminal width in columns, for the progress bar */
  readonly columns: number
  now(): number
}

export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    interactive: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns ?? 80,
    now: () => performance.now()
  }
}

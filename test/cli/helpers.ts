// Runs the command line in process with captured output.
import { runCli } from '../../src/cli/main'
import type { CliIo } from '../../src/cli/io'

export interface CliResult {
  code: number
  out: string
  err: string
}

export async function cli(...argv: string[]): Promise<CliResult> {
  let out = ''
  let err = ''
  let clock = 0
  const io: CliIo = {
    out: (t) => { out += t },
    err: (t) => { err += t },
    interactive: false,
    columns: 80,
    now: () => (clock += 1)
  }
  const code = await runCli(argv, io)
  return { code, out, err }
}

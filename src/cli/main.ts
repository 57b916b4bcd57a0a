/**
 * The command line: dispatches `<command> [args]`, turns every user error into a plain message
 * on stderr with exit code 2, a command stopped by Ctrl+C into exit code 130, and any other
 * failure into a short message with exit code 1.
 */
import { isUserError } from '../core/errors'
import { UsageError } from './args'
import { evaluateCommand, evaluateHelp } from './commands/evaluate'
import { exportCommand, exportHelp } from './commands/export'
import { importCommand, importHelp } from './commands/import'
import { inspectCommand, inspectHelp } from './commands/inspect'
import { predictCommand, predictHelp } from './commands/predict'
import { runsCommand, runsHelp } from './commands/runs'
import { sweepCommand, sweepHelp } from './commands/sweep'
import { trainCommand, trainHelp } from './commands/train'
import { commandPage, overview, type CommandHelp } from './help'
import { INTERRUPTED, Interrupted, type CliIo } from './io'

type Command = (argv: readonly string[], io: CliIo) => Promise<number>

const COMMANDS: Record<string, { run: Command; help: CommandHelp }> = {
  inspect: { run: inspectCommand, help: inspectHelp },
  import: { run: importCommand, help: importHelp },
  train: { run: trainCommand, help: trainHelp },
  sweep: { run: sweepCommand, help: sweepHelp },
  runs: { run: runsCommand, help: runsHelp },
  evaluate: { run: evaluateCommand, help: evaluateHelp },
  predict: { run: predictCommand, help: predictHelp },
  export: { run: exportCommand, help: exportHelp }
}
const HELPS = Object.fromEntries(Object.entries(COMMANDS).map(([k, v]) => [k, v.help]))

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined
    if (topic !== undefined && COMMANDS[topic]) io.out(commandPage(topic, COMMANDS[topic].help))
    else io.out(overview(HELPS))
    return 0
  }
  if (name === '--version' || name === '-v') {
    io.out('nn-scratch 0.1.0\n')
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    io.err(`nn-scratch: there is no command "${name}". The commands are: ${Object.keys(COMMANDS).join(', ')}. Run "nn-scratch --help" for more.\n`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandPage(name, command.help))
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (e) {
    if (e instanceof Interrupted) {
      io.err(`${e.message}\n`)
      return INTERRUPTED
    }
    if (isUserError(e) || e instanceof UsageError) {
      io.err(`nn-scratch ${name}: ${e.message}\n`)
      return 2
    }
    const message = e instanceof Error ? e.message : String(e)
    io.err(`nn-scratch ${name}: something went wrong inside NN Scratch: ${message}\n` +
      'This is a bug, not something you did. Please report it with the command you ran.\n')
    if (process.env.NN_SCRATCH_DEBUG && e instanceof Error) io.err(`${e.stack}\n`)
    return 1
  }
}

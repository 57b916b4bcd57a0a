/** `inspect [<data>]`: what a dataset file holds — splits, shapes, classes, counts per class. */
import { describeDataset } from '../../core/data/describe'
import { parseArgs, UsageError } from '../args'
import { DATA_OPTIONS, loadData } from '../data'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'

const OPTIONS = { ...DATA_OPTIONS, json: { kind: 'boolean' as const, help: 'print the summary as one JSON object' } }

export const inspectHelp: CommandHelp = {
  usage: 'inspect [<data>] [options]',
  summary: 'Show what a dataset holds: splits, picture size, classes and how many of each.',
  details: '<data> is any file or folder train accepts; without one, the built-in demo is shown.',
  options: OPTIONS
}

export async function inspectCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('inspect', argv, OPTIONS)
  if (positionals.length > 1) throw new UsageError(`inspect takes one dataset, but got ${positionals.length}.`)
  const { lines, ...summary } = describeDataset(await loadData(positionals[0], options, 0))
  io.out(options.get('json') === true ? JSON.stringify(summary) + '\n' : lines.join('\n') + '\n')
  return 0
}

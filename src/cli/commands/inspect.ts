/**
 * `inspect [<data>]`: what a dataset file holds — splits, shapes, classes, counts per class, and a
 * warning when the classes are badly uneven (the studio's rule); for a folder of pictures also the
 * resize mode, every skipped file with its reason, and the folder's warnings.
 */
import { imbalanceWarning } from '../../core/data/classBalance'
import { describeDataset } from '../../core/data/describe'
import { parseArgs, UsageError } from '../args'
import { DATA_OPTIONS, loadDataWithReport } from '../data'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { skippedLines, warningLines } from '../pictures'

const OPTIONS = { ...DATA_OPTIONS, json: { kind: 'boolean' as const, help: 'print the summary as one JSON object' } }

export const inspectHelp: CommandHelp = {
  usage: 'inspect [<data>] [options]',
  summary: 'Show what a dataset holds: splits, picture size, classes and how many of each.',
  details:
    '<data> is any file or folder train accepts; without one, the built-in demo is shown.\n' +
    'It warns when the largest class has 1.5 times the training pictures of the smallest, or more.\n' +
    'For a folder of pictures (one sub-folder per class), it also lists every file it skipped and why,\n' +
    'and the warnings; --json then adds "resize" and "skipped": [{"path", "reason"}]. "warnings" lists them all.',
  options: OPTIONS
}

export async function inspectCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('inspect', argv, OPTIONS)
  if (positionals.length > 1) throw new UsageError(`inspect takes one dataset, but got ${positionals.length}.`)
  const { data, pictures } = await loadDataWithReport(positionals[0], options, 0, io)
  const { lines, ...summary } = describeDataset(data)
  const uneven = imbalanceWarning(summary.classes, '(nn-scratch predict shows it for pictures in class folders)')
  const warnings = [...(pictures?.warnings ?? []), ...(uneven === null ? [] : [uneven])]
  if (options.get('json') === true) {
    const imported = pictures === null ? {} : { skipped: pictures.skipped }
    io.out(JSON.stringify({ ...summary, ...imported, warnings }) + '\n')
  } else {
    const imported = pictures === null ? [] : skippedLines(pictures, Infinity)
    io.out([...lines, ...imported, ...warningLines(warnings)].join('\n') + '\n')
  }
  return 0
}

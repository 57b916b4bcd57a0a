/** `inspect [<data>]`: what a dataset file holds — splits, shapes, classes, counts per class. */
import { classCounts, type Dataset } from '../../core/data/dataset'
import { parseArgs, UsageError } from '../args'
import { DATA_OPTIONS, loadData } from '../data'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { percent } from '../report'

const OPTIONS = { ...DATA_OPTIONS, json: { kind: 'boolean' as const, help: 'print the summary as one JSON object' } }

export const inspectHelp: CommandHelp = {
  usage: 'inspect [<data>] [options]',
  summary: 'Show what a dataset holds: splits, picture size, classes and how many of each.',
  details: '<data> is any file or folder train accepts; without one, the built-in demo is shown.',
  options: OPTIONS
}

export interface DatasetSummary {
  name: string
  picture: string
  inputs: number
  classes: Array<{ index: number; name: string; train: number; test: number }>
  train: number
  test: number
  testWasSplitOff: boolean
}

export function summarise(ds: Dataset): DatasetSummary {
  const k = ds.classNames.length
  const train = classCounts(ds.train, k)
  const test = classCounts(ds.test, k)
  return {
    name: ds.name,
    picture: ds.image ? `${ds.image.width}x${ds.image.height} pixels, ${ds.image.channels} colour channels` : `${ds.inputs} numbers`,
    inputs: ds.inputs,
    classes: ds.classNames.map((name, index) => ({ index, name, train: train[index], test: test[index] })),
    train: ds.train.count,
    test: ds.test.count,
    testWasSplitOff: ds.testWasSplitOff
  }
}

export async function inspectCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('inspect', argv, OPTIONS)
  if (positionals.length > 1) throw new UsageError(`inspect takes one dataset, but got ${positionals.length}.`)
  const s = summarise(await loadData(positionals[0], options, 0))
  if (options.get('json') === true) {
    io.out(JSON.stringify(s) + '\n')
    return 0
  }
  const lines = [
    s.name,
    `  pictures:  ${s.picture} (${s.inputs} numbers each)`,
    `  training:  ${s.train} pictures`,
    `  test:      ${s.test} pictures${s.testWasSplitOff ? ' (set aside from the training pictures: the file has no test split)' : ''}`,
    `  classes:   ${s.classes.length}`
  ]
  const width = Math.max(...s.classes.map((c) => c.name.length))
  for (const c of s.classes) {
    lines.push(`    ${String(c.index).padStart(2)}  ${c.name.padEnd(width)}  train ${String(c.train).padStart(6)} (${percent(c.train / Math.max(1, s.train)).padStart(6)})   test ${String(c.test).padStart(6)}`)
  }
  io.out(lines.join('\n') + '\n')
  return 0
}

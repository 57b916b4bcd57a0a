/** The plain-language help of the command line: an overview and one page per command. */
import { formatOptions, type OptionSpec } from './args'

export interface CommandHelp {
  readonly usage: string
  readonly summary: string
  readonly details: string
  readonly options: Readonly<Record<string, OptionSpec>>
}

export function overview(commands: Readonly<Record<string, CommandHelp>>): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length)) + 2
  return [
    'NN Scratch trains a small neural network, written from scratch, on 32x32 colour pictures.',
    '',
    'Usage: nn-scratch <command> [options]      (from the project folder: npm run cli -- <command>)',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    'Run "nn-scratch <command> --help" for what a command does and its options.',
    'With no dataset, train, sweep and inspect use the built-in demo (day and night landscapes).',
    'A dataset may also be a folder of your own pictures, one sub-folder per class (cats/, dogs/):',
    'import saves one as a dataset file, predict asks a trained network about new pictures.',
    'Runs of train and sweep are recorded in the run store that the studio lists too (see "nn-scratch runs").',
    ''
  ].join('\n')
}

export function commandPage(name: string, c: CommandHelp): string {
  const opts = Object.keys(c.options).length > 0 ? `\nOptions:\n${formatOptions(c.options)}\n` : ''
  return `Usage: nn-scratch ${c.usage}\n\n${c.summary}\n\n${c.details}\n${opts}`
}

/**
 * `import <folder> --out data.npz`: a folder of pictures (one sub-folder per class, or train/ and
 * test/ each holding them) made 32×32 and saved as an ordinary dataset file (.npz) that train,
 * inspect and the studio open at once and NumPy reads. Prints what was imported per class, the
 * files it skipped and why, and the warnings (or one JSON object), then writes the file atomically.
 */
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { UserError } from '../../core/errors'
import { DEFAULT_RESIZE } from '../../core/pictures/types'
import { checkWritable } from '../../node/atomicWrite'
import { writeDatasetNpz } from '../../node/pictures/datasetNpz'
import { parseArgs, UsageError, type OptionSpec } from '../args'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { importFolder, RESIZE_OPTION, reportJson, reportLines, resizeOption } from '../pictures'

const OPTIONS: Record<string, OptionSpec> = {
  out: { kind: 'string', value: '<file.npz>', help: 'the dataset file to write (needed)' },
  resize: RESIZE_OPTION,
  'test-split': { kind: 'number', value: '<fraction>', help: 'share of each class kept for testing when the folder has no test/ folder (default 0.2)' },
  seed: { kind: 'integer', value: '<number>', help: 'the seed of that split (default 0)' },
  json: { kind: 'boolean', help: 'print the report as one JSON object: {"folder", "resize", "pictures", "classes", "skipped", "warnings", "seconds", "out"}' }
}

export const importHelp: CommandHelp = {
  usage: 'import <folder> --out <file.npz> [options]',
  summary: 'Turn a folder of pictures (one sub-folder per class) into a dataset file (.npz).',
  details:
    'The folder holds one sub-folder per class, named after it (cats/, dogs/), or train/ and test/\n' +
    '(or val/) each holding the same class sub-folders. JPEG, PNG, WebP, GIF, BMP, TIFF and AVIF\n' +
    'pictures of any size are made 32×32 by --resize; files that are not pictures, damaged or too\n' +
    'large are skipped and listed with the reason. The .npz holds x_train [N, 3072] (uint8, red then\n' +
    'green then blue planes), y_train, x_test, y_test, class_names and resize, for NumPy or train.\n' +
    'Example: nn-scratch import mypics --out mypics.npz --resize pad',
  options: OPTIONS
}

export async function importCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('import', argv, OPTIONS)
  if (positionals.length !== 1) throw new UsageError('import needs one folder of pictures: nn-scratch import mypics --out mypics.npz')
  const out = options.get('out') as string | undefined
  if (out === undefined) throw new UsageError('import needs --out <file.npz>, the dataset file to write: nn-scratch import mypics --out mypics.npz')
  if (extname(out).toLowerCase() !== '.npz') throw new UsageError(`--out must name a .npz file, not "${out}".`)
  const testFraction = options.get('test-split') as number | undefined
  if (testFraction !== undefined && !(testFraction > 0 && testFraction < 1)) {
    throw new UsageError('--test-split needs a fraction between 0 and 1, such as 0.2.')
  }
  const folder = positionals[0]
  await requireFolder(folder)
  // before reading any picture, so that a typo in the output folder costs no time
  await checkWritable(out)
  const resize = resizeOption(options) ?? DEFAULT_RESIZE
  const { dataset, report } = await importFolder(folder, { resize, testFraction, seed: (options.get('seed') as number | undefined) ?? 0 }, io)
  await writeDatasetNpz(out, dataset)
  if (options.get('json') === true) {
    io.out(JSON.stringify({ ...reportJson(report), out }) + '\n')
  } else {
    io.out(reportLines(report).join('\n') + '\n')
    io.err(`Wrote ${out} (${dataset.train.count} training and ${dataset.test.count} test pictures)\n`)
  }
  return 0
}

async function requireFolder(path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info === null) throw new UserError('missing', `There is no folder at "${path}". Name a folder of pictures with one sub-folder per class.`)
  if (!info.isDirectory()) {
    throw new UserError('not-a-folder', `"${path}" is a file, not a folder. import takes a folder of pictures with one sub-folder per class (e.g. cats/ and dogs/).`)
  }
}

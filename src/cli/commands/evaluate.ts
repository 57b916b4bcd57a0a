/** `evaluate <model> <data>`: loss and accuracy of a saved model on both splits of a dataset. */
import { UserError } from '../../core/errors'
import { DEFAULT_RESIZE } from '../../core/pictures/types'
import { Evaluator } from '../../core/training/evaluate'
import { parseArgs, UsageError } from '../args'
import { DATA_OPTIONS, loadData } from '../data'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { readModel } from '../models'
import { percent } from '../report'

const OPTIONS = { ...DATA_OPTIONS, json: { kind: 'boolean' as const, help: 'print one JSON line: {"trainLoss", "trainAccuracy", "testLoss", "testAccuracy"}' } }

export const evaluateHelp: CommandHelp = {
  usage: 'evaluate <model.safetensors> [<data>] [options]',
  summary: 'Measure a saved model on a dataset: loss and accuracy on its training and test pictures.',
  details:
    'Without <data>, the built-in demo is used. The model must have been trained on the same kind of pictures and classes.\n' +
    '<data> may be a folder of pictures (one sub-folder per class); they are made 32×32 the way the model\'s own\n' +
    'pictures were (its resize mode; crop for a model trained on a dataset file) unless --resize says otherwise.',
  options: OPTIONS
}

export async function evaluateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('evaluate', argv, OPTIONS)
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('evaluate needs a model file and a dataset: nn-scratch evaluate model.safetensors data.p')
  const model = await readModel(positionals[0])
  const { data } = await loadData(positionals[1], options, model.hyperparameters.seed, io, model.resize ?? DEFAULT_RESIZE)
  const arch = model.network.arch
  if (arch.inputs !== data.inputs) {
    throw new UserError('model-mismatch', `The model expects ${arch.inputs} numbers per picture, but the dataset has ${data.inputs}. Use the kind of pictures it was trained on.`)
  }
  if (arch.classes !== Math.max(2, data.classNames.length)) {
    throw new UserError('model-mismatch', `The model tells ${arch.classes} classes apart (${model.classNames.join(', ')}), but the dataset has ${data.classNames.length} (${data.classNames.join(', ')}). Pick the same classes with --classes.`)
  }
  const evaluator = new Evaluator(model.network, model.scaling)
  const train = evaluator.evaluate(data.train)
  const test = evaluator.evaluate(data.test)
  if (options.get('json') === true) {
    io.out(JSON.stringify({ trainLoss: train.loss, trainAccuracy: train.accuracy, testLoss: test.loss, testAccuracy: test.accuracy }) + '\n')
  } else {
    io.out(`training pictures: loss ${train.loss.toFixed(4)}, accuracy ${percent(train.accuracy)} (${data.train.count} pictures)\n`)
    io.out(`test pictures:     loss ${test.loss.toFixed(4)}, accuracy ${percent(test.accuracy)} (${data.test.count} pictures)\n`)
  }
  return 0
}

/** `train [<data>]`: trains a network and prints one line (or one JSON line) per epoch. */
import type { ScalingMode } from '../../core/data/scaling'
import { SCALING_MODES } from '../../core/data/scaling'
import { UserError } from '../../core/errors'
import { APP_VERSION, type SavedModel } from '../../core/model/model'
import { SEED_DEFAULTS, type EpochMetrics, type Hyperparameters } from '../../core/nn/hyperparameters'
import { ACTIVATIONS, type Activation, type Network } from '../../core/nn/network'
import { Trainer } from '../../core/nn/trainer'
import type { Dataset } from '../../core/data/dataset'
import type { Engine } from '../../core/engine/engine'
import { createThreadedEngine } from '../../node/threadPool'
import { checkWritable } from '../../node/atomicWrite'
import { parseArgs, parseIntList, UsageError, type OptionSpec } from '../args'
import { DATA_OPTIONS, loadData } from '../data'
import type { CommandHelp } from '../help'
import type { CliIo } from '../io'
import { readStartingWeights, writeModel, modelExtension, type StartingWeights } from '../models'
import { ProgressBar } from '../progress'
import { describeSplitSizes, formatEpoch } from '../report'

const d = SEED_DEFAULTS
const OPTIONS: Record<string, OptionSpec> = {
  hidden: { kind: 'integer', value: '<units>', help: `hidden units in one hidden layer (default ${d.hidden[0]})` },
  layers: { kind: 'string', value: '<a,b,..>', help: 'several hidden layers, e.g. 100,50 (instead of --hidden)' },
  activation: { kind: 'string', value: '<name>', help: `hidden activation: ${ACTIVATIONS.join(', ')} (default ${d.activation})` },
  lr: { kind: 'number', value: '<rate>', help: `learning rate: how big each step is (default ${d.learningRate})` },
  batch: { kind: 'integer', value: '<size>', help: `pictures per step (default ${d.batchSize})` },
  momentum: { kind: 'number', value: '<0..1>', help: `how much of the previous step carries on (default ${d.momentum})` },
  l2: { kind: 'number', value: '<penalty>', help: `weight decay that keeps weights small (default ${d.l2})` },
  epochs: { kind: 'integer', value: '<count>', help: `passes over the training pictures (default ${d.epochs})` },
  seed: { kind: 'integer', value: '<number>', help: `random seed; the same seed gives the same run (default ${d.seed})` },
  scale: { kind: 'string', value: '<mode>', help: `input scaling: ${SCALING_MODES.join(', ')} (default ${d.scaling})` },
  init: { kind: 'string', value: '<file>', help: 'start from saved weights: a .safetensors model or a .npz of W1, b1, W2, b2' },
  threads: { kind: 'integer', value: '<count>', help: 'threads to train with (default: one per processor core, up to 8)' },
  shuffle: { kind: 'boolean', shown: '--no-shuffle', help: 'keep the pictures in file order instead of shuffling them every epoch' },
  ...DATA_OPTIONS,
  out: { kind: 'string', value: '<file>', help: 'save the trained model: .safetensors (full model) or .npz (weights only)' },
  json: { kind: 'boolean', help: 'print one JSON line per epoch instead of text' }
}

export const trainHelp: CommandHelp = {
  usage: 'train [<data>] [options]',
  summary: 'Train a network on a dataset (the demo when none is given).',
  details:
    '<data> is cifar_2class_py2.p, a CIFAR-10 batch file, folder or .tar.gz, or a NumPy .npz.\n' +
    'Each epoch prints the loss and accuracy on the training and test pictures.\n' +
    'With --json, each epoch is one line: {"epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds"}.\n' +
    'Example: nn-scratch train cifar_2class_py2.p --hidden 15 --lr 0.01 --epochs 20 --out model.safetensors',
  options: OPTIONS
}

export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('train', argv, OPTIONS)
  if (positionals.length > 1) throw new UsageError(`train takes at most one dataset, but got ${positionals.length}: ${positionals.join(', ')}.`)
  const out = options.get('out') as string | undefined
  if (out !== undefined) {
    modelExtension(out, 'The --out file')
    // before reading data and training, so a typo in the folder costs no training time
    await checkWritable(out)
  }
  const json = options.get('json') === true

  const init = options.get('init') as string | undefined
  const activation = options.has('activation') ? checkActivation(options.get('activation') as string) : undefined
  const start = init === undefined ? null : await readStartingWeights(init, { activation })
  const hyper = hyperparameters(options, start?.network ?? null)
  const data = await loadData(positionals[0], options, hyper.seed)
  const threads = options.get('threads') as number | undefined
  if (threads !== undefined && !(threads >= 1 && threads <= 64)) throw new UsageError('--threads needs a whole number from 1 to 64.')
  const engine = await createThreadedEngine(threads ?? 0)
  try {
    return await train(data, hyper, engine, start, out, json, io)
  } finally {
    engine.dispose()
  }
}

async function train(
  data: Dataset, hyper: Hyperparameters, engine: Engine, start: StartingWeights | null,
  out: string | undefined, json: boolean, io: CliIo
): Promise<number> {
  const trainer = new Trainer(data, hyper, {
    initialNetwork: start?.network,
    scaling: start?.model && start.model.scaling.mode === hyper.scaling ? start.model.scaling : undefined,
    now: () => io.now(),
    engine
  })

  if (!json) {
    io.err(`${data.name}: ${describeSplitSizes(data)}\n`)
    const layers = [data.inputs, ...hyper.hidden, trainer.net.layers[trainer.net.layers.length - 1].outputs].join(' → ')
    io.err(`Network ${layers} (${hyper.activation}), learning rate ${hyper.learningRate}, batch ${hyper.batchSize}, momentum ${hyper.momentum}, L2 ${hyper.l2}, seed ${hyper.seed}; ${engine.threads} thread${engine.threads === 1 ? '' : 's'}\n`)
  }
  const bar = new ProgressBar(io)
  const total = hyper.epochs * trainer.batchesPerEpoch
  const began = io.now()
  for (let e = 0; e < hyper.epochs; e++) {
    const seconds = trainer.trainEpoch((_, batch) => {
      bar.update(`Epoch ${e + 1}/${hyper.epochs}`, e * trainer.batchesPerEpoch + batch, total, began)
    })
    const m = trainer.evaluateEpoch(seconds)
    bar.clear()
    io.out(json ? jsonLine(m) : formatEpoch(m, hyper.epochs))
    if (!Number.isFinite(m.trainLoss)) {
      throw new UserError('diverged', `Training went wrong at epoch ${m.epoch}: the loss is no longer a number, so the weights blew up. Try a smaller learning rate (for example ${hyper.learningRate / 10}).`)
    }
  }

  if (out !== undefined) {
    const model: SavedModel = {
      network: trainer.net,
      scaling: trainer.scaling,
      classNames: data.classNames,
      hyperparameters: hyper,
      history: [...(start?.model?.history ?? []), ...trainer.history],
      appVersion: APP_VERSION
    }
    await writeModel(out, model)
    if (!json) io.err(`Saved the model to ${out}\n`)
  } else if (!json && hyper.epochs > 0) {
    io.err('The model was not saved; add --out model.safetensors to keep it.\n')
  }
  return 0
}

function jsonLine(m: EpochMetrics): string {
  return JSON.stringify({
    epoch: m.epoch, trainLoss: m.trainLoss, trainAccuracy: m.trainAccuracy,
    testLoss: m.testLoss, testAccuracy: m.testAccuracy, seconds: m.seconds
  }) + '\n'
}

function hyperparameters(options: Map<string, string | number | boolean>, start: Network | null): Hyperparameters {
  const get = <T>(name: string, fallback: T): T => (options.has(name) ? (options.get(name) as T) : fallback)
  if (options.has('hidden') && options.has('layers')) throw new UsageError('Give either --hidden or --layers, not both.')
  let hidden: number[] = options.has('layers')
    ? parseIntList('layers', options.get('layers') as string)
    : [get('hidden', d.hidden[0])]
  const activation = checkActivation(get<string>('activation', start?.arch.activation ?? d.activation))
  const scaling = get<string>('scale', d.scaling)
  if (!(SCALING_MODES as readonly string[]).includes(scaling)) {
    throw new UsageError(`--scale must be one of ${SCALING_MODES.join(', ')}, not "${scaling}".`)
  }
  if (start) {
    const fromFile = [...start.arch.hidden]
    if ((options.has('hidden') || options.has('layers')) && fromFile.join(',') !== hidden.join(',')) {
      throw new UsageError(`The starting weights have hidden layers ${fromFile.join(',')}, but you asked for ${hidden.join(',')}. Leave out --hidden/--layers to use the file's.`)
    }
    hidden = fromFile
    if (options.has('activation') && activation !== start.arch.activation) {
      throw new UsageError(`The starting weights were trained with ${start.arch.activation}; training them further with ${activation} would not make sense. Leave out --activation.`)
    }
  }
  return {
    hidden,
    activation,
    learningRate: get('lr', d.learningRate),
    batchSize: get('batch', d.batchSize),
    momentum: get('momentum', d.momentum),
    l2: get('l2', d.l2),
    epochs: get('epochs', d.epochs),
    seed: get('seed', d.seed),
    shuffle: get('shuffle', d.shuffle),
    init: d.init,
    scaling: scaling as ScalingMode
  }
}

function checkActivation(name: string): Activation {
  if (!(ACTIVATIONS as readonly string[]).includes(name)) {
    throw new UsageError(`--activation must be one of ${ACTIVATIONS.join(', ')}, not "${name}".`)
  }
  return name as Activation
}

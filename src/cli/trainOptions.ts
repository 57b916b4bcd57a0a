/**
 * The settings options of `train`, shared with `sweep` (which takes lists of their values): their
 * help, and the hyperparameters they give with the seed defaults for what is not given, held to
 * core's limits (HYPER_LIMITS).
 */
import { SCALING_MODES, type ScalingMode } from '../core/data/scaling'
import { checkLimits, HYPER_LIMITS as L, limitWords, SEED_DEFAULTS, type Hyperparameters } from '../core/nn/hyperparameters'
import { ACTIVATIONS, type Activation, type Network } from '../core/nn/network'
import { parseIntList, UsageError, type OptionSpec } from './args'

const d = SEED_DEFAULTS

/** The options that set a hyperparameter, as `train` takes them. */
export const SETTING_OPTIONS: Record<string, OptionSpec> = {
  hidden: { kind: 'integer', value: '<units>', help: `hidden units in one hidden layer, ${limitWords(L.hiddenUnits)} (default ${d.hidden[0]})` },
  layers: { kind: 'string', value: '<a,b,..>', help: `several hidden layers, e.g. 100,50, at most ${L.hiddenLayers.max} (instead of --hidden)` },
  activation: { kind: 'string', value: '<name>', help: `hidden activation: ${ACTIVATIONS.join(', ')} (default ${d.activation})` },
  lr: { kind: 'number', value: '<rate>', help: `learning rate: how big each step is, ${limitWords(L.learningRate)} (default ${d.learningRate})` },
  batch: { kind: 'integer', value: '<size>', help: `pictures per step, ${limitWords(L.batchSize)} (default ${d.batchSize})` },
  momentum: { kind: 'number', value: '<0..1>', help: `how much of the previous step carries on, ${limitWords(L.momentum)} (default ${d.momentum})` },
  l2: { kind: 'number', value: '<penalty>', help: `weight decay that keeps weights small, ${limitWords(L.l2)} (default ${d.l2})` },
  epochs: { kind: 'integer', value: '<count>', help: `passes over the training pictures, ${limitWords(L.epochs)} (default ${d.epochs})` },
  seed: { kind: 'integer', value: '<number>', help: `random seed, ${limitWords(L.seed)}; the same seed gives the same run (default ${d.seed})` },
  scale: { kind: 'string', value: '<mode>', help: `input scaling: ${SCALING_MODES.join(', ')} (default ${d.scaling})` }
}

export const THREADS_OPTION: OptionSpec = { kind: 'integer', value: '<count>', help: 'threads to train with (default: one per processor core, up to 8)' }
export const SHUFFLE_OPTION: OptionSpec = { kind: 'boolean', shown: '--no-shuffle', help: 'keep the pictures in file order instead of shuffling them every epoch' }

/** --threads checked: a whole number from 1 to 64, or undefined for one per core. */
export function threadsOption(options: ReadonlyMap<string, string | number | boolean>): number | undefined {
  const threads = options.get('threads') as number | undefined
  if (threads !== undefined && !(threads >= 1 && threads <= 64)) throw new UsageError('--threads needs a whole number from 1 to 64.')
  return threads
}

export function checkActivation(name: string): Activation {
  if (!(ACTIVATIONS as readonly string[]).includes(name)) {
    throw new UsageError(`--activation must be one of ${ACTIVATIONS.join(', ')}, not "${name}".`)
  }
  return name as Activation
}

export function checkScaling(name: string): ScalingMode {
  if (!(SCALING_MODES as readonly string[]).includes(name)) {
    throw new UsageError(`--scale must be one of ${SCALING_MODES.join(', ')}, not "${name}".`)
  }
  return name as ScalingMode
}

/** The hyperparameters the options give; `start`: starting weights, whose architecture they must keep. */
export function hyperparameters(options: ReadonlyMap<string, string | number | boolean>, start: Network | null): Hyperparameters {
  const get = <T>(name: string, fallback: T): T => (options.has(name) ? (options.get(name) as T) : fallback)
  if (options.has('hidden') && options.has('layers')) throw new UsageError('Give either --hidden or --layers, not both.')
  let hidden: number[] = options.has('layers')
    ? parseIntList('layers', options.get('layers') as string)
    : [get('hidden', d.hidden[0])]
  const activation = checkActivation(get<string>('activation', start?.arch.activation ?? d.activation))
  const scaling = checkScaling(get<string>('scale', d.scaling))
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
  const hyper: Hyperparameters = {
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
    scaling
  }
  // core's limits (HYPER_LIMITS), before any data is read
  checkLimits(hyper)
  return hyper
}

/**
 * `train [<data>]`: trains a network and prints one line (or one JSON line) per epoch. A sweep of
 * one: it trains on the run host with all its threads and records the run in the run store
 * (hostRuns.ts), unless --no-record. Ctrl+C stops after the current batch (recorded 'stopped',
 * exit code 130).
 */
import { UserError } from '../../core/errors'
import type { EpochMetrics, Hyperparameters } from '../../core/nn/hyperparameters'
import type { Dataset } from '../../core/data/dataset'
import type { RunSettings } from '../../core/runs/types'
import { checkWritable } from '../../node/atomicWrite'
import { defaultThreads } from '../../node/threadPool'
import { parseArgs, UsageError, type OptionSpec } from '../args'
import { DATA_OPTIONS, loadDataOnHost } from '../data'
import type { CommandHelp } from '../help'
import { cliHost, trainRuns, type RunOutcome } from '../hostRuns'
import { INTERRUPTED, type CliIo } from '../io'
import { readStartingWeights, writeModel, modelExtension, type StartingWeights } from '../models'
import { ProgressBar } from '../progress'
import { recordedLine, RECORD_OPTIONS, recordingStore } from '../recording'
import { describeSplitSizes, formatEpoch } from '../report'
import { settingsText } from '../runsReport'
import { checkActivation, hyperparameters, SETTING_OPTIONS, SHUFFLE_OPTION, THREADS_OPTION, threadsOption } from '../trainOptions'

const OPTIONS: Record<string, OptionSpec> = {
  ...SETTING_OPTIONS,
  init: { kind: 'string', value: '<file>', help: 'start from saved weights: a .safetensors model or a .npz of W1, b1, W2, b2' },
  threads: THREADS_OPTION,
  shuffle: SHUFFLE_OPTION,
  ...DATA_OPTIONS,
  out: { kind: 'string', value: '<file>', help: 'save the trained model: .safetensors (full model) or .npz (weights only)' },
  ...RECORD_OPTIONS,
  json: { kind: 'boolean', help: 'print one JSON line per epoch instead of text' }
}

export const trainHelp: CommandHelp = {
  usage: 'train [<data>] [options]',
  summary: 'Train a network on a dataset (the demo when none is given).',
  details:
    '<data> is cifar_2class_py2.p, a CIFAR-10 batch file, folder or .tar.gz, a NumPy .npz, or a folder of\n' +
    'pictures with one sub-folder per class (made 32×32 by --resize; the model it saves keeps that mode).\n' +
    'Each epoch prints the loss and accuracy on the training and test pictures: every test picture, and\n' +
    'a fixed sample of the training ones when there are more than 2,000 (as many as the test pictures,\n' +
    'at least 2,000; the line says how many). "nn-scratch evaluate" scores every picture of both.\n' +
    'With --json, each epoch is one line: {"epoch", "trainLoss", "trainAccuracy", "testLoss", "testAccuracy", "seconds"},\n' +
    'with "trainMeasured" (the training pictures measured) when the training figures are a sample\'s.\n' +
    'Every run is recorded in the run store (see "nn-scratch runs"), which the studio lists too;\n' +
    'the last line on stderr names it. Ctrl+C stops after the current batch and records the run as stopped.\n' +
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
  const budget = threadsOption(options) ?? defaultThreads()
  const store = recordingStore(options, io)
  // the host first, so that the file is read straight into the memory its runs train in; the one
  // run trains in this thread, with no lane thread's memory
  const host = cliHost(io, { budget, parallel: 1, lanes: 'caller' })
  let loaded: Awaited<ReturnType<typeof loadDataOnHost>>
  try {
    loaded = await loadDataOnHost(host, positionals[0], options, hyper.seed, io)
  } catch (e) {
    await host.dispose()
    throw e
  }
  const { data, choice } = loaded

  const outputs = start ? start.network.layers[start.network.layers.length - 1].outputs : Math.max(2, data.classNames.length) === 2 ? 1 : data.classNames.length
  const bar = new ProgressBar(io)
  let began = 0
  const settings: RunSettings = { ...hyper, threads: budget }
  const result = await trainRuns(io, [{
    data, choice, settings, name: runName(settings, data), sweep: null,
    start: start ? { network: start.network, scaling: startScaling(start, hyper) } : undefined,
    before: start?.model?.history
  }], { store, budget, parallel: 1, halving: null }, {
    onStart: (threads) => {
      began = io.now()
      if (json) return
      io.err(`${data.name}: ${describeSplitSizes(data)}\n`)
      const layers = [data.inputs, ...hyper.hidden, outputs].join(' → ')
      io.err(`Network ${layers} (${hyper.activation}), learning rate ${hyper.learningRate}, batch ${hyper.batchSize}, momentum ${hyper.momentum}, L2 ${hyper.l2}, seed ${hyper.seed}; ${threads} thread${threads === 1 ? '' : 's'}\n`)
    },
    onProgress: (_, p) => bar.update(`Epoch ${p.epoch}/${hyper.epochs}`, (p.epoch - 1) * p.batches + p.batch, hyper.epochs * p.batches, began),
    onEpoch: (_, m) => {
      // the epoch complete, whatever batch the throttled progress last showed, so the last frame says 100 %
      bar.update(`Epoch ${m.epoch}/${hyper.epochs}`, m.epoch, hyper.epochs, began, true)
      bar.clear()
      io.out(json ? jsonLine(m) : formatEpoch(m, hyper.epochs, data.train.count))
    },
    onInterrupt: () => {
      bar.clear()
      io.err('Stopping after the current batch (press Ctrl+C again to stop at once)…\n')
    }
  }, host)
  bar.clear()
  return finish(result.outcomes[0], result.interrupted, hyper, out, json, io, store?.folder ?? null)
}

async function finish(
  outcome: RunOutcome, interrupted: boolean, hyper: Hyperparameters, out: string | undefined, json: boolean, io: CliIo, folder: string | null
): Promise<number> {
  if (outcome.error !== null && outcome.status === null) throw outcome.error
  const recorded = (): void => {
    if (folder !== null && outcome.recordId !== null) io.err(recordedLine([outcome.recordId], folder))
  }
  if (outcome.status === 'diverged') {
    recorded()
    throw new UserError('diverged', outcome.problem ?? 'Training was stopped: the loss blew up. Try a smaller learning rate.')
  }
  if (outcome.error !== null) {
    recorded()
    throw outcome.error
  }
  if (out !== undefined && outcome.model !== null) {
    await writeModel(out, outcome.model)
    if (!json) io.err(`Saved the model${interrupted ? ' as it was when stopped' : ''} to ${out}\n`)
  } else if (!json && hyper.epochs > 0) {
    io.err('The model was not saved; add --out model.safetensors to keep it.\n')
  }
  recorded()
  if (interrupted) {
    io.err(`Stopped by Ctrl+C after ${epochsWords(outcome.history)} of ${hyper.epochs}.\n`)
    return INTERRUPTED
  }
  return 0
}

function epochsWords(history: readonly EpochMetrics[]): string {
  return history.length === 1 ? '1 epoch' : `${history.length} epochs`
}

/** The scaling of a saved model to keep when training it further with the same input scaling. */
function startScaling(start: StartingWeights, hyper: Hyperparameters) {
  return start.model && start.model.scaling.mode === hyper.scaling ? start.model.scaling : undefined
}

/** "cifar_2class_py2.p: hidden 15, lr 0.01, seed 1": what tells a run apart in the list of runs. */
function runName(settings: RunSettings, data: Dataset): string {
  return `${data.name}: ${settingsText(settings, ['hidden', 'learningRate', 'seed'], ', ')}`
}

function jsonLine(m: EpochMetrics): string {
  return JSON.stringify({
    epoch: m.epoch, trainLoss: m.trainLoss, trainAccuracy: m.trainAccuracy,
    testLoss: m.testLoss, testAccuracy: m.testAccuracy, seconds: m.seconds,
    ...(m.trainMeasured === undefined ? {} : { trainMeasured: m.trainMeasured })
  }) + '\n'
}

/**
 * `sweep [<data>]`: trains every combination of the listed settings (or N random ones), each with
 * K seeds, several at once on the run host (lanes sharing one copy of the data, the threads
 * divided by lanesFor), and records each run. Before it starts it says what it will cost (from a
 * few timed batches); while it runs a table fills as runs end; then the best run and the results
 * per swept value. A run of a sweep is reproducible: `train` with its settings, seed and threads
 * gives the same numbers bit for bit.
 */
import type { Dataset } from '../../core/data/dataset'
import { UserError, isUserError } from '../../core/errors'
import type { Hyperparameters } from '../../core/nn/hyperparameters'
import { bestEpoch, finalMetrics } from '../../core/runs/summary'
import { estimateSweep, lanesFor, planSweep } from '../../core/runs/sweepPlan'
import { sweepResults, type SweepRunResult } from '../../core/runs/sweepStats'
import type { DatasetChoice } from '../../core/runs/datasetRecord'
import type { PlannedRun, SweepSpec } from '../../core/runs/types'
import { newRunId } from '../../node/runs/ids'
import { epochSeconds } from '../../node/runs/sweepSpeed'
import { defaultThreads } from '../../node/threadPool'
import { parseArgs, UsageError, type OptionSpec } from '../args'
import { DATA_OPTIONS, loadData } from '../data'
import type { CommandHelp } from '../help'
import { trainRuns, type CliRun, type RunOutcome } from '../hostRuns'
import { INTERRUPTED, type CliIo } from '../io'
import { ProgressBar } from '../progress'
import { RECORD_OPTIONS, recordedLine, recordingStore } from '../recording'
import { LIST_HELP, sweepSettings } from '../sweepArgs'
import { settingsText } from '../runsReport'
import { bestWords, resultLines, runJson, summaryJson, SweepTable } from '../sweepReport'
import { SHUFFLE_OPTION, threadsOption } from '../trainOptions'

const list = (value: string, help: string): OptionSpec => ({ kind: 'string', value, help })

const OPTIONS: Record<string, OptionSpec> = {
  hidden: list('<units,..>', LIST_HELP.hidden),
  layers: list('<a,b|c,d>', LIST_HELP.layers),
  activation: list('<names>', LIST_HELP.activation),
  lr: list('<rates>', LIST_HELP.lr),
  batch: list('<sizes>', LIST_HELP.batch),
  momentum: list('<values>', LIST_HELP.momentum),
  l2: list('<values>', LIST_HELP.l2),
  epochs: list('<counts>', LIST_HELP.epochs),
  scale: list('<modes>', LIST_HELP.scale),
  seed: { kind: 'string', value: '<number>', help: 'the first seed: --seeds K trains each combination with seeds seed, seed + 1, … (default 1)' },
  seeds: { kind: 'integer', value: '<count>', help: 'train each combination with this many seeds, to see which differences are only noise (default 1)' },
  random: { kind: 'integer', value: '<count>', help: 'try this many random combinations instead of every one (a range gives any value in it)' },
  'random-seed': { kind: 'integer', value: '<number>', help: 'the seed that draws the random combinations (default 1)' },
  halving: { kind: 'integer', value: '<epoch>', help: 'after this epoch, stop the runs in the worse half by test loss (successive halving)' },
  parallel: { kind: 'integer', value: '<count>', help: 'train at most this many runs at once (default: as many as the threads allow)' },
  threads: { kind: 'integer', value: '<count>', help: 'threads of all runs together (default: one per processor core, up to 8)' },
  shuffle: SHUFFLE_OPTION,
  ...DATA_OPTIONS,
  ...RECORD_OPTIONS,
  json: { kind: 'boolean', help: 'print one JSON line per run as it ends, then one summary line' }
}

export const sweepHelp: CommandHelp = {
  usage: 'sweep [<data>] [options]',
  summary: 'Train many networks at once: every combination of the settings you list, with several seeds.',
  details:
    'Any setting of train takes a list of values to try (--lr 0.001,0.01,0.1), or a range of them:\n' +
    'from..to:steps, evenly on a log scale with "log" (--lr 0.001..0.1:5log) or a linear one (--batch 50..200:4).\n' +
    'Several hidden layers are written as for train, networks apart by "|": --layers "100,50|200,100".\n' +
    'Runs train side by side, sharing one copy of the data, with the threads divided among them, and\n' +
    'every run is recorded (see "nn-scratch runs"). Before it starts the sweep says how long it will take.\n' +
    'Each run is reproducible: train with its settings, seed and thread count gives the same numbers.\n' +
    'With --json, each run is one line as it ends: {"run", "settings", "bestEpoch", "best", "final",\n' +
    '"seconds"} ("run" is its id in the run store, or its number in the sweep with --no-record; "settings"\n' +
    'uses train\'s option names), then {"summary": {"runs", "best", "seconds"}}.\n' +
    'Example: nn-scratch sweep cifar_2class_py2.p --lr 0.001,0.01,0.1 --hidden 15,50 --seeds 3 --epochs 10',
  options: OPTIONS
}

type Options = ReadonlyMap<string, string | number | boolean>

function whole(options: Options, name: string, least: number): number | undefined {
  const v = options.get(name) as number | undefined
  if (v !== undefined && v < least) throw new UsageError(`--${name} needs a whole number, ${least} or more (you gave ${v}).`)
  return v
}

/** The sweep the options ask for, and its base settings. */
function specOf(options: Options): { spec: SweepSpec; base: Hyperparameters } {
  const seedText = options.get('seed') as string | undefined
  let seed: number | undefined
  if (seedText !== undefined) {
    seed = Number(seedText)
    if (seedText.includes(',') || seedText.includes('..')) {
      throw new UsageError(`--seed takes one seed, not "${seedText}". To train each combination with several seeds, use --seeds, such as --seed 1 --seeds 3 (seeds 1, 2 and 3).`)
    }
    if (seedText.trim() === '' || !Number.isInteger(seed)) throw new UsageError(`--seed needs a whole number, not "${seedText}".`)
  }
  const withSeed = new Map(options)
  if (seed === undefined) withSeed.delete('seed')
  else withSeed.set('seed', seed)
  const { base, axes } = sweepSettings(withSeed)
  if (axes.length === 0) {
    throw new UsageError('A sweep needs at least one setting with several values to try, such as --lr 0.001,0.01,0.1 or --hidden 15,50 (add --seeds 3 to train each with three seeds). To train one network, use train.')
  }
  const random = whole(options, 'random', 1)
  const halving = whole(options, 'halving', 1)
  return {
    base,
    spec: {
      axes,
      mode: random === undefined ? { kind: 'grid' } : { kind: 'random', count: random, seed: (options.get('random-seed') as number | undefined) ?? 1 },
      repeats: whole(options, 'seeds', 1) ?? 1,
      halving: halving === undefined ? null : { afterEpoch: halving },
      parallel: whole(options, 'parallel', 1) ?? 0
    }
  }
}

export async function sweepCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, options } = parseArgs('sweep', argv, OPTIONS)
  if (positionals.length > 1) throw new UsageError(`sweep takes at most one dataset, but got ${positionals.length}: ${positionals.join(', ')}.`)
  if (options.has('random-seed') && !options.has('random')) throw new UsageError('--random-seed draws the combinations of --random; give --random N too.')
  const json = options.get('json') === true
  const { spec, base } = specOf(options)
  const budget = threadsOption(options) ?? defaultThreads()
  const planned = planSweep(spec, { ...base, threads: 1 })
  const { lanes, threadsPerRun } = lanesFor(planned.length, budget, spec.parallel)
  const plan: PlannedRun[] = planned.map((p) => ({ ...p, settings: { ...p.settings, threads: threadsPerRun } }))

  const { data, choice } = await datasetsBySeed(positionals[0], options, plan, io)
  const first = data.get(base.seed) as Dataset
  const store = recordingStore(options, io)
  const axes = spec.axes.map((a) => a.setting)

  const estimate = estimateSweep(plan, epochSeconds(first, plan, io.now), budget, spec.parallel, spec.halving)
  if (!json) io.err(`${first.name}: ${first.train.count} training and ${first.test.count} test pictures\n`)
  io.err(`Sweep: ${estimate.sentence} (${lanes} at once, ${threadsPerRun} thread${threadsPerRun === 1 ? '' : 's'} each).\n`)

  const sweepId = newRunId()
  const runs: CliRun[] = plan.map((p, i) => ({
    data: data.get(p.settings.seed) as Dataset, choice, settings: p.settings,
    name: `sweep ${sweepId}: ${settingsText(p.settings, [...axes, 'seed'], ', ')}`,
    sweep: { id: sweepId, axes, values: p.values, repeat: p.repeat, halted: false }
  }))
  const table = new SweepTable(axes, plan)
  const bar = new ProgressBar(io)
  const totalEpochs = plan.reduce((n, p) => n + p.settings.epochs, 0)
  let epochsDone = 0
  let ended = 0
  const began = io.now()
  if (!json) io.out(table.header())
  const idOf = (o: RunOutcome): string | number => (store ? (o.recordId ?? o.index + 1) : o.index + 1)
  const result = await trainRuns(io, runs, { store, budget, parallel: lanes, halving: spec.halving }, {
    onEpoch: () => {
      epochsDone++
      bar.update(`Sweep, ${ended}/${plan.length} runs done`, epochsDone, totalEpochs, began)
    },
    onEnd: (o) => {
      if (o.status === null) return
      ended++
      bar.clear()
      io.out(json ? runJson(o, plan[o.index], idOf(o)) : table.row(o, store !== null))
    },
    onInterrupt: () => {
      bar.clear()
      io.err('Stopping every run after its current batch (press Ctrl+C again to stop at once)…\n')
    }
  })
  bar.clear()
  const seconds = (io.now() - began) / 1000
  return report(result.outcomes, result.interrupted, plan, axes, json, seconds, io, store?.folder ?? null, sweepId, idOf)
}

function report(
  outcomes: readonly RunOutcome[], interrupted: boolean, plan: readonly PlannedRun[], axes: SweepSpec['axes'][number]['setting'][],
  json: boolean, seconds: number, io: CliIo, folder: string | null, sweepId: string, idOf: (o: RunOutcome) => string | number
): number {
  const bug = outcomes.find((o) => o.error !== null && !isUserError(o.error))
  const done = outcomes.filter((o) => o.status !== null)
  const results: SweepRunResult[] = done.map((o) => ({
    values: plan[o.index].values, repeat: plan[o.index].repeat, best: bestEpoch(o.history), final: finalMetrics(o.history)
  }))
  const stats = sweepResults(results, axes)
  const best = stats.best === null ? null : done[stats.best]
  if (json) io.out(summaryJson(done.length, best ? idOf(best) : null, seconds))
  else if (done.length > 0) {
    io.out(`\n${best ? bestWords(best, plan[best.index], axes, folder !== null ? best.recordId : null) : 'No run has a best epoch: every run blew up or trained no epoch.\n'}`)
    io.out(resultLines(stats))
  }
  const ids = done.map((o) => o.recordId).filter((id): id is string => id !== null)
  if (folder !== null && ids.length > 0) io.err(`${recordedLine(ids, folder).trimEnd()} (sweep ${sweepId})\n`)
  if (bug) throw bug.error
  if (interrupted) {
    io.err(`Stopped by Ctrl+C: ${done.length} of ${plan.length} runs trained or stopped.\n`)
    return INTERRUPTED
  }
  const refused = outcomes.find((o) => o.status === null && o.error !== null)
  if (refused) throw refused.error
  if (done.length > 0 && done.every((o) => o.status === 'diverged')) {
    throw new UserError('diverged', 'Every run of the sweep blew up (the loss stopped being a number). Try smaller learning rates.')
  }
  return 0
}

/**
 * The dataset of each seed: one for all, or, when the source has no test split (set aside by the
 * seed, as train does), one per seed, so that train with a run's seed trains on the same split.
 */
async function datasetsBySeed(
  path: string | undefined, options: Options, plan: readonly PlannedRun[], io: CliIo
): Promise<{ data: Map<number, Dataset>; choice: DatasetChoice }> {
  const seeds = [...new Set(plan.map((p) => p.settings.seed))]
  const { data: first, choice } = await loadData(path, options, seeds[0], io)
  const out = new Map<number, Dataset>(seeds.map((s) => [s, first]))
  if (first.testWasSplitOff) {
    for (const seed of seeds.slice(1)) out.set(seed, (await loadData(path, options, seed, io)).data)
  }
  return { data: out, choice }
}

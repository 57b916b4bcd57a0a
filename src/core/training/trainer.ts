/**
 * Trainer: mini-batch SGD with momentum over a Dataset, one batch at a time so that callers
 * (CLI, worker) can pause between batches.
 *   each epoch: order = a seeded shuffle of the training rows (or 0..n−1 without shuffling);
 *   batch k = rows order[k·B .. min((k+1)·B, n)); the last batch holds the remainder and its
 *   loss is the mean over its own rows;  per batch: forward, backward (+λθ), momentum step.
 * Each epoch's metrics: the test split in full, the training split on a fixed sample of its rows
 * (trainSample.ts), both at the epoch's end weights; evaluate(split) measures a whole split.
 * The arithmetic runs on an Engine (WebAssembly SIMD on one or more threads, or the TypeScript
 * twin): pixels, the first layer and the batch buffers live in its arena, allocated once here;
 * trainBatch allocates nothing. One Trainer per engine at a time.
 */
import type { Dataset, Split } from '../data/dataset'
import { affineOf, type Scaling } from '../data/scaling'
import type { Engine } from '../engine/engine'
import { NetworkRuntime } from '../engine/runtime'
import type { FastEvaluation } from '../engine/fastEvaluation'
import { UserError } from '../errors'
import { EVAL_CHUNK, evaluateRows, identityRows, scoreRows, type Scores, type SplitMetrics } from './evaluate'
import { DatasetStats } from './datasetStats'
import { sampleRng, sampleRows, trainSampleSize } from './trainSample'
import { checkHyperparameters, type EpochMetrics, type Hyperparameters } from '../nn/hyperparameters'
import { createNetwork, initialise, layerSizes, type Architecture, type Network } from '../nn/network'
import { Rng } from '../random/rng'

export interface TrainerOptions {
  /** Starting weights (e.g. an imported model); copied, and their architecture must fit the dataset. */
  readonly initialNetwork?: Network
  /** Scaling statistics to use instead of fitting them (e.g. from a loaded model). */
  readonly scaling?: Scaling
  /** A clock in milliseconds; defaults to performance.now. */
  readonly now?: () => number
  /** Where the arithmetic runs; defaults to the fastest single-threaded engine (NetworkRuntime.engineFor). */
  readonly engine?: Engine
  /** Statistics of `data` shared with other trainers of it (computed here when absent). */
  readonly stats?: DatasetStats
}

/** The mutable hyperparameters, changeable between batches. */
export interface StepSettings {
  learningRate: number
  momentum: number
  l2: number
}

export class Trainer {
  readonly net: Network
  readonly scaling: Scaling
  readonly settings: StepSettings
  readonly history: EpochMetrics[] = []
  readonly engine: Engine
  /** Completed epochs. */
  epoch = 0
  /** Index of the next batch in the current epoch. */
  batch = 0
  readonly batchesPerEpoch: number
  private readonly rt: NetworkRuntime
  private readonly trainPix: number
  private readonly testPix: number
  private readonly orderPtr: number
  private readonly order: Uint32Array
  private readonly ident: { ptr: number; view: Uint32Array }
  /** The training rows each epoch's training figures are measured on (ident's first n when all of them). */
  private readonly sample: { ptr: number; view: Uint32Array }
  private readonly sampleCount: number
  private readonly rng: Rng
  private trainDeviations: Float32Array | null = null
  private testDeviations: Float32Array | null = null
  private readonly fast: FastEvaluation | null = null
  /** Changes whenever the weights do (for FastEvaluation's cache). */
  private version = 0
  private readonly now: () => number
  private epochMs = 0

  /**
   * Bytes a trainer takes in its engine's arena, besides pixels that already lie in the engine's
   * memory (add their bytes otherwise); `firstWidth`: the first layer's outputs, when the starting
   * weights do not follow `hyper.hidden`.
   */
  static bytes(data: Dataset, hyper: Hyperparameters, threads: number, firstWidth?: number): number {
    const n = data.train.count
    const capacity = Math.max(Math.min(hyper.batchSize, n), EVAL_CHUNK)
    const h = firstWidth ?? layerSizes(architectureOf(data, hyper))[1]
    const s = sampleSize(data)
    return 4 * n + 4 * Math.max(n, data.test.count) + (s < n ? 4 * s + 64 : 0) + NetworkRuntime.bytes(data.inputs, h, capacity, threads) + 1024
  }

  constructor(readonly data: Dataset, readonly hyper: Hyperparameters, options: TrainerOptions = {}) {
    checkHyperparameters(hyper, data.train.count)
    const arch = architectureOf(data, hyper)
    let source: Network
    if (options.initialNetwork) {
      source = options.initialNetwork
      checkFits(source, arch)
    } else {
      source = freshNetwork(data, hyper)
    }
    const stats = options.stats?.data === data ? options.stats : new DatasetStats(data)
    this.scaling = options.scaling ?? stats.scaling(hyper.scaling)
    this.settings = { learningRate: hyper.learningRate, momentum: hyper.momentum, l2: hyper.l2 }
    const engine = NetworkRuntime.engineFor(data.inputs, options.engine)
    this.engine = engine

    const n = data.train.count
    const capacity = Math.max(Math.min(hyper.batchSize, n), EVAL_CHUNK)
    const arena = engine.arena
    arena.reset()
    const sameSplit = data.test.x === data.train.x
    arena.reserve(
      (arena.pointerOf(data.train.x) === null ? data.train.x.byteLength : 0) +
      (arena.pointerOf(data.test.x) === null && !sameSplit ? data.test.x.byteLength : 0) +
      Trainer.bytes(data, hyper, engine.threads, source.layers[0].outputs)
    )
    this.trainPix = arena.place(data.train.x)
    this.testPix = sameSplit ? this.trainPix : arena.place(data.test.x)
    this.orderPtr = arena.alloc(4 * n)
    this.order = arena.u32(this.orderPtr, n)
    for (let i = 0; i < n; i++) this.order[i] = i
    this.ident = identityRows(arena, Math.max(n, data.test.count))
    this.rt = new NetworkRuntime(engine, source, affineOf(this.scaling), capacity)
    this.net = this.rt.net
    this.fast = this.rt.fast
    this.sampleCount = sampleSize(data)
    if (this.sampleCount === n) {
      this.sample = this.ident
    } else {
      const ptr = arena.alloc(4 * this.sampleCount)
      this.sample = { ptr, view: arena.u32(ptr, this.sampleCount) }
      sampleRows(data.train.y, n, sampleRng(hyper.seed), this.sample.view)
    }
    if (this.fast) {
      // for fast evaluation: the pixel mean, and each row's distance from it (quantised.ts)
      const centre = this.scaling.mode === 'scale' ? stats.scaling('centre') : this.scaling
      const deviations = stats.rowDeviations(centre)
      this.fast.setPixelMean(deviations.mean)
      this.trainDeviations = deviations.train
      this.testDeviations = deviations.test
    }
    // the shuffle stream is separate from initialisation so that both are reproducible alone
    this.rng = new Rng((hyper.seed ^ 0x5bd1e995) >>> 0)
    this.batchesPerEpoch = Math.ceil(n / hyper.batchSize)
    this.now = options.now ?? (() => performance.now())
  }

  /** Trains the next batch (starting a new epoch, with a fresh shuffle, when needed) and returns its mean loss. */
  trainBatch(): number {
    if (this.batch === 0) this.beginEpoch()
    const t0 = this.now()
    const n = this.data.train.count
    const B = this.hyper.batchSize
    const start = this.batch * B
    const rows = Math.min(B, n - start)
    const loss = this.rt.step(this.trainPix, this.orderPtr, this.order, start, rows, this.data.train.y, this.settings)
    this.version++
    this.batch++
    this.epochMs += this.now() - t0
    if (this.batch === this.batchesPerEpoch) {
      this.batch = 0
      this.epoch++
    }
    return loss
  }

  /** True between epochs (no batch of the current epoch has run yet). */
  get atEpochStart(): boolean {
    return this.batch === 0
  }

  /** Trains the rest of the current epoch (or a whole one) without evaluating; returns its seconds. */
  trainEpoch(onBatch?: (loss: number, batch: number) => void): number {
    do {
      const loss = this.trainBatch()
      onBatch?.(loss, this.batch === 0 ? this.batchesPerEpoch : this.batch)
    } while (this.batch !== 0)
    return this.lastEpochSeconds
  }

  /** Trains one epoch, evaluates both splits, records and returns the epoch's metrics. */
  runEpoch(onBatch?: (loss: number, batch: number) => void): EpochMetrics {
    return this.evaluateEpoch(this.trainEpoch(onBatch))
  }

  /**
   * Measures the epoch (the training sample and the whole test split) and appends it to history
   * (call at an epoch boundary); `trainMeasured` says how many training pictures when not all.
   */
  evaluateEpoch(seconds: number): EpochMetrics {
    const n = this.data.train.count
    const train = evaluateRows(this.rt, this.trainPix, this.sample, this.data.train.y, this.sampleCount,
      this.fast, this.version, this.trainDeviations)
    const test = this.evaluate(this.data.test)
    const m: EpochMetrics = {
      epoch: this.epoch,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      seconds,
      ...(this.sampleCount < n ? { trainMeasured: this.sampleCount } : {})
    }
    this.history.push(m)
    return m
  }

  /** The training rows each epoch's training figures are measured on, ascending (a copy). */
  get trainSample(): Uint32Array {
    return this.sample.view.slice(0, this.sampleCount)
  }

  /** Loss and accuracy of the training or the test split of this trainer's dataset. */
  evaluate(split: Split): SplitMetrics {
    const train = split === this.data.train
    if (!train && split !== this.data.test) throw new Error('Trainer.evaluate takes the training or the test split of its dataset')
    return evaluateRows(this.rt, train ? this.trainPix : this.testPix, this.ident, split.y, split.count,
      this.fast, this.version, train ? this.trainDeviations : this.testDeviations)
  }

  /**
   * Class probabilities of every row of a split ([count, units]: σ(z) of class 1 for two
   * classes, else softmax) with its loss and accuracy, all from one exact forward pass.
   */
  score(split: Split): Scores {
    const train = split === this.data.train
    if (!train && split !== this.data.test) throw new Error('Trainer.score takes the training or the test split of its dataset')
    return scoreRows(this.rt, train ? this.trainPix : this.testPix, this.ident, split.y, split.count)
  }

  /** A number that changes whenever the weights do (a step, weightsChanged), for results kept per weights. */
  get weightsVersion(): number {
    return this.version
  }

  /** Seconds spent training in the most recently started epoch. */
  get lastEpochSeconds(): number {
    return this.epochMs / 1000
  }

  /** Call after editing net.layers[0] in place (e.g. loading weights), so the folded copy follows. */
  weightsChanged(): void {
    this.version++
    this.rt.weightsChanged()
  }

  /** Restart momentum from zero (e.g. after reloading weights). */
  resetMomentum(): void {
    this.rt.resetMomentum()
  }

  private beginEpoch(): void {
    this.epochMs = 0
    if (this.hyper.shuffle) this.rng.shuffle(this.order)
  }
}

/** How many training pictures an epoch's training figures are measured on (trainSampleSize). */
function sampleSize(data: Dataset): number {
  return trainSampleSize(data.train.count, data.test.count, data.test.x === data.train.x)
}

/** The network a Trainer starts from without starting weights: initialised from hyper.init and hyper.seed. */
export function freshNetwork(data: Dataset, hyper: Hyperparameters): Network {
  const net = createNetwork(architectureOf(data, hyper))
  initialise(net, hyper.init, hyper.seed)
  return net
}

/** The network a dataset and hyperparameters call for (inputs and classes from the data). */
export function architectureOf(data: Dataset, hyper: Hyperparameters): Architecture {
  return { inputs: data.inputs, hidden: [...hyper.hidden], activation: hyper.activation, classes: Math.max(2, data.classNames.length) }
}

function checkFits(net: Network, arch: Architecture): void {
  const a = net.arch
  if (a.inputs !== arch.inputs) {
    throw new UserError('model-mismatch', `The starting weights expect ${a.inputs} numbers per picture but this dataset has ${arch.inputs}. Use weights trained on the same kind of pictures.`)
  }
  const units = (c: number): number => (c === 2 ? 1 : c)
  if (units(a.classes) !== units(arch.classes)) {
    throw new UserError('model-mismatch', `The starting weights were made for ${a.classes} classes but this dataset has ${arch.classes}. Pick the same classes, or start from fresh weights.`)
  }
}

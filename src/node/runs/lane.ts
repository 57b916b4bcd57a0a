/**
 * A lane: where one run at a time trains (a worker thread of the run host, or its calling thread:
 * hostLanes.ts's LanePlace). It holds the datasets the host placed (views of the shared
 * memory, so a trainer copies no pixel), builds the run's engine in the run's region of that
 * memory on the threads asked for (its helper threads kept from run to run), its Trainer and its
 * Run, and carries out the host's calls on
 * it. What trainers compute from the data alone (scaling, row distances) is computed once per
 * dataset and lane (DatasetStats). Its run's events go out as they happen; a run to be let go at its end is released by the
 * lane itself, its final model sent with 'released', so the lane is free for the next.
 */
import type { Dataset } from '../../core/data/dataset'
import { Arena, type Region } from '../../core/engine/arena'
import { createEngine, takesInputs, type Engine, type EnginePlace } from '../../core/engine/engine'
import { ControlBlock } from '../../core/engine/jobs'
import { kernelModule, wasmKernelOf } from '../../core/engine/wasm'
import { UserError } from '../../core/errors'
import { DatasetStats } from '../../core/training/datasetStats'
import { Trainer } from '../../core/training/trainer'
import { Run, type RunEmit } from './run'
import { toAppError } from '../appError'
import { createThreadedEngine, HelperThreads } from '../threadPool'
import type { FromLane, LaneCall, LaneEvent, RunOpening } from './laneProtocol'

export class LaneBody {
  /** the placed datasets, with what trainers compute from them alone (computed once per lane). */
  private readonly datasets = new Map<number, DatasetStats>()
  private run: Run | null = null
  private releaseAtEnd = false
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  /** the lane's helper threads, kept across its runs while they ask for the same thread count. */
  private helpers: HelperThreads | null = null

  /**
   * `memory`: the host's shared memory (engines go in regions of it); null: engines of their own,
   * on the TypeScript kernels. `ctrl`: the lane's own control block in it, for its helper threads,
   * which run the helpers' entry beside `script` (the lane thread's own, or the process's entry
   * for a lane in the calling thread; see src/node/kernelThread.ts).
   */
  constructor(
    private readonly memory: WebAssembly.Memory | null, private readonly post: (message: FromLane) => void,
    private readonly ctrl: Region | null = null, private readonly script?: URL
  ) {
    if (memory && ctrl) new ControlBlock(memory, ctrl.base).clear()
  }

  addData(key: number, dataset: Dataset): void {
    this.datasets.set(key, new DatasetStats(dataset))
  }

  forgetData(key: number): void {
    this.datasets.delete(key)
  }

  /**
   * Carries out a call and posts its reply (after any events it caused); calls are carried out
   * one after another, in the order they came (opening a run awaits its engine's threads).
   */
  call(id: number, call: LaneCall): Promise<void> {
    this.queue = this.queue.then(async () => {
      try {
        const value = await this.carryOut(call)
        this.post({ type: 'reply', id, ok: true, value })
      } catch (e) {
        this.post({ type: 'reply', id, ok: false, error: toAppError(e) })
      }
    })
    return this.queue
  }

  /** Lets its run go quietly (no reply, no event) and ends its helper threads: the lane does nothing more. */
  async close(): Promise<void> {
    this.closed = true
    this.run?.release()
    this.run = null
    const helpers = this.helpers
    this.helpers = null
    await helpers?.close()
  }

  private async carryOut(call: LaneCall): Promise<unknown> {
    if (this.closed) throw closing()
    if (call.op === 'open') return this.open(call.opening)
    const run = this.run
    if (!run || run.id !== call.runId) {
      if (call.op === 'release' || call.op === 'stop') return null
      throw new UserError('no-run', 'That training run has ended and was let go. Start it again to train it further.')
    }
    switch (call.op) {
      case 'begin': return run.begin(call.at.targetEpoch, call.at)
      case 'resume': return run.resume(call.pauseAtEpoch)
      case 'pause': return run.pause()
      case 'step': return run.step()
      case 'stop': return run.stop()
      case 'status': return run.status()
      case 'settings': return run.updateSettings(call.settings)
      case 'weights': return run.weights(call.reason, call.remember)
      case 'model': return run.model()
      case 'evaluate': return run.evaluate()
      case 'predictions': return run.predictions(call.query)
      case 'release':
        this.letGo(run)
        return null
    }
  }

  private async open(o: RunOpening): Promise<unknown> {
    if (this.run) throw new Error(`This lane is still holding run ${this.run.id}`)
    const stats = this.datasets.get(o.dataKey)
    if (!stats) throw new Error(`This lane has no dataset ${o.dataKey}`)
    const engine = await this.engine(o, stats.data)
    let trainer: Trainer
    try {
      trainer = new Trainer(stats.data, o.hyper, { initialNetwork: o.start.network, scaling: o.start.scaling, engine, stats })
    } catch (e) {
      engine.dispose()
      throw e
    }
    const run = new Run(o.runId, trainer, this.emitFor(o.runId), { history: o.history, onDiverge: o.onDiverge })
    this.run = run
    this.releaseAtEnd = o.releaseAtEnd
    this.post({ type: 'event', event: { type: 'state', payload: run.status() } })
    return o.begin ? run.begin(o.begin.targetEpoch, o.begin) : run.status()
  }

  /** The run's engine: in its region of the shared memory on `threads` threads, or one of its own on the twin. */
  private async engine(o: RunOpening, data: Dataset): Promise<Engine> {
    if (!this.memory || !o.region) return createEngine('typescript')
    const place: EnginePlace = { memory: this.memory, region: o.region }
    // widths the WebAssembly kernels do not take train on the twin, in the same memory
    const module = kernelModule()
    if (!module || !takesInputs(wasmKernelOf(module), data.inputs)) return createEngine('typescript', place)
    if (o.threads <= 1 || !this.ctrl) return createThreadedEngine(o.threads, place, this.script)
    if (this.helpers?.threads !== o.threads) {
      await this.helpers?.close()
      this.helpers = null
      const helpers = await HelperThreads.start(this.memory, this.ctrl.base, o.threads, this.script)
      if (this.closed) {
        await helpers.close()
        throw closing()
      }
      this.helpers = helpers
    }
    return this.helpers.engine(new Arena(this.memory, o.region))
  }

  private emitFor(runId: number): RunEmit {
    return (type, payload) => {
      this.post({ type: 'event', event: { type, payload } as LaneEvent })
      if (type === 'finished' && this.releaseAtEnd) {
        // after the slice that finished it has unwound
        queueMicrotask(() => {
          const run = this.run
          if (run && run.id === runId && run.state === 'finished') this.letGo(run, true)
        })
      }
    }
  }

  private letGo(run: Run, withModel = false): void {
    const model = withModel ? run.model() : null
    run.release()
    this.run = null
    this.releaseAtEnd = false
    this.post({ type: 'released', runId: run.id, model })
  }
}

const closing = (): UserError => new UserError('host-closed', 'Training was ended because NN Scratch is closing.')

/**
 * How long one epoch of a sweep's run takes on this computer and dataset, measured before the
 * sweep starts (for estimateSweep), by the command line and the studio. For each network shape and
 * batch size of the plan (the first `maxMeasured` of them; the others are scaled from the first by their parameters), a trainer on a
 * slice of the data (two batches, at least MIN_ROWS pictures) trains one warm-up batch, then times
 * batches for at least MIN_MS, and times one evaluation of its slices. An epoch of those settings
 * then takes: training pictures × time per trained picture + (training + test pictures) × time
 * per evaluated picture, divided by the run's threads (lanes run side by side on their own cores).
 */
import type { Dataset, Split } from '../../core/data/dataset'
import { createEngine } from '../../core/engine/engine'
import { Trainer } from '../../core/training/trainer'
import type { PlannedRun, RunSettings } from '../../core/runs/types'
import { hyperOf } from './trackedRun'

/** Shapes measured at most, unless the caller asks for fewer (the studio measures one, to answer within a second). */
const MAX_MEASURED = 6
const MIN_ROWS = 256
const MIN_MS = 20

interface Speed {
  /** milliseconds per trained picture, and per evaluated picture, on one thread. */
  readonly trainMs: number
  readonly evalMs: number
  readonly parameters: number
}

const shapeKey = (s: RunSettings): string => `${s.hidden.join(',')}|${s.batchSize}|${s.activation}`

function slice(split: Split, rows: number, inputs: number): Split {
  const n = Math.min(split.count, rows)
  return { x: split.x.subarray(0, n * inputs), y: split.y.subarray(0, n), count: n }
}

function measure(data: Dataset, settings: RunSettings, now: () => number): Speed {
  const rows = Math.max(MIN_ROWS, 2 * settings.batchSize)
  const part: Dataset = { ...data, train: slice(data.train, rows, data.inputs), test: slice(data.test, MIN_ROWS, data.inputs) }
  const trainer = new Trainer(part, { ...hyperOf(settings), epochs: 1 }, { engine: createEngine(), now })
  try {
    trainer.trainBatch()
    let pictures = 0
    const began = now()
    do {
      const start = trainer.batch * settings.batchSize
      pictures += Math.min(settings.batchSize, part.train.count - start)
      trainer.trainBatch()
    } while (now() - began < MIN_MS)
    const trainMs = (now() - began) / pictures
    const evalBegan = now()
    trainer.evaluateEpoch(0)
    const evalMs = (now() - evalBegan) / (part.train.count + part.test.count)
    let parameters = 0
    for (const l of trainer.net.layers) parameters += l.W.length
    return { trainMs, evalMs, parameters }
  } finally {
    trainer.engine.dispose()
  }
}

/** The seconds an epoch of the given settings takes with settings.threads threads (see the header). */
export function epochSeconds(
  data: Dataset, plan: readonly PlannedRun[], now: () => number, maxMeasured = MAX_MEASURED
): (settings: RunSettings) => number {
  const speeds = new Map<string, Speed>()
  for (const run of plan) {
    const key = shapeKey(run.settings)
    if (!speeds.has(key) && speeds.size < Math.max(1, maxMeasured)) speeds.set(key, measure(data, run.settings, now))
  }
  const first = [...speeds.values()][0]
  return (settings) => {
    let speed = speeds.get(shapeKey(settings))
    if (!speed) {
      const inputs = data.inputs
      const widths = [inputs, ...settings.hidden, 1]
      let parameters = 0
      for (let i = 1; i < widths.length; i++) parameters += widths[i - 1] * widths[i]
      const scale = parameters / first.parameters
      speed = { trainMs: first.trainMs * scale, evalMs: first.evalMs * scale, parameters }
    }
    const ms = data.train.count * speed.trainMs + (data.train.count + data.test.count) * speed.evalMs
    return ms / 1000 / Math.max(1, settings.threads)
  }
}

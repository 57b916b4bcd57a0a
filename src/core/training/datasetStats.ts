/**
 * What a Trainer computes from its dataset alone, kept so that every trainer of the same dataset
 * (a sweep's runs, one after another in a lane) computes it once: the input scaling of each mode
 * fitted on the training split (scaling.ts), and for fast evaluation each row's distance from the
 * pixel mean, D[r] = Σ_k |p[r, k] − m[k]| (quantised.ts), of both splits. Pure functions of the
 * data, so a trainer given them trains exactly as one that computes its own.
 */
import type { Dataset } from '../data/dataset'
import { fitScaling, type Scaling, type ScalingMode } from '../data/scaling'
import { rowDeviations } from '../engine/quantised'

export interface RowDeviations {
  /** the pixel mean m: [inputs] (0..255) the distances are measured from. */
  readonly mean: Float32Array
  readonly train: Float32Array
  readonly test: Float32Array
}

export class DatasetStats {
  private readonly fitted = new Map<ScalingMode, Scaling>()
  private readonly deviations = new WeakMap<Scaling, RowDeviations>()

  constructor(readonly data: Dataset) {}

  /** The scaling of `mode` fitted on the training split (the same object every time). */
  scaling(mode: ScalingMode): Scaling {
    let s = this.fitted.get(mode)
    if (!s) {
      s = fitScaling(mode, this.data.train, this.data.inputs)
      this.fitted.set(mode, s)
    }
    return s
  }

  /** Row distances from the pixel mean of `centre` (a scaling whose mean is the pixel mean / 255). */
  rowDeviations(centre: Scaling): RowDeviations {
    let d = this.deviations.get(centre)
    if (!d) {
      const { data } = this
      const mean = centre.mean.map((m) => 255 * m)
      const train = rowDeviations(data.train.x, data.train.count, data.inputs, mean)
      const test = data.test.x === data.train.x ? train : rowDeviations(data.test.x, data.test.count, data.inputs, mean)
      d = { mean, train, test }
      this.deviations.set(centre, d)
    }
    return d
  }
}

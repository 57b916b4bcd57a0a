/**
 * A sweep's runs as the live view draws them: each run's history (the last 'sweep:state' and any
 * 'train:epoch' of its run id that came after it), its title (its values and seed), its colour and
 * point shape. The runs of one combination share a colour (Okabe–Ito, runColours.ts; it repeats
 * after seven combinations) and its seeds differ by point shape, so on the overlay a user sees the
 * settings by colour and the noise between seeds as lines of one colour. Pure data shaping.
 */
import type { EpochMetrics } from '../../../core/nn/hyperparameters'
import { describeValues, valueKey } from '../../../core/runs/sweepPlan'
import type { RunSettings, SweepSetting, SweepValue } from '../../../core/runs/types'
import type { SweepRunState, SweepStatus } from '../../../shared/payloads'
import type { OverlayRun } from '../charts/runOverlay'
import { RUN_COLOURS } from '../runs/runColours'
import { runTitle } from './sweepWords'

export interface LiveRun {
  readonly runId: number
  readonly recordId: string | null
  /** "learning rate 0.05, hidden layers 8, seed 2". */
  readonly title: string
  readonly values: readonly SweepValue[]
  readonly repeat: number
  readonly settings: RunSettings
  readonly state: SweepRunState
  readonly problem: string | null
  readonly history: readonly EpochMetrics[]
  /** which combination of values (0, 1, … in plan order), and its colour. */
  readonly combination: number
  readonly colour: string
}

/** A combination of values, for the legend. */
export interface Combination {
  readonly label: string
  readonly colour: string
}

/** `fromState` followed by the epochs of `fromEvents` that come after its last. */
export function mergeHistory(fromState: readonly EpochMetrics[], fromEvents: readonly EpochMetrics[]): readonly EpochMetrics[] {
  const last = fromState.length ? fromState[fromState.length - 1].epoch : 0
  if (fromEvents.length === 0 || fromEvents[fromEvents.length - 1].epoch <= last) return fromState
  return [...fromState, ...fromEvents.filter((m) => m.epoch > last)]
}

const comboKey = (values: readonly SweepValue[]): string => values.map(valueKey).join('|')

export const colourOf = (combination: number): string => RUN_COLOURS[combination % RUN_COLOURS.length]

/** Every run of the sweep, in plan order, with its history merged with the epoch events since the last state. */
export function liveRuns(status: SweepStatus | null, events: ReadonlyMap<number, readonly EpochMetrics[]> = new Map()): LiveRun[] {
  if (!status) return []
  const combos = new Map<string, number>()
  return status.runs.map((r) => {
    const key = comboKey(r.values)
    if (!combos.has(key)) combos.set(key, combos.size)
    const combination = combos.get(key)!
    return {
      runId: r.runId,
      recordId: r.recordId,
      title: runTitle(status.axes, r.values, r.settings.seed),
      values: r.values,
      repeat: r.repeat,
      settings: r.settings,
      state: r.state,
      problem: r.problem,
      history: mergeHistory(r.history, events.get(r.runId) ?? []),
      combination,
      colour: colourOf(combination)
    }
  })
}

/** The combinations in plan order, with their colours. */
export function combinationsOf(axes: readonly SweepSetting[], runs: readonly LiveRun[]): Combination[] {
  const out: Combination[] = []
  for (const r of runs) if (r.combination === out.length) out.push({ label: describeValues(axes, r.values), colour: r.colour })
  return out
}

/** The runs' lines for the overlay chart (runOverlay.ts): the colour of its combination, the point shape of its seed. */
export function sweepOverlay(runs: readonly LiveRun[]): OverlayRun[] {
  return runs.filter((r) => r.history.length > 0).map((r) => ({ id: String(r.runId), label: r.title, colour: r.colour, slot: r.repeat, history: r.history }))
}

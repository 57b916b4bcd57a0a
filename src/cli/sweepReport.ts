/**
 * What `sweep` prints: the table that fills as runs end (one row per run: its number, store id,
 * swept values, seed, best test accuracy and its epoch, final test accuracy, time, and how it
 * ended), then the best run and the results per swept value (mean ± standard deviation of the
 * seeds, their range, and whether the best two values differ by more than the seeds' spread; a
 * heat map of the means when two settings were swept). With --json: one line per run as it ends,
 * then one summary line.
 */
import { bestEpoch, finalMetrics, metricsOf } from '../core/runs/summary'
import { cliSettings, formatSettingValue, settingLabel } from '../core/runs/settingWords'
import { describeValues } from '../core/runs/sweepPlan'
import { noiseSentence, type SweepResults } from '../core/runs/sweepStats'
import type { PlannedRun, RunMetrics, SweepSetting } from '../core/runs/types'
import { formatPercent } from '../core/text/percent'
import type { RunOutcome } from './hostRuns'
import { formatSeconds } from './progress'

/** A swept setting's column: train's option name. */
function columnName(setting: SweepSetting, plan: readonly PlannedRun[]): string {
  switch (setting) {
    case 'learningRate': return 'lr'
    case 'batchSize': return 'batch'
    case 'scaling': return 'scale'
    case 'hidden': return plan.every((r) => r.settings.hidden.length === 1) ? 'hidden' : 'layers'
    default: return setting
  }
}

const valueText = (setting: SweepSetting, run: PlannedRun, k: number): string =>
  setting === 'hidden' ? (run.values[k] as readonly number[]).join(',') : formatSettingValue(setting, run.values[k])

/** The columns of the table, sized for the values of the plan. */
export class SweepTable {
  private readonly widths: number[]
  private readonly names: string[]

  constructor(private readonly axes: readonly SweepSetting[], private readonly plan: readonly PlannedRun[]) {
    this.names = ['#', 'run', ...axes.map((a) => columnName(a, plan)), 'seed', 'best', 'epoch', 'final', 'time']
    const seeds = plan.map((r) => String(r.settings.seed))
    this.widths = [
      Math.max(1, String(plan.length).length), 6,
      ...axes.map((a, k) => Math.max(this.names[2 + k].length, ...plan.map((r) => valueText(a, r, k).length))),
      Math.max(4, ...seeds.map((s) => s.length)), 7, 5, 7, 7
    ]
  }

  header(): string {
    return this.line(this.names)
  }

  row(o: RunOutcome, recorded: boolean): string {
    const run = this.plan[o.index]
    const best = bestEpoch(o.history)
    const final = finalMetrics(o.history)
    const cells = [
      String(o.index + 1), recorded ? (o.recordId ?? '-') : '-',
      ...this.axes.map((a, k) => valueText(a, run, k)),
      String(run.settings.seed),
      best ? formatPercent(best.testAccuracy) : '–', best ? String(best.epoch) : '–',
      final ? formatPercent(final.testAccuracy) : '–', runSeconds(o.seconds)
    ]
    return this.line(cells, endWords(o))
  }

  private line(cells: readonly string[], after = ''): string {
    const text = cells.map((c, i) => (i < 2 || i === this.widths.length - 1 ? c.padEnd(this.widths[i]) : c.padStart(this.widths[i]))).join('  ')
    return `${text}${after}`.trimEnd() + '\n'
  }
}

/** A run's time: "0.4 s", "12.5 s", "3 min 5 s". */
export function runSeconds(s: number): string {
  if (s < 0.05) return '<0.1 s'
  return s < 59.95 ? `${s.toFixed(1)} s` : formatSeconds(s)
}

/** How a run ended, after its row: nothing for a finished run. */
function endWords(o: RunOutcome): string {
  if (o.status === 'finished') return ''
  if (o.halted) return '  stopped by halving'
  if (o.status === 'diverged') return '  diverged'
  if (o.status === 'stopped') return '  stopped'
  return `  failed: ${o.problem ?? 'it stopped unexpectedly'}`
}

function metricsJson(m: RunMetrics | null): RunMetrics | null {
  return m === null ? null : metricsOf(m)
}

/** One --json line: {"run", "settings", "bestEpoch", "best", "final", "seconds"}. */
export function runJson(o: RunOutcome, run: PlannedRun, id: string | number): string {
  const best = bestEpoch(o.history)
  return JSON.stringify({
    run: id, settings: cliSettings(run.settings), bestEpoch: best?.epoch ?? null,
    best: metricsJson(best), final: metricsJson(finalMetrics(o.history)), seconds: o.seconds
  }) + '\n'
}

/** The --json summary line: {"summary": {"runs", "best", "seconds"}}. */
export function summaryJson(runs: number, best: string | number | null, seconds: number): string {
  return JSON.stringify({ summary: { runs, best, seconds } }) + '\n'
}

/** "Best: run k3f9q2 (#4: learning rate 0.01, seed 2): best test accuracy 81.0 % at epoch 8; at the end 79.5 %." */
export function bestWords(o: RunOutcome, run: PlannedRun, axes: readonly SweepSetting[], id: string | null): string {
  const best = bestEpoch(o.history)
  const final = finalMetrics(o.history)
  if (best === null || final === null) return 'No run has a best epoch: every run blew up or trained no epoch.\n'
  const values = [describeValues(axes, run.values), `seed ${run.settings.seed}`].filter((s) => s !== '').join(', ')
  const name = id === null ? `run #${o.index + 1}` : `run ${id} (#${o.index + 1})`
  return `Best: ${name}, ${values}: best test accuracy ${formatPercent(best.testAccuracy)} at epoch ${best.epoch}; at the end ${formatPercent(final.testAccuracy)}.\n`
}

const points = (n: number): string => (n === 1 ? '1 run' : `${n} runs`)

/** The results per swept value, and the heat map of two settings. */
export function resultLines(results: SweepResults): string {
  const lines: string[] = []
  for (const axis of results.axes) {
    lines.push('', `Best test accuracy by ${settingLabel(axis.setting)} (mean ± standard deviation of the seeds, and their range):`)
    const width = Math.max(...axis.values.map((v) => v.label.length))
    for (const v of axis.values) {
      const failed = v.failed > 0 ? `, ${v.failed} without a result` : ''
      if (v.mean === null) {
        lines.push(`  ${v.label.padEnd(width)}  –  (no run with a result${failed})`)
        continue
      }
      const sd = v.points.length > 1 ? ` ± ${(100 * (v.sd as number)).toFixed(1)}` : ''
      const range = v.points.length > 1 ? `${formatPercent(v.min as number)} to ${formatPercent(v.max as number)}, ` : ''
      lines.push(`  ${v.label.padEnd(width)}  ${formatPercent(v.mean)}${sd}  (${range}${points(v.points.length)}${failed})`)
    }
    const ranked = axis.values.filter((v) => v.mean !== null).sort((a, b) => (b.mean as number) - (a.mean as number))
    if (ranked.length >= 2) lines.push(`  ${noiseSentence(axis.setting, ranked[0], ranked[1])}`)
  }
  const map = results.heatMap
  if (map) {
    lines.push('', `Mean best test accuracy, ${settingLabel(map.rows.setting)} (rows) by ${settingLabel(map.columns.setting)} (columns):`)
    const first = Math.max(...map.rows.values.map((v) => v.label.length))
    const width = Math.max(7, ...map.columns.values.map((v) => v.label.length))
    lines.push(`  ${''.padEnd(first)}  ${map.columns.values.map((v) => v.label.padStart(width)).join('  ')}`)
    map.means.forEach((row, r) => {
      lines.push(`  ${map.rows.values[r].label.padEnd(first)}  ${row.map((m) => (m === null ? '–' : formatPercent(m)).padStart(width)).join('  ')}`)
    })
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}

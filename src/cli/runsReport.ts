/**
 * What `runs` prints: the list (newest first: id, name, status, the settings that differ between
 * the listed runs under train's option names, best test accuracy @ its epoch, final test accuracy,
 * time; damaged runs with their reason), the --json line of a run, and everything about one run
 * (`runs show`) with its history.
 */
import { cliSettings, formatSettingValue, settingLabel, SETTING_ORDER, type SettingName } from '../core/runs/settingWords'
import { endOfRunSentence, overfitting, overfittingSentence } from '../core/runs/summary'
import { describeValues } from '../core/runs/sweepPlan'
import type { RunList, RunManifest, RunRecord, RunSettings } from '../core/runs/types'
import { formatPercent } from '../core/text/percent'
import { formatEpoch } from './report'
import { shownFolder } from './recording'
import { runSeconds } from './sweepReport'

type ReadRun = Extract<RunRecord, { ok: true }>

/** A setting under train's option name. */
export function optionName(setting: SettingName, s: RunSettings): string {
  switch (setting) {
    case 'hidden': return s.hidden.length === 1 ? 'hidden' : 'layers'
    case 'learningRate': return 'lr'
    case 'batchSize': return 'batch'
    case 'scaling': return 'scale'
    default: return setting
  }
}

/** A setting's value in words ("0.05", "on"); hidden layers as train takes them ("100,50"). */
function optionValue(setting: SettingName, s: RunSettings): string {
  if (setting === 'hidden') return s.hidden.join(',')
  return setting === 'init' ? s.init : formatSettingValue(setting, s[setting])
}

/** The settings that tell the runs apart (the network and the learning rate when none differ). */
export function differingSettings(runs: readonly RunSettings[]): SettingName[] {
  const differ = SETTING_ORDER.filter((k) => new Set(runs.map((s) => optionValue(k, s))).size > 1)
  return differ.length > 0 ? differ : ['hidden', 'learningRate']
}

/** "lr 0.05 hidden 15" (with `separator` ", ": "lr 0.05, hidden 15"): the given settings of a run. */
export function settingsText(s: RunSettings, settings: readonly SettingName[], separator = ' '): string {
  return settings.map((k) => `${optionName(k, s)} ${optionValue(k, s)}`).join(separator)
}

function shorten(text: string, most: number): string {
  const chars = [...text]
  return chars.length <= most ? text : `${chars.slice(0, most - 1).join('')}…`
}

/** "1.2 MB", "340 kB", "512 bytes". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`
  return `${bytes} bytes`
}

const NAME_WIDTH = 48

/** The table of runs and a line on the store. */
export function listText(list: RunList): string {
  if (list.runs.length === 0) return `No runs are recorded in ${shownFolder(list.folder)} yet. Train one with: nn-scratch train\n`
  const read = list.runs.filter((r): r is ReadRun => r.ok)
  const keys = differingSettings(read.map((r) => r.manifest.settings))
  const rows = read.map((r) => {
    const m = r.manifest
    return [
      r.id, shorten(r.name, NAME_WIDTH), `${r.status}${r.starred ? ' ★' : ''}`, settingsText(m.settings, keys),
      m.best ? `${formatPercent(m.best.testAccuracy)} @ ${m.best.epoch}` : '–',
      m.final ? formatPercent(m.final.testAccuracy) : '–', runSeconds(m.seconds)
    ]
  })
  const head = ['id', 'name', 'status', 'settings', 'best test', 'final', 'time']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => [...row[i]].length)))
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i >= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd()
  const out = [line(head), ...rows.map(line)]
  for (const r of list.runs) if (!r.ok) out.push(`${r.id.padEnd(widths[0])}  damaged: ${r.problem}`)
  const damaged = list.runs.length - read.length
  const count = `${list.runs.length} run${list.runs.length === 1 ? '' : 's'}${damaged > 0 ? ` (${damaged} damaged)` : ''}`
  out.push('', `${count}, ${sizeWords(list.bytes)} in ${shownFolder(list.folder)}`)
  return `${out.join('\n')}\n`
}

/** One --json line of the list: {id, name, status, settings, best, final}, or {id, status: "damaged", problem}. */
export function runLine(r: RunRecord): string {
  if (!r.ok) return JSON.stringify({ id: r.id, status: 'damaged', problem: r.problem }) + '\n'
  const m = r.manifest
  return JSON.stringify({ id: r.id, name: r.name, status: r.status, settings: cliSettings(m.settings), best: m.best, final: m.final }) + '\n'
}

function when(iso: string | null): string {
  if (iso === null) return '–'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

function sweepWords(m: RunManifest): string | null {
  const s = m.sweep
  if (s === null) return null
  return `${s.id} (${describeValues(s.axes, s.values)}; repeat ${s.repeat + 1} of its combination)${s.halted ? ', stopped early by halving' : ''}`
}

/** The options of `train` that train the run again, bit for bit on the same kernels. */
export function trainOptions(m: RunManifest): string {
  const options = Object.entries(cliSettings(m.settings)).map(([k, v]) => {
    if (typeof v === 'boolean') return v ? '' : `--no-${k}`
    return `--${k} ${Array.isArray(v) ? v.join(',') : String(v)}`
  })
  const d = m.dataset
  if (d.classes !== 'all') options.push(`--classes ${d.classes.join(',')}`)
  if (d.testFraction !== null) options.push(`--test-split ${d.testFraction}`)
  if (d.resize !== undefined) options.push(`--resize ${d.resize}`)
  return options.filter((t) => t !== '').join(' ')
}

/** Everything about one run, and its history as train prints it. */
export function showText(r: ReadRun, folder: string): string {
  const m = r.manifest
  const d = m.dataset
  const s = m.settings
  const classes = d.classes === 'all' ? '' : ` (class numbers ${d.classes.join(', ')} of the file)`
  const split = d.testFraction === null ? '' : `, ${formatPercent(d.testFraction, 0)} set aside for testing`
  const resized = d.resize === undefined ? '' : ` (made 32×32 by ${d.resize})`
  const lines = [
    `Run ${r.id}: ${r.name}${r.starred ? ' ★' : ''}`,
    `Status:    ${r.status}; started ${when(m.startedAt)}, ended ${when(m.endedAt)}; ${runSeconds(m.seconds)} of training`,
    `Data:      ${d.name}: ${d.trainCount} training and ${d.testCount} test pictures${resized}${split}; classes ${d.classNames.join(', ')}${classes}; fingerprint ${d.fingerprint}`,
    `Settings:  ${SETTING_ORDER.map((k) => `${settingLabel(k)} ${k === 'hidden' ? formatSettingValue(k, s.hidden) : optionValue(k, s)}`).join(', ')}`,
    `Again:     nn-scratch train ${d.name} ${trainOptions(m)}`,
    `Computed:  ${m.kernel} kernels, NN Scratch ${m.appVersion}`
  ]
  const sweep = sweepWords(m)
  if (sweep) lines.push(`Sweep:     ${sweep}`)
  if (m.continuedFrom) lines.push(`Continues: run ${m.continuedFrom}`)
  lines.push(`Model:     ${r.hasModel ? 'saved' : 'not saved'}; the run's folder is ${shownFolder(`${folder}/${r.id}`)} (${sizeWords(r.bytes)})`)
  lines.push('')
  if (m.history.length === 0) lines.push('No epoch was trained.')
  else {
    const last = m.history[m.history.length - 1].epoch
    for (const e of m.history) lines.push(formatEpoch(e, last, d.trainCount).trimEnd())
    lines.push('', endOfRunSentence(m.history))
    const o = overfitting(m.history)
    if (o) lines.push(overfittingSentence(o))
  }
  return `${lines.join('\n')}\n`
}

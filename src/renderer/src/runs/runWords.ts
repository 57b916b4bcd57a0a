/**
 * A recorded run in short words for the Runs table and its header: its status, its training
 * time ("4 min 05 s"), the store's disk use ("37 runs, 12 MB in ~/.config/nn-scratch/runs") and
 * the name it goes by. Pure, so tested without a DOM.
 */
import type { RunList, RunRecord } from '../../../core/runs/types'

/** finished, stopped, diverged, interrupted, running or damaged. */
export function statusWords(r: RunRecord): string {
  return r.ok ? r.status : 'damaged'
}

/** Training time as a clock would say it: "0.8 s", "45 s", "4 min 05 s", "1 h 02 min". */
export function durationWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–'
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`
  const whole = Math.round(seconds)
  if (whole < 60) return `${whole} s`
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
  const minutes = Math.round(whole / 60)
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** Bytes in megabytes (gigabytes from 1000 MB), with one decimal below 10. */
export function sizeWords(bytes: number): string {
  const mb = bytes / 1e6
  if (mb >= 1000) return `${(mb / 1000).toFixed(mb >= 10_000 ? 0 : 1)} GB`
  if (mb >= 9.95) return `${Math.round(mb)} MB`
  if (bytes > 0 && mb < 0.05) return '<0.1 MB'
  return `${mb.toFixed(1)} MB`
}

/** A folder with the user's home written as "~" (Linux, macOS and Windows homes). */
export function shortFolder(folder: string): string {
  return folder.replace(/^(\/home\/[^/]+|\/Users\/[^/]+|[A-Za-z]:\\Users\\[^\\]+)(?=[/\\]|$)/, '~')
}

/** "37 runs, 12 MB in ~/.config/nn-scratch/runs". */
export function storeWords(list: RunList): string {
  const n = list.runs.length
  return `${n} run${n === 1 ? '' : 's'}, ${sizeWords(list.bytes)} in ${shortFolder(list.folder)}`
}

/** The name a run goes by (a damaged one: its id). */
export function runName(r: RunRecord): string {
  return r.ok ? r.name : r.id
}

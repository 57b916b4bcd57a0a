/**
 * The Runs table as data: one row per run with its cells in words and a sort key per column;
 * which columns show (with "only what differs", a setting whose value is the same for every
 * readable run is left out and said once above the table instead); and the order of the rows
 * when sorted by a column (stable: equal rows keep the store's order, newest first; rows without
 * a value, such as a damaged run's, go last either way); a row's settings as lines of words, for a
 * table too narrow for a column each.
 */
import type { RunRecord, RunSettings } from '../../../core/runs/types'
import { formatPercent } from '../../../core/text/percent'
import { formatSettingValue, settingLabel, SETTING_ORDER, type SettingName } from '../../../core/runs/settingWords'
import type { ScalingMode } from '../../../core/data/scaling'
import type { Activation, InitScheme } from '../../../core/nn/network'
import { ACTIVATION_LABELS, INIT_LABELS, SCALING_LABELS } from '../forms/fieldHelp'
import { durationWords, runName, statusWords } from './runWords'

export type SettingColumn = 'dataset' | SettingName
export type ColumnId = 'name' | 'status' | SettingColumn | 'bestAccuracy' | 'bestEpoch' | 'finalAccuracy' | 'time'
export type SortDirection = 'ascending' | 'descending'

export interface Column {
  readonly id: ColumnId
  readonly label: string
  /** a setting (hidden by "only what differs" when the same for every run). */
  readonly setting: boolean
  /** right-aligned numbers. */
  readonly numeric: boolean
  /** the direction of a first click: best results first. */
  readonly first: SortDirection
}

export interface RunSort {
  readonly column: ColumnId
  readonly direction: SortDirection
}

type SortKey = number | string | readonly number[] | null

export interface RunRow {
  readonly id: string
  readonly record: RunRecord
  readonly cells: Readonly<Partial<Record<ColumnId, string>>>
  readonly keys: Readonly<Partial<Record<ColumnId, SortKey>>>
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

const SETTING_COLUMNS: readonly SettingColumn[] = ['dataset', ...SETTING_ORDER]
/** settings in words rather than numbers. */
const WORDS: readonly SettingColumn[] = ['dataset', 'activation', 'scaling', 'shuffle', 'init']

export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name', setting: false, numeric: false, first: 'ascending' },
  { id: 'status', label: 'Status', setting: false, numeric: false, first: 'ascending' },
  ...SETTING_COLUMNS.map((id): Column => ({
    id, label: id === 'dataset' ? 'Data' : capital(settingLabel(id)), setting: true, numeric: !WORDS.includes(id), first: 'ascending'
  })),
  { id: 'bestAccuracy', label: 'Best test accuracy', setting: false, numeric: true, first: 'descending' },
  { id: 'bestEpoch', label: 'At epoch', setting: false, numeric: true, first: 'ascending' },
  { id: 'finalAccuracy', label: 'Final test accuracy', setting: false, numeric: true, first: 'descending' },
  { id: 'time', label: 'Time', setting: false, numeric: true, first: 'ascending' }
]

function settingKey(value: unknown): SortKey {
  if (Array.isArray(value)) return value as number[]
  if (typeof value === 'boolean') return value ? 1 : 0
  return typeof value === 'number' || typeof value === 'string' ? value : null
}

/** A setting's value as the form shows it: "ReLU", "Centred", "He"; numbers in their short form. */
function settingCell(id: SettingName, value: RunSettings[SettingName]): string {
  if (id === 'activation') return ACTIVATION_LABELS[value as Activation] ?? String(value)
  if (id === 'scaling') return SCALING_LABELS[value as ScalingMode] ?? String(value)
  if (id === 'init') return INIT_LABELS[value as InitScheme] ?? String(value)
  return typeof value === 'string' ? value : formatSettingValue(id, value)
}

/** One row per run, in the list's order. */
export function runRows(records: readonly RunRecord[]): RunRow[] {
  return records.map((record) => {
    const cells: Partial<Record<ColumnId, string>> = { name: runName(record), status: statusWords(record) }
    const keys: Partial<Record<ColumnId, SortKey>> = { name: runName(record).toLowerCase(), status: statusWords(record) }
    if (record.ok) {
      const m = record.manifest
      cells.dataset = m.dataset.name
      keys.dataset = m.dataset.name.toLowerCase()
      for (const id of SETTING_ORDER) {
        const value = m.settings[id]
        cells[id] = settingCell(id, value)
        keys[id] = settingKey(value)
      }
      cells.bestAccuracy = m.best ? formatPercent(m.best.testAccuracy) : '–'
      keys.bestAccuracy = m.best?.testAccuracy ?? null
      cells.bestEpoch = m.best ? String(m.best.epoch) : '–'
      keys.bestEpoch = m.best?.epoch ?? null
      cells.finalAccuracy = m.final ? formatPercent(m.final.testAccuracy) : '–'
      keys.finalAccuracy = m.final?.testAccuracy ?? null
      cells.time = durationWords(m.seconds)
      keys.time = m.seconds
    }
    return { id: record.id, record, cells, keys }
  })
}

/** A setting that is the same for every readable run, in words ("activation relu"). */
export interface SameSetting {
  readonly column: SettingColumn
  readonly label: string
  readonly value: string
}

/** A setting column's name in running text: "learning rate", "data". */
const settingWord = (id: SettingColumn): string => (id === 'dataset' ? 'data' : settingLabel(id))

/**
 * The row's settings among `columns`, one per entry in words ("learning rate 0.05"): what a
 * narrow table shows in one cell instead of a column per setting.
 */
export function settingLines(row: RunRow, columns: readonly Column[]): string[] {
  if (!row.record.ok) return []
  return columns.filter((c) => c.setting).map((c) => `${settingWord(c.id as SettingColumn)} ${row.cells[c.id] ?? ''}`)
}

/** The columns to show; with `onlyDiffers`, the settings left out because every run has the same value. */
export function tableColumns(rows: readonly RunRow[], onlyDiffers: boolean): { columns: Column[]; same: SameSetting[] } {
  const readable = rows.filter((r) => r.record.ok)
  const same: SameSetting[] = []
  const columns = COLUMNS.filter((c) => {
    if (!c.setting || !onlyDiffers || readable.length === 0) return true
    const first = readable[0].cells[c.id]
    if (readable.some((r) => r.cells[c.id] !== first)) return true
    same.push({ column: c.id as SettingColumn, label: settingWord(c.id as SettingColumn), value: first ?? '' })
    return false
  })
  return { columns, same }
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i]
    return a.length - b.length
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a - b
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/** The rows in `sort`'s order (stable); null keeps the list's order. */
export function sortRows(rows: readonly RunRow[], sort: RunSort | null): RunRow[] {
  if (sort === null) return [...rows]
  const sign = sort.direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index, key: row.keys[sort.column] ?? null }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1
      return sign * compareKeys(a.key, b.key) || a.index - b.index
    })
    .map((r) => r.row)
}

/** A click on `column`'s header: its first direction, or the other one when it is already sorted by it. */
export function nextSort(current: RunSort | null, column: Column): RunSort {
  if (current?.column !== column.id) return { column: column.id, direction: column.first }
  return { column: column.id, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
}

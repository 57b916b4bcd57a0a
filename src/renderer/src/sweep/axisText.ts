/**
 * One swept setting as the builder's fields hold it, read into the values a sweep will try. A
 * list is typed ("0.001, 0.01, 0.1"; hidden layers as networks apart by "|", the widths of one
 * network apart by commas: "15 | 50 | 100, 50"), a range is four fields (from, to, steps, log or
 * linear), and activation or input scaling is a set of ticked names. Each typed value is checked
 * on its own by the core (expandValues, the one place of the limits), so a wrong value gets its
 * own plain reason beside it while the right ones show as the chips of what will be trained.
 */
import { SCALING_MODES, type ScalingMode } from '../../../core/data/scaling'
import { isUserError } from '../../../core/errors'
import { ACTIVATIONS, type Activation } from '../../../core/nn/network'
import { formatSettingValue } from '../../../core/runs/settingWords'
import { expandValues } from '../../../core/runs/sweepPlan'
import type { SweepSetting, SweepValue, SweepValues } from '../../../core/runs/types'
import { ACTIVATION_LABELS, SCALING_LABELS } from '../forms/fieldHelp'
import { parseNumber } from '../forms/hyperparameterForm'

/** The settings the builder offers, in the order of its menu. */
export const SWEEP_SETTINGS: readonly SweepSetting[] = ['learningRate', 'l2', 'momentum', 'batchSize', 'hidden', 'activation', 'scaling', 'epochs']

export type RangeScale = 'log' | 'linear'

export interface AxisFields {
  readonly setting: SweepSetting
  readonly kind: 'list' | 'range'
  /** the list as typed. */
  readonly list: string
  /** the range's ends and steps as typed. */
  readonly from: string
  readonly to: string
  readonly steps: string
  readonly scale: RangeScale
  /** activation or input scaling: the names ticked. */
  readonly names: readonly string[]
}

/** A value typed that cannot be used, and why. */
export interface BadValue {
  readonly text: string
  readonly reason: string
}

export interface AxisReading {
  /** what the sweep will try, as chips say it ("0.001", "100, 50", "ReLU"); [] while none is right. */
  readonly chips: readonly string[]
  /** the values for the spec; null while the axis has a mistake. */
  readonly values: SweepValues | null
  /** how many values it tries. */
  readonly count: number
  /** typed values that cannot work, each with its reason. */
  readonly bad: readonly BadValue[]
  /** a mistake of the axis as a whole (an empty list, a range that cannot be), or null. */
  readonly problem: string | null
}

/** Activation and input scaling are names: ticked, never typed, never a range. */
export function isNamed(setting: SweepSetting): setting is 'activation' | 'scaling' {
  return setting === 'activation' || setting === 'scaling'
}

/** The names a named setting offers, with their labels. */
export function nameChoices(setting: 'activation' | 'scaling'): readonly { readonly value: string; readonly label: string }[] {
  return setting === 'activation'
    ? ACTIVATIONS.map((a) => ({ value: a, label: ACTIVATION_LABELS[a] }))
    : SCALING_MODES.map((s) => ({ value: s, label: SCALING_LABELS[s] }))
}

/** An axis's fields but its setting and kind. */
type Suggestion = Omit<AxisFields, 'setting' | 'kind'>

/** What each setting's fields start with: a list worth trying, and a range (log for learning rate and L2). */
const SUGGESTIONS: Record<SweepSetting, Suggestion> = {
  learningRate: { list: '0.001, 0.01, 0.1', from: '0.001', to: '0.1', steps: '3', scale: 'log', names: [] },
  l2: { list: '0, 0.0001, 0.001', from: '0.00001', to: '0.01', steps: '4', scale: 'log', names: [] },
  momentum: { list: '0, 0.5, 0.9', from: '0', to: '0.9', steps: '4', scale: 'linear', names: [] },
  batchSize: { list: '50, 100, 200', from: '25', to: '400', steps: '5', scale: 'log', names: [] },
  hidden: { list: '15 | 50 | 100, 50', from: '10', to: '100', steps: '4', scale: 'log', names: [] },
  activation: { list: '', from: '', to: '', steps: '', scale: 'linear', names: ['relu', 'tanh'] },
  scaling: { list: '', from: '', to: '', steps: '', scale: 'linear', names: ['centre', 'standardise'] },
  epochs: { list: '5, 10, 20', from: '5', to: '20', steps: '4', scale: 'linear', names: [] }
}

/** A setting's fields as they start: its suggested list. */
export function axisFields(setting: SweepSetting): AxisFields {
  const s = SUGGESTIONS[setting]
  return { setting, kind: 'list', list: s.list, from: s.from, to: s.to, steps: s.steps, scale: s.scale, names: s.names }
}

/** The fields for another setting: that setting's suggestions (what was typed for another would rarely fit). */
export function withSetting(fields: AxisFields, setting: SweepSetting): AxisFields {
  return fields.setting === setting ? fields : { ...axisFields(setting), kind: isNamed(setting) ? 'list' : fields.kind }
}

/** How a list is typed, for the field's hint. */
export function listHint(setting: SweepSetting): string {
  return setting === 'hidden'
    ? 'Networks apart by |, the layers of one network apart by commas: 15 | 50 | 100, 50 tries one layer of 15, one of 50, and 100 then 50.'
    : `Numbers apart by commas, such as ${SUGGESTIONS[setting].list}.`
}

function reasonOf(e: unknown): string {
  if (isUserError(e)) return e.message
  throw e
}

/** One typed value of a list: the value, or why it is not one. */
function typedValue(setting: SweepSetting, text: string): SweepValue | BadValue {
  if (setting === 'hidden') {
    const widths = text.split(',').map((w) => w.trim())
    if (widths.some((w) => w === '')) return { text, reason: `"${text}" has an empty layer: give each layer's units, apart by commas, such as 100, 50.` }
    const numbers = widths.map(parseNumber)
    const wrong = widths.find((_, i) => Number.isNaN(numbers[i]))
    if (wrong !== undefined) return { text, reason: `"${wrong}" is not a number of units: use whole numbers, such as 15 or 100, 50.` }
    return numbers
  }
  const n = parseNumber(text)
  return Number.isNaN(n) ? { text, reason: `"${text}" is not a number: type numbers apart by commas, such as ${SUGGESTIONS[setting].list}.` } : n
}

const isBad = (v: SweepValue | BadValue): v is BadValue => typeof v === 'object' && !Array.isArray(v)

/** The chip of one value. */
export function chipOf(setting: SweepSetting, v: SweepValue): string {
  if (setting === 'activation') return ACTIVATION_LABELS[v as Activation] ?? String(v)
  if (setting === 'scaling') return SCALING_LABELS[v as ScalingMode] ?? String(v)
  return formatSettingValue(setting, v)
}

function reading(setting: SweepSetting, values: SweepValues, bad: BadValue[]): AxisReading {
  try {
    const expanded = expandValues(values, setting)
    // a list goes to the spec as the chips say it: each value once
    const spec: SweepValues = values.kind === 'list' ? { kind: 'list', values: expanded } : values
    return { chips: expanded.map((v) => chipOf(setting, v)), values: bad.length ? null : spec, count: expanded.length, bad, problem: null }
  } catch (e) {
    return { chips: [], values: null, count: 0, bad, problem: reasonOf(e) }
  }
}

function readList(f: AxisFields): AxisReading {
  const parts = f.list.split(f.setting === 'hidden' ? '|' : ',').map((p) => p.trim()).filter((p) => p !== '')
  if (parts.length === 0) {
    return { chips: [], values: null, count: 0, bad: [], problem: `Type the values to try. ${listHint(f.setting)}` }
  }
  const good: SweepValue[] = []
  const bad: BadValue[] = []
  for (const part of parts) {
    const v = typedValue(f.setting, part)
    if (isBad(v)) {
      bad.push(v)
      continue
    }
    // the core's own check of this value alone: its reason goes beside it
    try {
      expandValues({ kind: 'list', values: [v] }, f.setting)
      good.push(v)
    } catch (e) {
      bad.push({ text: part, reason: reasonOf(e) })
    }
  }
  if (good.length === 0) return { chips: [], values: null, count: 0, bad, problem: null }
  return reading(f.setting, { kind: 'list', values: good }, bad)
}

function readRange(f: AxisFields): AxisReading {
  const ends = { from: parseNumber(f.from), to: parseNumber(f.to), steps: parseNumber(f.steps) }
  const bad: BadValue[] = []
  const check = (text: string, n: number, what: string, example: string): void => {
    if (!Number.isNaN(n)) return
    bad.push({ text, reason: text.trim() === '' ? `${what} is empty: type a number, such as ${example}.` : `${what}: "${text.trim()}" is not a number, such as ${example}.` })
  }
  const suggested = SUGGESTIONS[f.setting]
  check(f.from, ends.from, 'From', suggested.from)
  check(f.to, ends.to, 'To', suggested.to)
  check(f.steps, ends.steps, 'Steps (how many values from one end to the other)', suggested.steps)
  if (bad.length) return { chips: [], values: null, count: 0, bad, problem: null }
  return reading(f.setting, { kind: 'range', from: ends.from, to: ends.to, steps: ends.steps, scale: f.scale }, [])
}

function readNames(f: AxisFields): AxisReading {
  if (f.names.length === 0) return { chips: [], values: null, count: 0, bad: [], problem: 'Tick at least one to try.' }
  const order = nameChoices(f.setting as 'activation' | 'scaling').map((c) => c.value)
  const names = order.filter((n) => f.names.includes(n)) as SweepValue[]
  return reading(f.setting, { kind: 'list', values: names }, [])
}

/** The values `f` says (see the header). */
export function readAxis(f: AxisFields): AxisReading {
  if (isNamed(f.setting)) return readNames(f)
  return f.kind === 'range' ? readRange(f) : readList(f)
}

/**
 * Settings in words and in the command line's names. For people: settingLabel('learningRate')
 * → "learning rate", formatSettingValue('hidden', [100, 50]) → "100, 50". For `sweep --json`
 * and `runs --json`: cliSettings(s) → the object keyed by `train`'s option names ({ hidden: 15 }
 * or { layers: [100, 50] }, activation, lr, batch, momentum, l2, epochs, seed, scale, threads,
 * shuffle).
 */
import type { ScalingMode } from '../data/scaling'
import type { Activation } from '../nn/network'
import type { RunSettings, SweepValue } from './types'

/** Any setting a run records (the swept ones, and seed, threads, shuffle and init). */
export type SettingName = keyof RunSettings

/** The order settings are listed in: the network, then the steps, then the rest; seed last. */
export const SETTING_ORDER: readonly SettingName[] = [
  'hidden', 'activation', 'learningRate', 'batchSize', 'momentum', 'l2', 'epochs', 'scaling', 'shuffle', 'init', 'threads', 'seed'
]

const LABELS: Record<SettingName, string> = {
  hidden: 'hidden layers',
  activation: 'activation',
  learningRate: 'learning rate',
  batchSize: 'batch size',
  momentum: 'momentum',
  l2: 'L2',
  epochs: 'epochs',
  scaling: 'input scaling',
  shuffle: 'shuffling',
  init: 'initialisation',
  threads: 'threads',
  seed: 'seed'
}

/** The setting's name for people, lower case: "learning rate", "hidden layers", "L2". */
export function settingLabel(setting: SettingName): string {
  return LABELS[setting]
}

/**
 * A number as people read it: whole numbers as they are, others in their shortest form, or with 4
 * significant digits when that form is long (0.031622776601683794 → "0.03162"). `exact` keeps
 * every digit, for telling apart two values that the short forms would show the same.
 */
export function formatNumber(n: number, exact = false): string {
  if (!Number.isFinite(n)) return String(n)
  const s = String(n)
  if (exact || Number.isInteger(n) || s.length <= 7) return s
  return String(Number(n.toPrecision(4)))
}

/** Hidden layer widths in words: "100, 50"; "none" for a network without hidden layers. */
export function formatLayers(hidden: readonly number[]): string {
  return hidden.length === 0 ? 'none' : hidden.join(', ')
}

/** One value of a setting for people: "0.05", "100, 50", "tanh", "on" / "off" for shuffling. */
export function formatSettingValue(setting: SettingName, value: SweepValue | boolean, exact = false): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return setting === 'hidden' ? formatLayers([value]) : formatNumber(value, exact)
  return formatLayers(value)
}

/** A run's settings under `train`'s option names, in its help's order. */
export interface CliSettings {
  /** one hidden layer's units (absent when there are several or none: then `layers`). */
  readonly hidden?: number
  /** the widths of several hidden layers, or [] for none (absent when there is exactly one: then `hidden`). */
  readonly layers?: readonly number[]
  readonly activation: Activation
  readonly lr: number
  readonly batch: number
  readonly momentum: number
  readonly l2: number
  readonly epochs: number
  readonly seed: number
  readonly scale: ScalingMode
  readonly threads: number
  readonly shuffle: boolean
}

/** `s` as `train`'s options name it, for `sweep --json` and `runs --json`. */
export function cliSettings(s: RunSettings): CliSettings {
  const network = s.hidden.length === 1 ? { hidden: s.hidden[0] } : { layers: [...s.hidden] }
  return {
    ...network,
    activation: s.activation,
    lr: s.learningRate,
    batch: s.batchSize,
    momentum: s.momentum,
    l2: s.l2,
    epochs: s.epochs,
    seed: s.seed,
    scale: s.scaling,
    threads: s.threads,
    shuffle: s.shuffle
  }
}


/**
 * The limits of every hyperparameter are core's HYPER_LIMITS, and every place a user gives one
 * holds to them: core's check, the requests' validation and the command line (the settings form:
 * test/renderer/hyperparameterForm.test.ts) each refuse a value just outside a limit and take the
 * value at it (or just inside it, where the limit itself is excluded). The numbers come from
 * HYPER_LIMITS alone.
 */
import { describe, expect, it } from 'vitest'
import { hyperparameters as cliHyperparameters, SETTING_OPTIONS } from '../../../src/cli/trainOptions'
import { checkHyperparameters, HYPER_LIMITS, limitWords, SEED_DEFAULTS, type Hyperparameters, type Limit } from '../../../src/core/nn/hyperparameters'
import { hyperparameters as requestHyperparameters } from '../../../src/main/validation/payloads'

type Numeric = 'learningRate' | 'batchSize' | 'momentum' | 'l2' | 'epochs' | 'seed'
const NUMERIC: readonly Numeric[] = ['learningRate', 'batchSize', 'momentum', 'l2', 'epochs', 'seed']
/** The command line's option for each. */
const OPTION: Record<Numeric, string> = { learningRate: 'lr', batchSize: 'batch', momentum: 'momentum', l2: 'l2', epochs: 'epochs', seed: 'seed' }

/** Values just outside each end of a limit, and the values at (or, for an excluded end, just inside) it. */
function edges(limit: Limit): { outside: number[]; inside: number[] } {
  const step = (n: number): number => (limit.integer ? 1 : Math.max(1e-9, Math.abs(n) * 1e-9))
  return {
    outside: [limit.aboveMin ? limit.min : limit.min - step(limit.min), limit.belowMax ? limit.max : limit.max + step(limit.max)],
    inside: [limit.aboveMin ? limit.min + step(limit.min) : limit.min, limit.belowMax ? limit.max - step(limit.max) : limit.max]
  }
}

/** Each place as "does it take this value of this setting". */
const PLACES: Array<[string, (h: Hyperparameters, cli: Map<string, string | number | boolean>) => boolean]> = [
  ['core', (h) => accepts(() => checkHyperparameters(h, 1))],
  ['the request validation', (h) => accepts(() => requestHyperparameters(h))],
  ['the command line', (_, options) => accepts(() => cliHyperparameters(options, null))]
]

function accepts(f: () => unknown): boolean {
  try {
    f()
    return true
  } catch {
    return false
  }
}

describe('hyperparameter limits', () => {
  describe.each(PLACES)('in %s', (_place, takes) => {
    it.each(NUMERIC)('hold for %s', (key) => {
      const { outside, inside } = edges(HYPER_LIMITS[key])
      for (const v of outside) expect(takes({ ...SEED_DEFAULTS, [key]: v }, new Map([[OPTION[key], v]])), `${key} ${v}`).toBe(false)
      for (const v of inside) expect(takes({ ...SEED_DEFAULTS, [key]: v }, new Map([[OPTION[key], v]])), `${key} ${v}`).toBe(true)
    })

    it('hold for the hidden layers and their units', () => {
      const units = HYPER_LIMITS.hiddenUnits
      const most = HYPER_LIMITS.hiddenLayers.max
      const layers = (hidden: number[]): [Hyperparameters, Map<string, string>] => [{ ...SEED_DEFAULTS, hidden }, new Map([['layers', hidden.join(',')]])]
      for (const hidden of [[units.min - 1], [units.max + 1], Array(most + 1).fill(units.min)]) expect(takes(...layers(hidden)), `${hidden}`).toBe(false)
      for (const hidden of [[units.min], [units.max], Array(most).fill(units.min)]) expect(takes(...layers(hidden)), `${hidden}`).toBe(true)
    })
  })

  it('are put in words for help texts, and the command line\'s help gives them', () => {
    expect(limitWords(HYPER_LIMITS.learningRate)).toBe('above 0 and at most 10')
    expect(limitWords(HYPER_LIMITS.momentum)).toBe('from 0 to just below 1')
    expect(limitWords(HYPER_LIMITS.batchSize)).toBe('from 1 to 1,000,000')
    for (const key of NUMERIC) expect(SETTING_OPTIONS[OPTION[key]].help, key).toContain(limitWords(HYPER_LIMITS[key]))
    expect(SETTING_OPTIONS.hidden.help).toContain(limitWords(HYPER_LIMITS.hiddenUnits))
  })
})

import { describe, expect, it } from 'vitest'
import { HYPER_LIMITS, SEED_DEFAULTS, type Limit } from '../../src/core/nn/hyperparameters'
import { fieldError, fieldsFrom, layerError, parseNumber, readForm, stepSettingsOf, type HyperparameterFields, type NumberField } from '../../src/renderer/src/forms/hyperparameterForm'

const errorsOf = (patch: Partial<HyperparameterFields>): Record<string, unknown> => {
  const r = readForm({ ...fieldsFrom(), ...patch })
  return r.ok ? {} : (r.errors as Record<string, unknown>)
}

describe('hyperparameter form', () => {
  it('starts from the seed defaults and reads them back unchanged', () => {
    const fields = fieldsFrom()
    expect(fields).toEqual({
      hidden: ['15'], activation: 'relu', learningRate: '0.01', batchSize: '200', momentum: '0.8',
      l2: '0.0001', epochs: '10', seed: '1', scaling: 'centre', threads: '0'
    })
    expect(readForm(fields)).toEqual({ ok: true, hyper: SEED_DEFAULTS, threads: 0 })
    expect(fieldsFrom({ ...SEED_DEFAULTS, hidden: [100, 50] }, 4)).toMatchObject({ hidden: ['100', '50'], threads: '4' })
  })

  it('reads what the user typed, including several layers, none, exponents and threads', () => {
    const result = readForm({ ...fieldsFrom(), hidden: [' 100 ', '50'], learningRate: '1e-3', epochs: '4', activation: 'tanh', scaling: 'standardise', threads: '6' })
    expect(result.ok && result.hyper).toMatchObject({ hidden: [100, 50], learningRate: 0.001, epochs: 4, activation: 'tanh', scaling: 'standardise' })
    expect(result.ok && result.threads).toBe(6)
    const linear = readForm({ ...fieldsFrom(), hidden: [] })
    expect(linear.ok && linear.hyper.hidden).toEqual([])
  })

  it('gives one plain reason per wrong field, beside that field, and per wrong layer', () => {
    const result = readForm({ ...fieldsFrom(), learningRate: 'fast', momentum: '1', batchSize: '', epochs: '0', hidden: ['15', '', '2.5'] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['batchSize', 'epochs', 'hidden', 'layers', 'learningRate', 'momentum'])
    expect(result.errors.learningRate).toBe('Learning rate must be a number, such as 0.01.')
    expect(result.errors.momentum).toMatch(/^Momentum must be at least 0 and below 1 \(you gave 1\)/)
    expect(result.errors.batchSize).toBe('Batch size is empty: type a number.')
    expect(result.errors.epochs).toMatch(/at least one epoch/)
    expect(result.errors.layers).toEqual([undefined, 'Type how many units this layer has, such as 15.', expect.stringMatching(/whole number from 1 to 4096/)])
    expect(result.errors.hidden).toBe('Hidden layer 2: Type how many units this layer has, such as 15.')
  })

  it("uses core's ranges, so the form and the trainer agree", () => {
    expect((errorsOf({ hidden: ['0'] }).layers as string[])[0]).toMatch(/whole number from 1 to 4096/)
    expect((errorsOf({ hidden: ['ten'] }).layers as string[])[0]).toMatch(/whole number of units/)
    expect(errorsOf({ learningRate: '0' }).learningRate).toMatch(/above 0/)
    expect(errorsOf({ l2: '-0.1' }).l2).toMatch(/between 0 and 1/)
    expect(errorsOf({ seed: '4294967296' }).seed).toMatch(/0 to 4294967295/)
    expect(errorsOf({ batchSize: '12.5' }).batchSize).toMatch(/whole number/)
    expect(errorsOf({ threads: '-1' }).threads).toMatch(/^Threads must be a whole number from 0 \(automatic\)/)
    expect(errorsOf({ threads: '1.5' }).threads).toMatch(/whole number/)
    expect(errorsOf({ momentum: '0', l2: '0', seed: '0', threads: '0' })).toEqual({})
  })

  it('keeps within the limits main checks requests against', () => {
    expect(errorsOf({ hidden: Array(9).fill('8') }).hidden).toBe('Use at most 8 hidden layers (you have 9).')
    expect(errorsOf({ epochs: '100001' }).epochs).toBe('Use at most 100,000 epochs at a time (you gave 100,001).')
    expect(errorsOf({ batchSize: '2000000' }).batchSize).toBe('Use a batch size of at most 1,000,000 (you gave 2,000,000).')
    expect(errorsOf({ hidden: Array(8).fill('8'), epochs: '100000' })).toEqual({})
  })

  it('reads the settings that can change while paused on their own', () => {
    expect(stepSettingsOf({ ...fieldsFrom(), learningRate: '0.05', momentum: '0.5', l2: '0', epochs: 'x' }))
      .toEqual({ learningRate: 0.05, momentum: 0.5, l2: 0 })
    expect(stepSettingsOf({ ...fieldsFrom(), learningRate: '-1' })).toBeNull()
  })

  it('parses numbers strictly', () => {
    expect(parseNumber(' 0.5 ')).toBe(0.5)
    expect(parseNumber('.5')).toBe(0.5)
    expect(parseNumber('5.')).toBe(5)
    expect(parseNumber('-2E-3')).toBe(-0.002)
    for (const bad of ['', '0x10', '1,5', 'Infinity', 'NaN', '1e', '--1', '1 2']) expect(parseNumber(bad)).toBeNaN()
  })
})

/** Values just outside each end of a limit, and the values at (or, for an excluded end, just inside) it. */
function edges(limit: Limit): { outside: number[]; inside: number[] } {
  const step = (n: number): number => (limit.integer ? 1 : Math.max(1e-9, Math.abs(n) * 1e-9))
  return {
    outside: [limit.aboveMin ? limit.min : limit.min - step(limit.min), limit.belowMax ? limit.max : limit.max + step(limit.max)],
    inside: [limit.aboveMin ? limit.min + step(limit.min) : limit.min, limit.belowMax ? limit.max - step(limit.max) : limit.max]
  }
}

describe('the form holds to core’s limits (HYPER_LIMITS)', () => {
  const NUMERIC: ReadonlyArray<NumberField & keyof typeof HYPER_LIMITS> = ['learningRate', 'batchSize', 'momentum', 'l2', 'epochs', 'seed']

  it.each(NUMERIC)('refusing %s just outside a limit and taking it at the limit', (key) => {
    const { outside, inside } = edges(HYPER_LIMITS[key])
    // the studio trains at least one epoch: its form starts epochs at 1, within core's limit
    if (key === 'epochs') {
      outside[0] = 0
      inside[0] = 1
    }
    for (const v of outside) expect(fieldError(key, String(v)), `${key} ${v}`).toBeDefined()
    for (const v of inside) expect(fieldError(key, String(v)), `${key} ${v}`).toBeUndefined()
  })

  it('refusing hidden layers and units just outside the limits and taking them at the limits', () => {
    const units = HYPER_LIMITS.hiddenUnits
    const most = HYPER_LIMITS.hiddenLayers.max
    expect(layerError(String(units.min - 1))).toBeDefined()
    expect(layerError(String(units.max + 1))).toBeDefined()
    expect(layerError(String(units.min))).toBeUndefined()
    expect(layerError(String(units.max))).toBeUndefined()
    expect(readForm({ ...fieldsFrom(), hidden: Array(most + 1).fill('1') }).ok).toBe(false)
    expect(readForm({ ...fieldsFrom(), hidden: Array(most).fill('1') }).ok).toBe(true)
  })
})

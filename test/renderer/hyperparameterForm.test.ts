import { describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { fieldsFrom, parseLayers, parseNumber, readForm } from '../../src/renderer/src/forms/hyperparameterForm'

describe('hyperparameter form', () => {
  it('starts from the seed defaults and reads them back unchanged', () => {
    const fields = fieldsFrom()
    expect(fields).toEqual({
      hidden: '15', activation: 'relu', learningRate: '0.01', batchSize: '200', momentum: '0.8',
      l2: '0.0001', epochs: '10', seed: '1', scaling: 'centre'
    })
    expect(readForm(fields)).toEqual({ ok: true, hyper: SEED_DEFAULTS })
  })

  it('reads what the user typed, including several layers and exponents', () => {
    const result = readForm({ ...fieldsFrom(), hidden: ' 100, 50 ', learningRate: '1e-3', epochs: '4', activation: 'tanh', scaling: 'standardise' })
    expect(result.ok && result.hyper).toMatchObject({ hidden: [100, 50], learningRate: 0.001, epochs: 4, activation: 'tanh', scaling: 'standardise' })
  })

  it('gives one plain reason per wrong field, beside that field', () => {
    const result = readForm({ ...fieldsFrom(), learningRate: 'fast', momentum: '1', batchSize: '', epochs: '0', hidden: '15,,3' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors).sort()).toEqual(['batchSize', 'epochs', 'hidden', 'learningRate', 'momentum'])
    expect(result.errors.learningRate).toBe('Learning rate must be a number, such as 0.01.')
    expect(result.errors.momentum).toMatch(/^Momentum must be at least 0 and below 1 \(you gave 1\)/)
    expect(result.errors.batchSize).toBe('Batch size is empty: type a number.')
    expect(result.errors.epochs).toMatch(/at least one epoch/)
    expect(result.errors.hidden).toMatch(/separated by commas/)
  })

  it("uses core's ranges, so the form and the trainer agree", () => {
    const errors = (patch: Record<string, string>): Record<string, string> => {
      const r = readForm({ ...fieldsFrom(), ...patch })
      return r.ok ? {} : (r.errors as Record<string, string>)
    }
    expect(errors({ hidden: '0' }).hidden).toMatch(/whole number from 1 to 4096/)
    expect(errors({ hidden: '2.5' }).hidden).toMatch(/whole number/)
    expect(errors({ learningRate: '0' }).learningRate).toMatch(/above 0/)
    expect(errors({ l2: '-0.1' }).l2).toMatch(/between 0 and 1/)
    expect(errors({ seed: '4294967296' }).seed).toMatch(/0 to 4294967295/)
    expect(errors({ batchSize: '12.5' }).batchSize).toMatch(/whole number/)
    expect(errors({ momentum: '0', l2: '0', seed: '0' })).toEqual({})
  })

  it("keeps within the limits main checks requests against", () => {
    const errors = (patch: Record<string, string>): Record<string, string> => {
      const r = readForm({ ...fieldsFrom(), ...patch })
      return r.ok ? {} : (r.errors as Record<string, string>)
    }
    expect(errors({ hidden: '8, 8, 8, 8, 8, 8, 8, 8, 8' }).hidden).toBe('Use at most 8 hidden layers (you gave 9).')
    expect(errors({ epochs: '100001' }).epochs).toBe('Use at most 100,000 epochs at a time.')
    expect(errors({ batchSize: '2000000' }).batchSize).toBe('Use a batch size of at most 1,000,000.')
    expect(errors({ hidden: '8, 8, 8, 8, 8, 8, 8, 8', epochs: '100000' })).toEqual({})
  })

  it('parses numbers strictly', () => {
    expect(parseNumber(' 0.5 ')).toBe(0.5)
    expect(parseNumber('.5')).toBe(0.5)
    expect(parseNumber('5.')).toBe(5)
    expect(parseNumber('-2E-3')).toBe(-0.002)
    for (const bad of ['', '0x10', '1,5', 'Infinity', 'NaN', '1e', '--1', '1 2']) expect(parseNumber(bad)).toBeNaN()
    expect(parseLayers('3')).toEqual([3])
    expect(parseLayers('3, x')).toBeNull()
    expect(parseLayers('')).toBeNull()
  })
})

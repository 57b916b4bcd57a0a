import { describe, expect, it } from 'vitest'
import { UsageError } from '../../src/cli/args'
import { optionValues, sweepSettings } from '../../src/cli/sweepArgs'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'

const options = (entries: [string, string | number | boolean][]) => new Map(entries)

function refusal(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error('not refused')
}

describe('sweep values', () => {
  it('reads lists, log and linear ranges, and one value as fixed', () => {
    expect(optionValues('lr', '0.001,0.01, 0.1')).toEqual({ axis: { setting: 'learningRate', values: { kind: 'list', values: [0.001, 0.01, 0.1] } } })
    expect(optionValues('lr', '0.001..0.1:5log')).toEqual({ axis: { setting: 'learningRate', values: { kind: 'range', from: 0.001, to: 0.1, steps: 5, scale: 'log' } } })
    expect(optionValues('batch', '50..200:4')).toEqual({ axis: { setting: 'batchSize', values: { kind: 'range', from: 50, to: 200, steps: 4, scale: 'linear' } } })
    expect(optionValues('momentum', '0.5..0.9:3lin')).toMatchObject({ axis: { values: { scale: 'linear', steps: 3 } } })
    expect(optionValues('lr', '0.05')).toEqual({ fixed: 0.05 })
    expect(optionValues('activation', 'relu,tanh')).toEqual({ axis: { setting: 'activation', values: { kind: 'list', values: ['relu', 'tanh'] } } })
  })

  it('reads hidden widths as one layer each, and networks of several layers apart by "|"', () => {
    expect(optionValues('hidden', '15,50')).toEqual({ axis: { setting: 'hidden', values: { kind: 'list', values: [15, 50] } } })
    expect(optionValues('layers', '100,50|200,100')).toEqual({ axis: { setting: 'hidden', values: { kind: 'list', values: [[100, 50], [200, 100]] } } })
    expect(optionValues('layers', '100,50')).toEqual({ fixed: [100, 50] })
  })

  it('keeps the swept settings in the order given, and fixed values in the base settings', () => {
    const { base, axes } = sweepSettings(options([['hidden', '4,8'], ['lr', '0.05'], ['epochs', '3'], ['momentum', '0.5,0.9'], ['seed', 7], ['shuffle', false]]))
    expect(axes.map((a) => a.setting)).toEqual(['hidden', 'momentum'])
    expect(base).toEqual({ ...SEED_DEFAULTS, learningRate: 0.05, epochs: 3, seed: 7, shuffle: false })
    expect(sweepSettings(options([['layers', '8,4']])).base.hidden).toEqual([8, 4])
    expect(sweepSettings(options([['hidden', '6']])).base.hidden).toEqual([6])
  })

  it('says plainly what is wrong with a value', () => {
    expect(refusal(() => optionValues('lr', '0.01,fast'))).toBe('--lr needs numbers separated by commas (like 0.001,0.01) or a range (like 0.001..0.1:5log), not "fast".')
    expect(refusal(() => optionValues('lr', '0.001..0.1'))).toMatch(/^--lr: a range is written from\.\.to:steps, like 0\.001\.\.0\.1:5log/)
    expect(refusal(() => optionValues('activation', 'relu..tanh:2'))).toMatch(/--activation cannot take a range/)
    expect(refusal(() => optionValues('activation', 'relu,swish'))).toMatch(/--activation must be one of relu/)
    expect(refusal(() => optionValues('layers', '100,x|5'))).toMatch(/--layers needs whole numbers/)
    expect(refusal(() => sweepSettings(options([['hidden', '4'], ['layers', '4,2']])))).toBe('Give either --hidden or --layers, not both.')
  })
})

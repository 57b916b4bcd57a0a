/** A swept setting's fields read into the values a sweep tries: chips, the reason beside each wrong value, ranges and names. */
import { describe, expect, it } from 'vitest'
import { axisFields, listHint, readAxis, withSetting, type AxisFields } from '../../../src/renderer/src/sweep/axisText'

const list = (setting: AxisFields['setting'], text: string): AxisFields => ({ ...axisFields(setting), kind: 'list', list: text })
const range = (setting: AxisFields['setting'], from: string, to: string, steps: string, scale: 'log' | 'linear'): AxisFields =>
  ({ ...axisFields(setting), kind: 'range', from, to, steps, scale })

describe('a typed list of values', () => {
  it('shows the values it will use as chips, each kept once, and gives them to the spec', () => {
    const r = readAxis(list('learningRate', '0.001, 0.01 ,0.1, 0.01,'))
    expect(r.chips).toEqual(['0.001', '0.01', '0.1'])
    expect(r.values).toEqual({ kind: 'list', values: [0.001, 0.01, 0.1] })
    expect(r.bad).toEqual([])
    expect(r.problem).toBeNull()
  })

  it('puts the core\'s plain reason beside each value that cannot work, keeping the others as chips', () => {
    const r = readAxis(list('learningRate', '0.001, abc, 50'))
    expect(r.chips).toEqual(['0.001'])
    expect(r.values, 'no spec while a value is wrong').toBeNull()
    expect(r.bad).toEqual([
      { text: 'abc', reason: '"abc" is not a number: type numbers apart by commas, such as 0.001, 0.01, 0.1.' },
      { text: '50', reason: 'The learning rate must be above 0 and at most 10 (you gave 50). Typical values are 0.001 to 0.1.' }
    ])
  })

  it('reads hidden layers as networks apart by | and the layers of one network apart by commas', () => {
    const r = readAxis(list('hidden', '15 | 50 | 100,50'))
    expect(r.chips).toEqual(['15', '50', '100, 50'])
    expect(r.values).toEqual({ kind: 'list', values: [[15], [50], [100, 50]] })
    const wrong = readAxis(list('hidden', '15 | 0 | 100,,50 | x'))
    expect(wrong.chips).toEqual(['15'])
    expect(wrong.bad.map((b) => b.text)).toEqual(['0', '100,,50', 'x'])
    expect(wrong.bad[0].reason).toMatch(/^Hidden layer width 0 is not allowed/)
    expect(listHint('hidden')).toContain('15 | 50 | 100, 50')
  })

  it('asks for values when the list is empty', () => {
    const r = readAxis(list('momentum', ' , '))
    expect(r.values).toBeNull()
    expect(r.problem).toBe('Type the values to try. Numbers apart by commas, such as 0, 0.5, 0.9.')
  })
})

describe('a range', () => {
  it('spaces its steps on a log scale, keeping 3 significant digits between the ends', () => {
    const r = readAxis(range('learningRate', '0.001', '0.1', '5', 'log'))
    expect(r.chips).toEqual(['0.001', '0.00316', '0.01', '0.0316', '0.1'])
    expect(r.values).toEqual({ kind: 'range', from: 0.001, to: 0.1, steps: 5, scale: 'log' })
  })

  it('rounds whole-number settings on a linear scale', () => {
    expect(readAxis(range('epochs', '5', '20', '4', 'linear')).chips).toEqual(['5', '10', '15', '20'])
  })

  it('says why a range cannot be, and which field is not a number', () => {
    expect(readAxis(range('l2', '0', '0.01', '4', 'log')).problem).toMatch(/^A log range of the L2 must start and end above 0/)
    const r = readAxis(range('momentum', '', '0.9', 'a', 'linear'))
    expect(r.values).toBeNull()
    expect(r.bad.map((b) => b.reason)).toEqual([
      'From is empty: type a number, such as 0.',
      'Steps (how many values from one end to the other): "a" is not a number, such as 4.'
    ])
  })
})

describe('names', () => {
  it('tries the ticked activations in the menu\'s order, and asks for one when none is ticked', () => {
    const r = readAxis({ ...axisFields('activation'), names: ['tanh', 'relu'] })
    expect(r.chips).toEqual(['ReLU', 'tanh'])
    expect(r.values).toEqual({ kind: 'list', values: ['relu', 'tanh'] })
    expect(readAxis({ ...axisFields('scaling'), names: [] }).problem).toBe('Tick at least one to try.')
  })

  it('start from the new setting\'s suggestions when the setting changes, and names are never a range', () => {
    const typed = { ...list('learningRate', '0.5'), kind: 'range' as const }
    expect(withSetting(typed, 'learningRate')).toBe(typed)
    expect(withSetting(typed, 'l2')).toMatchObject({ setting: 'l2', kind: 'range', list: '0, 0.0001, 0.001', scale: 'log' })
    expect(withSetting(typed, 'activation')).toMatchObject({ setting: 'activation', kind: 'list', names: ['relu', 'tanh'] })
  })
})

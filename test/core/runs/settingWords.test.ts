import { describe, expect, it } from 'vitest'
import { cliSettings, formatNumber, formatSettingValue, settingLabel, SETTING_ORDER } from '../../../src/core/runs/settingWords'
import { SETTINGS } from './fixtures'

describe('settings in words', () => {
  it('labels every setting a run records, in lower case except L2', () => {
    expect(settingLabel('learningRate')).toBe('learning rate')
    expect(settingLabel('hidden')).toBe('hidden layers')
    expect(settingLabel('l2')).toBe('L2')
    expect(settingLabel('scaling')).toBe('input scaling')
    expect([...SETTING_ORDER].sort()).toEqual(Object.keys(SETTINGS).sort())
  })

  it('shows values as people write them', () => {
    expect(formatSettingValue('learningRate', 0.05)).toBe('0.05')
    expect(formatSettingValue('l2', 0.0001)).toBe('0.0001')
    expect(formatSettingValue('learningRate', 0.031622776601683794)).toBe('0.03162')
    expect(formatSettingValue('learningRate', 0.031622776601683794, true)).toBe(String(0.031622776601683794))
    expect(formatSettingValue('hidden', [100, 50])).toBe('100, 50')
    expect(formatSettingValue('hidden', 15)).toBe('15')
    expect(formatSettingValue('hidden', [])).toBe('none')
    expect(formatSettingValue('activation', 'tanh')).toBe('tanh')
    expect(formatSettingValue('shuffle', false)).toBe('off')
    expect(formatSettingValue('batchSize', 200)).toBe('200')
    expect(formatNumber(1e-7)).toBe('1e-7')
  })
})

describe('cliSettings', () => {
  it('names settings as train\'s options do: hidden for one layer', () => {
    expect(JSON.stringify(cliSettings(SETTINGS))).toBe(
      '{"hidden":15,"activation":"relu","lr":0.01,"batch":200,"momentum":0.8,"l2":0.0001,"epochs":10,"seed":1,"scale":"centre","threads":2,"shuffle":true}'
    )
  })

  it('and layers for several, or none', () => {
    const two = cliSettings({ ...SETTINGS, hidden: [100, 50] })
    expect(two.layers).toEqual([100, 50])
    expect('hidden' in two).toBe(false)
    expect(cliSettings({ ...SETTINGS, hidden: [] }).layers).toEqual([])
  })
})

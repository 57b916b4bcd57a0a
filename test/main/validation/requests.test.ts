/** Every request's arguments are checked before a handler sees them; bad ones are refused in plain words. */
import { describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { isUserError } from '../../../src/core/errors'
import { VALIDATORS, settingsPatch } from '../../../src/main/validation/requests'
import { REQUEST_CHANNELS } from '../../../src/shared/ipc'

const config = { ...SEED_DEFAULTS, threads: 0 }

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    expect(isUserError(e)).toBe(true)
    expect((e as { code: string }).code).toBe('bad-argument')
    return (e as Error).message
  }
  throw new Error('expected a refusal')
}

describe('request validators', () => {
  it('exist for every channel of the contract', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual([...REQUEST_CHANNELS].sort())
  })

  it('pass good arguments through with their types', () => {
    expect(VALIDATORS['train:start']({ config, from: 'fresh' })).toEqual({ config, from: 'fresh' })
    expect(VALIDATORS['dataset:open-demo']({})).toEqual({})
    expect(VALIDATORS['dataset:configure']({ options: { classes: [3, 5], testFraction: 0.2 } }))
      .toEqual({ options: { classes: [3, 5], testFraction: 0.2 } })
    const bytes = Uint8Array.from([1, 2, 3])
    expect(VALIDATORS['dataset:open-bytes']({ source: { kind: 'file', name: 'a.p', bytes } }).source)
      .toEqual({ kind: 'file', name: 'a.p', bytes })
    expect(VALIDATORS['dataset:open-bytes']({ source: { kind: 'folder', name: 'c', files: [{ name: 'data_batch_1', bytes }] } }).source)
      .toMatchObject({ kind: 'folder', files: [{ name: 'data_batch_1' }] })
    expect(VALIDATORS['train:predictions']({ query: { split: 'test', order: 'confident-mistakes', offset: 0, limit: 20, actual: 1 } }).query)
      .toMatchObject({ split: 'test', actual: 1, limit: 20 })
  })

  it('refuse wrong types and out-of-range numbers with the field and the rule', () => {
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, learningRate: -1 }, from: 'fresh' })))
      .toMatch(/learning rate must be a number above 0 and at most 10 \(it was -1\)/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, hidden: [0] }, from: 'fresh' }))).toMatch(/hidden layers\[0\]/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, hidden: [15.5] }, from: 'fresh' }))).toMatch(/whole number/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, momentum: 1 }, from: 'fresh' }))).toMatch(/momentum .* below 1/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, batchSize: '200' }, from: 'fresh' }))).toMatch(/batch size.*"200"/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, epochs: NaN }, from: 'fresh' }))).toMatch(/epochs/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, activation: 'gelu' }, from: 'fresh' }))).toMatch(/relu/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, threads: -1 }, from: 'fresh' }))).toMatch(/threads/)
    expect(refusal(() => VALIDATORS['train:start']({ config, from: 'middle' }))).toMatch(/fresh, same-start, continue/)
    expect(refusal(() => VALIDATORS['train:start']({ config: { ...config, extra: 1 }, from: 'fresh' }))).toMatch(/without "extra"/)
    expect(refusal(() => VALIDATORS['train:start'](null))).toMatch(/an object/)
    expect(refusal(() => VALIDATORS['train:pause']({ now: true }))).toMatch(/takes nothing/)
    expect(refusal(() => VALIDATORS['dataset:configure']({ options: { classes: [3], testFraction: 1 } }))).toMatch(/test share/)
    expect(refusal(() => VALIDATORS['dataset:open-bytes']({ source: { kind: 'file', name: 'a.p', bytes: [1, 2] } }))).toMatch(/bytes/)
    expect(refusal(() => VALIDATORS['dataset:open-bytes']({ source: { kind: 'disk', name: 'x' } }))).toMatch(/file, folder/)
    expect(refusal(() => VALIDATORS['dataset:open-recent']({ path: '' }))).toMatch(/path/)
    expect(refusal(() => VALIDATORS['model:save-bytes']({ format: 'pt' }))).toMatch(/safetensors, npz/)
    expect(refusal(() => VALIDATORS['train:predictions']({ query: { split: 'test', order: 'index', offset: 0, limit: 100000 } }))).toMatch(/limit/)
  })

  it('let the page change only its own settings, not the recent list or the window', () => {
    expect(settingsPatch({ theme: 'dark', weightView: { zoom: 4 } })).toEqual({ theme: 'dark', weightView: { zoom: 4 } })
    expect(refusal(() => settingsPatch({ recentDatasets: [{ path: '/etc/passwd', name: 'x', openedAt: 0 }] }))).toMatch(/recentDatasets/)
    expect(refusal(() => settingsPatch({ windowBounds: null }))).toMatch(/windowBounds/)
    expect(refusal(() => settingsPatch({ weightView: { zoom: 40 } }))).toMatch(/zoom/)
    expect(settingsPatch({ studioTab: 'results' })).toEqual({ studioTab: 'results' })
    expect(refusal(() => settingsPatch({ studioTab: 'secrets' }))).toMatch(/tab/)
  })
})

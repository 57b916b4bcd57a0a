import { describe, expect, it } from 'vitest'
import { SEED_DEFAULTS } from '../../../src/core/nn/hyperparameters'
import { fieldsFrom, readForm } from '../../../src/renderer/src/forms/hyperparameterForm'
import { applyPreset, matchingPreset, PRESETS } from '../../../src/renderer/src/forms/presets'

const preset = (id: string) => PRESETS.find((p) => p.id === id)!

describe('presets', () => {
  it('are valid settings, each a different run', () => {
    expect(PRESETS.map((p) => p.label)).toEqual(['Seed defaults', 'Fast', 'Careful'])
    const runs = PRESETS.map((p) => readForm(applyPreset(fieldsFrom(), p)))
    for (const r of runs) expect(r.ok).toBe(true)
    expect(new Set(runs.map((r) => JSON.stringify(r.ok && r.hyper))).size).toBe(3)
  })

  it('keep the seed, the scaling and the threads the user chose, except Seed defaults, which restores every hyperparameter', () => {
    const mine = { ...fieldsFrom(), seed: '42', scaling: 'standardise' as const, threads: '4', hidden: ['100', '20'] }
    const fast = applyPreset(mine, preset('fast'))
    expect(fast).toMatchObject({ seed: '42', scaling: 'standardise', threads: '4', hidden: ['15'], learningRate: '0.03' })
    const seed = readForm(applyPreset(mine, preset('seed')))
    expect(seed.ok && seed.hyper).toEqual(SEED_DEFAULTS)
    expect(seed.ok && seed.threads).toBe(4)
  })

  it('shows which preset the form matches, numbers compared as numbers', () => {
    expect(matchingPreset(fieldsFrom())).toBe('seed')
    expect(matchingPreset(applyPreset(fieldsFrom(), preset('careful')))).toBe('careful')
    expect(matchingPreset({ ...applyPreset(fieldsFrom(), preset('fast')), learningRate: '0.030', epochs: ' 5' })).toBe('fast')
    expect(matchingPreset({ ...fieldsFrom(), learningRate: '0.02' })).toBeNull()
    expect(matchingPreset({ ...fieldsFrom(), hidden: ['15', '15'] })).toBeNull()
  })

  it('do not share their layer list with the form', () => {
    const f = applyPreset(fieldsFrom(), preset('careful'))
    f.hidden.push('3')
    expect(preset('careful').fields.hidden).toEqual(['50'])
  })
})

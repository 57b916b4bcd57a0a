/** The Runs table as data: cells in words, "only what differs", stable sorting, and the store in words. */
import { describe, expect, it } from 'vitest'
import { COLUMNS, nextSort, runRows, settingLines, sortRows, tableColumns, type Column } from '../../../src/renderer/src/runs/runTable'
import { durationWords, shortFolder, sizeWords, storeWords } from '../../../src/renderer/src/runs/runWords'
import { damaged, historyOf, record, runList } from './fixtures'

const column = (id: string): Column => COLUMNS.find((c) => c.id === id)!
const ids = (rows: { id: string }[]): string[] => rows.map((r) => r.id)

describe('the rows of the Runs table', () => {
  it('say each run in words: settings, best and final test accuracy, its epoch and time', () => {
    const [row] = runRows([record({ id: 'aaaaaa', name: 'wide', settings: { hidden: [100, 50], learningRate: 0.05 }, history: historyOf(4, 0.81) })])
    expect(row.cells).toMatchObject({
      name: 'wide', status: 'finished', dataset: 'demo', hidden: '100, 50', learningRate: '0.05', activation: 'ReLU',
      scaling: 'Centred', shuffle: 'on', init: 'He', bestAccuracy: '78.5\u00a0%', bestEpoch: '4', finalAccuracy: '78.5\u00a0%', time: '6.0 s'
    })
    const [bad] = runRows([damaged('bbbbbb')])
    expect(bad.cells).toEqual({ name: 'bbbbbb', status: 'damaged' })
  })

  it('with "only what differs", leave out the settings every readable run shares and say them once', () => {
    const rows = runRows([
      record({ id: 'aaaaaa', settings: { learningRate: 0.01 } }),
      record({ id: 'bbbbbb', settings: { learningRate: 0.05, seed: 2 } }),
      damaged('cccccc')
    ])
    const { columns, same } = tableColumns(rows, true)
    expect(columns.map((c) => c.id)).toEqual(['name', 'status', 'learningRate', 'seed', 'bestAccuracy', 'bestEpoch', 'finalAccuracy', 'time'])
    expect(same.map((s) => `${s.label} ${s.value}`)).toContain('hidden layers 15')
    // as the form shows them, not as code writes them ("activation relu, input scaling centre, initialisation he")
    expect(same.map((s) => `${s.label} ${s.value}`)).toEqual(expect.arrayContaining(['activation ReLU', 'input scaling Centred', 'initialisation He']))
    expect(same.map((s) => s.label)).toEqual(['data', 'hidden layers', 'activation', 'batch size', 'momentum', 'L2', 'epochs', 'input scaling', 'shuffling', 'initialisation', 'threads'])
    const all = tableColumns(rows, false)
    expect(all.columns).toHaveLength(COLUMNS.length)
    expect(all.same).toEqual([])
  })

  it('say a row\'s shown settings as lines of words, for a table too narrow for a column each', () => {
    const rows = runRows([
      record({ id: 'aaaaaa', settings: { hidden: [100, 50], learningRate: 0.01 } }),
      record({ id: 'bbbbbb', settings: { hidden: [15], learningRate: 0.05 } }),
      damaged('cccccc')
    ])
    const { columns } = tableColumns(rows, true)
    expect(settingLines(rows[0], columns)).toEqual(['hidden layers 100, 50', 'learning rate 0.01'])
    expect(settingLines(rows[1], columns)).toEqual(['hidden layers 15', 'learning rate 0.05'])
    expect(settingLines(rows[2], columns), 'a damaged run has none').toEqual([])
    const all = settingLines(rows[0], tableColumns(rows, false).columns)
    expect(all[0]).toBe('data demo')
    expect(all).toHaveLength(COLUMNS.filter((c) => c.setting).length)
  })

  it('sort by a column, stable, with runs that have no value last either way', () => {
    const rows = runRows([
      record({ id: 'aaaaaa', history: historyOf(3, 0.8) }),
      record({ id: 'bbbbbb', history: historyOf(3, 0.9) }),
      damaged('cccccc'),
      record({ id: 'dddddd', history: historyOf(3, 0.8) }),
      record({ id: 'eeeeee', history: [] })
    ])
    const best = column('bestAccuracy')
    const first = nextSort(null, best)
    expect(first).toEqual({ column: 'bestAccuracy', direction: 'descending' })
    expect(ids(sortRows(rows, first))).toEqual(['bbbbbb', 'aaaaaa', 'dddddd', 'cccccc', 'eeeeee'])
    const second = nextSort(first, best)
    expect(second.direction).toBe('ascending')
    expect(ids(sortRows(rows, second)), 'equal runs keep the list order').toEqual(['aaaaaa', 'dddddd', 'bbbbbb', 'cccccc', 'eeeeee'])
    expect(nextSort(second, column('name'))).toEqual({ column: 'name', direction: 'ascending' })
    expect(ids(sortRows(rows, null))).toEqual(ids(rows))
  })

  it('sort hidden layers and numbers as numbers, not as text', () => {
    const rows = runRows([
      record({ id: 'aaaaaa', settings: { hidden: [100] } }),
      record({ id: 'bbbbbb', settings: { hidden: [15] } }),
      record({ id: 'cccccc', settings: { hidden: [15, 10] } })
    ])
    expect(ids(sortRows(rows, { column: 'hidden', direction: 'ascending' }))).toEqual(['bbbbbb', 'cccccc', 'aaaaaa'])
  })
})

describe('the store in words', () => {
  it('give sizes, times and the folder as people read them', () => {
    expect([0, 12_345, 420_000, 12_400_000, 1_234_000_000].map(sizeWords)).toEqual(['0.0 MB', '<0.1 MB', '0.4 MB', '12 MB', '1.2 GB'])
    expect([0.84, 45.2, 245, 3725, Number.NaN].map(durationWords)).toEqual(['0.8 s', '45 s', '4 min 05 s', '1 h 02 min', '–'])
    expect(shortFolder('/home/ada/.config/nn-scratch/runs')).toBe('~/.config/nn-scratch/runs')
    expect(shortFolder('/Users/ada/Library/Application Support/nn-scratch/runs')).toBe('~/Library/Application Support/nn-scratch/runs')
    expect(shortFolder('C:\\Users\\ada\\AppData\\Roaming\\nn-scratch\\runs')).toBe('~\\AppData\\Roaming\\nn-scratch\\runs')
    expect(shortFolder('/srv/runs')).toBe('/srv/runs')
    expect(storeWords(runList([record({ id: 'aaaaaa', bytes: 6_000_000 }), record({ id: 'bbbbbb', bytes: 6_000_000 })])))
      .toBe('2 runs, 12 MB in ~/.config/nn-scratch/runs')
  })
})

/** Ticked runs: one colour each, kept while ticked; their lines for the charts; the sentence about two runs. */
import { describe, expect, it } from 'vitest'
import { bestMark, overlayDatasets, lastEpochOf, lineKind } from '../../../src/renderer/src/charts/runOverlay'
import { assignColours, MAX_TICKED, RUN_COLOURS } from '../../../src/renderer/src/runs/runColours'
import { comparisonOf, overlayOf } from '../../../src/renderer/src/runs/runSelection'
import { historyOf, record, runList } from './fixtures'

describe('run colours', () => {
  it('give each ticked run its own Okabe–Ito colour and keep it while the run stays ticked', () => {
    expect(RUN_COLOURS).toHaveLength(7)
    expect(new Set(RUN_COLOURS).size).toBe(7)
    expect(MAX_TICKED).toBe(7)
    const first = assignColours(['a', 'b', 'c'], new Map())
    expect([...first]).toEqual([['a', 0], ['b', 1], ['c', 2]])
    // b unticked, d ticked: d takes b's free colour, a and c keep theirs
    const next = assignColours(['a', 'c', 'd'], first)
    expect([...next]).toEqual([['a', 0], ['c', 2], ['d', 1]])
  })
})

describe('what ticked runs put on the charts', () => {
  const list = runList([
    record({ id: 'aaaaaa', name: 'lr 0.01', startedAt: '2026-11-30T10:00:00.000Z', history: historyOf(6, 0.78) }),
    record({ id: 'bbbbbb', name: 'lr 0.05', startedAt: '2026-11-30T11:00:00.000Z', settings: { learningRate: 0.05 }, history: historyOf(12, 0.81, 9) }),
    record({ id: 'cccccc', name: 'lr 0.05', startedAt: '2026-11-30T12:00:00.000Z', settings: { learningRate: 0.05, seed: 2 } })
  ])

  it('lines in each run’s colour, without the current run’s own record', () => {
    const slots = new Map([['bbbbbb', 0], ['aaaaaa', 3]])
    const runs = overlayOf(list, ['bbbbbb', 'aaaaaa', 'nonono'], slots, null)
    expect(runs.map((r) => [r.id, r.label, r.colour, r.slot, r.history.length])).toEqual([
      ['bbbbbb', 'lr 0.05', RUN_COLOURS[0], 0, 12],
      ['aaaaaa', 'lr 0.01', RUN_COLOURS[3], 3, 6]
    ])
    expect(overlayOf(list, ['bbbbbb', 'aaaaaa'], slots, 'aaaaaa').map((r) => r.id)).toEqual(['bbbbbb'])
    expect(lastEpochOf(runs)).toBe(12)

    const sets = overlayDatasets(runs, '#ffffff')
    expect(sets.map((s) => s.label)).toEqual([
      'lr 0.05: test loss', 'lr 0.05: test accuracy', 'lr 0.05: best epoch',
      'lr 0.01: test loss', 'lr 0.01: test accuracy', 'lr 0.01: best epoch'
    ])
    expect(sets[0]).toMatchObject({ yAxisID: 'loss', borderColor: RUN_COLOURS[0], borderDash: [] })
    expect(sets[1]).toMatchObject({ yAxisID: 'accuracy', borderDash: [6, 4] })
    expect(sets[1].data[11]).toEqual({ x: 12, y: 100 * (0.81 - 0.1 / 12) })
    // the best epoch of lr 0.05 is the last before its test loss began to rise
    expect(sets[2].data).toEqual([{ x: 8, y: 1 / 9 }])
    expect(lineKind(sets[0])).toEqual({ run: 'bbbbbb', series: 'testLoss', best: 8 })
    expect(sets[0].pointStyle).not.toBe(sets[3].pointStyle)
    expect(bestMark(null, 'Best epoch', '#000', '#fff', []).data).toEqual([])
  })

  it('the sentence for two ticked runs, the older first, told apart by id when their names are the same', () => {
    expect(comparisonOf(list, ['bbbbbb', 'aaaaaa'], null)).toBe(
      '“lr 0.05” used learning rate 0.05 instead of 0.01: best test accuracy 79.8\u00a0% instead of 76.3\u00a0%, and it began to overfit at epoch 9.'
    )
    expect(comparisonOf(list, ['cccccc', 'bbbbbb'], null)).toMatch(/^“lr 0\.05” \(cccccc\) used another seed \(2 instead of 1\): .*, and “lr 0\.05” \(bbbbbb\) began to overfit at epoch 9 \(“lr 0\.05” \(cccccc\) did not\); with nothing else changed, the difference is the noise of the seed\.$/)
    expect(comparisonOf(list, ['aaaaaa'], null), 'one run alone').toBeNull()
    expect(comparisonOf(list, ['aaaaaa', 'bbbbbb', 'cccccc'], null), 'three runs').toBeNull()
    expect(comparisonOf(null, ['aaaaaa', 'bbbbbb'], null)).toBeNull()
  })

  it('the sentence for the current run’s record and one ticked run', () => {
    expect(comparisonOf(list, ['aaaaaa'], 'bbbbbb')).toMatch(/^“lr 0\.05” used learning rate 0\.05 instead of 0\.01/)
    expect(comparisonOf(list, ['bbbbbb'], 'bbbbbb'), 'the current run ticked alone').toBeNull()
  })
})

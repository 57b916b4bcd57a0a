import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../../src/core/data/dataset'
import { describeDataset } from '../../../src/core/data/describe'

/** A tiny dataset of 32×32 pictures: 3 training (classes 0, 1, 1) and 1 test (class 0). */
const tiny: Dataset = {
  name: 'mypics',
  inputs: 3072,
  image: { width: 32, height: 32, channels: 3 },
  classNames: ['cats', 'dogs'],
  train: { x: new Uint8Array(3 * 3072), y: Uint8Array.from([0, 1, 1]), count: 3 },
  test: { x: new Uint8Array(3072), y: Uint8Array.from([0]), count: 1 },
  testWasSplitOff: true
}

describe('describeDataset', () => {
  it('says how pictures from a folder were made 32×32, and that the folder had no test folder', () => {
    const s = describeDataset({ ...tiny, resize: 'pad' })
    expect(s.resize).toBe('pad')
    expect(s.lines).toEqual([
      'Dataset:  mypics',
      'Pictures: 32×32 pixels, colour (3072 numbers each)',
      'Resized:  by pad (each whole picture fitted inside a square, black bands around it)',
      'Training: 3 pictures, shape [3, 3072]',
      'Test:     1 pictures, shape [1, 3072] (set aside from the training pictures; the folder had no test folder)',
      'Classes:  2',
      '  0  cats  training 1, test 1',
      '  1  dogs  training 2, test 0'
    ])
    expect(describeDataset({ ...tiny, resize: 'crop' }).lines[2]).toBe('Resized:  by crop (the largest centred square of each picture)')
    expect(describeDataset({ ...tiny, resize: 'squash' }).lines[2]).toBe('Resized:  by squash (each whole picture stretched to a square)')
  })

  it('says nothing about resizing for a dataset file', () => {
    const s = describeDataset(tiny)
    expect('resize' in s).toBe(false)
    expect(s.lines[2]).toBe('Training: 3 pictures, shape [3, 3072]')
    expect(s.lines[3]).toBe('Test:     1 pictures, shape [1, 3072] (set aside from the training pictures; the file had no test set)')
  })
})

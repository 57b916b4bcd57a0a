import { describe, expect, it } from 'vitest'
import { unitVotes, voteOrder, votedClasses, votesOfUnit } from '../../../src/core/viz/votes'

const sigmoid = { rows: 1, cols: 4, W: new Float32Array([0.5, -2, 0, 1.5]) }
// softmax over 3 classes, 2 hidden units: W2[c, u]
const softmax = { rows: 3, cols: 2, W: new Float32Array([1, -1, 0.2, 0.3, -4, 2]) }

describe('votes of hidden units', () => {
  it('read one sigmoid output as a vote for class 1 and against class 0', () => {
    expect(votedClasses(sigmoid)).toBe(2)
    expect(Array.from(unitVotes(sigmoid, 1))).toEqual([0.5, -2, 0, 1.5])
    expect(Array.from(unitVotes(sigmoid, 0))).toEqual([-0.5, 2, -0, -1.5])
    expect(Array.from(votesOfUnit(sigmoid, 1))).toEqual([2, -2])
  })

  it('read softmax outputs as one vote per class', () => {
    expect(votedClasses(softmax)).toBe(3)
    expect(Array.from(unitVotes(softmax, 2))).toEqual([-4, 2])
    expect(Array.from(votesOfUnit(softmax, 1))).toEqual([-1, expect.closeTo(0.3, 6), 2])
    expect(() => unitVotes(softmax, 3)).toThrow(RangeError)
    expect(() => votesOfUnit(softmax, 2)).toThrow(RangeError)
  })

  it('sort units from the strongest vote for to the strongest against, NaN last', () => {
    expect(voteOrder(new Float32Array([0.5, -2, 0, 1.5]))).toEqual([3, 0, 2, 1])
    expect(voteOrder(new Float32Array([1, Number.NaN, 1, -1]))).toEqual([0, 2, 3, 1])
  })
})

/**
 * The Try tab's answers as shown: pictures split into requests within the bounds, the parts'
 * answers joined in the pictures' order with those never sent, the scores of class folders, and
 * the mistakes first.
 */
import { describe, expect, it } from 'vitest'
import { folderScores, joinAnswers, pictureOrder, requestParts } from '../../../src/renderer/src/try/tryView'
import type { TriedModel, TryAnswer } from '../../../src/shared/tryPictures'

/** An answer of one two-class network for pictures named by `names`, answering `predicted`, truth `actual`. */
function answer(names: string[], predicted: number[], actual: number[], seenValue = 7): TryAnswer {
  const n = names.length
  const model: TriedModel = {
    name: 'net', classNames: ['cat', 'dog'], resize: 'crop', map: 'exact', problem: null,
    seen: new Uint8Array(n * 3072).fill(seenValue),
    probabilities: Float32Array.from(predicted.flatMap((c) => (c === 1 ? [0.25, 0.75] : [0.75, 0.25]))),
    predicted: Int16Array.from(predicted), actual: Int16Array.from(actual),
    contributions: Float32Array.from({ length: n * 1024 }, (_, k) => Math.floor(k / 1024) + 1)
  }
  return { pictures: names.map((name) => ({ name, problem: null })), models: [model] }
}

describe('the Try tab\'s answers', () => {
  it('splits the pictures into requests of at most so many pictures and bytes, a larger picture alone', () => {
    expect(requestParts([10, 10, 10, 10, 10], 2, 100)).toEqual([[0, 1], [2, 3], [4]])
    expect(requestParts([40, 40, 40, 150, 5], 10, 100)).toEqual([[0, 1], [2], [3], [4]])
    expect(requestParts([], 200, 100)).toEqual([])
  })

  it('joins the answers to parts in the pictures\' order, with the pictures never sent and their reason', () => {
    const a = answer(['a', 'c'], [1, 0], [1, -1], 1)
    const b = answer(['d'], [1], [0], 2)
    const joined = joinAnswers(['a', 'b', 'c', 'd'], [{ indices: [0, 2], answer: a }, { indices: [3], answer: b }], new Map([[1, 'too big']]))
    expect(joined.pictures).toEqual([{ name: 'a', problem: null }, { name: 'b', problem: 'too big' }, { name: 'c', problem: null }, { name: 'd', problem: null }])
    const m = joined.models[0]
    expect([...m.predicted]).toEqual([1, -1, 0, 1])
    expect([...m.actual]).toEqual([1, -1, -1, 0])
    expect([...m.probabilities]).toEqual([0.25, 0.75, 0, 0, 0.75, 0.25, 0.25, 0.75])
    expect([0, 1, 2, 3].map((i) => m.seen[i * 3072])).toEqual([1, 0, 1, 2])
    expect([0, 1, 2, 3].map((i) => m.contributions[i * 1024])).toEqual([1, 0, 2, 1])
  })

  it('scores the pictures in class folders per network and puts the mistakes first', () => {
    const a = answer(['x/cat/1', 'x/dog/2', 'x/cat/3', 'loose'], [0, 0, 1, 1], [0, 1, 0, -1])
    const [score] = folderScores(a)
    expect(score).toMatchObject({ total: 3, right: 1, name: 'net' })
    expect(score.evaluation.confusion).toEqual([[1, 1], [1, 0]])
    expect(score.evaluation.accuracy).toBeCloseTo(1 / 3)
    expect(pictureOrder(a)).toEqual([1, 2, 0, 3])
    expect(folderScores(answer(['a'], [1], [-1]))).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/errors'
import { Rng } from '../../../src/core/random/rng'
import {
  ended, MAX_HISTORY_EPOCHS, MAX_MANIFEST_BYTES, newManifest, parseManifest, parseUserFields, readManifest,
  serializeManifest, serializeUserFields, withEpoch
} from '../../../src/core/runs/manifest'
import type { RunManifest } from '../../../src/core/runs/types'
import { DATASET, historyOf, manifestOf, row, SETTINGS } from './fixtures'

const RUN = manifestOf({
  history: historyOf([[0.6, 0.62], [0.5, 0.55], [0.45, 0.56]], [0.7, 0.78, 0.77]),
  sweep: { id: 'sw1', axes: ['learningRate', 'hidden'], values: [0.01, [15]], repeat: 1, halted: false }
})

/** The run's JSON as an object to damage, then back to text. */
function damaged(change: (o: Record<string, any>) => void): string {
  const o = JSON.parse(serializeManifest(RUN))
  change(o)
  return JSON.stringify(o)
}

function problem(json: string): string {
  try {
    parseManifest(json)
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return (e as UserError).message
  }
  throw new Error('parseManifest accepted it')
}

describe('serializeManifest and parseManifest', () => {
  it('read back what was written, field for field', () => {
    const back = parseManifest(serializeManifest(RUN))
    expect(back).toEqual(RUN)
    expect(back.best).toEqual({ epoch: 2, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.55, testAccuracy: 0.78 })
    expect(back.final).toEqual({ trainLoss: 0.45, trainAccuracy: 0.8, testLoss: 0.56, testAccuracy: 0.77 })
    expect(serializeManifest(back)).toBe(serializeManifest(RUN))
  })

  it('keep a diverged run: a loss that is not a number is written as null and read back as NaN', () => {
    const m = ended(manifestOf({ history: [row(1, 0.7, 0.69), row(2, NaN, Infinity), row(3, Infinity, NaN, NaN, NaN)] }), 'diverged', '2026-11-30T10:01:00Z')
    const json = serializeManifest(m)
    expect(json).toContain('{"epoch":2,"trainLoss":null,"trainAccuracy":0.8,"testLoss":null,"testAccuracy":0.75,"seconds":0.5}')
    const back = parseManifest(json)
    expect(back.history[1].trainLoss).toBeNaN()
    expect(back.history[1].testLoss).toBeNaN() // Infinity: "not a number" too
    expect(back.history[2].testAccuracy).toBeNaN()
    expect(back.best?.epoch).toBe(1)
    expect(back.final?.testLoss).toBeNaN()
    expect(back.status).toBe('diverged')
    expect(serializeManifest(back)).toBe(json)
  })

  it('write the fields in one order whatever order the objects were built in, one epoch per line', () => {
    const shuffled: RunManifest = {
      ...Object.fromEntries(Object.entries(RUN).reverse()) as unknown as RunManifest,
      settings: Object.fromEntries(Object.entries(RUN.settings).reverse()) as unknown as RunManifest['settings'],
      dataset: Object.fromEntries(Object.entries(RUN.dataset).reverse()) as unknown as RunManifest['dataset']
    }
    const json = serializeManifest(shuffled)
    expect(json).toBe(serializeManifest(RUN))
    const lines = json.split('\n')
    expect(lines[0]).toBe('{')
    expect(lines[1]).toBe('  "schema": 1,')
    expect(lines[2]).toBe('  "id": "k3f9q2",')
    expect(lines.filter((l) => l.startsWith('    {"epoch":'))).toHaveLength(3)
    expect(json.indexOf('"settings"')).toBeLessThan(json.indexOf('"history"'))
  })

  it('keep the resize mode of a folder of pictures, and read a record without one as having none', () => {
    const pictures = manifestOf({ dataset: { name: 'mypics', resize: 'pad' } })
    const json = serializeManifest(pictures)
    expect(JSON.parse(json).dataset.resize).toBe('pad')
    expect(parseManifest(json).dataset.resize).toBe('pad')
    expect(parseManifest(json)).toEqual(pictures)
    const file = parseManifest(serializeManifest(RUN))
    expect('resize' in file.dataset).toBe(false)
    expect(serializeManifest(RUN)).not.toContain('resize')
  })

  it('keep how many training pictures a sampled epoch was measured on, and read older records without it as all of them', () => {
    const sampled = manifestOf({ history: [{ ...row(1, 0.6, 0.62), trainMeasured: 2000 }, { ...row(2, 0.5, 0.55), trainMeasured: 2000 }] })
    const json = serializeManifest(sampled)
    expect(json).toContain('{"epoch":1,"trainLoss":0.6,"trainAccuracy":0.8,"testLoss":0.62,"testAccuracy":0.75,"trainMeasured":2000,"seconds":0.5}')
    const back = parseManifest(json)
    expect(back).toEqual(sampled)
    expect(back.best?.trainMeasured).toBe(2000)
    expect(back.final?.trainMeasured).toBe(2000)
    expect(serializeManifest(back)).toBe(json)
    const old = parseManifest(serializeManifest(RUN))
    expect(serializeManifest(RUN)).not.toContain('trainMeasured')
    expect(old.history.some((m) => 'trainMeasured' in m)).toBe(false)
    expect(old.final === null || 'trainMeasured' in old.final).toBe(false)
  })

  it('drop fields the types do not know, rather than writing them', () => {
    const extra = { ...RUN, settings: { ...RUN.settings, secret: 1 }, other: 2 } as unknown as RunManifest
    expect(serializeManifest(extra)).toBe(serializeManifest(RUN))
  })
})

describe('parseManifest refuses', () => {
  it('a run of a newer NN Scratch, in plain words', () => {
    const json = damaged((o) => { o.schema = 2; o.history = 'a newer shape' })
    expect(() => parseManifest(json)).toThrow(/made by a newer NN Scratch \(run format 2\)\. Update NN Scratch/)
    try { parseManifest(json) } catch (e) { expect((e as UserError).code).toBe('newer-run') }
  })

  const cases: [string, (o: Record<string, any>) => void, RegExp][] = [
    ['no schema', (o) => { delete o.schema }, /no run format this NN Scratch knows/],
    ['an id that is a path', (o) => { o.id = '../../etc' }, /its id is not a run id/],
    ['a start time that is no date', (o) => { o.startedAt = 'yesterday' }, /the start time is not a date/],
    ['an unknown status', (o) => { o.status = 'paused' }, /the status is missing or not one of running, finished/],
    ['a finished run without an end', (o) => { o.status = 'finished'; o.endedAt = null }, /finished but not when/],
    ['a running run with an end', (o) => { o.endedAt = '2026-11-30T11:00:00Z' }, /still training but also when it ended/],
    ['no training pictures', (o) => { o.dataset.trainCount = 0 }, /number of training pictures \(0\) is outside 1/],
    ['a fractional count', (o) => { o.dataset.testCount = 1.5 }, /number of test pictures is missing or not a whole number/],
    ['one class', (o) => { o.dataset.classNames = ['cat'] }, /class names are missing or not a list of 2 to 256/],
    ['classes that do not match the names', (o) => { o.dataset.classes = [3] }, /not one class number per class name/],
    ['a class picked twice', (o) => { o.dataset.classes = [3, 3] }, /name a class twice/],
    ['a fingerprint that is not hex', (o) => { o.dataset.fingerprint = 'zz' }, /fingerprint is not hexadecimal/],
    ['a test share of all', (o) => { o.dataset.testFraction = 1 }, /share set aside for testing \(1\) is not between 0 and 1/],
    ['a learning rate as text', (o) => { o.settings.learningRate = '0.01' }, /the learning rate is missing or not a number/],
    ['a learning rate out of range', (o) => { o.settings.learningRate = 20 }, /cannot have been trained \(The learning rate must be above 0 and at most 10/],
    ['an infinite momentum (1e400)', (o) => { o.settings.momentum = '@INF@' }, /the momentum is missing or not a number/],
    ['a hidden layer of 0', (o) => { o.settings.hidden = [0] }, /a width in the hidden layers \(0\) is outside 1/],
    ['0 threads', (o) => { o.settings.threads = 0 }, /the thread count \(0\) is outside 1 to 1024/],
    ['an unknown activation', (o) => { o.settings.activation = 'swish' }, /the activation is missing or not one of relu, leaky-relu, tanh, sigmoid/],
    ['an unknown resize mode', (o) => { o.dataset.resize = 'stretch' }, /the pictures' resize mode is missing or not one of crop, squash, pad/],
    ['no shuffle flag', (o) => { delete o.settings.shuffle }, /whether the pictures were shuffled is missing/],
    ['a history that is no list', (o) => { o.history = {} }, /the history of epochs is missing or not a list/],
    ['epochs out of order', (o) => { o.history[2].epoch = 2 }, /not in order \(epoch 2 after 2\)/],
    ['an epoch 0', (o) => { o.history[0].epoch = 0 }, /epoch number of row 1 of the history \(0\) is outside 1/],
    ['a negative loss', (o) => { o.history[1].testLoss = -0.5 }, /epoch 2's test loss \(-0.5\) is outside 0/],
    ['an accuracy above 1', (o) => { o.history[0].trainAccuracy = 1.5 }, /epoch 1's training accuracy \(1.5\) is outside 0 to 1/],
    ['a training sample of no pictures', (o) => { o.history[0].trainMeasured = 0 }, /epoch 1's count of training pictures measured \(0\) is outside 1/],
    ['a training sample of part of a picture', (o) => { o.history[1].trainMeasured = 2.5 }, /epoch 2's count of training pictures measured is missing or not a whole number/],
    ['final metrics sampled where the last epoch was not', (o) => { o.final.trainMeasured = 2000 }, /final metrics it names are not the last epoch/],
    ['seconds that are not a number', (o) => { o.history[0].seconds = null }, /epoch 1's seconds is missing or not a number/],
    ['a best epoch that is not the history\'s', (o) => { o.best.epoch = 3 }, /best epoch it names is not the one of its history/],
    ['final metrics that are not the last epoch', (o) => { o.final.testAccuracy = 0.99 }, /final metrics it names are not the last epoch/],
    ['a best epoch without a history', (o) => { o.history = []; o.final = null }, /best epoch it names is not the one of its history/],
    ['a swept value that is not the setting', (o) => { o.sweep.values[0] = 0.05 }, /swept learningRate is not the one in its settings/],
    ['an unknown swept setting', (o) => { o.sweep.axes[0] = 'colour' }, /a swept setting is missing or not one of/],
    ['no writer', (o) => { delete o.writer }, /the process that wrote it is missing or not a record/],
    ['an empty version', (o) => { o.appVersion = '' }, /the NN Scratch version is empty/],
    ['a name of 2000 characters', (o) => { o.name = 'x'.repeat(2000) }, /the name is longer than 1000 characters/],
    ['a continued-from that is no id', (o) => { o.continuedFrom = 7 }, /the run it continued is not a run id/]
  ]
  for (const [what, change, message] of cases) {
    it(what, () => {
      const json = damaged(change).replace('"@INF@"', '1e400')
      expect(problem(json)).toMatch(message)
      expect(problem(json)).toMatch(/^Its run\.json is damaged: /)
    })
  }

  it('text that is not a run record', () => {
    expect(problem('')).toMatch(/not complete \(it may have been cut short\)/)
    expect(problem(serializeManifest(RUN).slice(0, 300))).toMatch(/not complete/)
    expect(problem('[1, 2]')).toMatch(/its content is missing or not a record/)
    expect(problem('null')).toMatch(/its content is missing or not a record/)
  })

  it('JSON nested deeper than any run record before parsing it', () => {
    const deep = `{"schema": 1, "name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expect(problem(deep)).toMatch(/nested more than 16 levels deep/)
    // brackets inside text do not count
    const inName = damaged((o) => { o.name = '[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{{{{{{{{{{{{{' })
    expect(parseManifest(inName).name).toBe('[[[[[[[[[[[[[[[[[[[[\\"{{{{{{{{{{{{{{{{{{{{')
  })

  it('a run.json over its size limit, before parsing it', () => {
    const json = serializeManifest(RUN) + ' '.repeat(MAX_MANIFEST_BYTES)
    const t0 = performance.now()
    try {
      parseManifest(json)
      throw new Error('accepted')
    } catch (e) {
      expect((e as UserError).code).toBe('run-too-large')
      expect((e as UserError).message).toMatch(/^Its run\.json is 32\.0 MB, more than the 32 MB a run record may take/)
    }
    expect(performance.now() - t0).toBeLessThan(1000)
  })

  it('a history of more than 100,000 epochs; 100,000 long epochs fit within the size limit', () => {
    const long = (e: number) => ({ ...row(e, 0.12345678901234567, 0.6123456789012345, 0.8123456789012345, 0.7815123456789012), seconds: 12345.4561234567890123 })
    const history = Array.from({ length: MAX_HISTORY_EPOCHS }, (_, i) => long(i + 1))
    const atLimit = serializeManifest({ ...RUN, history, best: long(1), final: long(MAX_HISTORY_EPOCHS) })
    expect(atLimit.length).toBeLessThan(MAX_MANIFEST_BYTES)
    const t0 = performance.now()
    expect(parseManifest(atLimit).history).toHaveLength(MAX_HISTORY_EPOCHS)
    const ms = performance.now() - t0
    expect(ms).toBeLessThan(10_000) // measured about 0.4 s for 17 MB
    const over = atLimit.replace(/\n {2}\]\n\}\n$/, `,\n    ${JSON.stringify(long(MAX_HISTORY_EPOCHS + 1))}\n  ]\n}\n`)
    expect(problem(over)).toMatch(/the history has 100001 epochs, more than the 100000 a run may have/)
  })
})

describe('parseManifest on damaged copies', () => {
  it('either reads a copy or refuses it with a plain UserError, never another error', () => {
    const rng = new Rng(9)
    const json = serializeManifest(RUN)
    const junk = ['null', '-1', '1e400', '""', '[]', '{}', 'true', '"x"', '0.5', '[[[]]]']
    let refused = 0
    for (let i = 0; i < 3000; i++) {
      let text = json
      const at = rng.int(text.length)
      switch (rng.int(4)) {
        case 0: text = text.slice(0, at); break
        case 1: text = text.slice(0, at) + String.fromCharCode(32 + rng.int(95)) + text.slice(at + 1); break
        case 2: text = text.slice(0, at) + text.slice(at + 1 + rng.int(20)); break
        default: text = text.replace(/:\s?("[^"]*"|-?[\d.e+-]+|null|true|false)/g, (m) => (rng.int(25) === 0 ? `: ${junk[rng.int(junk.length)]}` : m))
      }
      try {
        parseManifest(text)
      } catch (e) {
        expect(e).toBeInstanceOf(UserError)
        refused++
      }
    }
    expect(refused).toBeGreaterThan(2000)
  })
})

describe('readManifest', () => {
  it('gives the plain reason instead of throwing', () => {
    expect(readManifest(serializeManifest(RUN))).toEqual({ ok: true, manifest: RUN })
    expect(readManifest('{')).toEqual({ ok: false, problem: 'Its run.json is damaged: it is not complete (it may have been cut short).' })
  })
})

describe('building a manifest', () => {
  it('starts running, with no epochs', () => {
    const m = manifestOf()
    expect(m).toMatchObject({ schema: 1, status: 'running', endedAt: null, history: [], best: null, final: null, seconds: 0, continuedFrom: null, sweep: null })
    expect(parseManifest(serializeManifest(m))).toEqual(m)
  })

  it('withEpoch appends and recomputes best, final and seconds', () => {
    let m = manifestOf()
    m = withEpoch(m, row(1, 0.6, 0.5), 1.2)
    m = withEpoch(m, row(2, 0.5, 0.4), 2.4)
    m = withEpoch(m, row(3, 0.4, 0.45), 3.5)
    expect(m.history.map((e) => e.epoch)).toEqual([1, 2, 3])
    expect(m.best?.epoch).toBe(2)
    expect(m.final?.testLoss).toBe(0.45)
    expect(m.seconds).toBe(3.5)
    expect(() => withEpoch(m, row(3, 0.3, 0.3), 4)).toThrow(RangeError)
    expect(() => withEpoch(m, row(4, 0.3, 0.3), NaN)).toThrow(RangeError)
  })

  it('a continued run starts with its parent\'s history', () => {
    const parent = historyOf([[0.6, 0.5], [0.5, 0.45]])
    const m = newManifest({ ...base(), continuedFrom: 'abc123', history: parent, seconds: 9 })
    expect(m.best?.epoch).toBe(2)
    expect(withEpoch(m, row(3, 0.4, 0.44), 10).history).toHaveLength(3)
    expect(parseManifest(serializeManifest(m)).continuedFrom).toBe('abc123')
  })

  it('ended sets the status and the end time', () => {
    const m = ended(RUN, 'stopped', '2026-11-30T10:05:00.000Z')
    expect(m.status).toBe('stopped')
    expect(parseManifest(serializeManifest(m)).endedAt).toBe('2026-11-30T10:05:00.000Z')
    expect(() => ended(RUN, 'running' as 'stopped', 'x')).toThrow(RangeError)
  })

  it('newManifest refuses a record it could not read back', () => {
    expect(() => newManifest({ ...base(), name: 'n'.repeat(5000) })).toThrow(/would not be readable: .*name is longer/)
    expect(() => newManifest({ ...base(), settings: { ...SETTINGS, learningRate: 50 } })).toThrow(RangeError)
  })
})

function base() {
  return {
    id: 'k3f9q2', name: 'run', startedAt: '2026-11-30T10:00:00Z', dataset: DATASET, settings: SETTINGS,
    kernel: 'ts', writer: { pid: 1, host: 'h' }, appVersion: '0.1.0'
  }
}

describe('user.json', () => {
  it('round-trips a name and a star', () => {
    expect(parseUserFields(serializeUserFields({ name: 'best so far', starred: true }))).toEqual({ name: 'best so far', starred: true })
    expect(parseUserFields(serializeUserFields({ name: null, starred: false }))).toEqual({ name: null, starred: false })
  })

  it('is read leniently: anything damaged gives the recorded name and no star', () => {
    const none = { name: null, starred: false }
    expect(parseUserFields('')).toEqual(none)
    expect(parseUserFields('{"name": "x", "star')).toEqual(none)
    expect(parseUserFields('[1]')).toEqual(none)
    expect(parseUserFields('{"name": 3, "starred": "yes"}')).toEqual(none)
    expect(parseUserFields('{"name": "   ", "starred": true}')).toEqual({ name: null, starred: true })
    expect(parseUserFields('{"name": "  mine  "}')).toEqual({ name: 'mine', starred: false })
    expect(parseUserFields(`{"name": "${'a'.repeat(1500)}"}`).name).toHaveLength(1000)
    expect(parseUserFields(`{"name": "a", "pad": "${' '.repeat(70_000)}"}`)).toEqual(none)
  })
})

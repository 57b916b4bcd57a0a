/**
 * `runs`: the list of the run store (newest first, damaged runs with their reason), one run in
 * full, the sentence comparing two, and rename, star and delete; an unknown id is exit code 2.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { compareRuns } from '../../src/core/runs/compare'
import type { RunManifest } from '../../src/core/runs/types'
import { RunStore } from '../../src/node/runs/store'
import { showText } from '../../src/cli/runsReport'
import { cli } from './helpers'

const PICKLE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname
const dir = join(mkdtempSync(join(tmpdir(), 'nn-cli-runs-')), 'runs')
const store = new RunStore(dir)
const runs = (...args: string[]) => cli('runs', ...args, '--runs-dir', dir)
/** ids of the sweep's runs with lr 0.01 and 0.05, and of the train run after them. */
let slow = ''
let fast = ''
let trained = ''

async function manifest(id: string): Promise<RunManifest> {
  const r = await store.get(id)
  if (!r.ok) throw new Error(r.problem)
  return r.manifest
}

beforeAll(async () => {
  const sweep = await cli('sweep', PICKLE, '--lr', '0.01,0.05', '--hidden', '4', '--epochs', '3', '--batch', '50', '--json', '--runs-dir', dir)
  expect(sweep.code, sweep.err).toBe(0)
  const lines = sweep.out.trim().split('\n').map((l) => JSON.parse(l))
  slow = lines.find((l) => l.settings?.lr === 0.01).run
  fast = lines.find((l) => l.settings?.lr === 0.05).run
  const train = await cli('train', PICKLE, '--hidden', '4', '--epochs', '2', '--runs-dir', dir)
  expect(train.code, train.err).toBe(0)
  trained = /Recorded as run ([a-z0-9]{6})/.exec(train.err)?.[1] ?? ''
  mkdirSync(join(dir, 'zzzzzz'))
  writeFileSync(join(dir, 'zzzzzz', 'run.json'), '{"schema": 1, "id": ')
})

describe('runs', () => {
  it('lists the store newest first: id, name, status, the settings that differ, best test accuracy @ epoch, final, time; damaged runs with their reason', async () => {
    const r = await runs()
    expect(r.code, r.err).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toMatch(/^id\s+name\s+status\s+settings\s+best test\s+final\s+time$/)
    expect(lines[1]).toMatch(new RegExp(`^${trained}  sample_2class_py2\\.p: hidden 4, lr 0\\.01, seed 1\\s+finished  lr 0\\.01 batch 200 epochs 2 threads \\d\\s+[\\d.]+\\u00a0% @ [12]\\s+[\\d.]+\\u00a0%\\s+\\S+ s$`))
    expect(lines.slice(2, 4).map((l) => l.slice(0, 6)).sort()).toEqual([slow, fast].sort())
    expect(lines[2]).toMatch(/sweep [a-z0-9]{6}: lr 0\.0[15], seed 1\s+finished\s+lr 0\.0[15] batch 50 epochs 3 threads 1/)
    expect(lines[4]).toBe('zzzzzz  damaged: Its run.json is damaged: it is not complete (it may have been cut short).')
    expect(lines[6]).toMatch(new RegExp(`^4 runs \\(1 damaged\\), \\d+ kB in ${dir}$`))
  })

  it('--json: one line per run with its id, name, status, settings as train names them, best and final', async () => {
    const r = await runs('--json')
    expect(r.code, r.err).toBe(0)
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(4)
    expect(lines[0].id).toBe(trained)
    for (const l of lines.slice(0, 3)) {
      expect(Object.keys(l)).toEqual(['id', 'name', 'status', 'settings', 'best', 'final'])
      expect(Object.keys(l.settings)).toEqual(['hidden', 'activation', 'lr', 'batch', 'momentum', 'l2', 'epochs', 'seed', 'scale', 'threads', 'shuffle'])
      expect(l.best).toEqual((await manifest(l.id)).best)
    }
    expect(lines[3]).toEqual({ id: 'zzzzzz', status: 'damaged', problem: 'Its run.json is damaged: it is not complete (it may have been cut short).' })
  })

  it('shows one run: its data, settings, the options that train it again, and its history', async () => {
    const r = await runs('show', fast)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(new RegExp(`^Run ${fast}: sweep [a-z0-9]{6}: lr 0\\.05, seed 1\\n`))
    expect(r.out).toContain('Data:      sample_2class_py2.p: 240 training and 60 test pictures; classes class 0, class 1; fingerprint ')
    expect(r.out).toContain('learning rate 0.05, batch size 50')
    expect(r.out).toContain('Again:     nn-scratch train sample_2class_py2.p --hidden 4 --activation relu --lr 0.05 --batch 50 --momentum 0.8 --l2 0.0001 --epochs 3 --seed 1 --scale centre --threads 1\n')
    expect(r.out.match(/^Epoch [1-3]\/3 /gm)).toHaveLength(3)
    expect(r.out).toMatch(/\nBest at epoch \d/)
    const json = JSON.parse((await runs('show', fast, '--json')).out)
    expect(json).toMatchObject({ id: fast, status: 'finished', starred: false, hasModel: true })
    expect(json.history).toHaveLength(3)
  })

  it('says of a run whose training figures were a sample\'s on how many of the training pictures, as train did', async () => {
    const got = await store.get(trained)
    if (!got.ok) throw new Error(got.problem)
    const sampled = { ...got, manifest: { ...got.manifest, history: got.manifest.history.map((e) => ({ ...e, trainMeasured: 100 })) } }
    const text = showText(sampled, dir)
    expect(text.match(/^Epoch [12]\/2 .*accuracy +[\d.]+% \(100 of 240 pictures\) /gm)).toHaveLength(2)
    expect(showText(got, dir)).not.toContain(' of 240 pictures')
  })

  it('compares two runs in one sentence', async () => {
    const r = await runs('compare', slow, fast)
    expect(r.code, r.err).toBe(0)
    const sentence = compareRuns(await manifest(slow), await manifest(fast), [`run ${slow}`, `run ${fast}`])
    expect(r.out).toBe(`R${sentence.slice(1)}\n`)
    expect(r.out).toMatch(new RegExp(`^Run ${fast} used learning rate 0\\.05 instead of 0\\.01: `))
  })

  it('answers an unknown or malformed id, or a missing one, with exit code 2 and one plain line', async () => {
    for (const [args, message] of [
      [['show', 'abc123'], `There is no run abc123 in "${dir}". It may have been deleted; look at the list of runs again.`],
      [['compare', slow, 'abc123'], 'There is no run abc123'],
      [['show', '../x'], '"../x" is not a run id'],
      [['show', 'zzzzzz'], 'Run zzzzzz cannot be read: Its run.json is damaged'],
      [['compare', slow], 'runs compare needs two run ids'],
      [['delete', slow, 'abc123'], 'There is no run abc123'],
      [['list'], 'runs has no "list"']
    ] as const) {
      const r = await runs(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err).toContain(message)
      expect(r.err.trim().split('\n')).toHaveLength(1)
    }
    expect((await store.list()).runs).toHaveLength(4)
  })

  it('renames, stars and deletes runs', async () => {
    expect((await runs('rename', slow, 'slow', 'but', 'steady')).out).toBe(`Run ${slow} is now called "slow but steady".\n`)
    expect((await runs('star', slow)).out).toBe(`Starred run ${slow}.\n`)
    const list = (await runs()).out
    expect(list).toMatch(new RegExp(`\\n${slow}  slow but steady\\s+finished ★ `))
    expect((await runs('rename', slow, ' ')).out).toBe(`Run ${slow} has its recorded name again.\n`)
    expect((await runs('unstar', slow)).out).toBe(`Unstarred run ${slow}.\n`)
    expect((await runs('delete', trained, 'zzzzzz')).out).toBe('Deleted 2 runs.\n')
    expect((await store.list()).runs.map((r) => r.id).sort()).toEqual([slow, fast].sort())
  })
})

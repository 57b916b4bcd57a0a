/**
 * `sweep`: runs side by side on the run host, each recorded; one JSON line per run and a summary,
 * or a table and the results per swept value; every run reproducible by `train` bit for bit.
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/core/runs/types'
import { RunStore } from '../../src/node/runs/store'
import { cli, cliWith } from './helpers'

const PICKLE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname
const tmp = mkdtempSync(join(tmpdir(), 'nn-cli-sweep-'))
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l))
const SETTINGS_KEYS = ['hidden', 'activation', 'lr', 'batch', 'momentum', 'l2', 'epochs', 'seed', 'scale', 'threads', 'shuffle']
const METRICS_KEYS = ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy']

async function recorded(dir: string): Promise<Extract<RunRecord, { ok: true }>[]> {
  const list = await new RunStore(dir).list()
  return list.runs.map((r) => {
    if (!r.ok) throw new Error(r.problem)
    return r
  })
}

describe('sweep --json', () => {
  const dir = join(tmp, 'json')
  let out: ReturnType<typeof lines> = []

  it('prints one line per run with the documented keys, then a summary, and records every run with its sweep', async () => {
    const r = await cli('sweep', PICKLE, '--lr', '0.01,0.03,0.1', '--hidden', '4', '--epochs', '3', '--batch', '50', '--threads', '2', '--json', '--runs-dir', dir)
    expect(r.code, r.err).toBe(0)
    expect(r.err).toContain('Sweep: 3 runs × 3 epochs, ')
    expect(r.err).toContain('(2 at once, 1 thread each)')
    out = lines(r.out)
    expect(out).toHaveLength(4)
    const runs = out.slice(0, 3)
    for (const l of runs) {
      expect(Object.keys(l)).toEqual(['run', 'settings', 'bestEpoch', 'best', 'final', 'seconds'])
      expect(Object.keys(l.settings)).toEqual(SETTINGS_KEYS)
      expect(Object.keys(l.best)).toEqual(METRICS_KEYS)
      expect(Object.keys(l.final)).toEqual(METRICS_KEYS)
      expect(l.settings).toMatchObject({ hidden: 4, epochs: 3, batch: 50, threads: 1, seed: 1 })
    }
    expect(runs.map((l) => l.settings.lr).sort()).toEqual([0.01, 0.03, 0.1])
    expect(Object.keys(out[3])).toEqual(['summary'])
    expect(Object.keys(out[3].summary)).toEqual(['runs', 'best', 'seconds'])
    expect(out[3].summary.runs).toBe(3)
    const bestAccuracy = Math.max(...runs.map((l) => l.best.testAccuracy))
    expect(runs.find((l) => l.run === out[3].summary.best)?.best.testAccuracy).toBe(bestAccuracy)

    const records = await recorded(dir)
    expect(records.map((x) => x.id).sort()).toEqual(runs.map((l) => l.run).sort())
    expect(new Set(records.map((x) => x.manifest.sweep?.id)).size).toBe(1)
    for (const x of records) {
      const line = runs.find((l) => l.run === x.id)
      expect(x.status).toBe('finished')
      expect(x.manifest.sweep).toMatchObject({ axes: ['learningRate'], values: [line.settings.lr], repeat: 0, halted: false })
      expect(x.manifest.final).toEqual(line.final)
      expect(x.manifest.best).toEqual({ epoch: line.bestEpoch, ...line.best })
    }
  })

  it('is reproducible: train with a run’s settings, seed and threads gives the same numbers bit for bit', async () => {
    const run = out.find((l) => l.settings.lr === 0.03)
    const s = run.settings
    const r = await cli('train', PICKLE, '--lr', String(s.lr), '--hidden', String(s.hidden), '--epochs', String(s.epochs), '--batch', String(s.batch),
      '--seed', String(s.seed), '--threads', String(s.threads), '--json', '--no-record')
    expect(r.code, r.err).toBe(0)
    const alone = lines(r.out)
    const [record] = (await recorded(dir)).filter((x) => x.id === run.run)
    const withoutSeconds = (h: { seconds?: number }[]) => h.map(({ seconds: _, ...m }) => m)
    expect(withoutSeconds(alone)).toEqual(withoutSeconds(record.manifest.history as never))
    const last = alone[alone.length - 1]
    expect({ trainLoss: last.trainLoss, trainAccuracy: last.trainAccuracy, testLoss: last.testLoss, testAccuracy: last.testAccuracy }).toEqual(run.final)
  })
})

describe('sweep as text', () => {
  it('fills a table as runs end, then names the best run and the results per value with the seeds’ spread and a heat map', async () => {
    const r = await cli('sweep', PICKLE, '--lr', '0.01,0.05', '--hidden', '3,5', '--seeds', '2', '--epochs', '2', '--batch', '100', '--runs-dir', join(tmp, 'text'))
    expect(r.code, r.err).toBe(0)
    const text = r.out.split('\n')
    expect(text[0]).toMatch(/^#\s+run\s+lr\s+hidden\s+seed\s+best\s+epoch\s+final\s+time$/)
    expect(text.slice(1, 9).every((l) => /^\d\s+[a-z0-9]{6}\s+0\.0[15]\s+[35]\s+[12]\s+/.test(l))).toBe(true)
    expect(r.out).toMatch(/\nBest: run [a-z0-9]{6} \(#\d\), learning rate 0\.0[15], hidden layers [35], seed [12]: best test accuracy [\d.]+\u00a0% at epoch [12]; at the end/)
    expect(r.out).toContain('Best test accuracy by learning rate (mean ± standard deviation of the seeds, and their range):')
    expect(r.out).toMatch(/\n {2}0\.01\s+[\d.]+\u00a0% ± [\d.]+ {2}\([\d.]+\u00a0% to [\d.]+\u00a0%, 4 runs\)\n/)
    expect(r.out).toContain('Best test accuracy by hidden layers')
    expect(r.out).toContain('Mean best test accuracy, learning rate (rows) by hidden layers (columns):')
    expect(r.err).toMatch(/Recorded 8 runs in .* \(sweep [a-z0-9]{6}\)\n/)
  })

  it('stops the worse half after the halving epoch, and records those runs as halted', async () => {
    const dir = join(tmp, 'halving')
    // the second run is worse at epoch 1 than the first, so it is stopped there
    const r = await cli('sweep', PICKLE, '--lr', '0.1,0.001', '--epochs', '3', '--batch', '50', '--halving', '1', '--runs-dir', dir)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/\n2 .* stopped by halving\n/)
    const records = await recorded(dir)
    const halted = records.find((x) => x.manifest.settings.learningRate === 0.001)
    expect(halted?.status).toBe('stopped')
    expect(halted?.manifest.sweep?.halted).toBe(true)
    expect(halted?.manifest.history).toHaveLength(1)
    expect(records.find((x) => x.manifest.settings.learningRate === 0.1)?.manifest.history).toHaveLength(3)
  })

  it('numbers the runs and keeps nothing with --no-record', async () => {
    const r = await cli('sweep', PICKLE, '--lr', '0.01,0.05', '--epochs', '1', '--batch', '100', '--json', '--no-record')
    expect(r.code, r.err).toBe(0)
    const out = lines(r.out)
    expect(out.slice(0, 2).map((l) => l.run).sort()).toEqual([1, 2])
    expect([1, 2]).toContain(out[2].summary.best)
    expect(r.err).not.toContain('Recorded')
  })

  it('stops every run on Ctrl+C: exit code 130, the runs recorded as stopped, the one still waiting never started', async () => {
    const dir = join(tmp, 'stopped')
    const r = await cliWith({ interrupt: (stop) => setTimeout(stop, 1500) },
      'sweep', PICKLE, '--lr', '0.01,0.02,0.03', '--hidden', '3', '--epochs', '100000', '--threads', '2', '--json', '--runs-dir', dir)
    expect(r.code).toBe(130)
    const records = await recorded(dir)
    expect(records.length).toBeGreaterThanOrEqual(1)
    expect(records.length).toBeLessThanOrEqual(2)
    expect(records.every((x) => x.status === 'stopped' && x.manifest.history.length < 100000)).toBe(true)
    const out = lines(r.out)
    expect(out[out.length - 1].summary.runs).toBe(records.length)
    expect(r.err).toContain(`Stopped by Ctrl+C: ${records.length} of 3 runs trained or stopped.`)
  })
})

describe('sweep refuses plainly', () => {
  it.each([
    [['--lr', '0.01'], /A sweep needs at least one setting with several values to try/],
    [['--lr', '0.01,0.1', '--seed', '1,2'], /--seed takes one seed, not "1,2"\. To train each combination with several seeds, use --seeds/],
    [['--lr', '0.001..20:3log'], /The learning rate must be above 0 and at most 10 \(you gave 20\)/],
    [['--lr', '0.01,0.1', '--random', '5'], /Only 2 different combinations of these values exist/],
    [['--lr', '0.01,0.1', '--epochs', '2', '--halving', '2'], /would stop nothing/],
    [['--lr', '0.01,0.1', '--random-seed', '3'], /give --random N too/]
  ])('%j', async (args, message) => {
    const before = readdirSync(tmp).length
    const r = await cli('sweep', PICKLE, ...args, '--runs-dir', join(tmp, 'refused'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(readdirSync(tmp)).toHaveLength(before)
  })
})

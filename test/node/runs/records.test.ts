/**
 * Reading one run folder never throws for what a disk, a crash or a person can do to run.json:
 * a few hundred seeded mutations of a real run.json (cut short, bytes changed, bytes inserted,
 * lines swapped) are each either read as a run or listed as damaged with a plain reason.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ended, serializeManifest, withEpoch } from '../../../src/core/runs/manifest'
import { Rng } from '../../../src/core/random/rng'
import type { RunManifest } from '../../../src/core/runs/types'
import { readRecord } from '../../../src/node/runs/records'
import { epochOf, sampleRun } from '../../helpers/runStore'

let root: string
beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'nn-scratch-records-')) })
afterAll(() => rmSync(root, { recursive: true, force: true }))

function original(): string {
  let m: RunManifest = { ...sampleRun({ status: 'running', endedAt: null }, 1), id: 'abc123' }
  for (let e = 2; e <= 6; e++) m = withEpoch(m, { ...epochOf(e), testLoss: e === 4 ? Number.NaN : 1 / e }, e)
  return serializeManifest(ended(m, 'diverged', '2025-01-02T04:00:00.000Z'))
}

function mutate(text: string, rng: Rng): string | Uint8Array {
  const bytes = new TextEncoder().encode(text)
  const at = rng.nextU32() % bytes.length
  switch (rng.nextU32() % 5) {
    case 0: return bytes.subarray(0, at)
    case 1: { const b = bytes.slice(); b[at] = rng.nextU32() & 0xff; return b }
    case 2: return text.slice(0, at) + '{"x":[1,' + text.slice(at)
    case 3: { const lines = text.split('\n'); const i = rng.nextU32() % lines.length; const j = rng.nextU32() % lines.length; [lines[i], lines[j]] = [lines[j], lines[i]]; return lines.join('\n') }
    default: return text.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (n) => (rng.nextU32() % 8 === 0 ? ['-1', '1e309', '0.5', '"7"', 'null', '1e-400'][rng.nextU32() % 6] : n))
  }
}

describe('readRecord', () => {
  it('reads the run.json the store writes, NaN losses and all', async () => {
    const dir = join(root, 'abc123')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'run.json'), original())
    const r = await readRecord(dir, 'abc123', Date.now(), true)
    expect(r).toMatchObject({ ok: true, status: 'diverged' })
    expect(r?.ok && r.manifest.history[3].testLoss).toBeNaN()
  })

  it('turns every mutation of run.json into a run or a plain reason, never an exception', async () => {
    const rng = new Rng(9)
    const text = original()
    const problems = new Set<string>()
    let damaged = 0
    for (let i = 0; i < 400; i++) {
      const dir = join(root, 'mut', 'abc123')
      mkdirSync(dir, { recursive: true })
      writeFileSync(join(dir, 'run.json'), mutate(text, rng))
      const r = await readRecord(dir, 'abc123', Date.now(), true)
      expect(r).not.toBeNull()
      if (r && !r.ok) {
        damaged++
        problems.add(r.problem)
        expect(r.problem).toMatch(/^(Its run\.json|This run)/)
        expect(r.problem).not.toMatch(/could not check|Error|\bat \w+ \(/)
        expect(r.problem.length).toBeLessThan(400)
      }
      rmSync(join(root, 'mut'), { recursive: true })
    }
    expect(damaged).toBeGreaterThan(200)
    expect(problems.size).toBeGreaterThan(10)
  })
})

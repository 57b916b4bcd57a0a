/**
 * Failing inputs, kept: a failing case is written to a folder (by default the system's temp
 * folder, nn-scratch-fuzz/) as <format>-seed<S>-case<I>.bin with a .json beside it saying which
 * entry point it goes through and what was done to the seed. Inputs worth keeping go to
 * test/fixtures/fuzz/cases/ and into cases.json there, which the fuzz test replays.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Case, Entry } from './targets'
import type { Verdict } from './oracle'

export const CASES_DIR = resolve(import.meta.dirname, '../fixtures/fuzz/cases')
export const DEFAULT_OUT = join(tmpdir(), 'nn-scratch-fuzz')

/** One kept input: its file in cases/, the entry point it goes through, and what it found. */
export interface Regression {
  readonly file: string
  readonly format: string
  readonly entry: Entry
  /** What went wrong when it was found: where, and what class of bug. */
  readonly found: string
}

export function regressions(): Regression[] {
  return JSON.parse(readFileSync(join(CASES_DIR, '..', 'cases.json'), 'utf8')) as Regression[]
}

export function regressionBytes(r: Regression): Uint8Array {
  return new Uint8Array(readFileSync(join(CASES_DIR, r.file)))
}

/** How to make a case again: the environment and command that run exactly it. */
export function replayCommand(seed: number, format: string, index: number): string {
  return `npx tsx test/fuzz/explore.ts --seed ${seed} --format ${format} --case ${index}`
}

/** Write a failing case and its description; returns the .bin path. */
export function saveFailure(c: Case, v: Verdict, seed: number, index: number, dir = DEFAULT_OUT): string {
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `${c.format}-seed${seed}-case${index}`)
  writeFileSync(`${base}.bin`, c.bytes)
  const about = {
    format: c.format, entry: c.entry, seed, case: index, steps: c.steps, outcome: v.outcome, problem: v.problem,
    ms: Math.round(v.ms), grewBytes: v.grewBytes, replay: replayCommand(seed, c.format, index)
  }
  writeFileSync(`${base}.json`, JSON.stringify(about, null, 2) + '\n')
  return `${base}.bin`
}

/** One line about a failing case, with everything needed to make it again. */
export function failureLine(c: Case, v: Verdict, seed: number, index: number, saved: string): string {
  return `seed ${seed} format ${c.format} case ${index}: ${v.problem}\n    steps: ${c.steps.join('; ')}\n` +
    `    input: ${saved}\n    again: ${replayCommand(seed, c.format, index)}`
}

/**
 * The fuzz test's mutants of every dataset format, loaded twice: as before, and with room for the
 * arrays made while reading and the source's bytes the load's own (core's Room, sourceIsOwn: the
 * way the command line and the worker read a file now). Each mutant must give the same dataset,
 * byte for byte, or the same plain message both ways.
 */
import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../src/core/data/dataset'
import { loadDataset, type LoadOptions } from '../../src/core/data/load'
import type { DataSource } from '../../src/core/data/source'
import { caseSeed, Prng } from './prng'
import { formats, seedFolder, type Case } from './targets'

const RUN_SEED = Number(process.env.FUZZ_SEED ?? 8) + 1000
const CASES = Math.max(1, Math.floor(Number(process.env.FUZZ_CASES ?? 3000) / 10))

/** The mutant as the source a user's file or folder gives; its bytes fresh, so that a load may take them over. */
function sourceOf(c: Case): DataSource {
  const bytes = c.bytes.slice()
  const entry = c.entry
  if (entry.kind === 'file') return { kind: 'file', name: entry.name, bytes }
  if (entry.kind !== 'folder') throw new Error('a model is not a dataset source')
  const { member } = entry
  return { kind: 'folder', name: entry.base, files: seedFolder(entry.base).map((f) => ({ name: f.name, bytes: f.name === member ? bytes : f.bytes.slice() })) }
}

/** What a load gave: the dataset's bytes and names, or its error's code and message. */
function outcome(c: Case, options: LoadOptions): string {
  try {
    const ds: Dataset = loadDataset(sourceOf(c), { testFraction: 0.25, seed: 3, ...options })
    const hex = (a: Uint8Array): string => Buffer.from(a).toString('base64')
    return JSON.stringify([ds.name, ds.classNames, ds.testWasSplitOff, ...[ds.train, ds.test].flatMap((s) => [s.count, hex(s.x), hex(s.y)])])
  } catch (e) {
    const error = e as { code?: string; message?: string }
    return `error ${error.code}: ${error.message}`
  }
}

describe(`room: ${CASES} mutants per dataset format, seed ${RUN_SEED}`, () => {
  for (const format of formats().filter((f) => f.name !== 'safetensors')) {
    it(`${format.name}: the same dataset or the same message with room as without`, () => {
      let datasets = 0
      for (let i = 0; i < CASES; i++) {
        const c = format.make(new Prng(caseSeed(RUN_SEED, format.name, i)))
        if (c.entry.kind === 'model') continue
        const without = outcome(c, {})
        const withRoom = outcome(c, { room: (bytes) => new Uint8Array(bytes), sourceIsOwn: true })
        expect(withRoom, `${format.name} case ${i}`).toBe(without)
        if (!without.startsWith('error')) datasets++
      }
      // some mutants still load, so the placed arrays are compared too, not only messages
      if (CASES >= 100) expect(datasets).toBeGreaterThan(0)
    })
  }
})

import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const LAUNCHER = resolve(import.meta.dirname, '../../bin/nn-scratch.mjs')

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs a copy of bin/nn-scratch.mjs in a fresh folder, with or without a built CLI beside it. */
function run(builtCli?: string): { status: number | null; stdout: string; stderr: string } {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-bin-'))
  mkdirSync(join(dir, 'bin'))
  copyFileSync(LAUNCHER, join(dir, 'bin', 'nn-scratch.mjs'))
  if (builtCli !== undefined) {
    mkdirSync(join(dir, 'out', 'cli'), { recursive: true })
    writeFileSync(join(dir, 'out', 'cli', 'index.mjs'), builtCli)
  }
  const result = spawnSync(process.execPath, [join(dir, 'bin', 'nn-scratch.mjs'), 'inspect'], { encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('bin/nn-scratch.mjs', () => {
  it('asks for `npm run build` when the command line is not built', () => {
    const result = run()
    expect(result.status).toBe(1)
    expect(result.stderr).toBe('nn-scratch is not built yet. Run `npm run build` in the NN Scratch folder first, then try again.\n')
  })

  it('runs the built command line with the same arguments', () => {
    const result = run("console.log(process.argv.slice(2).join(' '))\nprocess.exitCode = 3\n")
    expect(result).toEqual({ status: 3, stdout: 'inspect\n', stderr: '' })
  })
})

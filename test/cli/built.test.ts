/**
 * The built command line (vite.cli.config.ts: out/cli/index.mjs, every package bundled in) leaves
 * sharp, whose libvips binaries cannot be bundled, as an import of its own, and loads it from any
 * working folder: predict and import work from the build run elsewhere than the repository. Its
 * training threads start from entries of their own beside it (lane.mjs, kernel.mjs), which load
 * none of the commands, and train on several threads.
 * Built here into test-results/ (inside the repository, so sharp resolves as it does from out/cli).
 */
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeModel } from '../../src/core/model/modelFile'
import { SEED_DEFAULTS } from '../../src/core/nn/hyperparameters'
import { createNetwork } from '../../src/core/nn/network'
import { makePictureFolder } from '../support/pictureFixtures'
import { importedFiles } from '../support/bundleImports'

const run = promisify(execFile)
const ROOT = resolve(import.meta.dirname, '../..')
// one folder per test process, so that two test runs at once do not build over each other
const OUT = join(ROOT, 'test-results', `cli-build-${process.pid}`)
const elsewhere = mkdtempSync(join(tmpdir(), 'nn-cli-elsewhere-'))

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true })
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'vite.cli.config.ts', '--logLevel', 'warn', '--outDir', OUT], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 })
  if (r.status !== 0) throw new Error(`the CLI build failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
}, 200_000)
afterAll(() => rmSync(OUT, { recursive: true, force: true }))

/** A network that calls a picture "blue" by how much bluer than red it is. */
function blueModel(): Uint8Array {
  const network = createNetwork({ inputs: 3072, hidden: [1], activation: 'relu', classes: 2 })
  for (let k = 0; k < 1024; k++) {
    network.layers[0].W[k] = -1 / 1024
    network.layers[0].W[2048 + k] = 1 / 1024
  }
  network.layers[0].b[0] = 1
  network.layers[1].W[0] = 8
  network.layers[1].b[0] = -8
  return encodeModel({
    network, classNames: ['red', 'blue'], scaling: { mode: 'scale', mean: new Float32Array(3072), std: new Float32Array(3072).fill(1) },
    hyperparameters: { ...SEED_DEFAULTS, hidden: [1], scaling: 'scale' }, history: [], appVersion: '0.1.0'
  })
}

const flat = async (r: number, g: number, b: number): Promise<Uint8Array> =>
  new Uint8Array(await sharp({ create: { width: 50, height: 40, channels: 3, background: { r, g, b } } }).jpeg().toBuffer())

describe('the built command line', () => {
  it('imports sharp on first use instead of bundling it', () => {
    const bundle = readFileSync(join(OUT, 'index.mjs'), 'utf8')
    expect(bundle).toContain('import("sharp")')
    expect(bundle).not.toMatch(/^import .* from "sharp";$/m)
    expect(bundle).not.toContain('node_modules/sharp/')
  })

  it('has the training threads\' entries beside it, which load none of the commands', () => {
    const command = importedFiles(join(OUT, 'index.mjs'))
    for (const entry of ['lane.mjs', 'kernel.mjs']) {
      const files = importedFiles(join(OUT, entry))
      expect(files.length).toBeGreaterThan(1)
      expect(files).not.toContain(join(OUT, 'index.mjs'))
      // the commands' own code (help, the pictures' import) stays in index.mjs
      expect(files.map((f) => readFileSync(f, 'utf8')).join('\n')).not.toContain('function runCli(')
      expect(command).toEqual(expect.arrayContaining(files.slice(1)))
    }
    expect(importedFiles(join(OUT, 'kernel.mjs')).length).toBeLessThan(importedFiles(join(OUT, 'lane.mjs')).length)
  })

  it('trains on two threads when run from another folder', async () => {
    const r = await run(process.execPath, [join(OUT, 'index.mjs'), 'train', '--epochs', '1', '--threads', '2', '--no-record', '--json'], { cwd: elsewhere })
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.filter((l) => l.epoch !== undefined).map((l) => l.epoch)).toEqual([1])
  })

  it('predicts and imports with sharp when run from another folder', async () => {
    writeFileSync(join(elsewhere, 'blue.safetensors'), blueModel())
    const folder = await makePictureFolder({
      'red/a.jpg': await flat(230, 20, 20), 'red/c.jpg': await flat(200, 60, 40),
      'blue/b.jpg': await flat(20, 20, 230), 'blue/d.jpg': await flat(40, 60, 200)
    })
    const entry = join(OUT, 'index.mjs')
    const p = await run(process.execPath, [entry, 'predict', 'blue.safetensors', folder, '--json'], { cwd: elsewhere })
    const lines = p.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.slice(0, 4).map((l) => [l.file, l.class])).toEqual([['blue/b.jpg', 'blue'], ['blue/d.jpg', 'blue'], ['red/a.jpg', 'red'], ['red/c.jpg', 'red']])
    expect(lines[4].summary.accuracy).toBe(1)
    const i = await run(process.execPath, [entry, 'import', folder, '--out', 'pics.npz', '--json'], { cwd: elsewhere })
    expect(JSON.parse(i.stdout).pictures).toBe(4)
    expect(readFileSync(join(elsewhere, 'pics.npz')).length).toBeGreaterThan(4 * 3072)
  })
})

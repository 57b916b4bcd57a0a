import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { decodeModel } from '../../src/core/model/modelFile'
import { toFloat64 } from '../../src/core/formats/ndarray'
import { openNpz, writeNpz } from '../../src/core/formats/npz'
import { cli } from './helpers'

const run = promisify(execFile)
const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname
const tmp = mkdtempSync(join(tmpdir(), 'nn-cli-'))

describe('help', () => {
  it('lists every command and explains each one', async () => {
    const r = await cli('--help')
    expect(r.code).toBe(0)
    for (const c of ['inspect', 'train', 'evaluate', 'export']) expect(r.out).toContain(c)
    const t = await cli('train', '--help')
    expect(t.out).toContain('--lr <rate>')
    expect(t.out).toContain('--no-shuffle')
    expect((await cli('help', 'export')).out).toContain('W1 [3072, H]')
  })

  it('explains sweep and runs, and the recording options of train', async () => {
    const r = await cli('--help')
    for (const c of ['sweep', 'runs']) expect(r.out).toMatch(new RegExp(`\\n  ${c} +\\S`))
    const sweep = (await cli('sweep', '--help')).out
    for (const o of ['--lr <rates>', '--layers <a,b|c,d>', '--seeds <count>', '--random <count>', '--random-seed <number>', '--parallel <count>', '--halving <epoch>', '--runs-dir <folder>', '--no-record', '0.001..0.1:5log', '{"summary": {"runs", "best", "seconds"}}']) {
      expect(sweep).toContain(o)
    }
    const runs = (await cli('runs', '--help')).out
    for (const o of ['runs show <id>', 'runs compare <a> <b>', 'runs rename <id> <name>', 'runs delete <id>...', '--runs-dir <folder>', '--json']) expect(runs).toContain(o)
    const train = (await cli('train', '--help')).out
    expect(train).toContain('--runs-dir <folder>')
    expect(train).toContain('--no-record')
  })

  it('answers an unknown command or option with exit code 2 and a plain message', async () => {
    const r = await cli('trian')
    expect(r.code).toBe(2)
    expect(r.err).toContain('there is no command "trian"')
    const o = await cli('train', '--learning-rate', '0.1')
    expect(o.code).toBe(2)
    expect(o.err).toContain('"train" has no option --learning-rate')
    const v = await cli('train', '--lr', 'fast')
    expect(v.code).toBe(2)
    expect(v.err).toContain('--lr needs a number, not "fast"')
  })
})

describe('inspect', () => {
  it('describes the two-class pickle: splits, shape, counts per class', async () => {
    const r = await cli('inspect', fixture('sample_2class_py2.p'), '--json')
    expect(r.code).toBe(0)
    const s = JSON.parse(r.out)
    expect(s.train.count).toBe(240)
    expect(s.train.shape).toEqual([240, 3072])
    expect(s.test.count).toBe(60)
    expect(s.inputs).toBe(3072)
    expect(s.classes.reduce((a: number, c: { train: number }) => a + c.train, 0)).toBe(240)
  })

  it('describes the demo when no file is given', async () => {
    const r = await cli('inspect')
    expect(r.code).toBe(0)
    expect(r.out).toContain('night')
    expect(r.out).toContain('day')
    expect(r.out).toContain("Training: 10000 pictures")
  })

  it('warns when the classes are badly uneven, as the studio does, and not when they are even', async () => {
    const file = join(tmp, 'uneven.npz')
    const labels = (n0: number, n1: number): Uint8Array => Uint8Array.from([...Array(n0).fill(0), ...Array(n1).fill(1)])
    writeFileSync(file, writeNpz({
      x_train: { dtype: '|u1', shape: [40, 3072], data: new Uint8Array(40 * 3072) },
      y_train: { dtype: '|u1', shape: [40], data: labels(30, 10) },
      x_test: { dtype: '|u1', shape: [8, 3072], data: new Uint8Array(8 * 3072) },
      y_test: { dtype: '|u1', shape: [8], data: labels(6, 2) }
    }))
    const r = await cli('inspect', file)
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('Warning:\n  The classes are uneven: "class 0" has 3.0 times as many training pictures as "class 1" (30 against 10).')
    expect(r.out).toContain('answering "class 0" more often')
    const j = JSON.parse((await cli('inspect', file, '--json')).out)
    expect(j.warnings).toHaveLength(1)
    expect(j.warnings[0]).toMatch(/^The classes are uneven/)
    const even = await cli('inspect', fixture('sample_2class_py2.p'), '--json')
    expect(JSON.parse(even.out).warnings).toEqual([])
    expect((await cli('inspect', fixture('sample_2class_py2.p'))).out).not.toContain('Warning')
  })

  it('says plainly that a missing file is missing', async () => {
    const r = await cli('inspect', join(tmp, 'nope.p'))
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/There is no file or folder at .*nope\.p/)
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
  })
})

describe('train, evaluate, export', () => {
  const model = join(tmp, 'm.safetensors')

  it('trains with --json: one line per epoch with the documented keys, and saves the model', async () => {
    const r = await cli('train', fixture('sample_2class_py2.p'), '--hidden', '6', '--epochs', '3', '--batch', '50', '--lr', '0.05', '--json', '--out', model)
    expect(r.code, r.err).toBe(0)
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(Object.keys(lines[0])).toEqual(['epoch', 'trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy', 'seconds'])
    expect(lines.map((l) => l.epoch)).toEqual([1, 2, 3])
    const saved = decodeModel(new Uint8Array(readFileSync(model)))
    expect(saved.network.arch.hidden).toEqual([6])
    expect(saved.history).toHaveLength(3)
    expect(saved.history[2].testAccuracy).toBeCloseTo(lines[2].testAccuracy, 12)
  })

  it('checks that --out can be written before it reads the data or trains', async () => {
    const r = await cli('train', '--epochs', '1', '--out', join(tmp, 'no such folder', 'm.safetensors'))
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).not.toContain('Epoch')
    expect(r.err.trim()).toBe(`nn-scratch train: The folder "${join(tmp, 'no such folder')}" does not exist, so "m.safetensors" could not be saved there. Create the folder, or choose another one.`)
    const folder = join(tmp, 'a folder.safetensors')
    mkdirSync(folder)
    const f = await cli('train', '--epochs', '1', '--out', folder)
    expect(f.code).toBe(2)
    expect(f.out).toBe('')
  })

  it('evaluates the saved model to the same metrics as the last epoch', async () => {
    const train = await cli('train', fixture('sample_2class_py2.p'), '--hidden', '6', '--epochs', '3', '--batch', '50', '--lr', '0.05', '--json')
    const last = JSON.parse(train.out.trim().split('\n')[2])
    const r = await cli('evaluate', model, fixture('sample_2class_py2.p'), '--json')
    expect(r.code, r.err).toBe(0)
    const m = JSON.parse(r.out)
    expect(m.testAccuracy).toBeCloseTo(last.testAccuracy, 12)
    expect(m.trainLoss).toBeCloseTo(last.trainLoss, 6)
  })

  it('exports .npz in the seed orientation, with the input scaling, and trains again from it with --init', async () => {
    const npz = join(tmp, 'w.npz')
    const r = await cli('export', model, npz)
    expect(r.code, r.err).toBe(0)
    const arrays = openNpz(new Uint8Array(readFileSync(npz)))
    expect(arrays.read('W1').shape).toEqual([3072, 6])
    expect(arrays.read('W2').shape).toEqual([6, 1])
    const saved = decodeModel(new Uint8Array(readFileSync(model)))
    expect(Array.from(toFloat64(arrays.read('scaling_mean')))).toEqual(Array.from(saved.scaling.mean))
    expect(Array.from(toFloat64(arrays.read('scaling_std')))).toEqual(Array.from(saved.scaling.std))
    expect(arrays.readValue('class_names')).toEqual(saved.classNames)
    const again = await cli('train', fixture('sample_2class_py2.p'), '--init', npz, '--epochs', '0', '--json', '--out', join(tmp, 'from-npz.safetensors'))
    expect(again.code, again.err).toBe(0)
    const m = decodeModel(new Uint8Array(readFileSync(join(tmp, 'from-npz.safetensors'))))
    expect(m.network.arch.hidden).toEqual([6])
    const original = decodeModel(new Uint8Array(readFileSync(model)))
    expect(Array.from(m.network.layers[0].W.slice(0, 50))).toEqual(Array.from(original.network.layers[0].W.slice(0, 50)))
  })

  it('picks classes by number from ten-class data, builds several layers, and honours --no-shuffle', async () => {
    const two = join(tmp, 'two.safetensors')
    const r = await cli('train', fixture('sample_cifar10_batch_py2'), '--classes', '0,8', '--layers', '8,4', '--no-shuffle', '--epochs', '1', '--json', '--out', two)
    expect(r.code, r.err).toBe(0)
    const m = decodeModel(new Uint8Array(readFileSync(two)))
    expect(m.classNames).toEqual(['airplane', 'ship'])
    expect(m.network.arch.hidden).toEqual([8, 4])
    expect(m.network.layers[2].outputs).toBe(1)
    expect(m.hyperparameters.shuffle).toBe(false)
    const all = join(tmp, 'all.safetensors')
    expect((await cli('train', fixture('sample_cifar10_batch_py2'), '--classes', 'all', '--epochs', '1', '--json', '--out', all)).code).toBe(0)
    expect(decodeModel(new Uint8Array(readFileSync(all))).network.layers[1].outputs).toBe(10)
  })

  it('refuses a bad dataset with exit code 2, leaves no half-written model', async () => {
    const bad = join(tmp, 'bad.p')
    writeFileSync(bad, readFileSync(fixture('sample_2class_py2.p')).subarray(0, 5000))
    const out = join(tmp, 'never.safetensors')
    const r = await cli('train', bad, '--out', out)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/ends before|incomplete|truncated/i)
    expect(existsSync(out)).toBe(false)
  })

  it('refuses a wrong output extension before training', async () => {
    const r = await cli('train', '--out', join(tmp, 'model.txt'))
    expect(r.code).toBe(2)
    expect(r.err).toContain('must end in .safetensors')
  })
})

describe('as a process', () => {
  it('exits 2 with one plain line and no stack trace on a user error, 0 on help', async () => {
    // this Node itself with tsx's loader (the tsx command would run the CLI on the `node` on PATH)
    const entry = new URL('../../src/cli/index.ts', import.meta.url).pathname
    const cliArgs = (...args: string[]): string[] => ['--import', 'tsx', entry, ...args]
    const failed = await run(process.execPath, cliArgs('inspect', join(tmp, 'missing.p'))).then(() => null, (e: { code: number; stderr: string }) => e)
    expect(failed?.code).toBe(2)
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1)
    expect(failed?.stderr).not.toContain('    at ')
    const ok = await run(process.execPath, cliArgs('--help'))
    expect(ok.stdout).toContain('Commands:')
  })
})

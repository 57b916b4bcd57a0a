/**
 * `train` is a sweep of one: it trains on the run host and records the run in the run store
 * (--runs-dir, the app's by default, or nothing with --no-record), with its epochs, its model and
 * how it ended: finished, diverged, or stopped by Ctrl+C (exit code 130).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { processIo } from '../../src/cli/io'
import { runCli } from '../../src/cli/main'
import { decodeModel } from '../../src/core/model/modelFile'
import type { Scaling } from '../../src/core/data/scaling'
import { exportNpz } from '../../src/core/model/npzWeights'
import { createNetwork } from '../../src/core/nn/network'
import { RunStore } from '../../src/node/runs/store'
import { cli, cliWith, DEFAULT_RUNS, ENTRY } from './helpers'

/** Pixels ÷ 255 alone, as an .npz export needs some scaling. */
const SCALE_ONLY: Scaling = { mode: 'scale', mean: new Float32Array(3072), std: new Float32Array(3072).fill(1) }

const PICKLE = new URL('../fixtures/sample_2class_py2.p', import.meta.url).pathname
const tmp = mkdtempSync(join(tmpdir(), 'nn-cli-train-'))
const runsDir = (name: string): string => join(tmp, name)
const weightsOf = (bytes: Uint8Array): number[][] => decodeModel(bytes).network.layers.map((l) => [...l.W, ...l.b])

async function onlyRun(dir: string) {
  const list = await new RunStore(dir).list()
  expect(list.runs).toHaveLength(1)
  const record = list.runs[0]
  if (!record.ok) throw new Error(record.problem)
  return record
}

describe('train records its run', () => {
  it('in --runs-dir: every epoch as printed, the settings, the model and batch losses, and one stderr line naming it', async () => {
    const dir = runsDir('recorded')
    const out = join(tmp, 'recorded.safetensors')
    const r = await cli('train', PICKLE, '--hidden', '4', '--epochs', '3', '--batch', '50', '--threads', '1', '--json', '--runs-dir', dir, '--out', out)
    expect(r.code, r.err).toBe(0)
    const record = await onlyRun(dir)
    expect(r.err).toBe(`Recorded as run ${record.id} in ${dir}\n`)
    const m = record.manifest
    expect(record.status).toBe('finished')
    expect(m.history).toEqual(r.out.trim().split('\n').map((l) => JSON.parse(l)))
    expect(m.settings).toMatchObject({ hidden: [4], epochs: 3, batchSize: 50, threads: 1, seed: 1 })
    expect(m.dataset).toMatchObject({ name: 'sample_2class_py2.p', trainCount: 240, testCount: 60, classes: 'all', testFraction: null })
    expect(m.best?.epoch).toBeGreaterThanOrEqual(1)
    expect(m.final?.testAccuracy).toBe(m.history[2].testAccuracy)
    expect(record.hasModel).toBe(true)
    const stored = new RunStore(dir)
    expect(weightsOf(await stored.readModel(record.id))).toEqual(weightsOf(new Uint8Array(readFileSync(out))))
    // 240 pictures in batches of 50: 5 batches an epoch
    expect((await stored.readBatchLosses(record.id)).length).toBe(15)
  })

  it('keeps nothing with --no-record, and records in the app’s store without --runs-dir', async () => {
    const before = readdirSync(DEFAULT_RUNS).length
    const none = await cli('train', PICKLE, '--hidden', '3', '--epochs', '1', '--no-record')
    expect(none.code, none.err).toBe(0)
    expect(none.err).not.toContain('Recorded')
    expect(readdirSync(DEFAULT_RUNS)).toHaveLength(before)
    const kept = await cli('train', PICKLE, '--hidden', '3', '--epochs', '1')
    expect(kept.code, kept.err).toBe(0)
    expect(kept.err).toMatch(new RegExp(`Recorded as run [a-z0-9]{6} in ${DEFAULT_RUNS}\\n$`))
    expect(readdirSync(DEFAULT_RUNS)).toHaveLength(before + 1)
  })

  it('records a run whose weights blow up as diverged, and exits 2 with a plain message', async () => {
    const net = createNetwork({ inputs: 3072, hidden: [4], activation: 'relu', classes: 2 })
    for (const l of net.layers) l.W.fill(1e30)
    const huge = join(tmp, 'huge.npz')
    writeFileSync(huge, exportNpz({ network: net, scaling: SCALE_ONLY }))
    const dir = runsDir('diverged')
    const r = await cli('train', PICKLE, '--init', huge, '--epochs', '3', '--runs-dir', dir)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/nn-scratch train: Training was stopped: the loss .* in epoch 1, so the weights blew up\. The learning rate \(0\.01\) is probably too high/)
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/)
    const record = await onlyRun(dir)
    expect(record.status).toBe('diverged')
    expect(r.err).toContain(`Recorded as run ${record.id}`)
  })

  it('stops after the current batch on Ctrl+C: exit code 130, recorded as stopped with its epochs, the model saved', async () => {
    const dir = runsDir('stopped')
    const out = join(tmp, 'stopped.safetensors')
    let stop: () => void = () => undefined
    let lines = 0
    const r = await cliWith({ interrupt: (s) => { stop = s }, onOut: () => { if (++lines === 2) stop() } },
      'train', PICKLE, '--hidden', '4', '--epochs', '5000', '--json', '--runs-dir', dir, '--out', out)
    expect(r.code).toBe(130)
    const record = await onlyRun(dir)
    expect(record.status).toBe('stopped')
    expect(record.manifest.history.length).toBeGreaterThanOrEqual(2)
    expect(record.manifest.history.length).toBeLessThan(5000)
    expect(record.manifest.history).toEqual(r.out.trim().split('\n').map((l) => JSON.parse(l)))
    expect(r.err).toContain(`Stopped by Ctrl+C after ${record.manifest.history.length} epochs of 5000.`)
    expect(decodeModel(new Uint8Array(readFileSync(out))).history).toHaveLength(record.manifest.history.length)
  })
})

describe('Ctrl+C', () => {
  it('SIGINT to the real command: it stops, records the run as stopped in the user-data folder, exits 130', async () => {
    const config = mkdtempSync(join(tmpdir(), 'nn-cli-config-'))
    // this Node itself with tsx's loader (the tsx command would run the CLI on the `node` on PATH)
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY.pathname, 'train', PICKLE, '--hidden', '4', '--epochs', '100000', '--json'], {
      env: { ...process.env, XDG_CONFIG_HOME: config }, stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => { err += d })
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d
        if (out.split('\n').length > 3 && !child.killed) child.kill('SIGINT')
      })
      child.on('exit', (c) => resolve(c))
    })
    expect(code, err).toBe(130)
    const runs = join(config, 'nn-scratch', 'runs')
    const record = await onlyRun(runs)
    expect(record.status).toBe('stopped')
    expect(record.manifest.history.length).toBe(out.trim().split('\n').length)
    expect(err).toContain(`Recorded as run ${record.id} in ${runs}\n`)
    expect(err).not.toContain('    at ')
  })

  it('a second Ctrl+C ends the process at once with 130', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      const stop = vi.fn()
      const unlisten = processIo(ENTRY).onInterrupt(stop)
      process.emit('SIGINT', 'SIGINT')
      expect(stop).toHaveBeenCalledTimes(1)
      expect(exit).not.toHaveBeenCalled()
      process.emit('SIGINT', 'SIGINT')
      expect(exit).toHaveBeenCalledWith(130)
      unlisten()
      expect(process.listenerCount('SIGINT')).toBe(0)
    } finally {
      exit.mockRestore()
      write.mockRestore()
    }
  })
})

describe('--classes', () => {
  const CIFAR = new URL('../fixtures/sample_cifar10_batch_py2', import.meta.url).pathname

  it('picks classes by name (any case) as by number, and records their numbers in the file', async () => {
    const dir = runsDir('by-name')
    const r = await cli('train', CIFAR, '--classes', 'Airplane, SHIP', '--hidden', '3', '--epochs', '1', '--json', '--runs-dir', dir)
    expect(r.code, r.err).toBe(0)
    const m = (await onlyRun(dir)).manifest
    expect(m.dataset).toMatchObject({ classNames: ['airplane', 'ship'], classes: [0, 8] })
    const mixed = await cli('train', CIFAR, '--classes', 'cat,5', '--hidden', '3', '--epochs', '1', '--json', '--no-record')
    expect(mixed.code, mixed.err).toBe(0)
  })

  it('names the file\'s classes when a name is unknown, and says how to write the list when it is malformed', async () => {
    const r = await cli('train', CIFAR, '--classes', 'cat,zebra', '--epochs', '1', '--no-record')
    expect(r.code).toBe(2)
    expect(r.err).toContain('There is no class named "zebra".')
    expect(r.err).toContain('"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"')
    expect(r.err).not.toContain('100,50')
    const empty = await cli('train', CIFAR, '--classes', 'cat,,ship', '--epochs', '1', '--no-record')
    expect(empty.code).toBe(2)
    expect(empty.err).toContain('--classes needs class names or numbers separated by commas (like cat,ship or 3,8)')
  })
})

describe('the progress bar', () => {
  it('on a terminal, shows each epoch complete before its line, so the last frame before "Epoch 30/30" says 100 %', async () => {
    let all = ''
    const code = await runCli(['train', PICKLE, '--hidden', '3', '--epochs', '30', '--batch', '10', '--no-record'], {
      out: (t) => { all += t }, err: (t) => { all += t }, interactive: true, columns: 120, now: () => performance.now(),
      laneScript: ENTRY, runsDir: DEFAULT_RUNS, onInterrupt: () => () => undefined
    })
    expect(code, all).toBe(0)
    const beforeLast = all.slice(0, all.indexOf('Epoch 30/30  train loss'))
    const frames = beforeLast.split('\r').filter((f) => /^Epoch \d+\/30 \[/.test(f))
    expect(frames.at(-1)).toMatch(/^Epoch 30\/30 \[#+\] 100%/)
    // and every epoch's line follows a frame of that epoch complete: "Epoch 3/30 [###…] 10%"
    const line3 = all.indexOf('Epoch  3/30  train loss')
    expect(all.slice(0, line3).split('\r').filter((f) => f.startsWith('Epoch ')).at(-1)).toMatch(/^Epoch 3\/30 \[#+\.+\] 10%/)
    // the bar is cleared before the closing lines
    expect(all).toMatch(/\r\x1b\[KThe model was not saved/)
  })
})

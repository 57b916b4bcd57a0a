/**
 * The run store shared by several processes: two training processes recording runs at once
 * corrupt nothing and never share an id, and a process killed mid-run (SIGKILL) leaves a run
 * listed as interrupted with the epochs it had written.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RunStore } from '../../../src/node/runs/store'

const ROOT = resolve(import.meta.dirname, '../../..')
const SCRIPT = join(import.meta.dirname, 'recordRuns.ts')

let folder: string
beforeEach(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'nn-scratch-processes-')), 'runs')
})
afterEach(() => {
  rmSync(resolve(folder, '..'), { recursive: true, force: true })
})

function recordIn(...args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', SCRIPT, folder, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString() })
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stderr })))
}

describe('several processes', () => {
  it('two processes recording 20 runs each at once: 40 whole runs with 40 ids', async () => {
    const children = [recordIn('many', '20'), recordIn('many', '20')]
    const store = new RunStore(folder)
    // a studio listing the store all the while never sees a half-written run
    let running = true
    const seenDamaged: unknown[] = []
    let listings = 0
    const watching = (async () => {
      while (running) {
        for (const r of (await store.list()).runs) if (!r.ok) seenDamaged.push(r)
        listings++
      }
    })()
    const results = await Promise.all(children.map(exited))
    running = false
    await watching
    expect(results).toEqual([{ code: 0, signal: null, stderr: '' }, { code: 0, signal: null, stderr: '' }])
    expect(seenDamaged).toEqual([])
    expect(listings).toBeGreaterThan(3)
    const list = await store.list()
    expect(list.runs).toHaveLength(40)
    expect(new Set(list.runs.map((r) => r.id)).size).toBe(40)
    expect(list.runs.filter((r) => !r.ok)).toEqual([])
    for (const r of list.runs) {
      expect(r).toMatchObject({ ok: true, status: 'finished', hasModel: true })
      expect(r.ok && r.manifest.history.length).toBe(3)
      expect(await store.readBatchLosses(r.id)).toEqual(new Float32Array([1, 1, 2, 2, 3, 3]))
    }
    const writers = new Set(list.runs.map((r) => r.ok && r.manifest.writer.pid))
    expect(writers).toEqual(new Set(children.map((c) => c.pid)))
  })

  it('a process killed mid-run leaves its run interrupted, with the epochs it had written', async () => {
    const child = recordIn('hang')
    const ended = exited(child)
    const id = await new Promise<string>((done, fail) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const match = /ready (\w+)\n/.exec(out)
        if (match) done(match[1])
      })
      child.on('exit', () => fail(new Error(`the recording process ended early: ${out}`)))
    })
    const store = new RunStore(folder)
    expect(await store.get(id)).toMatchObject({ ok: true, status: 'running' })
    child.kill('SIGKILL')
    expect((await ended).signal).toBe('SIGKILL')
    const r = await store.get(id)
    expect(r).toMatchObject({ ok: true, status: 'interrupted', name: 'killed' })
    expect(r.ok && r.manifest.status).toBe('running')
    expect(r.ok && r.manifest.history.map((h) => h.epoch)).toEqual([1, 2])
    expect(await store.readBatchLosses(id)).toEqual(new Float32Array([1, 2]))
    await store.delete([id])
    expect((await store.list()).runs).toEqual([])
  })
})

/**
 * RunRecorder on a real store in a temporary folder: a run recorded from start to end, writes
 * queued and coalesced (never two at once to one run), the model saved at most once a minute,
 * the user's name kept through training writes, and a failure that becomes one plain notice
 * instead of an exception in training.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RunManifest } from '../../../src/core/runs/types'
import { writeError } from '../../../src/node/atomicWrite'
import { RunRecorder } from '../../../src/node/runs/recorder'
import { RunStore } from '../../../src/node/runs/store'
import { epochOf, sampleStart } from '../../helpers/runStore'

let root: string
let store: RunStore
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nn-scratch-recorder-'))
  store = new RunStore(join(root, 'runs'))
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A store whose writes take a while and that counts them, and how many ran at once. */
class SlowStore extends RunStore {
  readonly writes: string[] = []
  inFlight = 0
  mostAtOnce = 0
  private async slow<T>(what: string, f: () => Promise<T>): Promise<T> {
    this.writes.push(what)
    this.mostAtOnce = Math.max(this.mostAtOnce, ++this.inFlight)
    try {
      await sleep(20)
      return await f()
    } finally {
      this.inFlight--
    }
  }
  override create(fields: Omit<RunManifest, 'id'>): Promise<RunManifest> { return this.slow('create', () => super.create(fields)) }
  override update(id: string, m: RunManifest): Promise<void> { return this.slow('update', () => super.update(id, m)) }
  override writeModel(id: string, b: Uint8Array): Promise<void> { return this.slow('model', () => super.writeModel(id, b)) }
  override writeBatchLosses(id: string, l: Float32Array): Promise<void> { return this.slow('losses', () => super.writeBatchLosses(id, l)) }
}

describe('RunRecorder', () => {
  it('records a run from start to end', async () => {
    const notices: string[] = []
    const recorder = new RunRecorder(store, { onProblem: (m) => notices.push(m) })
    recorder.start(sampleStart({ name: 'first' }))
    for (let e = 1; e <= 3; e++) recorder.epoch(epochOf(e), e * 1.5, new Float32Array([e, e + 0.5]))
    recorder.end('finished', new Uint8Array([7, 7, 7]))
    await recorder.settled()
    expect(notices).toEqual([])
    const id = recorder.id!
    const r = await store.get(id)
    expect(r).toMatchObject({ ok: true, status: 'finished', name: 'first', hasModel: true })
    if (!r.ok) return
    expect(r.manifest.history.map((h) => h.epoch)).toEqual([1, 2, 3])
    expect(r.manifest.seconds).toBe(4.5)
    expect(r.manifest.best?.epoch).toBe(3)
    expect(r.manifest.writer.pid).toBe(process.pid)
    expect(r.manifest.endedAt).not.toBeNull()
    expect(r.manifest).toEqual(recorder.manifest)
    expect(await store.readBatchLosses(id)).toEqual(new Float32Array([1, 1.5, 2, 2.5, 3, 3.5]))
    expect(await store.readModel(id)).toEqual(new Uint8Array([7, 7, 7]))
  })

  it('lists a run as running while it trains', async () => {
    const recorder = new RunRecorder(store, { onProblem: () => undefined })
    recorder.start(sampleStart())
    recorder.epoch(epochOf(1), 1)
    await recorder.settled()
    const r = await store.get(recorder.id!)
    expect(r).toMatchObject({ ok: true, status: 'running' })
    expect(r.ok && r.manifest.endedAt).toBeNull()
  })

  it('returns at once, writes one thing at a time, and writes only the latest of what queued up', async () => {
    const slow = new SlowStore(join(root, 'runs'))
    const recorder = new RunRecorder(slow, { onProblem: () => undefined })
    const t0 = performance.now()
    recorder.start(sampleStart())
    for (let e = 1; e <= 20; e++) recorder.epoch(epochOf(e), e, new Float32Array([e]))
    recorder.end('stopped')
    expect(performance.now() - t0).toBeLessThan(15)
    await recorder.settled()
    expect(slow.mostAtOnce).toBe(1)
    expect(slow.writes).toEqual(['create', 'losses', 'update'])
    const r = await slow.get(recorder.id!)
    expect(r.ok && r.manifest.history.length).toBe(20)
    expect(r.ok && r.status).toBe('stopped')
    expect(await slow.readBatchLosses(recorder.id!)).toHaveLength(20)
  })

  it('keeps writing epochs that come while it writes', async () => {
    const slow = new SlowStore(join(root, 'runs'))
    const recorder = new RunRecorder(slow, { onProblem: () => undefined })
    recorder.start(sampleStart())
    for (let e = 1; e <= 4; e++) {
      recorder.epoch(epochOf(e), e)
      await sleep(30)
    }
    await recorder.settled()
    const r = await slow.get(recorder.id!)
    expect(r.ok && r.manifest.history.length).toBe(4)
    expect(slow.mostAtOnce).toBe(1)
    expect(slow.writes.filter((w) => w === 'update').length).toBeGreaterThanOrEqual(2)
  })

  it('saves the model at most once a minute while training, and at the end', async () => {
    let now = 1_000_000
    const taken: number[] = []
    const recorder = new RunRecorder(store, {
      onProblem: () => undefined,
      now: () => now,
      model: () => { taken.push(now); return new Uint8Array([taken.length]) }
    })
    recorder.start(sampleStart())
    for (const [e, t] of [[1, 30], [2, 61], [3, 90], [4, 120], [5, 122]] as const) {
      now = 1_000_000 + t * 1000
      recorder.epoch(epochOf(e), t)
    }
    expect(taken.map((t) => (t - 1_000_000) / 1000)).toEqual([61, 122])
    await recorder.settled()
    expect(await store.readModel(recorder.id!)).toEqual(new Uint8Array([2]))
    recorder.end('finished', new Uint8Array([9]))
    await recorder.settled()
    expect(await store.readModel(recorder.id!)).toEqual(new Uint8Array([9]))
  })

  it('keeps the user\'s name and star through the writes of training', async () => {
    const recorder = new RunRecorder(store, { onProblem: () => undefined })
    recorder.start(sampleStart({ name: 'recorded' }))
    recorder.epoch(epochOf(1), 1)
    await recorder.settled()
    await store.setUserFields(recorder.id!, { name: 'mine', starred: true })
    recorder.epoch(epochOf(2), 2)
    recorder.end('finished', new Uint8Array([1]))
    await recorder.settled()
    expect(await store.get(recorder.id!)).toMatchObject({ name: 'mine', starred: true, status: 'finished' })
  })

  it('turns a full disk into one plain notice and stops recording that run', async () => {
    class FullDisk extends SlowStore {
      override update(id: string): Promise<void> {
        this.writes.push('update')
        return Promise.reject(writeError(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), join(this.folder, id, 'run.json')))
      }
    }
    const full = new FullDisk(join(root, 'runs'))
    const notices: string[] = []
    const recorder = new RunRecorder(full, { onProblem: (m) => notices.push(m), model: () => new Uint8Array(1), modelEveryMs: 0 })
    recorder.start(sampleStart())
    recorder.epoch(epochOf(1), 1)
    await recorder.settled()
    expect(() => {
      recorder.epoch(epochOf(2), 2)
      recorder.epoch(epochOf(3), 3)
      recorder.end('finished', new Uint8Array(1))
    }).not.toThrow()
    await recorder.settled()
    expect(recorder.failed).toBe(true)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/^NN Scratch could not record this run\. There is not enough space on the disk/)
    expect(notices[0]).toMatch(/Training goes on/)
    expect(full.writes.filter((w) => w === 'update')).toHaveLength(1)
    const r = await full.get(recorder.id!)
    expect(r.ok && r.manifest.history).toEqual([])
  })

  it('says so when the store cannot be created, and training goes on', async () => {
    writeFileSync(join(root, 'a-file'), 'x')
    const notices: string[] = []
    const recorder = new RunRecorder(new RunStore(join(root, 'a-file', 'runs')), { onProblem: (m) => notices.push(m) })
    recorder.start(sampleStart())
    recorder.epoch(epochOf(1), 1)
    recorder.end('finished', new Uint8Array(1))
    await recorder.settled()
    expect(recorder.id).toBeNull()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/could not record this run\. Part of the path .* is a file, not a folder.*Training goes on/)
  })

  it('turns a mistake of its caller into one notice, never an exception, even when the notice fails', async () => {
    const notices: string[] = []
    const recorder = new RunRecorder(store, { onProblem: (m) => { notices.push(m); throw new Error('the notice itself failed') } })
    recorder.start(sampleStart())
    recorder.epoch(epochOf(2), 1)
    expect(() => recorder.epoch(epochOf(1), 2)).not.toThrow()
    expect(() => recorder.epoch(epochOf(3), 3)).not.toThrow()
    await recorder.settled()
    expect(notices).toEqual(['NN Scratch could not record this run. Something went wrong inside NN Scratch (withEpoch: epoch 1 does not follow epoch 2). Training goes on, but the rest of this run will not be recorded.'])
    expect(recorder.failed).toBe(true)
  })
})

/** The supervisor: a crashed worker is replaced, the dataset reloaded, and the user told plainly. */
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkerProcess } from '../../../src/main/worker/process'
import { CRASHED, GAVE_UP, MAX_CRASHES } from '../../../src/main/worker/supervisor'
import type { FromWorker } from '../../../src/shared/workerProtocol'
import { SMALL, WorkerHarness, waitUntil } from '../../helpers/workerHarness'
import { knownPicture, makePictureFolder, pngRgb } from '../../support/pictureFixtures'

let w: WorkerHarness | null = null
afterEach(() => w?.dispose())

/** A worker that says 'ready', never answers, and can be made to exit. */
function silentWorker(): WorkerProcess & { exit(): void } {
  let onMessage: (m: FromWorker) => void = () => undefined
  let onExit: (code: number | null) => void = () => undefined
  setImmediate(() => onMessage({ type: 'ready' }))
  return {
    post: () => undefined,
    onMessage: (l) => { onMessage = l },
    onExit: (l) => { onExit = l },
    kill: () => onExit(null),
    exit: () => onExit(1)
  }
}

describe('WorkerSupervisor', () => {
  it('restarts a crashed worker, answers what was waiting, reloads the dataset and says so', async () => {
    w = new WorkerHarness()
    await w.ask('load-dataset', { source: { kind: 'demo' } })
    await w.ask('start', { config: { ...SMALL, epochs: 100_000 }, from: 'fresh' })
    await waitUntil(() => w!.of('epoch').length > 0, 'training')
    const waiting = w.supervisor.request('evaluate', {})
    w.processes[0].kill()
    const answer = await waiting
    expect(answer).toEqual({ ok: false, error: CRASHED })
    await waitUntil(() => w!.restarts.length === 1, 'the restart')
    expect(w.restarts[0].message).toBe(
      'The training process stopped unexpectedly, so the training in progress was lost. ' +
      'NN Scratch started a new one and loaded your dataset again; your saved files are untouched.')
    expect(w.processes).toHaveLength(2)
    const snapshot = await w.ask('snapshot', {})
    expect(snapshot.dataset?.name).toBe('Demo: day and night landscapes')
    expect(snapshot.training).toMatchObject({ state: 'idle', hasNetwork: false })
    const again = await w.ask('start', { config: SMALL, from: 'fresh' })
    expect(again.state).toBe('running')
  })

  it('imports a folder of pictures again after a crash, in the mode chosen and with the classes named as they were', async () => {
    const layout: Record<string, Uint8Array> = {}
    for (let i = 0; i < 6; i++) {
      layout[`cats/c${i}.png`] = await pngRgb(knownPicture(40 + i, 32))
      layout[`dogs/d${i}.png`] = await pngRgb(knownPicture(32, 40 + i))
    }
    const root = await makePictureFolder(layout)
    try {
      w = new WorkerHarness()
      await w.ask('load-dataset', { source: { kind: 'demo' } })
      await w.ask('load-dataset', { source: { kind: 'path', path: root } })
      await w.ask('import-pictures', { choice: { resize: 'squash', testFraction: 0.5 } })
      const named = await w.ask('rename-classes', { names: ['Kitty', 'Rex'] })
      // a preview afterwards leaves the dataset in use as it is
      await w.ask('load-dataset', { source: { kind: 'path', path: root } })
      w.processes[0].kill()
      await waitUntil(() => w!.restarts.length === 1, 'the restart')
      const again = (await w.ask('snapshot', {})).dataset
      expect(again).toMatchObject({ resize: 'squash', trainCount: 6, testCount: 6 })
      expect(again?.classes.map((c) => c.name)).toEqual(['Kitty', 'Rex'])
      expect(Buffer.from(again!.samples.pixels).equals(Buffer.from(named.samples.pixels))).toBe(true)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }, 60_000)

  it('answers requests made while a worker is starting over, once the new one is ready', async () => {
    const workers: ReturnType<typeof silentWorker>[] = []
    w = new WorkerHarness(() => {
      const s = silentWorker()
      workers.push(s)
      return s
    })
    const pending = w.supervisor.request('pause', {})
    await waitUntil(() => workers.length === 1, 'the first worker')
    await new Promise((r) => setTimeout(r, 10))
    workers[0].exit()
    expect(await pending).toEqual({ ok: false, error: CRASHED })
    expect(workers).toHaveLength(2)
  })

  it('stops restarting a worker that keeps crashing, and says what to do', async () => {
    const workers: ReturnType<typeof silentWorker>[] = []
    w = new WorkerHarness(() => {
      const s = silentWorker()
      workers.push(s)
      return s
    })
    for (let i = 0; i <= MAX_CRASHES; i++) workers[workers.length - 1].exit()
    expect(workers).toHaveLength(MAX_CRASHES + 1)
    expect(w.gaveUp).toEqual([GAVE_UP])
    expect(GAVE_UP.message).toMatch(/Restart the app/)
    expect(await w.supervisor.request('snapshot', {})).toEqual({ ok: false, error: GAVE_UP })
  })

  it('does not restart a worker it ended itself', async () => {
    const workers: ReturnType<typeof silentWorker>[] = []
    w = new WorkerHarness(() => {
      const s = silentWorker()
      workers.push(s)
      return s
    })
    w.dispose()
    expect(workers).toHaveLength(1)
    expect(w.restarts).toEqual([])
  })
})

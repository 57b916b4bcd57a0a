/**
 * The handler table with the real worker, a temporary settings folder and a stand-in for
 * Electron's dialogs: what each request answers and which events it sends to the page.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeModel } from '../../src/core/model/modelFile'
import type { DialogAdapter } from '../../src/main/handlers'
import { createServices, type AppServices } from '../../src/main/services'
import { SettingsStore } from '../../src/main/settings/store'
import { confSettingsFile } from '../../src/main/web/settingsFile'
import { nodeWorkerLauncher } from '../../src/main/worker/nodeWorker'
import type { WorkerProcess } from '../../src/main/worker/process'
import { REQUEST_CHANNELS, type EventChannel, type Events, type RequestArgs, type RequestChannel, type RequestResult } from '../../src/shared/ipc'
import type { AppError, RunList, SweepSpec } from '../../src/shared/payloads'
import { slowArchive } from '../helpers/slowArchive'
import { knownPicture, makePictureFolder, pngRgb, textFile } from '../support/pictureFixtures'
import { loadDataset } from '../../src/core/data/load'
import { SMALL, WORKER_SCRIPT, waitUntil } from '../helpers/workerHarness'

const FIXTURE = resolve(import.meta.dirname, '../fixtures/sample_2class_py2.p')

/** cats/ and dogs/ with six small PNGs each, and a note. */
async function pictureLayout(): Promise<Record<string, Uint8Array>> {
  const layout: Record<string, Uint8Array> = { 'notes.txt': textFile() }
  for (let i = 0; i < 6; i++) {
    layout[`cats/c${i}.png`] = await pngRgb(knownPicture(40 + i, 32))
    layout[`dogs/d${i}.png`] = await pngRgb(knownPicture(32, 40 + i))
  }
  return layout
}

/** Dialog answers queued by the test; an empty queue means "cancelled". */
class FakeDialogs implements DialogAdapter {
  readonly answers: (string | null)[] = []
  readonly asked: string[] = []
  private next(what: string): Promise<string | null> {
    this.asked.push(what)
    return Promise.resolve(this.answers.shift() ?? null)
  }
  chooseDatasetToOpen(folder: boolean) { return this.next(folder ? 'dataset folder' : 'dataset') }
  chooseModelToOpen() { return this.next('model') }
  chooseModelSavePath(format: string, suggested: string) { return this.next(`save ${format} as ${suggested}`) }
  chooseDatasetSavePath(suggested: string) { return this.next(`save dataset as ${suggested}`) }
}

let dir = ''
let services: AppServices
let dialogs: FakeDialogs
let processes: WorkerProcess[]
let events: { event: EventChannel; payload: unknown }[]

function start(withDialogs: boolean): void {
  dialogs = new FakeDialogs()
  processes = []
  events = []
  const launch = nodeWorkerLauncher(WORKER_SCRIPT)
  services = createServices({
    info: { version: '0.1.0', mode: withDialogs ? 'desktop' : 'browser', nativeDialogs: withDialogs, cpuCount: 4 },
    launcher: (start) => {
      const p = launch(start)
      processes.push(p)
      return p
    },
    settings: new SettingsStore(confSettingsFile(dir)),
    dialogs: withDialogs ? dialogs : null,
    emit: (event, payload) => events.push({ event, payload }),
    runsDir: join(dir, 'runs')
  })
}

async function ok<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
  const reply = await services.handle(channel, args)
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`)
  return reply.value as RequestResult<C>
}

async function refused(channel: unknown, args: unknown): Promise<AppError> {
  const reply = await services.handle(channel, args)
  if (reply.ok) throw new Error(`${channel} should have been refused`)
  return reply.error
}

const sent = <E extends EventChannel>(event: E): Events[E][] =>
  events.filter((e) => e.event === event).map((e) => e.payload as Events[E])

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'nn-scratch-handlers-')) })
afterEach(() => {
  services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('handlers in the desktop app', () => {
  beforeEach(() => start(true))

  it('open a dataset the user picks, remember it as recent, and tell the page', async () => {
    const info = await ok('dataset:open-dialog', {})
    expect(info).toBeNull()
    expect(dialogs.asked).toEqual(['dataset'])
    expect(sent('dataset:loaded')).toEqual([])

    dialogs.answers.push(FIXTURE)
    const opened = await ok('dataset:open-dialog', {})
    expect(opened).toMatchObject({ name: 'sample_2class_py2.p', origin: 'path', trainCount: 240, testCount: 60 })
    expect(sent('dataset:loaded')).toHaveLength(1)
    expect(sent('settings:changed').at(-1)?.recentDatasets.map((r) => r.path)).toEqual([FIXTURE])
    expect((await ok('dataset:open-recent', { path: FIXTURE })).name).toBe('sample_2class_py2.p')
    expect(await refused('dataset:open-recent', { path: '/etc/passwd' })).toMatchObject({ code: 'not-recent' })
    expect(await ok('dataset:forget-recent', { path: FIXTURE })).toEqual([])
    expect(await refused('dataset:open-recent', { path: FIXTURE })).toMatchObject({ code: 'not-recent' })
  })

  it('train, save through the dialog atomically, and open the model again', async () => {
    await ok('dataset:open-demo', {})
    const { runId } = await ok('train:start', { config: SMALL, from: 'fresh' })
    expect((await ok('settings:get', {})).hyperparameters.hidden).toEqual([4])
    await waitUntil(() => sent('train:finished').some((f) => f.runId === runId), 'the run')
    expect(services.hasUnsavedWork()).toBe(true)
    expect(sent('train:progress').length).toBeGreaterThan(0)
    expect(sent('train:epoch')).toHaveLength(2)
    expect(sent('train:weights').at(-1)?.first.W).toBeInstanceOf(Float32Array)

    expect(await ok('model:save-dialog', { format: 'safetensors' })).toBeNull()
    expect(dialogs.asked.at(-1)).toBe('save safetensors as demo-4-hidden-2-epochs.safetensors')

    dialogs.answers.push(join(dir, 'night-or-day'))
    const saved = await ok('model:save-dialog', { format: 'safetensors' })
    const path = join(dir, 'night-or-day.safetensors')
    expect(saved).toEqual({ name: 'night-or-day.safetensors', path })
    expect(sent('model:saved')).toEqual([saved])
    expect(decodeModel(new Uint8Array(readFileSync(path))).history).toHaveLength(2)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await waitUntil(() => !services.hasUnsavedWork(), 'the saved state')

    dialogs.answers.push(join(dir, 'weights.npz'))
    expect(await ok('model:save-dialog', { format: 'npz' })).toMatchObject({ name: 'weights.npz' })

    dialogs.answers.push(path)
    const model = await ok('model:open-dialog', {})
    expect(model).toMatchObject({ name: 'night-or-day.safetensors', kind: 'model', hidden: [4], mismatch: null })
    expect(sent('model:loaded')).toEqual([model])
    expect(sent('train:weights').at(-1)?.reason).toBe('loaded')

    dialogs.answers.push(join(dir, 'no-such-folder', 'm.safetensors'))
    const missing = await refused('model:save-dialog', { format: 'safetensors' })
    expect(missing.code).toBe('folder-missing')
    expect(missing.message).toMatch(/does not exist.*Create the folder, or choose another one/)
  })

  it('report a crashed worker in plain words, start a new one and reload the dataset', async () => {
    await ok('dataset:open-demo', {})
    events.length = 0
    processes[0].kill()
    await waitUntil(() => sent('dataset:loaded').length > 0, 'the reload')
    expect(sent('app:notice')).toEqual([{ level: 'error', code: 'worker-crashed', message: expect.stringMatching(/saved files are untouched/) }])
    expect(sent('train:state').at(-1)).toMatchObject({ state: 'idle', hasDataset: true })
    expect((await ok('app:snapshot', {})).dataset?.name).toBe('Demo: day and night landscapes')
  })

  it('open a folder of pictures through the dialog: a preview, then the import with its progress, then Save as .npz…', async () => {
    const root = await makePictureFolder(await pictureLayout())
    try {
      await ok('dataset:open-demo', {})
      events.length = 0
      dialogs.answers.push(root)
      const opened = await ok('dataset:open-dialog', { folder: true })
      expect(dialogs.asked.at(-1)).toBe('dataset folder')
      expect(opened).toMatchObject({ kind: 'picture-folder', pictures: 12, skipped: { total: 1 } })
      expect(sent('dataset:previewed')).toEqual([opened])
      expect(sent('dataset:loaded')).toEqual([])
      expect(sent('settings:changed').at(-1)?.recentDatasets.map((r) => r.path)).toEqual([root])
      const info = await ok('dataset:import-pictures', { choice: { resize: 'crop', testFraction: 0.5 } })
      expect(info).toMatchObject({ trainCount: 6, testCount: 6, resize: 'crop' })
      expect(sent('dataset:loaded')).toEqual([info])
      expect(sent('dataset:import-progress').at(-1)).toMatchObject({ done: 12, total: 12 })
      const renamed = await ok('dataset:rename-classes', { names: ['Felix', 'Fido'] })
      expect(sent('dataset:loaded').at(-1)).toEqual(renamed)
      expect(await refused('dataset:rename-classes', { names: ['a', ' A '] })).toMatchObject({ code: 'bad-class-names' })

      expect(await ok('dataset:save-dialog', {})).toBeNull()
      const name = dialogs.asked.at(-1)!.replace('save dataset as ', '')
      expect(name).toMatch(/\.npz$/)
      dialogs.answers.push(join(dir, 'my-pictures'))
      const saved = await ok('dataset:save-dialog', {})
      expect(saved).toEqual({ name: 'my-pictures.npz', path: join(dir, 'my-pictures.npz') })
      const reopened = loadDataset({ kind: 'file', name: 'my-pictures.npz', bytes: new Uint8Array(readFileSync(saved!.path)) })
      expect(reopened).toMatchObject({ classNames: ['Felix', 'Fido'], resize: 'crop' })
      expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('refuse bad arguments and unknown channels with an error, never a throw', async () => {
    for (const channel of REQUEST_CHANNELS) {
      expect(await refused(channel, { junk: 1 }), channel).toMatchObject({ code: 'bad-argument' })
    }
    expect(await refused('dataset:delete-everything', {})).toMatchObject({ code: 'bad-channel' })
    expect(await refused(42, {})).toMatchObject({ code: 'bad-channel' })
    expect(await refused('train:start', undefined)).toMatchObject({ code: 'bad-argument' })
    expect(await refused('__proto__', {})).toMatchObject({ code: 'bad-channel' })
    expect(await refused('train:start', { config: SMALL, from: 'fresh' })).toMatchObject({ code: 'no-dataset' })
  })
})

describe('handlers in browser mode', () => {
  beforeEach(() => start(false))

  it('cancel opening an upload: it answers "cancelled", and the dataset from before stays', async () => {
    await ok('dataset:open-demo', {})
    expect(await ok('dataset:cancel-open', {})).toBe(false)
    events.length = 0
    const opening = services.handle('dataset:open-bytes', { source: { kind: 'file', name: 'slow.tar.gz', bytes: slowArchive() } })
    await new Promise((r) => setTimeout(r, 100))
    expect(await ok('dataset:cancel-open', {})).toBe(true)
    expect(await opening).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(sent('dataset:loaded')).toEqual([])
    expect((await ok('app:snapshot', {})).dataset?.name).toBe('Demo: day and night landscapes')
  })

  it('have no dialogs, take uploads and hand out downloads', async () => {
    expect(await refused('dataset:open-dialog', {})).toMatchObject({ code: 'no-dialogs' })
    expect(await refused('model:save-dialog', { format: 'npz' })).toMatchObject({ code: 'no-dialogs' })
    const bytes = new Uint8Array(readFileSync(FIXTURE))
    const info = await ok('dataset:open-bytes', { source: { kind: 'file', name: 'upload.p', bytes } })
    expect(info).toMatchObject({ origin: 'bytes', path: null, trainCount: 240 })
    const { runId } = await ok('train:start', { config: { ...SMALL, epochs: 1, batchSize: 50 }, from: 'fresh' })
    await waitUntil(() => sent('train:finished').some((f) => f.runId === runId), 'the run')
    const download = await ok('model:save-bytes', { format: 'safetensors' })
    expect(download.name).toBe('upload-4-hidden-1-epochs.safetensors')
    expect(decodeModel(download.bytes).classNames).toHaveLength(2)
    const opened = await ok('model:open-bytes', { file: download })
    expect(opened.history).toHaveLength(1)
  })

  it('take a folder of pictures the page sent (the pictures, the names of the rest), and hand the .npz out as a download', async () => {
    const layout = await pictureLayout()
    const pictures = Object.entries(layout).filter(([p]) => p.endsWith('.png'))
    const source = { kind: 'folder' as const, name: 'pets', files: pictures.map(([name, bytes]) => ({ name, bytes: bytes as Uint8Array })) }
    const opened = await ok('dataset:open-bytes', { source, others: [{ path: 'notes.txt', bytes: 44 }] })
    expect(opened).toMatchObject({ kind: 'picture-folder', name: 'pets', pictures: 12 })
    expect('kind' in opened && opened.skipped.files).toEqual([{ path: 'notes.txt', reason: expect.stringMatching(/not a picture/) }])
    const info = await ok('dataset:import-pictures', { choice: { resize: 'pad', testFraction: 0.5 } })
    expect(info).toMatchObject({ name: 'pets', origin: 'bytes', resize: 'pad' })
    const file = await ok('dataset:save-bytes', {})
    expect(file.name).toBe('pets.npz')
    expect(loadDataset({ kind: 'file', name: file.name, bytes: file.bytes }).train.count).toBe(6)
    expect(await refused('dataset:save-dialog', {})).toMatchObject({ code: 'no-dialogs' })
  })

  it('hand start-up notices (a damaged settings file) to the first snapshot only', async () => {
    services.dispose()
    writeFileSync(join(dir, 'settings.json'), '{ not json')
    start(false)
    const first = await ok('app:snapshot', {})
    expect(first.notices.map((n) => n.code)).toEqual(['settings-reset'])
    expect(first.info.mode).toBe('browser')
    expect((await ok('app:snapshot', {})).notices).toEqual([])
    expect(existsSync(join(dir, 'settings.json.damaged'))).toBe(true)
  })
})

describe('handlers of recorded runs and sweeps', () => {
  beforeEach(() => start(false))

  const upload = () => ({ source: { kind: 'file' as const, name: 'sample_2class_py2.p', bytes: new Uint8Array(readFileSync(FIXTURE)) } })
  const QUICK = { ...SMALL, batchSize: 60, epochs: 1, threads: 2 }
  const finishedRuns = (list: RunList | undefined): string[] =>
    (list?.runs ?? []).filter((r) => r.ok && r.status === 'finished' && r.hasModel).map((r) => r.id)

  it('send runs:changed when the worker records a run, open a recorded run, and record Continue as its child', async () => {
    await ok('dataset:open-bytes', upload())
    const { runId } = await ok('train:start', { config: QUICK, from: 'fresh' })
    await waitUntil(() => sent('train:finished').some((f) => f.runId === runId), 'the run')
    await waitUntil(() => finishedRuns(sent('runs:changed').at(-1)).length === 1, 'the list with the finished run')
    const [id] = finishedRuns(sent('runs:changed').at(-1))
    expect(sent('train:state').at(-1)?.recordId).toBe(id)

    await ok('train:reset', {})
    const info = await ok('runs:open', { id })
    expect(info).toMatchObject({ kind: 'model', hidden: [4], mismatch: null, name: 'sample_2class_py2.p: hidden 4, learning rate 0.01, seed 1' })
    expect(info.history).toHaveLength(1)
    expect(sent('model:loaded').at(-1)).toEqual(info)
    expect((await ok('app:snapshot', {})).training).toMatchObject({ recordId: id, hasNetwork: true, epoch: 1 })

    const next = await ok('train:start', { config: QUICK, from: 'continue' })
    await waitUntil(() => sent('train:finished').some((f) => f.runId === next.runId && f.history.length === 2), 'the continued run')
    await waitUntil(() => finishedRuns(sent('runs:changed').at(-1)).length === 2, 'the list with both runs')
    const child = sent('runs:changed').at(-1)!.runs.find((r) => r.id !== id)
    expect(child?.ok && child.manifest.continuedFrom).toBe(id)
    expect(await refused('runs:open', { id: 'zzzzzz' })).toMatchObject({ code: 'no-such-run' })
    expect(await refused('runs:open', { id: '../etc' })).toMatchObject({ code: 'bad-argument' })
  })

  it('estimate, start and stop a sweep, passing its states on and keeping it in the snapshot', async () => {
    await ok('dataset:open-bytes', upload())
    const spec: SweepSpec = {
      axes: [{ setting: 'learningRate', values: { kind: 'range', from: 0.001, to: 0.1, steps: 3, scale: 'log' } }],
      mode: { kind: 'grid' }, repeats: 2, halving: null, parallel: 0
    }
    expect(await ok('sweep:estimate', { spec, config: QUICK })).toMatchObject({ runs: 6, epochs: 6, parallel: 2, threadsPerRun: 1 })
    const began = Date.now()
    const status = await ok('sweep:start', { spec, config: QUICK })
    expect(status.runs.map((r) => r.settings.learningRate)).toEqual([0.001, 0.001, 0.01, 0.01, 0.1, 0.1])
    expect(sent('settings:changed').at(-1)?.hyperparameters.batchSize).toBe(60)
    expect(await refused('train:start', { config: QUICK, from: 'fresh' })).toMatchObject({ code: 'sweep-training' })
    await waitUntil(() => sent('sweep:state').at(-1)?.state === 'finished', 'the sweep', 60_000)
    const seconds = (Date.now() - began) / 1000
    expect((await ok('app:snapshot', {})).sweep).toMatchObject({ id: status.id, state: 'finished' })
    await waitUntil(() => finishedRuns(sent('runs:changed').at(-1)).length === 6, 'the six runs listed')
    // the worker said 12 times that it recorded something; the page heard a list at most every 250 ms
    expect(sent('runs:changed').length).toBeLessThanOrEqual(Math.ceil(seconds / 0.25) + 2)

    const long = await ok('sweep:start', { spec, config: { ...QUICK, epochs: 100_000 } })
    await waitUntil(() => sent('sweep:state').at(-1)?.runs.some((r) => r.history.length > 0) === true, 'an epoch')
    const stopped = await ok('sweep:stop', { runId: null })
    expect(stopped.id).toBe(long.id)
    await waitUntil(() => sent('sweep:state').at(-1)?.state === 'stopped', 'the stopped sweep')
    expect(await refused('sweep:stop', { runId: 'all' })).toMatchObject({ code: 'bad-argument' })
    expect(await refused('sweep:start', { spec: { ...spec, axes: [] }, config: QUICK })).toMatchObject({ code: 'bad-argument' })
    expect(await refused('sweep:start', { spec: { ...spec, repeats: 1000 }, config: QUICK })).toMatchObject({ code: 'bad-argument' })
    const tooMany = await refused('sweep:start', { spec: { ...spec, axes: [{ setting: 'hidden', values: { kind: 'range', from: 1, to: 600, steps: 600, scale: 'linear' } }], repeats: 2 }, config: QUICK })
    expect(tooMany).toMatchObject({ code: 'bad-sweep', message: expect.stringMatching(/at most 1,000/) })
  })
})


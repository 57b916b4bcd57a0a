/**
 * The run store's requests through main's services, with a temporary runs folder: list, rename,
 * star and delete answer with the new list and send it as 'runs:changed'; a run that is training
 * is not deleted; bad ids never reach the store.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type AppServices } from '../../src/main/services'
import { SettingsStore } from '../../src/main/settings/store'
import { confSettingsFile } from '../../src/main/web/settingsFile'
import { RunStore } from '../../src/node/runs/store'
import type { EventChannel, Events, RequestArgs, RequestChannel, RequestResult } from '../../src/shared/ipc'
import type { AppError, RunList } from '../../src/shared/payloads'
import { sampleRun } from '../helpers/runStore'
import { stubWorkerLauncher } from '../helpers/stubWorker'

let dir = ''
let runsDir = ''
let services: AppServices
let events: { event: EventChannel; payload: unknown }[]

async function ok<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
  const reply = await services.handle(channel, args)
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`)
  return reply.value as RequestResult<C>
}

async function refused(channel: unknown, args: unknown): Promise<AppError> {
  const reply = await services.handle(channel, args)
  if (reply.ok) throw new Error(`${String(channel)} should have been refused`)
  return reply.error
}

const sent = <E extends EventChannel>(event: E): Events[E][] =>
  events.filter((e) => e.event === event).map((e) => e.payload as Events[E])

const names = (list: RunList): string[] => list.runs.map((r) => (r.ok ? `${r.name}${r.starred ? ' *' : ''}` : `damaged ${r.id}`))

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nn-scratch-runs-handlers-'))
  runsDir = join(dir, 'runs')
  events = []
  services = createServices({
    info: { version: '0.1.0', mode: 'browser', nativeDialogs: false, cpuCount: 2 },
    launcher: stubWorkerLauncher(),
    settings: new SettingsStore(confSettingsFile(dir)),
    dialogs: null,
    emit: (event, payload) => events.push({ event, payload }),
    runsDir
  })
})
afterEach(() => {
  services.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('the runs requests', () => {
  it('list an empty store, then the runs newest first with the folder and its size', async () => {
    expect(await ok('runs:list', {})).toEqual({ runs: [], bytes: 0, folder: runsDir })
    const store = new RunStore(runsDir)
    const a = await store.create(sampleRun({ name: 'lr 0.01', startedAt: '2026-01-01T10:00:00.000Z' }))
    const b = await store.create(sampleRun({ name: 'lr 0.05', startedAt: '2026-01-01T11:00:00.000Z' }))
    const list = await ok('runs:list', {})
    expect(list.runs.map((r) => r.id)).toEqual([b.id, a.id])
    expect(names(list)).toEqual(['lr 0.05', 'lr 0.01'])
    expect(list.bytes).toBeGreaterThan(0)
    expect(list.folder).toBe(runsDir)
    expect(sent('runs:changed'), 'reading changes nothing').toEqual([])
  })

  it('rename and star a run, answer with the new list and tell every page', async () => {
    const store = new RunStore(runsDir)
    const run = await store.create(sampleRun({ name: 'lr 0.01' }))
    const renamed = await ok('runs:rename', { id: run.id, name: '  the good one  ' })
    expect(names(renamed)).toEqual(['the good one'])
    expect(sent('runs:changed')).toEqual([renamed])
    const starred = await ok('runs:star', { id: run.id, starred: true })
    expect(names(starred)).toEqual(['the good one *'])
    expect(sent('runs:changed').at(-1)).toEqual(starred)
    // an empty name gives back the recorded one; the star stays
    expect(names(await ok('runs:rename', { id: run.id, name: '' }))).toEqual(['lr 0.01 *'])
    expect(names(await ok('runs:star', { id: run.id, starred: false }))).toEqual(['lr 0.01'])
    expect(sent('runs:changed')).toHaveLength(4)
    const long = await refused('runs:rename', { id: run.id, name: 'x'.repeat(201) })
    expect(long).toMatchObject({ code: 'bad-name', message: expect.stringMatching(/at most 200 characters.*Choose a shorter name/) })
    expect(await refused('runs:star', { id: 'zzzzzz', starred: true })).toMatchObject({ code: 'no-such-run' })
    expect(sent('runs:changed'), 'a refused change sends nothing').toHaveLength(4)
  })

  it('delete runs, all or none, and never one that is still training', async () => {
    const store = new RunStore(runsDir)
    const a = await store.create(sampleRun({ name: 'a', startedAt: '2026-01-01T10:00:00.000Z' }))
    const b = await store.create(sampleRun({ name: 'b', startedAt: '2026-01-01T11:00:00.000Z' }))
    const c = await store.create(sampleRun({ name: 'c', startedAt: '2026-01-01T12:00:00.000Z', status: 'running', endedAt: null }))
    const training = await refused('runs:delete', { ids: [a.id, c.id] })
    expect(training).toMatchObject({ code: 'run-training', message: expect.stringMatching(/still training\. Stop it first/) })
    expect(names(await ok('runs:list', {})), 'nothing was deleted').toEqual(['c', 'b', 'a'])
    expect(sent('runs:changed')).toEqual([])
    const after = await ok('runs:delete', { ids: [a.id, b.id] })
    expect(names(after)).toEqual(['c'])
    expect(sent('runs:changed')).toEqual([after])
    expect(existsSync(join(runsDir, a.id))).toBe(false)
  })

  it('refuse ids that are not run ids, names past the bound and empty lists before the store sees them', async () => {
    for (const id of ['../etc', 'ABCDEF', 'abc', '', 'k3f9q2/..', 7]) {
      expect(await refused('runs:star', { id, starred: true }), String(id)).toMatchObject({ code: 'bad-argument' })
      expect(await refused('runs:delete', { ids: [id] }), String(id)).toMatchObject({ code: 'bad-argument' })
    }
    expect((await refused('runs:rename', { id: 'k3f9q2', name: 'x'.repeat(1001) })).message).toMatch(/at most 1000 characters/)
    expect((await refused('runs:delete', { ids: [] })).message).toMatch(/one run id or more/)
    expect((await refused('runs:delete', { ids: Array(10_001).fill('k3f9q2') })).message).toMatch(/at most 10000 items/)
    expect(await refused('runs:star', { id: 'k3f9q2', starred: 'yes' })).toMatchObject({ code: 'bad-argument' })
    expect(existsSync(runsDir), 'nothing was created').toBe(false)
  })
})

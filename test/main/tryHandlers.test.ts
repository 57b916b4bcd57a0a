/**
 * The Try tab's requests in main: a recorded run is sent to the training process as its model
 * file named after the run, the others as they came; the desktop app's Open… gives a model's name
 * and bytes; the request's check keeps to TRY_LIMITS and says so plainly.
 */
import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../src/core/runs/types'
import { tryRequest } from '../../src/main/validation/tryPictures'
import { createTryHandlers } from '../../src/main/tryHandlers'
import type { DialogAdapter } from '../../src/main/handlers'
import type { TryAnswer } from '../../src/shared/tryPictures'
import type { WorkerArgs } from '../../src/shared/workerProtocol'

const ANSWER: TryAnswer = { pictures: [], models: [] }
const picture = { name: 'cats/tom.jpg', bytes: new Uint8Array([1, 2, 3]) }

function handlers(chosen: string | null = '/home/me/models/cats.safetensors') {
  const asked: WorkerArgs<'try-pictures'>[] = []
  const ask = (async (_type: 'try-pictures', args: WorkerArgs<'try-pictures'>) => {
    asked.push(args)
    return ANSWER
  }) as Parameters<typeof createTryHandlers>[0]
  const store = {
    get: async (id: string) => ({ id, ok: true, name: 'lr 0.05, 2 epochs' }) as unknown as RunRecord,
    readModel: async (id: string) => new TextEncoder().encode(`model of ${id}`)
  }
  const files = { read: async (path: string) => new TextEncoder().encode(`bytes of ${path}`), write: async () => undefined }
  const dialogs = { chooseModelToOpen: async () => chosen } as unknown as DialogAdapter
  return { asked, h: createTryHandlers(ask, store, files, () => dialogs) }
}

describe('the Try tab in main', () => {
  it('sends a recorded run as its model file named after the run, the current network and files as they are', async () => {
    const { asked, h } = handlers()
    const file = { name: 'old.safetensors', bytes: new Uint8Array([9]) }
    expect(await h['try:pictures']({ request: { pictures: [picture], models: [{ kind: 'current' }, { kind: 'run', id: 'abc123' }, { kind: 'file', file }] } })).toBe(ANSWER)
    expect(asked).toEqual([{
      pictures: [picture],
      networks: [
        { kind: 'current' },
        { kind: 'file', file: { name: 'lr 0.05, 2 epochs', bytes: new TextEncoder().encode('model of abc123') } },
        { kind: 'file', file }
      ]
    }])
  })

  it('gives the model the user chose in the desktop app, or null when cancelled', async () => {
    expect(await handlers().h['try:choose-model']({})).toEqual({ name: 'cats.safetensors', bytes: new TextEncoder().encode('bytes of /home/me/models/cats.safetensors') })
    expect(await handlers(null).h['try:choose-model']({})).toBeNull()
  })

  it('checks the request against its bounds in plain words', () => {
    expect(tryRequest({ pictures: [picture], models: [{ kind: 'current' }, { kind: 'run', id: 'abc123' }] }))
      .toEqual({ pictures: [picture], models: [{ kind: 'current' }, { kind: 'run', id: 'abc123' }] })
    expect(() => tryRequest({ pictures: Array.from({ length: 201 }, () => picture), models: [{ kind: 'current' }] }))
      .toThrow('That is 201 pictures; NN Scratch asks about at most 200 at a time. Choose fewer pictures.')
    expect(() => tryRequest({ pictures: [{ name: 'huge.tif', bytes: new Uint8Array(50 * 1024 ** 2 + 1) }], models: [{ kind: 'current' }] }))
      .toThrow('"huge.tif" is 51 MB, more than the 50 MB a picture may be. Make it smaller and try again.')
    expect(() => tryRequest({ pictures: [picture], models: [] })).toThrow(/one network or more/)
    expect(() => tryRequest({ pictures: [picture], models: Array.from({ length: 5 }, () => ({ kind: 'current' })) })).toThrow(/at most 4/)
    expect(() => tryRequest({ pictures: [picture], models: [{ kind: 'run', id: '../../etc' }] })).toThrow(/a run id/)
    expect(() => tryRequest({ pictures: [picture], models: [{ kind: 'path', path: '/etc/passwd' }] })).toThrow(/one of current, file, run/)
  })
})

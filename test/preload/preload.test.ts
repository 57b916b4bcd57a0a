/** The preload, with a stand-in for Electron: it exposes `api` and nothing else, for the contract's channels only. */
import { describe, expect, it, vi } from 'vitest'

const exposed = new Map<string, unknown>()
const invoked: [string, unknown][] = []
const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>()

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => {
      invoked.push([channel, args])
      return Promise.resolve({ ok: true, value: 'done' })
    },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: (event: unknown, payload: unknown) => void) =>
      listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l))
  }
}))

await import('../../src/preload/index')
const { IPC_PREFIX } = await import('../../src/shared/ipc')
type BridgeApi = import('../../src/shared/api').BridgeApi

describe('preload', () => {
  const api = exposed.get('api') as BridgeApi

  it('exposes only `api`: the version, invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['api'])
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'version'])
    expect(api.version).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('passes the contract\'s requests on under the prefix, and refuses others without asking main', async () => {
    expect(await api.invoke('train:pause', {})).toEqual({ ok: true, value: 'done' })
    expect(invoked).toEqual([[`${IPC_PREFIX}train:pause`, {}]])
    expect(await api.invoke('shell:open-external' as 'train:pause', {})).toMatchObject({ ok: false, error: { code: 'bad-channel' } })
    expect(invoked).toHaveLength(1)
  })

  it('delivers events without Electron\'s event object, until the listener stops', () => {
    const seen: unknown[] = []
    const stop = api.on('train:state', (s) => seen.push(s))
    const fire = (payload: unknown): void => { for (const l of listeners.get(`${IPC_PREFIX}train:state`) ?? []) l({ sender: 'secret' }, payload) }
    fire({ state: 'running' })
    stop()
    fire({ state: 'paused' })
    expect(seen).toEqual([{ state: 'running' }])
    expect(() => api.on('ipc:anything' as 'train:state', () => undefined)).toThrow(/no event/)
  })
})

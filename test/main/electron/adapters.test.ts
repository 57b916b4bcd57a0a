/**
 * The thin Electron adapters, with a stand-in for Electron (plain Node cannot load it): IPC
 * generated from the contract, the menu, the utility-process launcher, saved window bounds.
 */
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

const handlers = new Map<string, (event: unknown, args: unknown) => unknown>()
const forked: { script: string; args: string[]; options: unknown; child: EventEmitter & { posted: unknown[] } }[] = []

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, args: unknown) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel)
  },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
  utilityProcess: {
    fork: (script: string, args: string[], options: unknown) => {
      const child: EventEmitter & { posted: unknown[] } = Object.assign(new EventEmitter(), {
        posted: [] as unknown[],
        postMessage: (m: unknown) => { child.posted.push(m) },
        kill: () => { child.emit('exit', 0) }
      })
      forked.push({ script, args, options, child })
      return child
    }
  }
}))

const { registerIpc, windowSender } = await import('../../../src/main/electron/ipc')
const { menuTemplate } = await import('../../../src/main/electron/menu')
const { utilityWorkerLauncher } = await import('../../../src/main/electron/utilityWorker')
const { visibleBounds } = await import('../../../src/main/windowBounds')
const { IPC_PREFIX, REQUEST_CHANNELS } = await import('../../../src/shared/ipc')
type AppServices = import('../../../src/main/services').AppServices
type MenuItem = Electron.MenuItemConstructorOptions

function fakeWindow() {
  const sent: [string, unknown][] = []
  const webContents = { mainFrame: {}, send: (channel: string, payload: unknown) => sent.push([channel, payload]) }
  return { window: { webContents, isDestroyed: () => false } as unknown as Electron.BrowserWindow, sent, webContents }
}

describe('IPC', () => {
  it('handles every request channel under the prefix, for the app\'s own window only', async () => {
    const calls: [unknown, unknown][] = []
    const services = { handle: async (c: unknown, a: unknown) => { calls.push([c, a]); return { ok: true, value: 1 } } } as unknown as AppServices
    const { window, webContents } = fakeWindow()
    const unregister = registerIpc(services, () => window)
    expect([...handlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map((c) => IPC_PREFIX + c).sort())
    const own = { sender: webContents, senderFrame: webContents.mainFrame }
    expect(await handlers.get(`${IPC_PREFIX}train:pause`)!(own, {})).toEqual({ ok: true, value: 1 })
    expect(calls).toEqual([['train:pause', {}]])
    const stranger = { sender: { mainFrame: {} }, senderFrame: {} }
    expect(await handlers.get(`${IPC_PREFIX}train:pause`)!(stranger, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const iframe = { sender: webContents, senderFrame: {} }
    expect(await handlers.get(`${IPC_PREFIX}train:pause`)!(iframe, {})).toMatchObject({ ok: false })
    expect(calls).toHaveLength(1)
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('sends events to the window under the prefix', () => {
    const { window, sent } = fakeWindow()
    windowSender(() => window)('train:state', { state: 'idle' } as never)
    windowSender(() => null)('train:state', { state: 'idle' } as never)
    expect(sent).toEqual([[`${IPC_PREFIX}train:state`, { state: 'idle' }]])
  })
})

describe('application menu', () => {
  const ran: [string, unknown][] = []
  const actions = { run: (c: string, a: unknown) => { ran.push([c, a]) }, about: () => { ran.push(['about', null]) } }
  const template = menuTemplate(actions as never, [{ path: '/data/cats.p', name: 'cats.p', openedAt: 1 }], 'linux')
  const file = (template.find((m) => m.label === 'File')!.submenu as MenuItem[])
  const click = (items: MenuItem[], label: string): void => {
    (items.find((i) => i.label === label)!.click as () => void)()
  }

  it('offers the file commands of the issue, each one contract request', () => {
    expect(file.filter((i) => i.label).map((i) => i.label)).toEqual([
      'Open dataset…', 'Open dataset folder…', 'Open recent dataset', 'Use demo dataset',
      'Open model…', 'Save model…', 'Export weights (.npz)…', 'Quit'
    ])
    for (const label of ['Open dataset…', 'Open dataset folder…', 'Use demo dataset', 'Open model…', 'Save model…', 'Export weights (.npz)…']) {
      click(file, label)
    }
    click(file.find((i) => i.label === 'Open recent dataset')!.submenu as MenuItem[], '/data/cats.p')
    click(template.find((m) => m.label === 'Help')!.submenu as MenuItem[], 'About NN Scratch')
    expect(ran).toEqual([
      ['dataset:open-dialog', {}], ['dataset:open-dialog', { folder: true }], ['dataset:open-demo', {}],
      ['model:open-dialog', {}], ['model:save-dialog', { format: 'safetensors' }], ['model:save-dialog', { format: 'npz' }],
      ['dataset:open-recent', { path: '/data/cats.p' }], ['about', null]
    ])
    expect(file.find((i) => i.label === 'Quit')!.role).toBe('quit')
  })

  it('says when there are no recent datasets, and adds the app menu on macOS', () => {
    const empty = menuTemplate(actions as never, [], 'darwin')
    expect(empty[0].role).toBe('appMenu')
    const recent = (empty[1].submenu as MenuItem[]).find((i) => i.label === 'Open recent dataset')!.submenu as MenuItem[]
    expect(recent).toEqual([{ label: 'No recent datasets', enabled: false }])
  })
})

describe('utility-process worker', () => {
  it('forks out/main/worker.js, tells it the run store, and passes messages and its exit both ways', () => {
    const proc = utilityWorkerLauncher('/app/out/main/worker.js')({ runsDir: '/home/u/.config/nn-scratch/runs' })
    const { script, args, options, child } = forked[0]
    expect(script).toBe('/app/out/main/worker.js')
    expect(args).toEqual(['--runs-dir', '/home/u/.config/nn-scratch/runs'])
    // execArgv become the utility process's switches, of which Electron gives V8 only --js-flags
    expect(options).toMatchObject({ execArgv: ['--js-flags=--expose-gc --max-semi-space-size=1 --no-short-builtin-calls'] })
    const got: unknown[] = []
    const exits: unknown[] = []
    proc.onMessage((m) => got.push(m))
    proc.onExit((c) => exits.push(c))
    proc.post({ type: 'pause', id: 1 })
    child.emit('message', { type: 'ready' })
    expect(child.posted).toEqual([{ type: 'pause', id: 1 }])
    expect(got).toEqual([{ type: 'ready' }])
    proc.kill()
    expect(exits).toEqual([0])
  })
})

describe('window bounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('reopens where the window was while that is on a screen', () => {
    const saved = { x: 100, y: 80, width: 1200, height: 800, maximized: false }
    expect(visibleBounds(saved, screen)).toEqual(saved)
    expect(visibleBounds({ ...saved, x: 1870 }, screen)).toBeNull()
    expect(visibleBounds({ ...saved, x: 3000 }, [...screen, { x: 1920, y: 0, width: 2560, height: 1440 }])).toEqual({ ...saved, x: 3000 })
    expect(visibleBounds(null, screen)).toBeNull()
  })
})

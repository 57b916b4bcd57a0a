/**
 * The host's two kinds of lane behind one link: a worker thread (laneThread.ts) over the shared
 * memory, held in the process's event loop only while it has a run; or a LaneBody in the calling
 * thread (where threads cannot share memory), whose replies come back asynchronously all the same.
 */
import { LaneBody } from './lane'
import type { FromLane, LaneCall } from './laneProtocol'
import { startLaneThread } from './laneThread'
import type { PlacedData } from './host'

export interface LaneLink {
  /** resolves once the lane listens (a thread has loaded its script). */
  readonly ready: Promise<void>
  addData(key: number, data: PlacedData): void
  forgetData(key: number): void
  call(id: number, call: LaneCall): void
  /** whether the lane holds a run (a thread keeps the process alive only then). */
  busy(on: boolean): void
  close(): Promise<void>
}

export function threadLane(script: URL, memory: WebAssembly.Memory, receive: (m: FromLane) => void, died: (why: string) => void): LaneLink {
  const thread = startLaneThread(script, memory)
  let closing = false
  let isReady: () => void = () => undefined
  let notReady: (e: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    isReady = resolve
    notReady = reject
  })
  // a lane that never starts is reported through died(); nobody need wait on `ready` for that
  ready.catch(() => undefined)
  thread.unref()
  thread.on('message', (message: FromLane) => {
    if (message.type === 'ready') isReady()
    else receive(message)
  })
  thread.on('error', (e: Error) => {
    notReady(e)
    if (!closing) died(e.message)
  })
  thread.on('exit', (code) => {
    notReady(new Error(`exit code ${code}`))
    if (!closing) died(`exit code ${code}`)
  })
  return {
    ready,
    addData: (key, data) => {
      if (data.layout) thread.postMessage({ type: 'data', key, layout: data.layout })
    },
    forgetData: (key) => thread.postMessage({ type: 'forget-data', key }),
    call: (id, call) => thread.postMessage({ type: 'call', id, call }),
    busy: (on) => {
      if (on) thread.ref()
      else thread.unref()
    },
    close: async () => {
      closing = true
      await thread.terminate()
    }
  }
}

export function callerLane(receive: (m: FromLane) => void): LaneLink {
  // replies and events reach the host after the call that caused them has returned, as from a thread
  const body = new LaneBody(null, (message) => queueMicrotask(() => receive(message)))
  return {
    ready: Promise.resolve(),
    addData: (key, data) => body.addData(key, data.dataset),
    forgetData: (key) => body.forgetData(key),
    call: (id, call) => void body.call(id, call),
    busy: () => undefined,
    close: async () => undefined
  }
}

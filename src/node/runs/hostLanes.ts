/**
 * The run host's lanes: a pool of lanes (each holding at most one run) that sends them calls and
 * matches their replies, hands their events on, and fails the calls of a lane that ends on its
 * own. A lane is a worker thread (laneThread.ts) over the shared memory, held in the process's
 * event loop only while it has a run; or a LaneBody in the calling thread, whose replies come back
 * asynchronously all the same: over the shared memory with its kernel helpers as a thread lane has
 * them (LanePlace 'caller': one run, no lane thread), or, where threads cannot share memory, on
 * the TypeScript kernels.
 */
import type { Region } from '../../core/engine/arena'
import { datasetAt } from '../../core/engine/dataMemory'
import { CTRL_BYTES } from '../../core/engine/jobs'
import type { RegionAllocator } from '../../core/engine/regions'
import { UserError } from '../../core/errors'
import type { AppError } from '../../shared/payloads'
import type { HostDatasets, PlacedData } from './hostData'
import { LaneBody } from './lane'
import type { FromLane, LaneCall } from './laneProtocol'
import { missingScript } from '../scriptThread'
import { startLaneThread } from './laneThread'

/**
 * Where a host's lanes run: 'threads', each in a worker thread of its own (runs side by side, the
 * calling thread free to answer while they train); 'caller', one lane in the calling thread, which
 * then trains in slices between its other work (a single run, with no lane thread's memory).
 */
export type LanePlace = 'threads' | 'caller'

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

/** `died`: the lane thread ended on its own, `why` in a few words, or the whole plain message. */
export function threadLane(
  script: URL, memory: WebAssembly.Memory, ctrl: Region | null, receive: (m: FromLane) => void, died: (why: string | UserError) => void
): LaneLink {
  const thread = startLaneThread(script, memory, ctrl)
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
    if (!closing) died(missingScript(e) ?? e.message)
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

/**
 * A lane in the calling thread: over `memory` (the host's shared memory, `ctrl` its control block
 * there, its kernel helpers running the helpers' entry beside `script`) as a thread lane is, or,
 * with memory null, engines of its own on the TypeScript kernels.
 */
export function callerLane(memory: WebAssembly.Memory | null, ctrl: Region | null, script: URL, receive: (m: FromLane) => void): LaneLink {
  // replies and events reach the host after the call that caused them has returned, as from a thread
  const body = new LaneBody(memory, (message) => queueMicrotask(() => receive(message)), ctrl, script)
  return {
    ready: Promise.resolve(),
    // the placed pixels, as a thread lane sees them: never the arrays the dataset was given in
    addData: (key, data) => body.addData(key, memory && data.layout ? datasetAt(memory, data.layout) : data.dataset),
    forgetData: (key) => body.forgetData(key),
    call: (id, call) => void body.call(id, call),
    busy: () => undefined,
    close: () => body.close()
  }
}

/** A lane and the run it holds. */
export interface Slot {
  readonly link: LaneLink
  runId: number | null
  threads: number
}

/** What a lane reports besides replies: its run's events, and a run let go. */
export type LaneNews = Extract<FromLane, { type: 'event' } | { type: 'released' }>

interface Pending {
  readonly slot: Slot
  readonly resolve: (value: unknown) => void
  readonly reject: (e: unknown) => void
}

export class LanePool {
  readonly slots: Slot[] = []
  private readonly pending = new Map<number, Pending>()
  private nextCall = 1

  /**
   * `regions`: of the shared memory the lanes work in (null: one lane in the calling thread, on
   * the TypeScript kernels); `place`: where its lanes run; `hear`: every event and release;
   * `lost`: a lane that ended on its own, after its calls were failed with `error`.
   */
  constructor(
    private readonly script: URL, private readonly regions: RegionAllocator | null, private readonly place: LanePlace,
    private readonly datasets: HostDatasets,
    private readonly hear: (news: LaneNews) => void, private readonly lost: (slot: Slot, error: UserError) => void
  ) {}

  /** The links of every lane. */
  links(): LaneLink[] {
    return this.slots.map((s) => s.link)
  }

  /** Lanes holding a run. */
  busy(): Slot[] {
    return this.slots.filter((s) => s.runId !== null)
  }

  /** A lane without a run, started if none is free. */
  idle(): Slot {
    return this.slots.find((s) => s.runId === null) ?? this.add()
  }

  /** Starts lanes up to `count` and waits until they listen. */
  async prepare(count: number): Promise<void> {
    while (this.slots.length < count) this.add()
    await Promise.all(this.slots.map((s) => s.link.ready))
  }

  /** Sends a call to a lane; resolves with its reply's value, rejects with its error in plain words. */
  send(slot: Slot, call: LaneCall): Promise<unknown> {
    const id = this.nextCall++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { slot, resolve, reject })
      slot.link.call(id, call)
    })
  }

  /** Ends every lane; calls still waiting for a reply fail with `error`. */
  async close(error: Error): Promise<void> {
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
    await Promise.all(this.slots.map((s) => s.link.close()))
    this.slots.length = 0
  }

  private add(): Slot {
    let slot: Slot
    const receive = (message: FromLane): void => this.receive(slot, message)
    const regions = this.regions
    // a lane's control block is never given back: helper threads of a lane that died may still look at it
    const ctrl = regions ? regions.take(CTRL_BYTES) : null
    const link = regions && this.place === 'threads'
      ? threadLane(this.script, regions.memory, ctrl, receive, (why) => this.died(slot, why))
      : callerLane(regions?.memory ?? null, ctrl, this.script, receive)
    slot = { link, runId: null, threads: 0 }
    for (const [key, entry] of this.datasets.entries()) link.addData(key, entry)
    this.slots.push(slot)
    return slot
  }

  private receive(slot: Slot, message: FromLane): void {
    if (message.type === 'ready') return
    if (message.type !== 'reply') {
      this.hear(message)
      return
    }
    const p = this.pending.get(message.id)
    if (!p) return
    this.pending.delete(message.id)
    if (message.ok) p.resolve(message.value)
    else p.reject(fromAppError(message.error))
  }

  /** A lane thread ended on its own (a crash, or a script missing): its calls fail in plain words. */
  private died(slot: Slot, why: string | UserError): void {
    const i = this.slots.indexOf(slot)
    if (i >= 0) this.slots.splice(i, 1)
    const error = why instanceof UserError ? why : new UserError('lane-stopped',
      `A training thread stopped unexpectedly (${why}), so its run ended. Start it again; if it happens again, restart NN Scratch.`)
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue
      this.pending.delete(id)
      p.reject(error)
    }
    this.lost(slot, error)
  }
}

function fromAppError(error: AppError): UserError {
  return new UserError(error.code, error.message)
}

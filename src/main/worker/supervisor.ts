/**
 * The one owner of the training worker's life: starts it, matches its replies to requests,
 * passes its events on, and when it ends unexpectedly answers what was waiting with a plain
 * error, starts a fresh one and loads the last dataset into it again (a folder of pictures is
 * imported again as it was, its classes named as they were). Files on disk are never
 * touched here, so a crash cannot damage a saved model. After MAX_CRASHES crashes within
 * CRASH_WINDOW_MS it stops restarting and says so.
 */
import type { AppError, DatasetOptions, Reply } from '../../shared/payloads'
import type { PictureImportChoice } from '../../shared/pictures'
import type {
  FromWorker, ToWorker, WorkerArgs, WorkerCommandType, WorkerEvents, WorkerEventType, WorkerResult, WorkerSource
} from '../../shared/workerProtocol'
import type { WorkerLauncher, WorkerProcess, WorkerStart } from './process'

export const MAX_CRASHES = 3
export const CRASH_WINDOW_MS = 60_000

export type WorkerEventMessage = { [T in WorkerEventType]: { readonly type: T; readonly payload: WorkerEvents[T] } }[WorkerEventType]

export interface SupervisorHooks {
  onEvent(event: WorkerEventMessage): void
  /** A fresh worker runs after a crash; `error` says what happened, in plain words. */
  onRestarted(error: AppError): void
  /** The worker kept crashing and was not started again. */
  onGaveUp(error: AppError): void
}

export const CRASHED: AppError = {
  code: 'worker-crashed',
  message: 'The training process stopped unexpectedly, so the training in progress was lost. ' +
    'NN Scratch started a new one and loaded your dataset again; your saved files are untouched.'
}

export const GAVE_UP: AppError = {
  code: 'worker-failed',
  message: 'The training process keeps stopping unexpectedly, so NN Scratch stopped restarting it. ' +
    'Your saved files are untouched. Restart the app; if it happens again, try a smaller dataset or network.'
}

/** What the last dataset was made of: its source, the import of a folder of pictures, the classes picked and named. */
interface LastLoad {
  readonly source: WorkerSource
  readonly options?: DatasetOptions
  readonly picked?: PictureImportChoice
  readonly names?: readonly string[]
}

interface Pending {
  readonly resolve: (reply: Reply<unknown>) => void
}

export class WorkerSupervisor {
  private process: WorkerProcess | null = null
  private ready: Promise<void> = Promise.resolve()
  private markReady: () => void = () => undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private crashes: number[] = []
  private disposed = false
  private gaveUp = false
  /** The last dataset that loaded, to load again into a fresh worker. */
  private lastLoad: LastLoad | null = null
  /** The folder of pictures previewed last, which an import makes the last dataset. */
  private previewed: { source: WorkerSource } | null = null

  /** `startWith`: what every worker it starts is told (the run store; none by default). */
  constructor(private readonly launch: WorkerLauncher, private readonly hooks: SupervisorHooks, private readonly startWith: WorkerStart = { runsDir: null }) {
    this.start()
  }

  async request<T extends WorkerCommandType>(type: T, args: WorkerArgs<T>): Promise<Reply<WorkerResult<T>>> {
    if (this.gaveUp) return { ok: false, error: GAVE_UP }
    const proc = await this.whenReady()
    if (!proc) return { ok: false, error: this.gaveUp ? GAVE_UP : CRASHED }
    const id = this.nextId++
    const reply = new Promise<Reply<unknown>>((resolve) => this.pending.set(id, { resolve }))
    proc.post({ type, id, ...args } as unknown as ToWorker)
    const answer = (await reply) as Reply<WorkerResult<T>>
    if (answer.ok) this.remember(type, args, answer.value)
    return answer
  }

  /** Ends the worker for good (the app is quitting). */
  dispose(): void {
    this.disposed = true
    this.process?.kill()
    this.process = null
    this.markReady()
    this.failPending({ code: 'closing', message: 'NN Scratch is closing.' })
  }

  private remember<T extends WorkerCommandType>(type: T, args: WorkerArgs<T>, value: unknown): void {
    if (type === 'load-dataset') {
      const load = args as WorkerArgs<'load-dataset'>
      // a folder of pictures previewed leaves the dataset in use as it was
      if ((value as { kind?: unknown } | null)?.kind === 'picture-folder') this.previewed = { source: load.source }
      else {
        this.lastLoad = { ...load }
        // the worker let the folder go: so does this (files the page sent may be big)
        this.previewed = null
      }
    } else if (type === 'import-pictures' && this.previewed) {
      this.lastLoad = { source: this.previewed.source, picked: (args as WorkerArgs<'import-pictures'>).choice }
      // files the page sent went with their import; a folder on disk can be imported again
      if (this.previewed.source.kind !== 'path') this.previewed = null
    } else if (type === 'configure-dataset' && this.lastLoad) {
      this.lastLoad = { ...this.lastLoad, options: (args as WorkerArgs<'configure-dataset'>).options }
    } else if (type === 'rename-classes' && this.lastLoad) {
      this.lastLoad = { ...this.lastLoad, names: (args as WorkerArgs<'rename-classes'>).names }
    }
  }

  /** The running worker once it said 'ready' (a crash before that moves on to its successor). */
  private async whenReady(): Promise<WorkerProcess | null> {
    for (;;) {
      const proc = this.process
      if (!proc || this.disposed) return null
      await this.ready
      if (this.process === proc) return proc
    }
  }

  private start(): void {
    const proc = this.launch(this.startWith)
    this.process = proc
    this.ready = new Promise((resolve) => { this.markReady = resolve })
    const markReady = this.markReady
    proc.onMessage((message) => this.receive(message, markReady))
    proc.onExit(() => this.exited(proc))
  }

  private receive(message: FromWorker, markReady: () => void): void {
    if (message.type === 'ready') markReady()
    else if (message.type === 'reply') {
      const waiting = this.pending.get(message.id)
      this.pending.delete(message.id)
      waiting?.resolve(message.reply)
    } else this.hooks.onEvent(message)
  }

  private exited(proc: WorkerProcess): void {
    if (this.disposed || proc !== this.process) return
    this.process = null
    this.markReady()
    this.failPending(CRASHED)
    const time = Date.now()
    this.crashes = [...this.crashes.filter((t) => time - t < CRASH_WINDOW_MS), time]
    if (this.crashes.length > MAX_CRASHES) {
      this.gaveUp = true
      this.hooks.onGaveUp(GAVE_UP)
      return
    }
    this.start()
    void this.reload()
  }

  private async reload(): Promise<void> {
    const last = this.lastLoad
    if (last && !(await this.loadAgain(last))) this.lastLoad = null
    this.hooks.onRestarted(CRASHED)
  }

  /** The last dataset in a fresh worker: read (or imported) again, its classes picked and named as they were. */
  private async loadAgain(last: LastLoad): Promise<boolean> {
    const { source, options, picked, names } = last
    if (picked) {
      if (!(await this.request('load-dataset', { source })).ok) return false
      if (!(await this.request('import-pictures', { choice: picked })).ok) return false
      if (options && !(await this.request('configure-dataset', { options })).ok) return false
    } else if (!(await this.request('load-dataset', options ? { source, options } : { source })).ok) return false
    if (names) await this.request('rename-classes', { names })
    // what the requests above remembered is what it was
    this.lastLoad = last
    return true
  }

  private failPending(error: AppError): void {
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.resolve({ ok: false, error })
  }
}
